"""The write guard: ``Authorization: Bearer <DATELINE_TOKEN>``.

No token configured -> every write is refused (403, writes disabled); no credentials -> 401;
wrong credentials -> 403. Tokens are compared in constant time.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer(auto_error=False, description="the value of DATELINE_TOKEN")


def require_token(request: Request, creds: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    configured = request.app.state.config.token
    if not configured:
        raise HTTPException(403, "writes are disabled: start the server with DATELINE_TOKEN set")
    if creds is None or not creds.credentials:
        raise HTTPException(
            401, "a token is required: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(creds.credentials.encode(), configured.encode()):
        raise HTTPException(403, "wrong token")
