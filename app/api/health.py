"""``GET /healthz``: can this server answer? It reads the session store and the index."""

from __future__ import annotations

import sqlite3

from fastapi import APIRouter

from app.api.schemas import ErrorBody, Health
from app.api.services import AppServices
from scripts.query import facets
from scripts.query.connection import IndexQueryError
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

router = APIRouter(tags=["operations"])


class UnhealthyError(RuntimeError):
    """The session store or the catalogue index cannot be read."""


@router.get(
    "/healthz",
    responses={503: {"model": ErrorBody, "description": "The store or the index is unusable."}},
)
def healthz(services: AppServices) -> Health:
    """200 when the session store and the catalogue index both answer, else 503 saying which."""
    problems, active, records = [], 0, 0
    try:
        active = services.store.stats()["active_sessions"]
    except Exception as exc:  # any failure of the store's backend means "unhealthy"
        problems.append(f"session store: {type(exc).__name__}: {exc}")
    try:
        records = facets.count([], services.settings.index_db)
    except (OSError, sqlite3.Error, IndexQueryError) as exc:
        log.error(
            "catalogue index unreadable",
            extra=fields(path=str(services.settings.index_db), error=str(exc)),
        )
        problems.append("catalogue index: the catalogue index cannot be read")
    if problems:
        raise UnhealthyError("; ".join(problems))
    return Health(status="ok", active_sessions=active, catalogue_records=records)
