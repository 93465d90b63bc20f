"""Map errors to responses: JSON ``{"error": {code, message, hint}}`` under /api, an HTML page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.api.models import ErrorResponse
from dateline.errors import CODES, DatelineError
from dateline.query.filters import parse_day
from dateline.web.templating import templates

# DatelineError code -> HTTP status
STATUS = {"E114": 400, "E402": 404, "E501": 400, "E502": 401, "E503": 403, "E504": 413, "E500": 503, "E400": 503}
# HTTP status -> the closest error code, for errors raised by the framework
CODE_FOR_STATUS = {404: "E402", 400: "E501", 405: "E501", 413: "E504", 401: "E502", 403: "E503"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def error_body(code: str, message: str, hint: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "hint": hint if hint is not None else CODES[code][1]}}


def _render(request: Request, status: int, body: dict, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)

    return templates().TemplateResponse(
        request, "error.html", {"status": status, "error": body["error"]}, status_code=status, headers=headers
    )


API_HINT = "see the parameter's description in /api/openapi.json (or /docs)"
# What a parameter must look like, said in words (the schema's regular expressions are for machines).
EXPECTED = {
    "since": "a date: YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday or Nd / Nw (days / weeks ago)",
    "until": "a date: YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday or Nd / Nw (days / weeks ago)",
    "type": "PLOVER event type(s), comma-separated, e.g. ACCUSE,THREATEN",
    "country": "an ISO 3166-1 alpha-3 country code such as IRN",
    "format": "json or csv",
    "kind": "direct, partial or indirect",
    "order": "asc or desc",
    "article_id": "an article id (letters, digits, '-' and '_')",
}


def _reason(err: dict) -> str:
    """One validation error as ``name: what is wrong (got 'value')``, without regular expressions."""
    loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
    name = ".".join(loc) or "request"
    value = err.get("input")
    got = f" (got {str(value)[:60]!r})" if isinstance(value, str | int | float) else ""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "string_unicode":  # a JSON escape such as \ud800: valid JSON, not Unicode text
        return f"{name} holds a lone surrogate, which is not Unicode text: fix the \\u escape in the request"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in ("since", "until"):
        try:
            parse_day(str(value))
        except DatelineError as exc:
            return f"{name}: {exc.message}"
    if kind == "string_pattern_mismatch":
        want = EXPECTED.get(loc[-1] if loc else "", "the form its description gives")
        return f"{name}: expected {want}{got}"
    msg = str(err.get("msg") or "invalid")
    if "pattern" in ctx:
        msg = "does not have the expected form"
    return f"{name}: {msg[0].lower() + msg[1:] if msg else msg}{got}"


def validation_body(exc: RequestValidationError) -> dict:
    reasons = [_reason(e) for e in exc.errors()]
    return error_body("E501", "; ".join(dict.fromkeys(reasons)) or "bad request", API_HINT)


def use_error_shape_in_openapi(app: FastAPI) -> None:
    """Document parameter errors as they are answered: ``400`` with ``ErrorResponse``, not FastAPI's
    ``422`` validation body."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        doc = build()
        ref = {"$ref": "#/components/schemas/ErrorResponse"}
        for item in doc.get("paths", {}).values():
            for op in item.values():
                responses = op.get("responses", {}) if isinstance(op, dict) else {}
                answer = responses.get("422", {})
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("$ref", "").endswith("/HTTPValidationError"):
                    del responses["422"]
                    responses.setdefault("400", {"description": "Bad request (E501)",
                                                 "content": {"application/json": {"schema": ref}}})
        schemas = doc.get("components", {}).get("schemas", {})
        if "ErrorResponse" not in schemas:
            schemas["ErrorResponse"] = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schemas["ErrorResponse"].pop("$defs", {}))
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _render(request, 400, validation_body(exc))

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError):
        return _render(request, STATUS.get(exc.code, 500), {"error": exc.to_json()})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = CODE_FOR_STATUS.get(exc.status_code, "E501")
        hint = {
            401: "send 'Authorization: Bearer <DATELINE_TOKEN>'",
            403: "check the token the server was started with (DATELINE_TOKEN)",
            404: CODES["E402"][1],
            413: f"keep requests under {request.app.state.config.max_request_bytes} bytes",
        }.get(exc.status_code)
        return _render(request, exc.status_code, error_body(code, str(exc.detail), hint), getattr(exc, "headers", None))


def html_error(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, status, error_body(CODE_FOR_STATUS.get(status, "E501"), message))
