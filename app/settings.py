"""Colophon's configuration: one object, read from ``COLOPHON_*`` variables at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "samples" / "rare_books.xml"


class Settings(BaseSettings):
    """Defaults suit a checkout: databases under ``data/`` in the working directory."""

    model_config = SettingsConfigDict(env_prefix="COLOPHON_")

    session_db: Path = Path("data/chat/sessions.db")
    index_db: Path = Path("data/index/bibliographic.db")
    demo_catalogue: Path = DEMO_CATALOGUE
    log_level: str = "WARNING"
    log_json: bool = False
    # The API's session store: a path, sqlite:///path or postgresql://...; default session_db.
    store_url: str = ""
    # Signs and checks the API's bearer tokens (HS256); unset means local single-user mode.
    jwt_secret: SecretStr | None = None
    max_message_chars: int = Field(default=4000, ge=1)
    # Host names the API answers to besides loopback, comma-separated ("*": any); token mode only.
    allowed_hosts: str = ""

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        self.store_url = self.store_url or str(self.session_db)
        if self.jwt_secret is not None and not self.jwt_secret.get_secret_value():
            self.jwt_secret = None  # COLOPHON_JWT_SECRET= (empty) means unset
        return self


def get_settings() -> Settings:
    """Read the environment now (tests change it between calls)."""
    return Settings()
