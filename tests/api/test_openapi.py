"""The served OpenAPI document, checked by schemathesis against the live app (uvicorn on 127.0.0.1).

Kept small: a few generated examples per operation. Writes are exercised without the token, so
the run checks the guard (401/403 as documented) and never starts the NLP pipeline.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings


def test_openapi_document_is_served(live_server):
    doc = httpx.get(f"{live_server.url}/api/openapi.json").json()
    paths = set(doc["paths"])
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{actor_id}",
              "/api/quotes", "/api/events", "/api/search", "/api/ingest", "/api/timeline", "/api/network"):
        assert p in paths
    assert not any(p.startswith(("/search", "/articles", "/timeline")) for p in paths)  # pages stay out
    assert "HTTPBearer" in doc["components"]["securitySchemes"]


@pytest.mark.slow
def test_api_conforms_to_its_schema(live_server):
    """Every operation, a few generated requests each, all of schemathesis' default checks."""
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 12
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case):
            case.call_and_validate(timeout=30)

        check()
