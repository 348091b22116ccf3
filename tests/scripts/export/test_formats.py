"""Each format, read back by an independent parser, holds the records and why they matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.export.formats import FORMATS, UnknownFormatError, record_format, session_format
from scripts.export.items import ExportItem
from scripts.marc.whole_record import read_stored
from scripts.query.connection import read_only
from scripts.records.load import get_record, load_records
from tests.scripts.export import parsed
from tests.scripts.query.catalogues import build_crafted_index

NAMES = list(FORMATS)


@pytest.fixture(scope="module")
def crafted_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crafted_index(tmp_path_factory.mktemp("crafted"))


def items_of(db: Path, ids: list[str]) -> list[ExportItem]:
    with read_only(db) as conn:
        records = load_records(conn, ids, marc=True)
    return [
        ExportItem(
            records[i],
            f"Matched “test”: why {i} 50% & {{braces}}",
            f"https://example.org/records/{i}",
        )
        for i in ids
    ]


def export(name: str, items: list[ExportItem]) -> list[dict]:
    return parsed.READERS[name]("".join(record_format(name).write(items)))


@pytest.mark.parametrize("name", NAMES)
def test_every_record_comes_back_in_order_with_why_it_matched(name, rare_index, crafted_index):
    items = items_of(rare_index, ["r1", "r2", "r3", "r4"]) + items_of(
        crafted_index, ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]
    )
    back = export(name, items)
    assert [b["id"] for b in back] == [item.record["record_id"] for item in items]
    for item, found in zip(items, back, strict=True):
        assert found["why"] == item.why
        title = item.record["title"].replace("\x07", "\ufffd")
        assert found["title"].rstrip(" ./") == title.rstrip(" ./"), name


@pytest.mark.parametrize("name", NAMES)
def test_an_export_of_nothing_is_a_valid_empty_file(name):
    assert export(name, []) == []


def test_ris_carries_authors_imprint_languages_references_and_links(rare_index):
    (entry,) = [b["raw"] for b in export("ris", items_of(rare_index, ["r1"]))]
    assert entry["type_of_reference"] == "BOOK"
    assert entry["year"] == "1455" and entry["place_published"] == "[Mainz"
    assert entry["publisher"] == "Johann Gutenberg and Johann Fust"
    assert entry["language"] == "Latin" and entry["keywords"] == ["Incunabula"]
    assert entry["notes"][1:] == [
        "Reference: Goff B-526",
        "Reference: ISTC ib00526000",
        "Reference: GW 4201",
    ]
    assert entry["call_number"] == "Colophon Demo Library — Rare Books Inc. 1"
    assert entry["urls"] == ["https://example.org/records/r1", "https://example.org/gutenberg"]
    (karo,) = [b["raw"] for b in export("ris", items_of(rare_index, ["r3"]))]
    assert karo["authors"] == ["Karo, Joseph"]  # the 880 form is the same person


def test_bibtex_splits_personal_names_and_keeps_others_whole(rare_index, crafted_index):
    entries = {b["id"]: b["raw"] for b in export("bibtex", items_of(rare_index, ["r2", "r3"]))}
    assert entries["r3"].fields_dict["author"].value == "Karo, Joseph"
    assert entries["r2"].fields_dict["author"].value == "Herodotus"
    assert entries["r2"].fields_dict["language"].value == "Greek, Ancient (to 1453)"
    (q3,) = [b["raw"] for b in export("bibtex", items_of(crafted_index, ["q3"]))]
    assert q3.fields_dict["title"].value == '50% off: the "quoted" title; DROP TABLE records; --'


def test_csl_json_dates_names_and_schema(rare_index, crafted_index):
    items = {
        b["id"]: b["raw"] for b in export("csl-json", items_of(crafted_index, ["q9", "q8", "q1"]))
    }
    assert items["q9"]["issued"] == {"date-parts": [[1590], [1610]]}
    assert "issued" not in items["q8"]
    assert items["q1"]["author"] == [{"family": "Copernicus", "given": "Nicolaus"}]
    (bible,) = [b["raw"] for b in export("csl-json", items_of(rare_index, ["r1"]))]
    assert (
        bible["call-number"] == "Inc. 1"
        and bible["archive"] == "Colophon Demo Library — Rare Books"
    )
    assert "author" not in bible  # the printers are not its authors


def test_csv_has_a_readers_header_and_one_row_per_record(rare_index):
    (row,) = [b["raw"] for b in export("csv", items_of(rare_index, ["r3"]))]
    assert row["Authors"] == "Karo, Joseph" and row["Date"] == "1565" and row["Place"] == "Venezia"
    assert row["Links"] == "https://example.org/records/r3"


def test_marcxml_is_the_record_as_catalogued_plus_a_590(rare_index):
    (record,) = [b["raw"] for b in export("marcxml", items_of(rare_index, ["r3"]))]
    _, fields = read_stored(get_record("r3", rare_index, marc=True)["marc"])
    tags = [f.tag for f in fields]
    assert [f.tag for f in record.fields] == [*tags[:-3], "590", *tags[-3:]]


def test_an_unknown_format_lists_the_formats():
    with pytest.raises(
        UnknownFormatError, match="'exe': use one of ris, bibtex, csl-json, csv, marcxml$"
    ):
        record_format("exe")
    with pytest.raises(UnknownFormatError, match="marcxml, markdown, json$"):
        session_format("exe")
    assert session_format("markdown").extension == "md" and session_format("ris").name == "ris"
