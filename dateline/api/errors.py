"""Map errors to responses: JSON ``{"error": {code, message, hint}}`` under /api, an HTML page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.errors import CODES, DatelineError

# DatelineError code -> HTTP status
STATUS = {"E402": 404, "E501": 400, "E502": 401, "E503": 403, "E504": 413, "E500": 503, "E400": 503}
# HTTP status -> the closest error code, for errors raised by the framework
CODE_FOR_STATUS = {404: "E402", 400: "E501", 405: "E501", 413: "E504", 401: "E502", 403: "E503"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def error_body(code: str, message: str, hint: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "hint": hint if hint is not None else CODES[code][1]}}


def _render(request: Request, status: int, body: dict, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    from dateline.web.templating import templates

    return templates().TemplateResponse(
        request, "error.html", {"status": status, "error": body["error"]}, status_code=status, headers=headers
    )


def install(app: FastAPI) -> None:
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
