"""Rare-book fields: citations (510), genre/form (655), holdings (852), links (856), and the
copy-specific notes (561, 563, 590) beside 500 and 520."""

import sqlite3

import pytest
from pymarc import Leader

from scripts.marc.extract import NoteRow, to_parsed
from scripts.marc.index import build_index
from scripts.marc.normalize import normalize_citation_number
from scripts.marc.rare_book import CitationRow, GenreRow, HoldingRow, LinkRow
from tests.scripts.chat import marc_facts
from tests.scripts.marc.marc_files import book, datafield, f008, write_mrc

# The Gutenberg Bible's numbers in Goff, ISTC and GW; the shelfmark is the demo library's own.
GUTENBERG = (
    datafield("510", "a", "Goff,", "c", "B-526", indicators="4 "),
    datafield("510", "a", "ISTC", "c", "ib00526000", indicators="4 "),
    datafield("510", "a", "GW", "c", "4201.", indicators="4 "),
    datafield("510", "a", "Not located in any census", indicators="0 "),
    datafield(
        "655", "a", "Incunabula", "z", "Germany", "z", "Mainz.", "2", "rbmscv", indicators=" 7"
    ),  # fmt: skip
    datafield(
        "852",
        "a",
        "Colophon Demo Library",
        "b",
        "Rare Books",
        "k",
        "Folio",
        "h",
        "Inc. 1",
        "t",
        "c. 1",
        "z",
        "Two volumes.",
        indicators="8 ",
    ),  # fmt: skip
    datafield(
        "856",
        "3",
        "Facsimile",
        "u",
        "https://example.org/b1",
        "y",
        "Digitised copy",
        "z",
        "Free to read",
        indicators="41",
    ),  # fmt: skip
    datafield("561", "a", "Former owner's inscription on the title page."),
    datafield("563", "a", "Contemporary limp vellum."),
    datafield("590", "a", "Local note: leaves 3-4 supplied in facsimile."),
)


def parsed(*fields):
    return to_parsed(book("g1", fields=fields), "g.mrc")


def test_510_gives_source_and_number_normalised_for_search():
    record = parsed(*GUTENBERG)
    assert record.citations == [
        CitationRow("510", "Goff", "goff", "B-526", "b526"),
        CitationRow("510", "ISTC", "istc", "ib00526000", "ib00526000"),
        CitationRow("510", "GW", "gw", "4201", "4201"),
        CitationRow("510", "Not located in any census", "not located in any census", None, None),
    ]


@pytest.mark.parametrize("spelling", ["B-526", "b 526", "B526", "B.526"])
def test_any_spelling_of_a_number_normalises_alike(spelling):
    assert normalize_citation_number(spelling) == "b526"


def test_655_is_a_genre_not_a_subject():
    record = parsed(*GUTENBERG)
    assert record.genres == [
        GenreRow("655", "Incunabula", "incunabula", "Incunabula -- Germany -- Mainz", "rbmscv")
    ]
    assert all(row.tag != "655" for row in record.subjects)


def test_852_gives_location_and_shelfmark():
    assert parsed(*GUTENBERG).holdings == [
        HoldingRow(
            "852",
            "Colophon Demo Library",
            "Rare Books",
            "Folio Inc. 1",
            "folio inc 1",
            "c. 1",
            "Two volumes.",
        )
    ]


def test_856_gives_one_link_per_address():
    assert parsed(*GUTENBERG).links == [
        LinkRow(
            "856",
            "https://example.org/b1",
            "Digitised copy",
            "Free to read",
            "Facsimile",
            "version",
        )
    ]


def test_561_563_590_are_notes_with_their_tags():
    notes = parsed(*GUTENBERG).notes
    assert notes == [
        NoteRow("561", "Former owner's inscription on the title page."),
        NoteRow("563", "Contemporary limp vellum."),
        NoteRow("590", "Local note: leaves 3-4 supplied in facsimile."),
    ]


def test_the_notes_full_text_covers_provenance_and_binding(tmp_path):
    db = tmp_path / "index.db"
    build_index([write_mrc(tmp_path / "g.mrc", [book("g1", fields=GUTENBERG), book("g2")])], db)
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT record_id FROM notes_fts WHERE notes_fts MATCH 'vellum'"
        ).fetchall()
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT record_id FROM citations"
            " WHERE source_norm = 'goff' AND number_norm = 'b526'"
        ).fetchall()
    assert found == [("g1",)]
    assert "citations_source_number" in " ".join(row[3] for row in plan)


@pytest.mark.nlnz
def test_nlnz_citations_genres_and_links_match_the_raw_marc(nlnz_mrc, nlnz_index):
    records = marc_facts.read_records(nlnz_mrc)
    citations = sorted(
        (marc_facts.record_id(r), f.get_subfields("c")[0])
        for r in records
        for f in r.get_fields("510")
        if f.get_subfields("c")
    )
    genres = sum(1 for r in records for f in r.get_fields("655") if f.get_subfields("a"))
    links = sum(len(f.get_subfields("u")) for r in records for f in r.get_fields("856"))
    with sqlite3.connect(nlnz_index) as conn:
        indexed = sorted(
            conn.execute("SELECT record_id, number FROM citations WHERE number IS NOT NULL")
        )
        (bagnall,) = conn.execute(
            "SELECT record_id FROM citations WHERE source_norm = 'bagnall' AND number_norm = 'r349'"
        ).fetchall()
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM genres WHERE tag = '655'), (SELECT count(*) FROM links)"
        ).fetchone()
    assert indexed == citations and len(citations) > 90
    assert bagnall == ("996276973502836",)
    assert counts == (genres, links)


@pytest.mark.parametrize(
    ("audience", "term"),
    [("j", "Juvenile literature"), ("b", "Juvenile literature"), ("d", "Young adult literature")],
)
def test_a_books_coded_audience_is_a_kind_of_book_once(audience, term):
    control = f008()[:22] + audience + f008()[23:33] + "1" + f008()[34:]  # 008/33: fiction
    subject = datafield("650", "a", "Animals", "v", f"{term}.", indicators=" 0")
    marc = book("g2", fields=(subject,), control_008=control)
    marc.leader = Leader("00000nam a2200000 a 4500")  # language material, a monograph
    record = to_parsed(marc, "g.mrc")
    assert [(g.tag, g.term) for g in record.genres] == [("008/33", "Fiction"), ("008/22", term)]


def test_an_adult_or_uncoded_audience_is_no_kind_of_book():
    for audience in " eg|":
        control = f008()[:22] + audience + f008()[23:]
        marc = book("g3", control_008=control)
        marc.leader = Leader("00000nam a2200000 a 4500")
        record = to_parsed(marc, "g.mrc")
        assert [g.tag for g in record.genres] == []


def test_a_subjects_form_subdivision_is_a_genre_after_the_coded_kinds():
    record = parsed(
        datafield("651", "a", "Venice (Italy)", "v", "Maps.", indicators=" 0"),
        datafield("655", "a", "Atlases.", "2", "lcgft", indicators=" 7"),
    )
    assert [(g.tag, g.term_norm) for g in record.genres] == [
        ("655", "atlases"),
        ("651", "maps"),
    ]
    assert record.genres[1].heading == "Venice (Italy) -- Maps"
