"""Readers' own wording read against the demo catalogue's vocabulary (issue's examples)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.query.compile import compile_query, compile_value
from scripts.query.execute import execute_plan
from scripts.query.grammar import candidates
from scripts.query.operators import describe
from scripts.query.vocabulary import load_vocabulary
from scripts.schemas import QueryPlan


def read(text: str, db: Path) -> list[tuple]:
    plan = compile_query(text, db_path=db)
    assert plan.clarification is None, plan.clarification
    return [
        (f.field.value, f.value if f.value is not None else (f.start, f.end)) for f in plan.filters
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vesalius", [("agent", "vesalius andreas")]),
        ("Froschauer", [("agent", "froschauer christoph")]),
        ("have you got anything by Erasmus", [("agent", "erasmus desiderius")]),
        ("Sir Thomas More", [("agent", "more thomas saint")]),
        ("emblem books", [("genre", '"emblem books"')]),  # a kind of book with "books" in it
        ("prayer books", [("genre", '"prayer books" | liturgy')]),
        ("sermons", [("genre", "sermons")]),
        ("maps", [("genre", "maps | atlases")]),
        ("incunables", [("year", (None, 1500))]),
        ("Parisian imprints", [("imprint_place", "paris")]),
        ("post-1700", [("year", (1701, None))]),
        ("c. 1550", [("year", (1545, 1555))]),
        ("the 1500s", [("year", (1500, 1599))]),
        ("books printed by Cambridge", [("publisher", "cambridge university press")]),
        (
            "about natural history published after 1600",
            [("subject", '"natural history"'), ("year", (1601, None))],
        ),
        (
            "Latin or Greek books from Basel",
            [("language", ["lat", "grc"]), ("imprint_place", "basel")],
        ),
        ("folios printed in Venice", [("physical_desc", "fol."), ("imprint_place", "venice")]),
        ("books in quarto", [("physical_desc", "4to")]),
        ("books from the year 1550", [("year", (1550, 1550))]),
        # After a name in the possessive, words are its work's title, not a subject (nor,
        # respelt, part of another name: "Elements" is not the Pope's "Clement V").
        ("Newton's Principia", [("agent", "newton isaac"), ("keyword", "Principia")]),
        ("Euclid's Elements", [("agent", "euclid"), ("keyword", "Elements")]),
        (
            "printed in the year 1600 in Venice",
            [("year", (1600, 1600)), ("imprint_place", "venice")],
        ),
        ("Aldine octavos", [("agent", ["manuzio aldo", "aldine press"]), ("physical_desc", "8vo")]),
    ],
)
def test_readers_words_read_as_the_catalogue_values(demo_index, text, expected):
    assert read(text, demo_index) == expected


@pytest.mark.parametrize(
    "text", ["apud Christophorum Froschouerum", "Christoffel Froschouer", "Froschoverus"]
)
def test_every_form_of_a_printers_name_finds_the_same_person(demo_index, text):
    (flt,) = compile_query(text, db_path=demo_index).filters
    values = flt.value if isinstance(flt.value, list) else [flt.value]
    assert "froschauer christoph" in values


def test_a_leading_article_never_stays_in_a_value(demo_index):
    (flt,) = compile_query("published by the Clarendon Press", db_path=demo_index).filters
    assert "clarendon press" in flt.value and flt.shown == "Clarendon Press"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("books printed in Venice or Rome", "place of printing is Venice or Rome"),
        ("in Latin or Greek", "language is Latin or Ancient Greek"),
        ("not in Latin or Greek", "language is not Latin or Ancient Greek"),
        (
            "books by Aldus or Froben",
            "name is Manuzio, Aldo, 1449 or 1450-1515, or Froben (3 names)",
        ),
        ("books by Aldus or Aldus", "name is Manuzio, Aldo, 1449 or 1450-1515"),  # said once
    ],
)
def test_a_list_of_values_is_said_with_every_value(demo_index, text, said):
    (flt,) = compile_query(text, db_path=demo_index).filters
    assert describe(flt) == said


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Edinbrugh", "showing Edinburgh; you typed Edinbrugh"),
        ("Bazel", "showing Basel; you typed Bazel"),
        ("Cambridge", "'Cambridge' as a place of printing: 13 books; also as a name: 12"),
        ("astronomy quaternions", "also matching the words 'quaternions'"),
    ],
)
def test_the_plan_says_what_it_assumed(demo_index, text, note):
    assert note in compile_query(text, db_path=demo_index).notes


def test_the_word_date_is_never_respelt_into_a_name(demo_index):
    plan = compile_query("books without a date", db_path=demo_index)
    assert plan.filters == [] and not plan.is_actionable  # not "not Dante"


def test_words_that_each_name_something_are_not_respelt_into_part_of_a_longer_name(nlnz_index):
    # "reports" is one letter from the "Resorts" of "New Zealand Government Department of
    # Tourist and Health Resorts"; "Hilary" one from "Hillary, Edmund", all of whose name it is.
    plan = compile_query("government reports", db_path=nlnz_index)
    assert not any("you typed" in note for note in plan.notes)
    assert ("topic", "report*") in read("government reports", nlnz_index)
    assert read("books by Edmund Hilary", nlnz_index) == [("agent", "hillary edmund")]


def test_a_value_is_read_as_the_kind_a_cue_introduces(demo_index):
    (press,) = compile_value("Cambridge", "printed by", demo_index)
    assert press.field.value == "publisher" and press.shown == "Cambridge University Press"
    assert compile_value("Latin", "printed by", demo_index) == []  # names no printer


def test_candidates_offer_every_reading_of_each_run(demo_index):
    found = dict(candidates("Cambridge astronomy", load_vocabulary(demo_index)))
    assert {r.kind for r in found["Cambridge"]} >= {"place", "name"}
    assert [r.kind for r in found["astronomy"]] == ["topic"]


@pytest.mark.parametrize("text", ["dictionaries", "Bibles"])
def test_a_kind_of_book_is_what_its_form_terms_say_not_what_it_is_about(demo_index, text):
    (flt,) = compile_query(text, db_path=demo_index).filters
    assert flt.field.value == "genre"
    found = execute_plan(QueryPlan(filters=[flt]), demo_index, limit=100).candidates
    cited = {e.source.split("$")[0] for c in found for e in c.evidence}
    assert "marc:630" not in cited  # a commentary on the Bible is no Bible
    if text == "dictionaries":  # a form heading of the older practice is one
        assert any(
            "Encyclopedias and dictionaries" in (e.matched_against or "")
            for c in found
            for e in c.evidence
        )
