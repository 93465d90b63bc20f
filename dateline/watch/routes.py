"""The watch routes as ``create_app`` looks for them (``OPTIONAL_ROUTERS``): see dateline.api.watch_routes."""

from dateline.api.watch_routes import NAV, build

__all__ = ["NAV", "build"]
