from dateline.extract.actors import ActorIndex
from dateline.types import Actor


def _actors():
    return (
        Actor(id="a1", name="Sergei Lavrov", type="person", mentions=((10, 23), (100, 106), (200, 202))),
        Actor(id="a2", name="Russia", type="country", mentions=((0, 6), (30, 36))),
        Actor(id="a3", name="Russian Foreign Ministry", type="org", mentions=((30, 52),)),
    )


def test_at_prefers_tightest_containing_mention():
    idx = ActorIndex(_actors())
    assert idx.at(30, 36).id == "a2"  # "Russia" inside "Russian Foreign Ministry"
    assert idx.at(40, 52).id == "a3"
    assert idx.at(12, 15).id == "a1"
    assert idx.at(200, 202).id == "a1"  # a pronoun mention


def test_at_misses_and_overlaps():
    idx = ActorIndex(_actors())
    assert idx.at(60, 70) is None
    assert idx.at(95, 102).id == "a1"  # partial overlap
    assert idx.at(6, 10) is None  # touching is not overlapping


def test_within_get_and_mention_at():
    idx = ActorIndex(_actors())
    assert [a.id for _, a in idx.within(0, 60)] == ["a2", "a1", "a2", "a3"]
    assert idx.get("a3").name == "Russian Foreign Ministry"
    assert idx.get("zz") is None
    assert idx.mention_at(101, 103) == ((100, 106), idx.get("a1"))
    assert len(idx) == 3


class _Tok:
    def __init__(self, idx, text):
        self.idx, self.text = idx, text


def test_token_lookup():
    idx = ActorIndex(_actors())
    assert idx.token(_Tok(100, "Lavrov")).id == "a1"
    assert idx.token(_Tok(300, "x")) is None
