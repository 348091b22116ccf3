"""Logging for Colophon: libraries take named loggers, entry points configure the output.

Records are structured: keyword fields passed as ``extra={"fields": {...}}`` appear as
``key=value`` pairs, or as JSON lines when configured so. Message text from readers is never
logged at INFO; log its length or id instead.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, ClassVar

ROOT = "colophon"


class _KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {})
        extra = " ".join(f"{key}={value}" for key, value in fields.items())
        line = f"{record.levelname:<7} {record.name}: {record.getMessage()}"
        return f"{line} {extra}" if extra else line


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class LoggerManager:
    """Hands out loggers under the ``colophon`` namespace and configures their output once."""

    _configured: ClassVar[bool] = False

    @staticmethod
    def get_logger(name: str) -> logging.Logger:
        """A logger named ``colophon.<name>`` (module names are used as they are)."""
        return logging.getLogger(name if name.startswith(ROOT) else f"{ROOT}.{name}")

    @classmethod
    def configure(cls, level: str | int = "WARNING", json_lines: bool = False) -> None:
        """Send Colophon's records to stderr; called by entry points, not by libraries."""
        root = logging.getLogger(ROOT)
        for handler in list(root.handlers):
            root.removeHandler(handler)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonFormatter() if json_lines else _KeyValueFormatter())
        root.addHandler(handler)
        root.setLevel(level.upper() if isinstance(level, str) else level)
        root.propagate = False
        cls._configured = True


def fields(**values: Any) -> dict[str, dict[str, Any]]:
    """Structured fields for a log call: ``log.info("appended", extra=fields(session=sid))``."""
    return {"fields": values}
