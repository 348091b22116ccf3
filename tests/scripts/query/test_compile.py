"""The deterministic compiler: phrasings -> filters, fragments, negation, clarifications."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.query.compile import compile_query
from scripts.query.grammar import tokenize
from scripts.query.vocabulary import Vocabulary, load_vocabulary
from scripts.schemas.query_plan import QueryPlan


def summary(plan: QueryPlan) -> list[tuple]:
    """Each filter as (field, op, value or (start, end), negate)."""
    return [
        (
            f.field.value,
            f.op.value,
            (f.start, f.end) if f.op.value == "RANGE" else f.value,
            f.negate,
        )
        for f in plan.filters
    ]


def place(value: str, negate: bool = False) -> tuple:
    return ("imprint_place", "EQUALS", value, negate)


def language(value: str, negate: bool = False) -> tuple:
    return ("language", "EQUALS", value, negate)


def years(start: int | None, end: int | None, negate: bool = False) -> tuple:
    return ("year", "RANGE", (start, end), negate)


PHRASINGS = [
    # names
    ("books by Copernicus", [("agent", "CONTAINS", "Copernicus", False)]),
    ("written by Herodotus", [("agent", "CONTAINS", "Herodotus", False)]),
    ("edited by Erasmus of Rotterdam", [("agent", "CONTAINS", "Erasmus of Rotterdam", False)]),
    ('by "Manuzio, Aldo"', [("agent", "CONTAINS", "Manuzio, Aldo", False)]),
    ("printed by Aldus Manutius", [("publisher", "CONTAINS", "Aldus Manutius", False)]),
    ("books printed by Govt. Printer", [("publisher", "CONTAINS", "Govt Printer", False)]),
    ("published by Oxford University Press", [("publisher", "CONTAINS", "Oxford University Press", False)]),
    ("issued by the Hakluyt Society", [("publisher", "CONTAINS", "Hakluyt Society", False)]),
    # places and languages
    ("books printed in Venice", [place("venice")]),
    ("published in Venetiis", [place("venice")]),
    ("printed at Lugduni Batavorum", [place("leiden")]),
    ("in Leiden", [place("leiden")]),
    ("in Latin", [language("lat")]),
    ("books in Latin", [language("lat")]),
    ("written in Hebrew", [language("heb")]),
    ("Latin books", [language("lat")]),
    ("Hebrew books", [language("heb")]),
    ("Maori language books", [language("mao")]),
    ("Māori books", [language("mao")]),
    ("non-Latin books", [language("lat", True)]),
    ("from France", [("country", "EQUALS", "fr", False)]),
    ("books from New Zealand", [("country", "EQUALS", "nz", False)]),
    ("printed in Italy", [("country", "EQUALS", "it", False)]),
    ("from the UK", [("country", "EQUALS", "xxk", False)]),
    ("in Latin or Greek", [("language", "IN", ["lat", "grc"], False)]),
    ("printed in Venice or Rome", [("imprint_place", "IN", ["venice", "rome"], False)]),
    ("printed in Venice, Rome and Florence", [("imprint_place", "IN", ["venice", "rome", "florence"], False)]),
    # dates
    ("before 1700", [years(None, 1699)]),
    ("printed before 1700", [years(None, 1699)]),
    ("earlier than 1700", [years(None, 1699)]),
    ("after 1600", [years(1601, None)]),
    ("since 1600", [years(1600, None)]),
    ("until 1700", [years(None, 1700)]),
    ("between 1500 and 1600", [years(1500, 1600)]),
    ("between 1600 and 1500", [years(1500, 1600)]),
    ("from 1650 to 1700", [years(1650, 1700)]),
    ("1650-1700", [years(1650, 1700)]),
    ("1650-55", [years(1650, 1655)]),
    ("in the 16th century", [years(1500, 1599)]),
    ("16th-century books", [years(1500, 1599)]),
    ("sixteenth century", [years(1500, 1599)]),
    ("books of the seventeenth century", [years(1600, 1699)]),
    ("early 17th century", [years(1600, 1633)]),
    ("late 16th century", [years(1567, 1599)]),
    ("before the 17th century", [years(None, 1599)]),
    ("after the 16th century", [years(1600, None)]),
    ("1500s", [years(1500, 1599)]),
    ("the 1540s", [years(1540, 1549)]),
    ("in 1543", [years(1543, 1543)]),
    ("1543", [years(1543, 1543)]),
    ("after 1600 and before 1700", [years(1601, 1699)]),
    # subjects and titles
    ("about astronomy", [("subject", "CONTAINS", "astronomy", False)]),
    ("books on whaling", [("subject", "CONTAINS", "whaling", False)]),
    ("concerning the Reformation", [("subject", "CONTAINS", "Reformation", False)]),
    ("titled De revolutionibus", [("title", "CONTAINS", "De revolutionibus", False)]),
    ('titled "Viaggio in Levante"', [("title", "CONTAINS", "Viaggio in Levante", False)]),
    ("called 'Opera omnia'", [("title", "CONTAINS", "Opera omnia", False)]),
    ('"Opera omnia"', [("title", "CONTAINS", "Opera omnia", False)]),
    ("titled 1984", [("title", "CONTAINS", "1984", False)]),
    # negation
    ("not in Latin", [language("lat", True)]),
    ("not printed in Venice", [place("venice", True)]),
    ("excluding Latin books", [language("lat", True)]),
    ("excluding books printed in Venice", [place("venice", True)]),
    ("except those in Hebrew", [language("heb", True)]),
    ("other than Hebrew", [language("heb", True)]),
    ("not by Erasmus", [("agent", "CONTAINS", "Erasmus", True)]),
    ("not before 1600", [years(None, 1599, True)]),
    ("not in Latin or Greek", [("language", "IN", ["lat", "grc"], True)]),
    # combinations
    (
        "Hebrew books printed in Amsterdam before 1700",
        [language("heb"), place("amsterdam"), years(None, 1699)],
    ),
    (
        "Latin books printed in Venice by Aldus between 1495 and 1515",
        [language("lat"), place("venice"), ("agent", "CONTAINS", "Aldus", False), years(1495, 1515)],
    ),
    (
        "books about astronomy in Latin, not printed in Venice",
        [("subject", "CONTAINS", "astronomy", False), language("lat"), place("venice", True)],
    ),
    ("show me books in Latin from the 16th century", [language("lat"), years(1500, 1599)]),
]  # fmt: skip

FRAGMENTS = [
    ("only those in Latin", [language("lat")]),
    ("just the ones in Hebrew", [language("heb")]),
    ("before 1700", [years(None, 1699)]),
    ("published in Wellington", [place("wellington")]),
    ("what about Cambridge?", [place("cambridge")]),
    ("what about the 17th century?", [years(1600, 1699)]),
    ("how about Hebrew?", [language("heb")]),
    ("and what about Leiden?", [place("leiden")]),
    ("not in English", [language("eng", True)]),
    ("only those printed by Elzevir", [("publisher", "CONTAINS", "Elzevir", False)]),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS + FRAGMENTS)
def test_phrasing_compiles_to_its_filters(text: str, expected: list[tuple]) -> None:
    plan = compile_query(text)
    assert plan.clarification is None, plan.clarification
    assert plan.unparsed == []
    assert summary(plan) == expected
    assert plan.query_text == text
    assert plan.is_actionable


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "books", "show me everything", "please", "what?"],
)
def test_query_with_nothing_to_search_asks_what(text: str) -> None:
    plan = compile_query(text)
    assert not plan.is_actionable
    assert plan.filters == []
    assert plan.clarification.startswith("What are you looking for?")


@pytest.mark.parametrize(
    ("text", "understood", "words"),
    [
        ("blah foo", [], "blah foo"),
        ("Latin books with gilt edges", [language("lat")], "gilt edges"),
        ("in Latin frobnicated before 1700", [language("lat"), years(None, 1699)], "frobnicated"),
    ],
)
def test_words_that_name_nothing_are_searched_as_keywords_and_said(
    text: str, understood: list, words: str
) -> None:
    plan = compile_query(text)
    assert plan.is_actionable
    assert summary(plan) == [*understood, ("keyword", "CONTAINS", words, False)]
    assert plan.notes == [f"also matching the words '{words}'"]


@pytest.mark.parametrize("text", ["printed in", "in", "from the"])
def test_a_cue_with_nothing_after_it_asks_what(text: str) -> None:
    plan = compile_query(text)
    assert not plan.is_actionable and plan.clarification.startswith("What are you looking for?")


def test_contradictory_dates_ask_which_dates() -> None:
    plan = compile_query("after 1700 before 1600")
    assert not plan.is_actionable
    assert "No date is both after 1700 and before 1600" in plan.clarification


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("books printed in Venice", [place("venice")]),
        ("in Venetiis", [place("venice")]),
        ("Venice books", [place("venice")]),
        ("printed in Venezia before 1600", [place("venice"), years(None, 1599)]),
        ("in Lugduni Batavorum", [place("leiden")]),
        ("what about Basel?", [place("basel")]),
        ("in Latin", [language("lat")]),
        ("Hebrew books printed in Amsterdam", [language("heb"), place("amsterdam")]),
        ("from Italy", [("country", "EQUALS", "it", False)]),
    ],
)
def test_names_resolve_against_the_index(
    crafted_index: Path, text: str, expected: list[tuple]
) -> None:
    plan = compile_query(text, db_path=crafted_index)
    assert plan.clarification is None
    assert summary(plan) == expected


@pytest.mark.parametrize(
    ("text", "place_name"),
    [
        ("books printed in Atlantis", "Atlantis"),
        ("Latin books printed at Timbuktu", "Timbuktu"),
        ("published in El Dorado before 1700", "El Dorado"),
    ],
)
def test_place_not_in_catalogue_is_reported(
    crafted_index: Path, text: str, place_name: str
) -> None:
    plan = compile_query(text, db_path=crafted_index)
    assert not plan.is_actionable
    assert place_name in plan.unparsed
    assert f"'{place_name}' is not a place of printing in this catalogue" in plan.clarification
    assert "Did you mean one of these:" in plan.clarification


def test_misspelt_place_reads_the_catalogue_spelling_and_says_so(crafted_index: Path) -> None:
    plan = compile_query("printed in Vennice", db_path=crafted_index)
    assert summary(plan) == [("imprint_place", "EQUALS", "venice", False)]
    assert plan.notes == ["showing Venice; you typed Vennice"]


def test_unknown_name_after_what_about_asks_what_it_is(crafted_index: Path) -> None:
    plan = compile_query("what about Frobnitz?", db_path=crafted_index)
    assert plan.unparsed == ["Frobnitz"] and not plan.is_actionable
    assert "books by Frobnitz" in plan.clarification


def test_what_about_a_misspelt_printer_reads_the_imprint_spelling(crafted_index: Path) -> None:
    plan = compile_query("what about Aldus?", db_path=crafted_index)
    assert summary(plan) == [("agent", "EQUALS", "aldum", False)]
    assert plan.notes == ["showing apud Aldum; you typed Aldus"]


@pytest.mark.parametrize("word", ["may", "war", "new", "ton", "art"])
def test_language_codes_typed_as_words_are_not_languages(word: str) -> None:
    assert Vocabulary.unchecked().language(word) is None


@pytest.mark.parametrize("word", ["it", "no", "at", "be", "us"])
def test_country_codes_typed_as_words_are_not_countries(word: str) -> None:
    assert Vocabulary.unchecked().country(word) is None


def test_vocabulary_is_cached_until_the_index_changes(crafted_index: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(crafted_index.read_bytes())
    first = load_vocabulary(copy)
    assert load_vocabulary(copy) is first
    assert first.checked and "venice" in first.places and "lat" in first.languages
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_vocabulary(copy) is not first


def test_tokenize_keeps_quoted_phrases_and_splits_non() -> None:
    tokens = tokenize('titled "Opera omnia", non-Latin O\'Brien, pre-1600 Zürich & co.')
    assert [t.text for t in tokens] == [
        "titled", "Opera omnia", ",", "non", "Latin", "O'Brien", ",", "pre", "1600", "Zürich",
        "and", "co",
    ]  # fmt: skip
    assert [t.low for t in tokens][3:] == [
        "non",
        "latin",
        "obrien",
        ",",
        "pre",
        "1600",
        "zurich",
        "and",
        "co",
    ]
    assert tokens[1].quoted and tokens[2].sep
