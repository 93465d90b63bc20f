"""The HTTP API (FastAPI) and the app factory that also serves the web UI: ``create_app(config)``."""

from dateline.api.app import create_app

__all__ = ["create_app"]
