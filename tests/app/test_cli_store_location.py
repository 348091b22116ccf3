"""Every command that touches sessions finds the store one way: its own option, else
``COLOPHON_STORE_URL``, else ``data/chat/sessions.db``; a PostgreSQL URL is never taken for a
file name, and ``COLOPHON_PG_POOL_SIZE`` sizes the connection pool."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.settings import get_settings
from scripts.chat import SessionStore
from tests.app.cli_commands import COMMANDS, command_line, files_under, healthy
from tests.faults import UNREACHABLE_PG

runner = CliRunner()


def without_store_option(args: list[str], store: str) -> list[str]:
    """``args`` with the option (or ``--from``'s partner) that names ``store`` left out."""
    at = args.index(store)
    if args[at - 1] == "--from":  # store-copy: its target is the setting's store
        return [arg for i, arg in enumerate(args) if i not in {at + 1, at + 2}]
    return args[: at - 1] + args[at + 1 :]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_session_command_reads_the_store_from_colophon_store_url(
    tmp_path, monkeypatch, demo_index, command
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLOPHON_STORE_URL", UNREACHABLE_PG)
    source = healthy(tmp_path / "source.db")  # store-copy's --from: its target is the setting
    store = str(source) if command == "store-copy" else "OPTION"
    args = without_store_option(command_line(command, store, tmp_path, demo_index), store)
    before = files_under(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot connect to postgresql://nobody@127.0.0.1:9/none" in result.stderr
    assert files_under(tmp_path) == before  # the URL was not taken for a file name


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in {"serve", "store-copy"}])
def test_a_commands_own_option_comes_before_colophon_store_url(
    tmp_path, monkeypatch, demo_index, command
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLOPHON_STORE_URL", UNREACHABLE_PG)
    store = healthy(tmp_path / "sessions.db")
    result = runner.invoke(app, command_line(command, store, tmp_path, demo_index))
    assert "Traceback" not in result.output and "cannot connect" not in result.stderr
    assert result.exit_code == 0 or "'some-session' not found" in result.stderr


@pytest.mark.postgres
def test_a_postgresql_store_from_the_setting_serves_every_command(
    tmp_path, monkeypatch, pg_location
):
    monkeypatch.setenv("COLOPHON_STORE_URL", pg_location)
    made = runner.invoke(app, ["chat-init", "--user-id", "alice"])
    assert made.exit_code == 0, made.output
    assert made.stdout.splitlines()[2] == f"Database: {pg_location}"
    counted = runner.invoke(app, ["stats", "--json"])
    assert counted.exit_code == 0 and '"active_sessions": 1' in counted.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_the_pool_size_setting_sizes_each_processes_pool(monkeypatch, pg_location):
    monkeypatch.setenv("COLOPHON_PG_POOL_SIZE", "3")
    with get_settings().open_store(pg_location) as store:
        assert store._connections._pool.max_size == 3
    monkeypatch.delenv("COLOPHON_PG_POOL_SIZE")
    with get_settings().open_store(pg_location) as store:
        assert store._connections._pool.max_size == 10
    with SessionStore(pg_location, max_size=2) as store:
        assert store._connections._pool.max_size == 2
