"""Exports over a live server: an answer's records and a session's, every format, errors."""

from __future__ import annotations

import pytest

from scripts.export.formats import FORMATS
from tests.app.api.live import assert_error
from tests.scripts.export import parsed


def say(client, message, session_id=None):
    body = {"message": message, **({"session_id": session_id} if session_id else {})}
    response = client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def conversation(alice):
    venice = say(alice, "books printed in Venice")
    session_id = venice["session_id"]
    latin = say(alice, "only those in Latin", session_id)
    about = say(alice, "tell me about the second one", session_id)
    return session_id, venice, latin, about


def export_answer(client, session_id, answer, name):
    mid = answer["metadata"]["message_id"]
    return client.get(f"/sessions/{session_id}/messages/{mid}/export", params={"format": name})


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_answer_exports_every_match_with_why(alice, conversation, name):
    session_id, venice, _, _ = conversation
    response = export_answer(alice, session_id, venice, name)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(FORMATS[name].media_type.split(";")[0])
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="colophon_books_printed_in_Venice_answer_')
    found = parsed.READERS[name](response.text)
    total = venice["candidate_set"]["total_count"]
    assert len(found) == total > len(venice["candidate_set"]["candidates"])
    shown = [c["record_id"] for c in venice["candidate_set"]["candidates"]]
    assert [f["id"] for f in found][:10] == shown
    assert found[0]["why"].startswith(
        "Matched “books printed in Venice”: place of printing is Venice"
    )


def test_record_addresses_in_an_export_are_the_servers(alice, base_url, conversation):
    session_id, _, _, about = conversation
    (entry,) = parsed.ris(export_answer(alice, session_id, about, "ris").text)
    record_id = about["candidate_set"]["candidates"][0]["record_id"]
    assert entry["raw"]["urls"][0] == f"{base_url}/records/{record_id}"
    assert alice.get(entry["raw"]["urls"][0]).status_code == 200


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_session_exports_each_record_once(alice, conversation, name):
    session_id, venice, _, _ = conversation
    found = parsed.READERS[name](
        alice.get(f"/sessions/{session_id}/export", params={"format": name}).text
    )
    assert len(found) == len({f["id"] for f in found}) == venice["candidate_set"]["total_count"]


def test_a_session_exports_as_markdown_and_json(alice, conversation):
    session_id, *_ = conversation
    markdown = alice.get(f"/sessions/{session_id}/export", params={"format": "markdown"})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# books printed in Venice\n")
    assert markdown.headers["content-disposition"].startswith(
        'attachment; filename="colophon_books'
    )
    document = alice.get(f"/sessions/{session_id}/export", params={"format": "json"}).json()
    assert [m["role"] for m in document["messages"]] == ["user", "assistant"] * 3


def test_zero_results_is_a_valid_empty_file(alice):
    nothing = say(alice, "books printed in Venice before 1400")
    assert nothing["candidate_set"]["total_count"] == 0
    for name in FORMATS:
        response = export_answer(alice, nothing["session_id"], nothing, name)
        assert response.status_code == 200 and parsed.READERS[name](response.text) == []


def test_an_unknown_format_is_400_listing_the_formats(alice, conversation):
    session_id, venice, _, _ = conversation
    message = assert_error(
        export_answer(alice, session_id, venice, "exe"), 400, "unsupported_format"
    )
    assert message == "unknown format 'exe': use one of ris, bibtex, csl-json, csv, marcxml"
    session = alice.get(f"/sessions/{session_id}/export", params={"format": "exe"})
    assert "markdown, json" in assert_error(session, 400, "unsupported_format")


def test_another_users_session_or_an_unknown_message_is_404(alice, bob, conversation):
    session_id, venice, _, _ = conversation
    assert_error(export_answer(bob, session_id, venice, "ris"), 404, "not_found")
    assert_error(
        bob.get(f"/sessions/{session_id}/export", params={"format": "ris"}), 404, "not_found"
    )
    unknown = alice.get(f"/sessions/{session_id}/messages/999999/export", params={"format": "ris"})
    assert_error(unknown, 404, "not_found")


def test_exports_need_a_token(anonymous, conversation):
    session_id, *_ = conversation
    assert_error(
        anonymous.get(f"/sessions/{session_id}/export", params={"format": "ris"}),
        401,
        "unauthorized",
    )
