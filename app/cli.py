"""The ``colophon`` command line: one Typer app; each topic's commands live in app/commands/."""

from __future__ import annotations

import typer

from app.commands import (
    catalogue,
    chat,
    maintenance,
    records,
    search,
    serve,
    sessions,
    store_copy,
)
from app.settings import get_settings
from scripts.utils.logger import LoggerManager

app = typer.Typer(
    name="colophon",
    help="Conversational search over rare-book catalogues built from MARC records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log at INFO to stderr."),
) -> None:
    """Conversational search over rare-book catalogues built from MARC records."""
    settings = get_settings()
    LoggerManager.configure("INFO" if verbose else settings.log_level, json_lines=settings.log_json)


sessions.register(app)
chat.register(app)
maintenance.register(app)
search.register(app)
records.register(app)
catalogue.register(app)
store_copy.register(app)
serve.register(app)

if __name__ == "__main__":
    app()
