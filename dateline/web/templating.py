"""The Jinja2 environment for the web UI: autoescaping always on, our filters, extra template dirs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from dateline.extract.time.calendar import label
from dateline.web.params import country_name, pickers

TEMPLATES = Path(__file__).parent / "templates"

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
DATE_BASES = {"explicit": "named in the text", "relative": "counted from the article's date",
              "publication": "the article's date (no time in the text)", "none": "no date in the text"}


def _qs(params, **changes) -> str:
    """A query string from ``params`` (a dict, or a request's query parameters, repeated keys kept)
    with ``changes`` applied; empty values dropped. ``True`` is written as 1."""
    if hasattr(params, "multi_items"):
        items = [(k, v) for k, v in params.multi_items() if k not in changes]
    else:
        items = [(k, v) for k, v in dict(params).items() if k not in changes]
    items += list(changes.items())
    return urlencode([(k, 1 if v is True else v) for k, v in items if v not in (None, "", False)], doseq=True)


def _toggle(csv: str | None, value: str) -> str:
    """``"A,B"`` with ``value`` added, or removed when present (facet links)."""
    parts = [p for p in (csv or "").split(",") if p]
    return ",".join([p for p in parts if p != value] if value in parts else [*parts, value])


def _quad(value) -> str:
    try:
        return QUAD_NAMES.get(int(value), "unknown")
    except (TypeError, ValueError):
        return "unknown"


@jinja2.pass_context
def _url_for(context, name: str, /, **path_params) -> str:
    """Links in pages are paths (``/articles/abc``), never built from the request's Host header."""
    from dateline.api.links import path_for  # deferred: loads starlette

    return path_for(context["request"], name, **path_params)


def _when_label(date, precision=None) -> str:
    try:
        return label(date, precision)
    except ValueError:
        return str(date)


def make_env(extra_dirs: list[Path] | None = None) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader([str(TEMPLATES), *map(str, extra_dirs or [])])])
    # autoescape for every template, whatever its extension: all article text is untrusted
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.ChainableUndefined)
    env.filters["qs"] = _qs
    env.filters["quad"] = _quad
    env.filters["when_label"] = _when_label
    env.globals["DATE_BASES"] = DATE_BASES
    env.filters["toggle"] = _toggle

    env.filters["country_name"] = country_name

    env.globals["pickers_for"] = lambda form, facets=None: pickers(facets, form)
    env.globals["QUAD_NAMES"] = QUAD_NAMES
    env.globals["url_for"] = _url_for  # Jinja2Templates keeps it (it only sets a default)
    return env


_templates: Jinja2Templates | None = None


def templates() -> Jinja2Templates:
    """The shared templates object (routers added by other packages render through it too)."""
    global _templates
    if _templates is None:
        _templates = Jinja2Templates(env=make_env())
    return _templates


def add_template_dir(path: str | Path) -> None:
    """Let another package's router render its own templates, which may extend ``base.html``."""
    loader = templates().env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    loader.loaders.append(jinja2.FileSystemLoader(str(path)))
