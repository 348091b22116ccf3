"""Hostile or odd input gives a clear answer or an empty result with a reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.query.compile import compile_query
from scripts.query.execute import execute_plan
from scripts.query.grammar import MAX_CORRECTED_RUNS, MAX_CORRECTED_SPAN, MAX_QUERY_CHARS
from scripts.query.operators import FIELDS
from scripts.query.vocabulary import Vocabulary
from scripts.schemas.candidate_set import CandidateSet
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, QueryPlan


def answer(text: str, db_path: Path) -> tuple[QueryPlan, CandidateSet | None]:
    """What the pipeline does with ``text``: a question, or the results."""
    plan = compile_query(text, db_path=db_path)
    if not plan.is_actionable:
        assert plan.clarification and plan.clarification.strip()
        return plan, None
    return plan, execute_plan(plan, db_path)


@pytest.mark.parametrize("text", ["", " ", "\t\n  ", "\u00a0\u2003"])
def test_empty_query_asks_what_to_look_for(crafted_index: Path, text: str) -> None:
    plan, found = answer(text, crafted_index)
    assert found is None
    assert plan.clarification.startswith("What are you looking for?")


@pytest.mark.parametrize("text", ["Latin " * 1700, "x" * 10_000, "in Venice, " * 1000])
def test_very_long_query_is_asked_to_be_shorter(crafted_index: Path, text: str) -> None:
    plan, found = answer(text, crafted_index)
    assert found is None
    assert f"{len(text):,} characters long" in plan.clarification
    assert plan.filters == []
    assert len(plan.unparsed[0]) < 100


@pytest.mark.parametrize(
    "text",
    [
        "books by O'Brien\"; DROP TABLE records; --",
        "'; DELETE FROM records WHERE '1'='1",
        "titled %_% OR 1=1",
        "about ) OR (1=1",
        'titled "unterminated',
        "by Robert'); DROP TABLE agents;--",
        "books in Latin /* comment */ UNION SELECT * FROM records",
        'titled "NEAR(a b)" AND "c*"',
        "\\\\ \\ % _ ' \" ; --",
    ],
)
def test_sql_metacharacters_never_reach_the_sql(crafted_index: Path, text: str) -> None:
    plan, found = answer(text, crafted_index)
    if found is not None:
        assert found.total_count == len(found.candidates)
    # the index is intact whatever was asked
    again = execute_plan(compile_query("in Latin", db_path=crafted_index), crafted_index)
    assert again.total_count == 3


def test_quoted_name_with_apostrophe_finds_its_record(crafted_index: Path) -> None:
    _, found = answer("books by O'Brien", crafted_index)
    assert [c.record_id for c in found.candidates] == ["q3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('titled "ספר תהלים"', ["q2"]),
        ('titled "Ἱστορίαι"', ["q4"]),
        ('titled "Война и мир"', ["q5"]),
        ("by Толстой", ["q5"]),
        ('titled "Ἱστορίαι" in Greek', ["q4"]),
    ],
)
def test_non_latin_scripts_are_searched(
    crafted_index: Path, text: str, expected: list[str]
) -> None:
    plan, found = answer(text, crafted_index)
    assert found is not None, plan.clarification
    assert [c.record_id for c in found.candidates] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ספר תהלים", ["q2"]), ("Ἱστορίαι", ["q4"]), ("Война и мир", ["q5"]), ("中文书", [])],
)
def test_bare_non_latin_text_is_searched_as_keywords(
    crafted_index: Path, text: str, expected: list[str]
) -> None:
    plan, found = answer(text, crafted_index)
    assert [f.field.value for f in plan.filters] == ["keyword"]
    assert [c.record_id for c in found.candidates] == expected


@pytest.mark.parametrize("text", ["books printed in Atlantis", "published in Gotham before 1700"])
def test_place_not_in_catalogue_gets_a_reason(crafted_index: Path, text: str) -> None:
    plan, found = answer(text, crafted_index)
    assert found is None
    assert "is not a place of printing in this catalogue" in plan.clarification


def test_language_absent_from_catalogue_gives_empty_result(crafted_index: Path) -> None:
    plan, found = answer("books in Welsh", crafted_index)
    assert [f.describe() for f in plan.filters] == ["language equals wel"]
    assert found.total_count == 0 and found.candidates == []


CONTAINS_FIELDS = [field for field, spec in FIELDS.items() if FilterOp.CONTAINS in spec.ops]


@pytest.mark.parametrize("field", CONTAINS_FIELDS)
@pytest.mark.parametrize("value", [":", "50%", "— ;", "aldus :"])
def test_contains_punctuation_on_any_field_runs(crafted_index: Path, field, value) -> None:
    plan = QueryPlan(filters=[Filter(field=field, op=FilterOp.CONTAINS, value=value)])
    found = execute_plan(plan, crafted_index)
    assert found.total_count == len(found.candidates)


@pytest.mark.parametrize(
    "text",
    ["the of and", "is there anything", "have you got any stuff", "?!...,;", "— – … «»", "& & &"],
)
def test_stop_words_or_punctuation_alone_ask_what_to_look_for(demo_index: Path, text) -> None:
    plan, found = answer(text, demo_index)
    assert found is None
    assert plan.clarification.startswith("What are you looking for?")


@pytest.mark.parametrize(
    "text",
    ["ספרים printed in Venice", "Ἱστορίαι Herodotus", "Latin книги before 1600", "Basel 书"],
)
def test_mixed_scripts_are_read_or_searched(demo_index: Path, text) -> None:
    plan, found = answer(text, demo_index)
    assert plan.filters and (found is not None or plan.clarification)


def test_respelling_is_bounded_however_many_unknown_words(
    demo_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans = []
    closest = Vocabulary._closest
    monkeypatch.setattr(
        Vocabulary, "_closest", lambda self, *a: scans.append(a) or closest(self, *a)
    )
    words = [f"qz{chr(97 + i % 26)}{chr(97 + i // 26)}xv" for i in range(80)]
    plan, _ = answer(" ".join(words)[:MAX_QUERY_CHARS], demo_index)
    assert plan.filters[-1].field is FilterField.KEYWORD
    assert len(scans) <= MAX_CORRECTED_RUNS * MAX_CORRECTED_SPAN
