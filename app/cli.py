"""The ``colophon`` command line: one Typer app; each topic's commands live in app/commands/."""

from __future__ import annotations

import sys

import typer
from pydantic import ValidationError

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
from app.commands.common import fail
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
    for number, argument in enumerate(sys.argv[1:], start=1):
        if not _is_text(argument):
            fail(f"argument {number} is not valid UTF-8; retype it or fix the terminal's encoding")
    try:
        settings = get_settings()
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = f"COLOPHON_{'_'.join(map(str, problem['loc'])).upper()}"
        fail(f"{name} is not valid: {problem['msg']}")
    LoggerManager.configure("INFO" if verbose else settings.log_level, json_lines=settings.log_json)


def _is_text(argument: str) -> bool:
    """False for an argument holding bytes that were not UTF-8 (Python keeps them as surrogates)."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
