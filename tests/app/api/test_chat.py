"""``POST /chat`` over a live server: sessions start, follow-ups refine, nothing leaks."""

from __future__ import annotations

import shutil

import pytest

from app.api.main import create_app
from scripts.query.connection import read_only
from scripts.query.operators import FIELDS
from scripts.schemas import Filter, FilterField, FilterOp, QueryPlan
from tests.app.api.live import assert_error, client_for, make_settings, serving
from tests.fake_llm import fake_model


def say(client, message, session_id=None):
    body = {"message": message} | ({"session_id": session_id} if session_id else {})
    response = client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_first_message_starts_a_session_titled_by_the_question(alice, store):
    answer = say(alice, "books printed in Venice")
    assert answer["metadata"]["new_session"] is True
    assert answer["candidate_set"]["total_count"] > 10
    session = store.get_session(answer["session_id"], user_id="alice")
    assert session.metadata["title"] == "books printed in Venice"
    assert [m.role for m in session.messages] == ["user", "assistant"]


def test_follow_ups_refine_the_search_in_the_same_session(alice):
    venice = say(alice, "books printed in Venice")
    session_id = venice["session_id"]
    latin = say(alice, "only those in Latin", session_id)
    assert latin["session_id"] == session_id and latin["metadata"]["new_session"] is False
    assert 0 < latin["candidate_set"]["total_count"] < venice["candidate_set"]["total_count"]
    second = latin["candidate_set"]["candidates"][1]
    about = say(alice, "tell me about the second one", session_id)
    assert about["metadata"]["intent"] == "reference"
    assert about["candidate_set"]["candidates"][0]["record_id"] == second["record_id"]
    assert about["message"].startswith(f"#2 {second['title']}")


def test_year_counts_cover_every_match_not_only_the_page(alice, demo_index):
    answer = say(alice, "books printed in Venice")
    counts = answer["metadata"]["year_counts"]
    with read_only(demo_index) as conn:
        (dated,) = conn.execute(
            "SELECT count(DISTINCT r.record_id) FROM records r JOIN imprints i USING (record_id)"
            " WHERE i.place_norm = 'venice' AND r.date_start IS NOT NULL"
        ).fetchone()
    assert sum(n for _, n in counts) == dated > len(answer["candidate_set"]["candidates"])
    assert [year for year, _ in counts] == sorted({year for year, _ in counts})


def test_an_answer_without_results_has_no_year_counts(alice):
    answer = say(alice, "hello there")
    assert answer["clarification_needed"] and "year_counts" not in answer["metadata"]


def test_a_first_turn_titles_an_untitled_session_and_keeps_a_given_title(alice, store):
    untitled = alice.post("/sessions", json={}).json()["session_id"]
    titled = alice.post("/sessions", json={"title": "Aldines"}).json()["session_id"]
    say(alice, "books printed in Venice", untitled)
    say(alice, "books printed in Venice", titled)
    say(alice, "only those in Latin", untitled)
    assert store.get_session(untitled).metadata["title"] == "books printed in Venice"
    assert store.get_session(titled).metadata["title"] == "Aldines"


@pytest.mark.parametrize("case", ["missing", "expired", "other user's"])
def test_an_unusable_session_starts_a_new_one_and_the_old_is_untouched(alice, bob, store, case):
    if case == "missing":
        old = "no-such-session"
    else:
        owner = bob if case == "other user's" else alice
        old = say(owner, "books printed in Venice")["session_id"]
        if case == "expired":
            store.expire_session(old)
    before = store.stats()["messages"]
    answer = say(alice, "only those in Latin", old)
    assert answer["session_id"] != old and answer["metadata"]["new_session"] is True
    assert store.get_session(answer["session_id"], user_id="alice") is not None
    assert store.stats()["messages"] == before + 2
    if case != "missing":
        assert len(store.get_session(old, include_expired=True).messages) == 2


def test_a_turn_that_fails_leaves_no_session_behind(tmp_path, demo_index):
    index = tmp_path / "index.db"
    shutil.copy(demo_index, index)
    settings = make_settings(tmp_path, index)
    with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
        index.unlink()
        response = alice.post("/chat", json={"message": "books printed in Venice"})
        assert_error(response, 503, "index_unavailable")
        assert alice.get("/sessions").json()["sessions"] == []


def test_the_message_limit_is_a_setting(tmp_path, demo_index):
    settings = make_settings(tmp_path, demo_index, max_message_chars=20)
    with serving(create_app(settings)) as url, client_for(url, "alice") as alice:
        assert alice.post("/chat", json={"message": "x" * 20}).status_code == 200
        message = assert_error(
            alice.post("/chat", json={"message": "x" * 21}), 422, "message_too_long"
        )
        assert "21 characters is over the limit of 20" in message


@pytest.fixture
def live_app(settings):
    """A live server and its app, to reach the services it runs with."""
    app = create_app(settings)
    with serving(app) as url, client_for(url, "alice") as client:
        yield app, client


@pytest.mark.parametrize("moment", ["after a read of the session", "before the turn is written"])
def test_a_rename_racing_the_first_turn_is_never_overwritten(live_app, monkeypatch, moment):
    app, client = live_app
    store = app.state.services.store
    session_id = client.post("/sessions").json()["session_id"]
    renamed = []

    def rename() -> None:
        store.update_metadata(session_id, {"title": "Venetian printing"}, "alice")
        renamed.append(True)

    def read_then_rename(read):
        def reading(*args, **kwargs):
            found = read(*args, **kwargs)
            rename()
            return found

        return reading

    def rename_then_write(write):
        def writing(*args, **kwargs):
            rename()
            return write(*args, **kwargs)

        return writing

    if moment == "after a read of the session":
        monkeypatch.setattr(store, "get_session", read_then_rename(store.get_session))
    else:
        monkeypatch.setattr(store, "add_turn", rename_then_write(store.add_turn))
    say(client, "books printed in Venice", session_id)
    monkeypatch.undo()
    title = client.get(f"/sessions/{session_id}").json()["title"]
    assert title == ("Venetian printing" if renamed else "books printed in Venice")


def test_the_date_chart_comes_from_the_turn_s_own_search(live_app, monkeypatch):
    app, client = live_app
    services = app.state.services
    session_id = say(client, "books printed in Venice")["session_id"]
    handle = services.conversation.handle

    def another_turn_lands_after(session, text, **kwargs):
        response = handle(session, text, **kwargs)
        handle(session, "only those in Latin", user_id="alice")  # a second tab, same session
        return response

    monkeypatch.setattr(services.conversation, "handle", another_turn_lands_after)
    answer = say(client, "books printed in Basel", session_id)
    dated = [c for c in answer["candidate_set"]["candidates"] if c["date_start"] is not None]
    counts = dict(answer["metadata"]["year_counts"])
    assert sum(counts.values()) == answer["candidate_set"]["total_count"]
    assert all(counts.get(c["date_start"]) for c in dated)


def test_an_expired_session_is_still_readable_by_its_owner(alice, bob, store):
    session_id = say(alice, "books printed in Venice")["session_id"]
    store.expire_session(session_id)
    shown = alice.get(f"/sessions/{session_id}").json()
    assert shown["expired"] is True and len(shown["messages"]) == 2
    assert_error(bob.get(f"/sessions/{session_id}"), 404, "not_found")


@pytest.mark.parametrize("field", list(FilterField))
def test_a_model_plan_with_no_results_on_any_field_is_answered(alice, field, monkeypatch):
    """Dropping any one condition is offered only for conditions a reader can name; a plan on
    a field without a phrase (agent_role, say) used to fail the turn."""
    op = FilterOp.RANGE if field is FilterField.YEAR else sorted(FIELDS[field].ops)[0]
    nothing = (
        Filter(field=field, op=op, start=3000)
        if op is FilterOp.RANGE
        else Filter(field=field, op=op, value="zzqx-matches-nothing")
    )
    latin = Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="lat")
    with fake_model() as model:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENAI_BASE_URL", model.url)
        model.answer(QueryPlan(filters=[nothing, latin]).model_dump_json())
        answer = say(alice, "Latin books by nobody at all")
    assert len(model.requests) == 1 and answer["candidate_set"]["total_count"] == 0
    assert answer["suggested_followups"]
