"""Colophon's configuration: one object, read from ``COLOPHON_*`` variables at the edge."""

from __future__ import annotations

from pathlib import Path

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


def get_settings() -> Settings:
    """Read the environment now (tests change it between calls)."""
    return Settings()
