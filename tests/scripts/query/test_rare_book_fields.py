"""Questions about the rare-book fields, answered from the demo catalogue and checked against
its MARC: references (510), former owners (561, 700 $e), bindings (563), shelfmarks (852) and
formats (300 $c), each with its MARC source as evidence."""

from __future__ import annotations

import re
from collections.abc import Callable

import pymarc
import pytest

from scripts.query.compile import compile_query
from scripts.query.execute import execute_plan
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat import marc_facts as marc

Test = Callable[[pymarc.Record], bool]


def cited(source: str, number: str | None = None) -> Test:
    def test(record: pymarc.Record) -> bool:
        return any(
            f.get("a", "").lower().startswith(source.lower())
            and (number is None or number.lower() in f.get("c", "").lower())
            for f in record.get_fields("510")
        )

    return test


def owned_by(surname: str) -> Test:
    def test(record: pymarc.Record) -> bool:
        notes = " ".join(f.get("a", "") for f in record.get_fields("561"))
        owners = [
            f.get("a", "")
            for f in record.get_fields("700")
            if "former owner" in " ".join(f.get_subfields("e"))
        ]
        return surname in notes or any(surname in owner for owner in owners)

    return test


def binding(word: str) -> Test:
    return lambda record: any(word in f.get("a", "") for f in record.get_fields("563"))


def shelved_at(shelfmark: str) -> Test:
    return lambda record: any(
        " ".join(f.get_subfields("k", "h", "i", "j", "m")) == shelfmark
        for f in record.get_fields("852")
    )


def in_format(abbreviation: str) -> Test:
    word = re.compile(rf"\b{re.escape(abbreviation)}\b")
    return lambda record: any(
        word.search(c) for f in record.get_fields("300") for c in f.get_subfields("c")
    )


@pytest.fixture(scope="module")
def records() -> list[pymarc.Record]:
    return marc.read_records(DEMO_CATALOGUE)


@pytest.mark.parametrize(
    ("question", "expected", "source"),
    [
        ("Goff B-526", cited("Goff", "B-526"), "marc:510$a"),
        ("ISTC ib00526000", cited("ISTC", "ib00526000"), "marc:510$a"),
        ("cited in Wing", cited("Wing"), "marc:510$a"),
        ("STC books", cited("STC"), "marc:510$a"),
        ("books in Goff", cited("Goff"), "marc:510$a"),
        ("books in STC printed in London", lambda r: cited("STC")(r) and marc.printed_in(
            "london", "londini")(r), "marc:510$a"),
        ("Wing items printed in London", cited("Wing"), "marc:510$a"),
        ("books owned by Isaac Newton", owned_by("Newton"), "marc:"),
        ("from the library of the Duke of Roxburghe", owned_by("Roxburghe"), "marc:"),
        ("bound in pigskin", binding("pigskin"), "marc:563$a"),
        ("pigskin bindings", binding("pigskin"), "marc:563$a"),
        ("bindings in calf", binding("calf"), "marc:563$a"),
        ("shelfmark Inc. 1", shelved_at("Inc. 1"), "marc:852"),
        ("folios printed in Venice", lambda r: in_format("fol")(r) and marc.printed_in(
            "venetiis", "venice", "venetia", "vinegia", "venezia")(r), "marc:300"),
        ("octavos", in_format("8vo"), "marc:300"),
    ],
)  # fmt: skip
def test_a_rare_book_question_finds_the_records_whose_marc_says_so(
    records, demo_index, question, expected, source
):
    wanted = marc.ids(records, expected)
    found = execute_plan(compile_query(question, db_path=demo_index), demo_index, limit=100)
    assert wanted and {c.record_id for c in found.candidates} == wanted
    assert all(any(e.source.startswith(source) for e in c.evidence) for c in found.candidates)
