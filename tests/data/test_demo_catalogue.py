"""Invariants of the demo catalogue ``data/samples/rare_books.xml``, read with pymarc.

Each test collects every offending record, so one failure lists them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pymarc
import pytest

from tests.conftest import DEMO_CATALOGUE

# MARC 21 script identification codes of 880 $6, and the Unicode blocks their text must use.
SCRIPTS = {
    "(2": re.compile(r"[\u0590-\u05ff]"),  # Hebrew
    "(S": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"),  # Greek
}
LINK = re.compile(r"^(?P<tag>\d{3})-(?P<occurrence>\d{2})(?:/(?P<script>\([0-9A-Z])(?P<rtl>/r)?)?$")
GENRE_VOCABULARIES = {"rbmscv", "lcgft"}


@pytest.fixture(scope="module")
def records() -> list[pymarc.Record]:
    return pymarc.parse_xml_to_array(str(DEMO_CATALOGUE))


def record_id(record: pymarc.Record) -> str:
    return record["001"].data if record.get("001") else "(no 001)"


def test_every_record_has_001_008_245_and_852(records):
    lacking = [
        record_id(record)
        for record in records
        if not (record.get("001") and record.get("245") and record.get("852"))
        or len(record["008"].data if record.get("008") else "") != 40
    ]
    assert lacking == []


def test_control_numbers_are_unique(records):
    counts = Counter(record_id(record) for record in records)
    assert [number for number, count in counts.items() if count > 1] == []


def test_shelfmarks_are_unique(records):
    counts = Counter(field["h"] for record in records for field in record.get_fields("852"))
    assert [mark for mark, count in counts.items() if count > 1] == []


def _links(record: pymarc.Record) -> tuple[dict[tuple[str, str], pymarc.Field], dict]:
    """(tag, occurrence) -> linked field, and (tag, occurrence) -> its 880."""
    linked, alternates = {}, {}
    for field in record.fields:
        if field.is_control_field():
            continue
        for value in field.get_subfields("6"):
            match = LINK.match(value)
            assert match, f"{record_id(record)} {field.tag}: malformed $6 {value!r}"
            if field.tag == "880":
                alternates[(match["tag"], match["occurrence"])] = field
            else:
                assert match["tag"] == "880", f"{record_id(record)} {field.tag} $6 {value!r}"
                linked[(field.tag, match["occurrence"])] = field
    return linked, alternates


def test_every_880_link_pairs_both_ways(records):
    unpaired, pairs = [], 0
    for record in records:
        linked, alternates = _links(record)
        pairs += len(linked.keys() & alternates.keys())
        for key in linked.keys() ^ alternates.keys():
            unpaired.append((record_id(record), *key))
        for key in linked.keys() & alternates.keys():
            if linked[key].indicators != alternates[key].indicators:
                unpaired.append((record_id(record), *key, "indicators differ"))
    assert unpaired == [] and pairs > 0


def test_880_script_codes_match_their_text(records):
    wrong = []
    for record in records:
        for field in record.get_fields("880"):
            match = LINK.match(field["6"])
            text = " ".join(value for code, value in _subfields(field) if code == "a")
            script = SCRIPTS.get(match["script"])
            others = [pattern for code, pattern in SCRIPTS.items() if code != match["script"]]
            right_to_left = match["script"] == "(2"
            if (
                script is None
                or not script.search(text)
                or any(pattern.search(text) for pattern in others)
                or bool(match["rtl"]) != right_to_left
            ):
                wrong.append((record_id(record), field["6"]))
    assert wrong == []


def _subfields(field: pymarc.Field) -> list[tuple[str, str]]:
    return [(subfield.code, subfield.value) for subfield in field.subfields]


def test_every_510_names_a_source_and_a_number(records):
    incomplete = [
        (record_id(record), str(field))
        for record in records
        for field in record.get_fields("510")
        if not (field.get("a", "").strip() and field.get("c", "").strip())
    ]
    assert incomplete == []


def test_every_genre_term_names_its_vocabulary(records):
    unnamed = [
        (record_id(record), field.get("a"))
        for record in records
        for field in record.get_fields("655")
        if field.indicator2 != "7" or field.get("2") not in GENRE_VOCABULARIES
    ]
    assert unnamed == []


def test_books_printed_before_1501_are_incunabula(records):
    missing = [
        record_id(record)
        for record in records
        if int(record["008"].data[7:11]) < 1501
        and "Incunabula." not in [field.get("a") for field in record.get_fields("655")]
    ]
    assert missing == []


def test_every_former_owner_is_named_in_a_provenance_note(records):
    unexplained = []
    for record in records:
        provenance = " ".join(field.get("a", "") for field in record.get_fields("561"))
        for field in record.get_fields("700", "710"):
            if "former owner." in field.get_subfields("e"):
                surname = field["a"].split(",")[0]
                if surname not in provenance:
                    unexplained.append((record_id(record), field["a"]))
    assert unexplained == []


def test_text_is_unicode_nfc(records):
    decomposed = {
        record_id(record)
        for record in records
        for field in record.fields
        if not field.is_control_field()
        for _, value in _subfields(field)
        if unicodedata.normalize("NFC", value) != value
    }
    assert decomposed == set()


# The towns of Hebrew printing that readers ask about, as the imprints name them.
HEBREW_PRINTING_TOWNS = (
    "Soncino", "Venice", "Constantinople", "Salonika", "Mantua", "Ferrara", "Sabbioneta",
    "Cremona", "Riva di Trento", "Basel", "Prague", "Cracow", "Lublin", "Amsterdam",
    "Frankfurt an der Oder", "Sulzbach", "Fürth", "Dyhernfurth", "Berlin", "Zolkiew",
    "Slavuta", "Zhitomir", "Vilna", "Livorno", "Jerusalem", "Safed",
)  # fmt: skip
JEWISH_LANGUAGES = {"heb", "arc", "yid", "lad"}


def test_hebrew_books_cover_the_printing_towns_readers_ask_about(records):
    towns = {
        place
        for record in records
        if record["008"].data[35:38] in JEWISH_LANGUAGES
        for field in record.get_fields("260", "264")
        for value in field.get_subfields("a")
        for place in HEBREW_PRINTING_TOWNS
        if place in value
    }
    assert sorted(set(HEBREW_PRINTING_TOWNS) - towns) == []
