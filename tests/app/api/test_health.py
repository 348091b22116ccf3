"""``GET /healthz`` reads the store and the index, and says which one fails."""

from __future__ import annotations

import shutil

from app.api.main import create_app
from tests.app.api.live import assert_error, client_for, make_settings, serving
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat.marc_facts import read_records


def test_healthy_server_reports_its_counts(alice, anonymous):
    alice.post("/chat", json={"message": "books printed in Venice"})
    assert anonymous.get("/healthz").json() == {
        "status": "ok",
        "active_sessions": 1,
        "catalogue_records": len(read_records(DEMO_CATALOGUE)),
    }


def test_a_missing_index_or_closed_store_is_a_503_naming_it(tmp_path, demo_index):
    index = tmp_path / "index.db"
    shutil.copy(demo_index, index)
    app = create_app(make_settings(tmp_path, index))
    with serving(app) as url, client_for(url, None) as client:
        index.unlink()
        message = assert_error(client.get("/healthz"), 503, "unavailable")
        assert message.startswith("catalogue index:") and "session store" not in message
        app.state.services.store.close()
        message = assert_error(client.get("/healthz"), 503, "unavailable")
        assert message.startswith("session store: RuntimeError") and "catalogue index" in message
