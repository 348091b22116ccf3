"""``colophon serve`` runs the HTTP API and chat page; ``colophon token`` signs a bearer token.

``serve`` passes its choices to the server through ``COLOPHON_STORE_URL`` and
``COLOPHON_INDEX_DB``, which every worker process reads when it starts, so ``--workers 4``
serves one store and one index, and gives the workers one fresh metrics directory
(``PROMETHEUS_MULTIPROC_DIR``), removed when the server stops. Without
``COLOPHON_JWT_SECRET`` it runs in local single-user mode and refuses any address but
loopback.
"""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from app.api.hosts import allowed_hosts
from app.api.share_links import ShareKeyError, share_key
from app.api.tokens import (
    AuthConfigError,
    InvalidUserIdError,
    check_bind,
    issue_token,
    signing_key,
)
from app.commands.chat import ready_index
from app.commands.common import (
    STORE_DEFAULT,
    STORE_HELP,
    fail,
    finite,
    open_store,
    store_location,
)
from app.settings import get_settings

APP = "app.api.main:app"
MAX_TOKEN_HOURS = 24 * 366  # a year and a day


def _key() -> str | None:
    try:
        return signing_key(get_settings())
    except AuthConfigError as exc:
        fail(str(exc))


def _stopped(signum: int, frame: object) -> None:
    """End quietly, leaving the ``with`` blocks to clean up: a one-process uvicorn re-raises
    the signal it stopped on after shutting down, which would otherwise kill the process."""
    raise SystemExit(0)


def _url(host: str, port: int) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    store: Annotated[
        str | None,
        typer.Option("--store", "--db-path", help=STORE_HELP, show_default=STORE_DEFAULT),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", "--index", help="Catalogue index.", show_default="data/index/bibliographic.db"
        ),
    ] = None,
) -> None:
    """Serve the chat page and the HTTP API (docs at /docs)."""
    key = _key()
    try:
        check_bind(host, key)
        allowed_hosts(get_settings(), key)
    except AuthConfigError as exc:
        fail(str(exc))
    index = ready_index(db)
    location = store_location(store)
    with open_store(location) as opened:  # fail fast; say so when a file is created
        opened.check(thorough=True)  # refuse a store that is damaged or cannot be written
    os.environ["COLOPHON_STORE_URL"] = location
    os.environ["COLOPHON_INDEX_DB"] = str(index)
    settings = get_settings()
    try:
        share_key(settings)  # made here once, so the workers find it
    except ShareKeyError as exc:
        fail(f"{exc}: {exc.where}; make it a file Colophon can write, or set COLOPHON_JWT_SECRET")
    url = _url(host, port)
    mode = (
        "local single-user mode" if key is None else f"open {url}#token=$(colophon token --user ID)"
    )
    typer.secho(f"Colophon at {url} ({mode}); Ctrl-C stops it", fg="green")
    # Here, not at the top: every other command starts faster without the server.
    import uvicorn

    from app.api.limits import SERVER_OPTIONS

    # Every worker writes its metrics here and a scrape of any worker adds them all up; a
    # fresh directory per run, so no figure of an earlier run counts. prometheus_client reads
    # the variable when first imported, which is why nothing above imports the app.
    with tempfile.TemporaryDirectory(prefix="colophon-metrics-") as metrics_dir:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, _stopped)
        uvicorn.run(
            APP,
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level.lower(),
            access_log=settings.log_level.upper() in {"DEBUG", "INFO"},
            **SERVER_OPTIONS,
        )


def token(
    user: Annotated[str, typer.Option("--user", help="The user id the token names.")],
    hours: Annotated[
        float,
        typer.Option(
            min=0.01, max=MAX_TOKEN_HOURS, callback=finite, help="Hours until it expires."
        ),
    ] = 24.0,
) -> None:
    """Print a bearer token for USER, signed with COLOPHON_JWT_SECRET."""
    key = _key()
    if key is None:
        fail("COLOPHON_JWT_SECRET is not set; the server is in local mode and needs no token")
    try:
        typer.echo(issue_token(key, user, hours))
    except InvalidUserIdError as exc:
        fail(f"--user: {exc}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("token")(token)
