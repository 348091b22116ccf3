"""The reader's view speaks a reader's words; the tagged view shows the MARC as catalogued."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.query.connection import read_only
from scripts.records.load import get_record
from scripts.records.view import LABELS, address, dates, reader_view, tagged_view
from tests.scripts.chat import marc_facts
from tests.scripts.records.rare_books import RARE

INTERNAL = re.compile(r"\b(?:[a-z]+_[a-z_]+|marc:|\$[a-z0-9])\b")  # imprint_place, marc:, $a


def view(rare_index: Path, record_id: str) -> dict[str, list[str]]:
    return {
        s.label: [v.text for v in s.values] for s in reader_view(get_record(record_id, rare_index))
    }


def test_the_gutenberg_bible_in_a_readers_words(rare_index):
    assert view(rare_index, "r1") == {
        "Title": ["Biblia latina"],
        "Other names": [
            "Gutenberg, Johann, 1397?-1468 (printer)",
            "Fust, Johann, -1466 (printer)",
        ],
        "Published": ["[Mainz : Johann Gutenberg and Johann Fust, about 1455]"],
        "Date": ["1455"],
        "Country of publication": ["Germany"],
        "Language": ["Latin"],
        "Description": ["2 volumes ; folio."],
        "Genre/form": ["Incunabula"],
        "Provenance": ["Inscription of an early owner on the first leaf."],
        "Binding": ["Bound in limp vellum."],
        "References": ["Goff B-526", "ISTC ib00526000", "GW 4201"],
        "Held at": ["Colophon Demo Library — Rare Books"],
        "Shelfmark": ["Inc. 1"],
        "Digitised copy": ["Digitised copy"],
        "Record number": ["r1"],
    }


def test_both_scripts_show_where_an_880_pairs(rare_index):
    karo = view(rare_index, "r3")
    assert karo["Title"] == ["Shulḥan ʻarukh", "שלחן ערוך"]
    assert karo["Author"] == ["Karo, Joseph, 1488-1575", "קארו, יוסף, 1488-1575"]
    assert karo["Published"] == ["Venezia, 1565", "ויניציאה, שכ״ה"]
    assert view(rare_index, "r2")["Title"] == ["Herodoti Libri novem", "Ἡροδότου λόγοι ἐννέα"]


def test_relator_codes_and_languages_are_spelt_out(rare_index):
    herodotus = view(rare_index, "r2")
    assert herodotus["Other names"] == ["Manuzio, Aldo, 1449 or 1450-1515 (printer)"]
    assert herodotus["Language"] == ["Greek, Ancient (to 1453)"]


def test_an_odd_record_still_reads(rare_index):
    odd = view(rare_index, "r4")
    assert odd["Title"] == ["Anonymous tract\ufffd with a bell"]
    assert odd["Notes"] == ["Vertical\ufffdtab in a note.", "An 880 without its $6."]
    assert odd["Date"] == ["undated"]


@pytest.mark.parametrize("record_id", ["r1", "r2", "r3", "r4"])
def test_no_label_is_an_internal_name_or_code(rare_index, record_id):
    for section in reader_view(get_record(record_id, rare_index)):
        assert section.label in LABELS.values()
        assert not INTERNAL.search(section.label)


def test_only_web_addresses_become_links():
    record = {
        "record_id": "x",
        "links": [
            {"url": "javascript:alert(1)", "text": "Bad", "note": None, "materials": None,
             "kind": "version"},
            {"url": "https://example.org/a", "text": None, "note": None, "materials": None,
             "kind": None},
        ],
    }  # fmt: skip
    sections = {s.label: s.values for s in reader_view(record)}
    assert [(v.text, v.url) for v in sections["Digitised copy"]] == [("Bad", None)]
    assert [(v.text, v.url) for v in sections["Online"]] == [
        ("https://example.org/a", "https://example.org/a")
    ]


def test_the_tagged_view_is_every_field_as_catalogued(rare_index):
    record = get_record("r3", rare_index, marc=True)
    tagged = tagged_view(record["marc"])
    original = RARE[2]
    assert [f.tag for f in tagged.fields] == [f.tag for f in original.fields]
    hebrew_title = next(
        f for f in tagged.fields if f.subfields and f.subfields[0].value.startswith("245-02")
    )
    assert (hebrew_title.tag, hebrew_title.ind1, hebrew_title.ind2) == ("880", "1", "0")
    assert [(s.code, s.value) for s in hebrew_title.subfields] == [
        ("6", "245-02/(2/r"),
        ("a", "שלחן ערוך."),
    ]
    assert tagged.fields[0].data == "r3" and len(tagged.leader) == 24


def test_the_tagged_view_of_every_nlnz_record_matches_pymarc(nlnz_mrc, nlnz_index):
    raw = {marc_facts.record_id(r): r for r in marc_facts.read_records(nlnz_mrc)}
    with read_only(nlnz_index) as conn:
        stored = dict(conn.execute("SELECT record_id, xml FROM marc").fetchall())
    assert stored.keys() == raw.keys()
    for record_id, text in list(stored.items())[:200]:
        fields = tagged_view(text).fields
        assert [f.tag for f in fields] == [f.tag for f in raw[record_id].fields]


@pytest.mark.parametrize(
    ("record_id", "path"),
    [("cph000027", "/records/cph000027"), ("a/b c?", "/records/a%2Fb%20c%3F")],
)
def test_address_escapes_the_id(record_id, path):
    assert address(record_id) == path


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (1543, 1543, "1543"),
        (1590, 1610, "1590–1610"),
        (1850, 9999, "1850–"),
        (None, None, "undated"),
    ],
)
def test_dates(start, end, text):
    assert dates(start, end) == text


def test_every_label_has_a_field_that_shows_under_it():
    """Walks LABELS: a record with every kind of field uses each label, and no other."""
    row = {"tag": "500", "linked_tag": None}
    record = {
        "record_id": "x1",
        "date_start": 1500,
        "date_end": 1500,
        "country_name": "Italy",
        "titles": [{**row, "tag": "245", "title": "T"}, {**row, "tag": "246", "title": "U"}],
        "agents": [
            {**row, "tag": "100", "position": 1, "name_raw": "A", "role_raw": None},
            {**row, "tag": "700", "position": 2, "name_raw": "B", "role_raw": "fmo"},
        ],
        "imprints": [
            {**row, "tag": "260", "place_raw": "P", "publisher_raw": "Q", "date_raw": "1500"}
        ],
        "languages": [{"code": "lat", "name": "Latin"}, {"code": "grc", "name": None}],
        "physical_descriptions": [{**row, "tag": "300", "text": "1 v."}],
        "subjects": [{**row, "tag": "650", "heading": "S"}, {**row, "tag": "655", "heading": "G"}],
        "genres": [{**row, "tag": "655", "heading": "G"}],
        "notes": [{**row, "tag": tag, "text": tag} for tag in ("500", "520", "561", "563", "590")],
        "citations": [{**row, "tag": "510", "source": "Goff", "number": "B-526"}],
        "holdings": [
            {"location": "L", "sublocation": None, "shelfmark": "S 1", "copy": None, "note": None}
        ],
        "links": [
            {
                "url": "https://example.org/a",
                "text": "a",
                "note": None,
                "materials": None,
                "kind": "version",
            },
            {
                "url": "https://example.org/b",
                "text": "b",
                "note": None,
                "materials": None,
                "kind": "resource",
            },
        ],
    }
    sections = {s.label: [v.text for v in s.values] for s in reader_view(record)}
    assert set(sections) | {LABELS["language"]} == set(LABELS.values())
    assert sections["Other names"] == ["B (former owner)"]
    assert sections["Languages"] == ["Latin", "unrecognised language (grc)"]
    assert sections["Notes"] == ["500", "590"] and sections["Summary"] == ["520"]
