"""An answer's facets over a live server: every match of its search counted, errors as ever."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from pydantic import TypeAdapter

from app.api.facets import EXAMPLE
from scripts.schemas import Answer
from tests.app.api.live import assert_error


def say(client, message, session_id=None):
    body = {"message": message, **({"session_id": session_id} if session_id else {})}
    response = client.post("/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def facets_of(client, session_id, answer, **params):
    mid = answer["metadata"]["message_id"]
    return client.get(f"/sessions/{session_id}/messages/{mid}/facets", params=params)


def by_sql(index, sql, *params):
    with closing(sqlite3.connect(index)) as conn:
        return dict(conn.execute(sql, params).fetchall())


VENICE_LANGUAGES = """SELECT code, count(*) FROM languages WHERE record_id IN
    (SELECT record_id FROM imprints WHERE place_norm = 'venice') GROUP BY code"""


@pytest.fixture
def venice(alice):
    return say(alice, "books printed in Venice")


def test_an_answers_facets_count_every_match_of_its_search(alice, venice, settings):
    response = facets_of(alice, venice["session_id"], venice)
    assert response.status_code == 200, response.text
    answers = TypeAdapter(list[Answer]).validate_python(response.json())
    assert [a.facet.value for a in answers] == ["place", "language", "century", "printer"]
    assert {a.total for a in answers} == {venice["candidate_set"]["total_count"]}
    languages = answers[1]
    counted = by_sql(settings.index_db, VENICE_LANGUAGES)
    assert len(languages.rows) == 5
    shown = {row.value: row.count for row in languages.rows}
    names = {
        "ita": "Italian",
        "lat": "Latin",
        "heb": "Hebrew",
        "grc": "Ancient Greek",
        "arc": "Aramaic",
    }
    assert shown == {names[code]: counted[code] for code in names}
    assert [row.count for row in languages.rows] == sorted(counted.values(), reverse=True)[:5]
    [latin] = [row for row in languages.rows if row.value == "Latin"]
    assert latin.refine == "only those in Latin"


def test_names_and_top_choose_the_facets_and_their_length(alice, venice):
    comma = facets_of(alice, venice["session_id"], venice, names="century,printer", top=2)
    repeated = facets_of(alice, venice["session_id"], venice, names=["century", "printer"], top=2)
    assert comma.json() == repeated.json()
    century, printer = comma.json()
    assert (century["facet"], printer["facet"]) == ("century", "printer")
    assert [row["value"] for row in century["rows"]] == ["16th century", "15th century"]
    assert len(printer["rows"]) == 2
    twice = facets_of(alice, venice["session_id"], venice, names="genre,genre")
    assert [a["facet"] for a in twice.json()] == ["genre"]


def test_a_page_further_on_has_the_facets_of_its_search(alice, venice):
    session_id = venice["session_id"]
    more = say(alice, "show more", session_id)
    assert more["candidate_set"]["candidates"][0]["record_id"] not in {
        c["record_id"] for c in venice["candidate_set"]["candidates"]
    }
    assert facets_of(alice, session_id, more).json() == facets_of(alice, session_id, venice).json()


def test_a_count_and_a_ranking_have_the_facets_of_what_they_counted(alice):
    count = say(alice, "how many Latin books before 1550?")
    assert count["answer"]["kind"] == "count"
    (places,) = facets_of(alice, count["session_id"], count, names="language").json()
    assert places["total"] == count["answer"]["total"] == 63
    ranking = say(alice, "which towns printed Hebrew books?", count["session_id"])
    (towns,) = facets_of(alice, count["session_id"], ranking, names="place", top=10).json()
    assert towns["rows"] == ranking["answer"]["rows"]


@pytest.mark.parametrize(
    "question", ["books printed in Atlantis", "start over", "hello there, what can you do?"]
)
def test_a_message_that_shows_no_search_is_404(alice, question):
    answer = say(alice, question)
    assert answer["candidate_set"] is None and answer["answer"] is None
    message = assert_error(facets_of(alice, answer["session_id"], answer), 404, "not_found")
    assert message.endswith("shows no search")


def test_the_readers_own_message_and_an_unknown_one_are_404(alice, venice):
    session_id, mid = venice["session_id"], venice["metadata"]["message_id"]
    own = alice.get(f"/sessions/{session_id}/messages/{mid - 1}/facets")
    assert assert_error(own, 404, "not_found").endswith("shows no search")
    unknown = alice.get(f"/sessions/{session_id}/messages/999999/facets")
    assert "no message 999999" in assert_error(unknown, 404, "not_found")


@pytest.mark.parametrize(
    ("params", "complaint"),
    [
        ({"names": "colour"}, "names.0: Input should be 'printer', 'place'"),
        ({"names": "place,colour"}, "names.1: Input should be"),
        ({"names": ""}, "names: Value should have at least 1 item"),
        ({"top": "0"}, "top: Input should be greater than or equal to 1"),
        ({"top": "101"}, "top: Input should be less than or equal to 100"),
        ({"top": "ten"}, "top: Input should be a valid integer"),
    ],
)
def test_a_bad_facet_name_or_length_is_422(alice, venice, params, complaint):
    response = facets_of(alice, venice["session_id"], venice, **params)
    assert complaint in assert_error(response, 422, "invalid_request")


def test_another_users_session_is_404_and_no_token_401(bob, anonymous, venice):
    assert_error(facets_of(bob, venice["session_id"], venice), 404, "not_found")
    assert_error(facets_of(anonymous, venice["session_id"], venice), 401, "unauthorized")


def test_the_schema_example_is_a_valid_answer():
    TypeAdapter(list[Answer]).validate_python(EXAMPLE)
