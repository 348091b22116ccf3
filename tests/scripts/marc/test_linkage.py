"""880 fields read as the fields their $6 names; unlinked ones kept as notes."""

import pytest
from pymarc import Subfield

from scripts.marc.extract import to_parsed
from scripts.marc.linkage import entries, linked_tag
from tests.scripts.marc.marc_files import book, datafield


@pytest.mark.parametrize(
    ("linkage", "tag"),
    [
        ("245-01/(2/r", "245"),
        ("100-02/(S", "100"),
        ("260-00", "260"),  # occurrence 00: nothing to pair with, but the field is named
        (" 650-03", "650"),
        ("880-01", None),
        ("24501", None),
        ("", None),
        ("abc-01", None),
    ],
)
def test_linked_tag_reads_the_tag_its_6_names(linkage, tag):
    assert linked_tag(datafield("880", "6", linkage, "a", "x")) == tag


def test_an_880_without_6_pairs_with_nothing():
    assert linked_tag(datafield("880", "a", "ספר")) is None


def test_entries_read_each_880_as_its_paired_field_without_its_6():
    fields = [
        datafield("245", "6", "880-01", "a", "Sefer Tehilim", indicators="10"),
        datafield("880", "6", "245-01/(2/r", "a", "ספר תהלים", indicators="10"),
        datafield("880", "a", "no link"),
    ]
    routed = entries(fields)
    assert [(e.field.tag, e.tag, e.linked_tag) for e in routed] == [
        ("245", "245", None),
        ("245", "880", "245"),
        ("880", "880", None),
    ]
    assert routed[1].field.subfields == [Subfield("a", "ספר תהלים")]
    assert routed[1].field.indicators == ("1", "0")


HEBREW = (
    datafield("100", "6", "880-01", "a", "Maimonides, Moses,", "d", "1135-1204.", indicators="0 "),
    datafield("880", "6", "100-01/(2/r", "a", "משה בן מימון,", "d", "1135-1204.", indicators="0 "),
    datafield("880", "6", "245-02/(2/r", "a", "ספר מורה נבוכים", indicators="10"),
    datafield("880", "6", "260-03/(2/r", "a", "ויניציאה :", "b", "בומבירגי,", "c", "שי״א."),
    datafield("880", "6", "650-04/(2/r", "a", "פילוסופיה יהודית", indicators=" 0"),
    datafield("880", "6", "561-05/(2/r", "a", "מספריית הרב"),
    datafield("880", "6", "655-06/(2/r", "a", "ספרי קודש", indicators=" 7"),
    datafield("880", "6", "250-07/(2/r", "a", "מהדורה שנייה"),
    datafield("880", "a", "Without a link"),
    datafield("880", "6", "garbage", "a", "Broken link"),
)


def test_linked_880s_go_to_their_paired_fields_tables_with_tag_880():
    record = to_parsed(book("h1", fields=HEBREW), "x.mrc")
    assert [(a.tag, a.name_raw, a.linked_tag) for a in record.agents] == [
        ("100", "Maimonides, Moses, 1135-1204", None),
        ("880", "משה בן מימון, 1135-1204", "100"),
    ]
    # Normalised as every value is: a final mem as a plain one, as readers may type it.
    assert ("880", "ספר מורה נבוכים", "ספר מורה נבוכימ", "245") in record.titles
    hebrew_imprint = record.imprints[-1]
    assert (hebrew_imprint.tag, hebrew_imprint.place_raw, hebrew_imprint.publisher_raw) == (
        "880",
        "ויניציאה",
        "בומבירגי",
    )
    assert hebrew_imprint.linked_tag == "260"
    assert ("880", "פילוסופיה יהודית", "פילוסופיה יהודית", "650") in record.subjects
    assert [(g.tag, g.term, g.linked_tag) for g in record.genres] == [("880", "ספרי קודש", "655")]


def test_880s_without_a_table_or_a_link_are_notes_and_break_nothing():
    record = to_parsed(book("h1", fields=HEBREW), "x.mrc")
    assert [(n.tag, n.text, n.linked_tag) for n in record.notes] == [
        ("880", "מספריית הרב", "561"),
        ("880", "מהדורה שנייה", "250"),
        ("880", "Without a link", None),
        ("880", "Broken link", None),
    ]
    # The romanised fields still give the record's display values and dates.
    assert (record.author, record.title, record.date_start) == (
        "Maimonides, Moses",
        "Historia plantarum",
        1667,
    )


def test_the_stored_record_keeps_every_880_with_its_6():
    record = to_parsed(book("h1", fields=HEBREW), "x.mrc")
    assert record.marc.count('<datafield tag="880"') == len(HEBREW) - 1
    assert '<subfield code="6">245-02/(2/r</subfield>' in record.marc
    assert '<subfield code="6">garbage</subfield>' in record.marc
