"""``GET /healthz``: can this server answer? It probes the session store with a write
transaction it rolls back (``SessionStore.check``), counts its sessions, and reads the index.
Problems are named without paths; the log has them."""

from __future__ import annotations

import sqlite3

from fastapi import APIRouter

from app.api.schemas import ErrorBody, Health
from app.api.services import AppServices
from scripts.chat import StoreUnavailableError
from scripts.query.connection import IndexQueryError
from scripts.query.execute import count_matches
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
        services.store.check()
        active = services.store.stats()["active_sessions"]
    except StoreUnavailableError as exc:
        log.error("session store unusable", extra=fields(where=exc.where, error=exc.reason))
        problems.append(str(exc))
    except Exception as exc:  # whatever else the store raises, the probe reports, not fails
        log.error("session store check failed", exc_info=exc)
        problems.append(f"the session store cannot be used: {type(exc).__name__}")
    try:
        records, _ = count_matches([], services.settings.index_db)
    except (OSError, sqlite3.Error, IndexQueryError) as exc:
        log.error(
            "catalogue index unreadable",
            extra=fields(path=str(services.settings.index_db), error=str(exc)),
        )
        problems.append("the catalogue index cannot be read")
    if problems:
        raise UnhealthyError("; ".join(problems))
    return Health(status="ok", active_sessions=active, catalogue_records=records)
