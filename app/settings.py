"""Colophon's configuration: one object, read from ``COLOPHON_*`` variables at the edge."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from scripts.chat.session_store import DEFAULT_LOCATION, SessionStore, is_postgres, parse_location

DEMO_CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "samples" / "rare_books.xml"


class Settings(BaseSettings):
    """Defaults suit a checkout: databases under ``data/`` in the working directory."""

    model_config = SettingsConfigDict(env_prefix="COLOPHON_")

    # Where sessions live, for every command and the server: a path, sqlite:///path or
    # postgresql://...; a command's own option (--db-path, --store) comes first.
    store_url: str = DEFAULT_LOCATION
    # Connections each process keeps to a PostgreSQL store: servers x workers x this must fit
    # the server's max_connections (docs/deployment.md).
    pg_pool_size: int = Field(default=10, ge=1, le=1000)
    index_db: Path = Path("data/index/bibliographic.db")
    demo_catalogue: Path = DEMO_CATALOGUE
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "WARNING"
    log_json: bool = False
    # Signs and checks the API's bearer tokens (HS256); unset means local single-user mode.
    jwt_secret: SecretStr | None = None
    max_message_chars: int = Field(default=4000, ge=1)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("store_url")
    @classmethod
    def _known_location(cls, value: str) -> str:
        parse_location(value)  # a mistyped URL is refused here, never taken for a file name
        return value.strip()

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        if self.jwt_secret is not None and not self.jwt_secret.get_secret_value():
            self.jwt_secret = None  # COLOPHON_JWT_SECRET= (empty) means unset
        return self

    def open_store(self, location: str | None = None) -> SessionStore:
        """The session store at ``location`` (default: ``store_url``), pool sized as set."""
        where = location or self.store_url
        if is_postgres(where):
            return SessionStore(where, max_size=self.pg_pool_size)
        return SessionStore(where)


def get_settings() -> Settings:
    """Read the environment now (tests change it between calls)."""
    return Settings()
