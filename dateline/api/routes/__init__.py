"""The /api routers; each module's ``build(config)`` returns an APIRouter."""
