"""Colophon's HTTP API and chat page: ``create_app(settings)`` builds it, ``app`` serves it.

Routes live in ``chat``, ``sessions``, ``health`` and ``metrics``; ``hosts`` refuses Host
names the server does not answer to, ``auth`` says who asks, ``errors`` turns every exception
into one JSON shape, ``limits`` caps request bodies, ``head`` answers HEAD wherever GET is
answered and ``web`` serves the page. The store and the conversation are opened once, when
the app starts (with settings read from ``COLOPHON_*`` then, unless given), and closed when
it stops. Routes are plain functions: FastAPI runs them in its thread pool and the store is
thread-safe.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI

from app.api import (
    chat,
    errors,
    exports,
    facets,
    health,
    hosts,
    limits,
    metrics,
    records,
    sessions,
    shares,
    web,
)
from app.api.head import HeadAsGet
from app.api.schemas import ERROR_RESPONSES
from app.api.services import Services
from app.api.share_links import share_key
from app.api.tokens import signing_key
from app.settings import Settings, get_settings
from scripts.chat.conversation import Conversation
from scripts.query.connection import IndexNotFoundError


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = app.state.settings or get_settings()
    key = signing_key(settings)
    others = hosts.allowed_hosts(settings, key)
    if not settings.index_db.is_file():
        raise IndexNotFoundError(settings.index_db)
    store = settings.open_store()
    try:
        store.check(thorough=True)  # refuse a store that is damaged or cannot be written
        share_key(settings)  # and a share key file that cannot be made or read
        conversation = Conversation(store, settings.index_db)
        app.state.services = Services(settings, store, conversation, key, others)
        yield
    finally:
        store.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API and page; ``settings`` default to the environment when the app starts."""
    app = FastAPI(
        title="Colophon",
        version=version("colophon"),
        summary="Conversational search over rare-book catalogues.",
        description=(
            'Ask in plain English ("books printed in Venice"), refine ("only those in'
            ' Latin"), page and point at results; every result carries the MARC evidence'
            ' for its match. Errors are `{"error": {"code", "message"}}`.'
        ),
        lifespan=lifespan,
        redirect_slashes=False,  # a redirect would name the request's Host back to it
    )
    app.state.settings = settings
    app.state.latency = metrics.latency_histogram()
    errors.install(app)
    app.add_middleware(
        limits.BodyLimit, max_bytes=limits.MAX_BODY_BYTES, seconds=limits.BODY_SECONDS
    )
    app.add_middleware(metrics.Timing, latency=app.state.latency)
    app.add_middleware(HeadAsGet)
    app.add_middleware(hosts.TrustedHosts, refuse=errors.response_for)  # outermost: first
    app.include_router(chat.router, responses=ERROR_RESPONSES)
    app.include_router(sessions.router, responses=ERROR_RESPONSES)
    app.include_router(records.router, responses=ERROR_RESPONSES)
    app.include_router(exports.router, responses=ERROR_RESPONSES)
    app.include_router(facets.router, responses=ERROR_RESPONSES)
    app.include_router(shares.router, responses=ERROR_RESPONSES)
    app.include_router(health.router)
    app.include_router(metrics.router)
    web.mount(app)
    return app


app = create_app()
