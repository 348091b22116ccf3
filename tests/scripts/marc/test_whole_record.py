"""The whole record as stored (MARCXML), read back, exported and written as MARC 21."""

import io

import pymarc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.marc.whole_record import (
    MarcField,
    as_stored,
    marc21,
    marcxml_collection,
    printable,
    read_stored,
    with_field,
)
from tests.scripts.marc.marc_files import book, datafield


def _hebrew_book():
    return book(
        "h1",
        fields=(
            datafield(
                "100", "6", "880-01", "a", "Karo, Joseph,", "d", "1488-1575.", indicators="1 "
            ),
            datafield("880", "6", "100-01/(2/r", "a", "יוסף קארו & <co>", indicators="1 "),
        ),
    )


def _read_xml(*stored: str) -> list[pymarc.Record]:
    return pymarc.parse_xml_to_array(io.BytesIO(marcxml_collection(stored).encode()))


def _read_mrc(data: bytes) -> pymarc.Record:
    (record,) = pymarc.MARCReader(io.BytesIO(data), to_unicode=True)
    assert record is not None
    return record


def _shape(record: pymarc.Record) -> list:
    return [
        (f.tag, f.data) if f.is_control_field() else (f.tag, tuple(f.indicators), f.subfields)
        for f in record.fields
    ]


def test_a_stored_record_is_a_marcxml_record_read_back_field_by_field():
    stored = as_stored(_hebrew_book())
    assert stored.startswith("<record><leader>") and stored.endswith("</record>")
    leader, fields = read_stored(stored)
    assert len(leader) == 24 and leader[9] == "a"
    assert fields[0] == MarcField("001", "h1")
    assert fields[-1] == MarcField(
        "880", None, "1", " ", [("6", "100-01/(2/r"), ("a", "יוסף קארו & <co>")]
    )
    assert read_stored(None) == ("", [])


@pytest.mark.parametrize("write", ["xml", "mrc"])
def test_marcxml_and_marc21_give_back_the_same_fields(write):
    original = _hebrew_book()
    stored = as_stored(original)
    read = _read_xml(stored)[0] if write == "xml" else _read_mrc(marc21(stored))
    assert _shape(read) == _shape(original)
    assert read.leader[9] == "a"


def test_an_added_field_goes_in_tag_order():
    stored = as_stored(_hebrew_book())
    note = MarcField("590", None, " ", " ", [("a", "Why it matched")])
    tags = [f.tag for f in _read_xml(with_field(stored, note))[0].fields]
    assert tags == ["001", "008", "245", "260", "100", "590", "880"]
    last = MarcField("999", None, " ", " ", [("a", "last")])
    assert [f.tag for f in _read_xml(with_field(stored, last))[0].fields][-1] == "999"


def test_odd_characters_are_stored_so_that_every_output_is_well_formed():
    record = pymarc.Record()
    record.add_field(pymarc.Field(tag="001", data="x\x1dy"))
    record.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", "é"),
            subfields=[pymarc.Subfield("a", "Bell\x07 \ud800 \x1e\x1f end")],
        )
    )
    stored = as_stored(record)
    for read in (_read_xml(stored)[0], _read_mrc(marc21(stored))):
        assert read["001"].data == "x\ufffdy"
        assert read["245"].get_subfields("a") == ["Bell\ufffd \ufffd \ufffd\ufffd end"]
        assert read["245"].indicators == ("1", " ")
        assert len(str(read.leader)) == 24


@given(st.text())
def test_printable_leaves_only_what_xml_can_carry(text):
    cleaned = printable(text)
    assert len(cleaned) == len(text)
    cleaned.encode("utf-8")  # no lone surrogates
    assert all(c in "\t\n\r" or ord(c) >= 0x20 for c in cleaned)


@given(st.text())
def test_any_subfield_text_is_stored_and_read_back_printable(text):
    record = book("p1", fields=(datafield("500", "a", text),))
    (_, fields) = read_stored(as_stored(record))
    assert fields[-1].subfields == [("a", printable(text))]
