"""The whole record as stored, and back as MARCXML and MARC 21 that pymarc reads."""

import io
import json

import pymarc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.marc.whole_record import (
    MARCXML_NS,
    MarcField,
    as_stored,
    fields_of,
    marc21,
    marcxml,
    printable,
)
from tests.scripts.marc.marc_files import book, datafield


def _hebrew_book():
    return book(
        "h1",
        fields=(
            datafield(
                "100", "6", "880-01", "a", "Karo, Joseph,", "d", "1488-1575.", indicators="1 "
            ),
            datafield("880", "6", "100-01/(2/r", "a", "יוסף קארו", indicators="1 "),
        ),
    )


def _read_xml(text: str) -> list[pymarc.Record]:
    document = f'<?xml version="1.0" encoding="UTF-8"?><collection xmlns="{MARCXML_NS}">{text}</collection>'
    return pymarc.parse_xml_to_array(io.BytesIO(document.encode()))


def _read_mrc(data: bytes) -> pymarc.Record:
    (record,) = pymarc.MARCReader(io.BytesIO(data), to_unicode=True)
    assert record is not None
    return record


def _shape(record: pymarc.Record) -> list:
    return [
        (f.tag, f.data) if f.is_control_field() else (f.tag, tuple(f.indicators), f.subfields)
        for f in record.fields
    ]


def test_stored_json_is_ascii_marc_in_json():
    text = as_stored(_hebrew_book())
    assert text.isascii()
    data = json.loads(text)
    assert data["fields"][0] == {"001": "h1"}
    assert fields_of(data)[-1] == MarcField(
        "880", None, "1", " ", [("6", "100-01/(2/r"), ("a", "יוסף קארו")]
    )


@pytest.mark.parametrize("write", ["xml", "mrc"])
def test_marcxml_and_marc21_give_back_the_same_fields(write):
    original = _hebrew_book()
    stored = json.loads(as_stored(original))
    read = _read_xml(marcxml(stored))[0] if write == "xml" else _read_mrc(marc21(stored))
    assert _shape(read) == _shape(original)
    assert read.leader[9] == "a"


def test_extra_fields_go_in_tag_order():
    stored = json.loads(as_stored(_hebrew_book()))
    extra = MarcField("590", None, " ", " ", [("a", "Why it matched")])
    tags = [f.tag for f in _read_xml(marcxml(stored, [extra]))[0].fields]
    assert tags == ["001", "008", "245", "260", "100", "590", "880"]


ODD = {
    "leader": "short",
    "fields": [
        {"001": "x\x1dy"},
        {"245": {"ind1": "", "ind2": "é", "subfields": [{"a": "Bell\x07 \ud800 \x1e\x1f end"}]}},
        {"9Z9": {"ind1": "1", "ind2": "2", "subfields": [{"ä": "local"}]}},
    ],
}


@pytest.mark.parametrize("write", ["xml", "mrc"])
def test_odd_characters_still_give_well_formed_output(write):
    read = _read_xml(marcxml(ODD))[0] if write == "xml" else _read_mrc(marc21(ODD))
    assert read["001"].data == "x\ufffdy"
    assert read["245"]["a"] == "Bell\ufffd \ufffd \ufffd\ufffd end"
    assert len(str(read.leader)) == 24


@given(st.text())
def test_printable_leaves_only_what_xml_can_carry(text):
    cleaned = printable(text)
    assert len(cleaned) == len(text)
    cleaned.encode("utf-8")  # no lone surrogates
    assert all(c in "\t\n\r" or ord(c) >= 0x20 for c in cleaned)
