"""Streaming records from binary MARC and MARCXML, with broken records reported, not fatal."""

import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from scripts.marc.extract import ParsedRecord
from scripts.marc.parse import CatalogueSourceError, RecordWarning, Skip, read_records
from tests.scripts.marc.marc_files import book, datafield, write_marcxml, write_mrc

WRITERS = {"mrc": write_mrc, "xml": write_marcxml}


@pytest.fixture(params=sorted(WRITERS))
def write(request, tmp_path):
    """Write records as .mrc or MARCXML into tmp_path; returns the file."""
    suffix = request.param
    return lambda records, name="catalogue": WRITERS[suffix](tmp_path / f"{name}.{suffix}", records)


def _books(count: int = 3) -> list:
    return [book(f"b{n}", title=f"Liber {n} /") for n in range(1, count + 1)]


def test_reads_every_record_in_order(write):
    path = write(_books())
    items = list(read_records(path))
    assert all(isinstance(item, ParsedRecord) for item in items)
    assert [item.record_id for item in items] == ["b1", "b2", "b3"]
    assert [item.title for item in items] == ["Liber 1", "Liber 2", "Liber 3"]
    assert {item.source for item in items} == {str(path)}


def test_binary_and_marcxml_give_the_same_rows(tmp_path):
    records = [
        book("b1", fields=(datafield("650", "a", "Botany", "v", "Early works to 1800."),)),
        book("b2", title="Māori grammar /", imprint=("a", "Wellington [N.Z.] :", "c", "1842.")),
    ]
    binary = list(read_records(write_mrc(tmp_path / "c.mrc", records)))
    xml = list(read_records(write_marcxml(tmp_path / "c.xml", records)))
    for from_mrc, from_xml in zip(binary, xml, strict=True):
        from_xml.source = from_mrc.source
        # Only binary MARC has a record length and base address in its leader.
        from_xml.marc = from_xml.marc.replace(from_xml.leader, from_mrc.leader)
        from_xml.leader = from_mrc.leader
        assert from_mrc == from_xml


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ('<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">', "</marc:collection>"),
        ("<collection>", "</collection>"),  # no namespace at all
    ],
)
def test_marcxml_with_a_prefix_or_without_a_namespace_is_read(tmp_path, opening, closing):
    record = (
        '<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">x1'
        '</controlfield><datafield tag="260" ind1=" " ind2=" "><subfield code="a">Oxonii :'
        '</subfield><subfield code="c">MDCLXXV.</subfield></datafield></record>'
    )
    if opening.startswith("<marc:"):
        record = record.replace("<", "<marc:").replace("<marc:/", "</marc:")
    path = tmp_path / "c.xml"
    path.write_text(f'<?xml version="1.0"?>\n{opening}{record}{closing}', encoding="utf-8")
    (item,) = read_records(path)
    assert (item.record_id, item.imprints[0].place_norm, item.date_start) == ("x1", "oxford", 1675)


def test_a_record_without_001_is_skipped_by_position_and_the_rest_read(write):
    path = write([book("b1"), book(None), book("b3")])
    items = list(read_records(path))
    assert [getattr(item, "record_id", None) for item in items] == ["b1", None, "b3"]
    assert items[1] == Skip(f"{path.name} record 2", "no 001 (control number)")


def test_an_unreadable_binary_record_is_skipped_naming_its_001(tmp_path):
    broken = b"abcde" + book("b2").as_marc()[5:]  # the record length is not a number
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), broken, book("b3")])
    items = list(read_records(path))
    assert [getattr(item, "record_id", None) for item in items] == ["b1", None, "b3"]
    assert items[1].where == "c.mrc record 2 (001 b2)"
    assert "ValueError" in items[1].reason


def test_a_record_with_a_corrupt_directory_costs_only_itself(tmp_path):
    raw = bytearray(book("b2").as_marc())
    raw[24:36] = b"245xxxx00000"  # the first directory entry
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), bytes(raw), book("b3")])
    items = list(read_records(path))
    assert isinstance(items[1], Skip) and items[1].where.startswith("c.mrc record 2")
    assert [item.record_id for item in (items[0], items[2])] == ["b1", "b3"]


def test_a_truncated_last_record_is_skipped(tmp_path):
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), book("b2").as_marc()[:-40]])
    items = list(read_records(path))
    assert items[0].record_id == "b1"
    assert items[1] == Skip("c.mrc record 2 (001 b2)", items[1].reason)
    assert "TruncatedRecord" in items[1].reason


def test_newlines_between_binary_records_are_ignored(tmp_path):
    path = tmp_path / "c.mrc"
    path.write_bytes(b"\n".join(record.as_marc() for record in _books()) + b"\n")
    assert [item.record_id for item in read_records(path)] == ["b1", "b2", "b3"]


def test_a_marcxml_record_with_a_broken_field_is_skipped_and_the_rest_read(tmp_path):
    broken = b'<record><controlfield tag="001">b2</controlfield><datafield ind1=" " ind2=" ">'
    broken += b'<subfield code="a">no tag</subfield></datafield></record>'
    path = write_marcxml(tmp_path / "c.xml", [book("b1"), broken, book("b3")])
    items = list(read_records(path))
    assert [getattr(item, "record_id", None) for item in items] == ["b1", None, "b3"]
    assert items[1].where == "c.xml record 2"
    assert "<datafield>" in items[1].reason and "tag" in items[1].reason


def test_marcxml_that_stops_being_well_formed_reports_where_and_keeps_what_came_before(tmp_path):
    path = write_marcxml(tmp_path / "c.xml", [book("b1"), book("b2"), b"<record><oops></record>"])
    items = list(read_records(path))
    assert [item.record_id for item in items[:2]] == ["b1", "b2"]
    assert items[2].where == "c.xml after record 2"
    assert "not well-formed" in items[2].reason and "the rest was not read" in items[2].reason


def _with_bytes(record_id: str, title: str, bad: dict[str, int], leader_09: bytes = b"a"):
    """A binary record whose title (or 001) has the bytes ``bad`` maps placeholders to."""
    raw = book(record_id, title=title).as_marc()
    for placeholder, byte in bad.items():
        raw = raw.replace(placeholder.encode(), bytes([byte]))
    return raw[:9] + leader_09 + raw[10:]


def test_invalid_utf8_is_replaced_and_the_record_read_with_a_warning(tmp_path):
    broken = _with_bytes("b2", "MXaori grammar /", {"X": 0xFF})
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), broken, book("b3")])
    items = list(read_records(path))
    assert [type(item).__name__ for item in items] == [
        "ParsedRecord", "ParsedRecord", "RecordWarning", "ParsedRecord",
    ]  # fmt: skip
    assert items[1].title == "M\ufffdaori grammar"
    assert items[2] == RecordWarning(
        "c.mrc record 2 (001 b2)", "invalid UTF-8 in 245 replaced with U+FFFD"
    )


def test_invalid_utf8_in_a_control_field_is_replaced_too(tmp_path):
    raw = _with_bytes("bQ", "MXaori grammar /", {"Q": 0xC3, "X": 0xFF})
    path = write_mrc(tmp_path / "c.mrc", [raw])
    record, warning = read_records(path)
    assert (record.record_id, record.title) == ("b\ufffd", "M\ufffdaori grammar")
    assert warning.reason == "invalid UTF-8 in 001, 245 replaced with U+FFFD"


def test_utf8_labelled_marc8_with_invalid_bytes_is_read_as_utf8_with_a_warning(tmp_path):
    raw = _with_bytes("b1", "Māori grammar X/", {"X": 0xFF}, leader_09=b" ")
    record, warning = read_records(write_mrc(tmp_path / "c.mrc", [raw]))
    assert record.title == "Māori grammar \ufffd"
    assert warning == RecordWarning(
        "c.mrc record 1 (001 b1)", "invalid UTF-8 in 245 replaced with U+FFFD"
    )


def test_bytes_that_are_neither_marc8_nor_utf8_are_dropped_with_a_warning(tmp_path):
    raw = _with_bytes("b1", "MXaori grammar /", {"X": 0xFF}, leader_09=b" ")
    record, warning = read_records(write_mrc(tmp_path / "c.mrc", [raw]))
    assert record.title == "M aori grammar"
    assert warning == RecordWarning(
        "c.mrc record 1 (001 b1)", "bytes that are neither MARC-8 nor UTF-8 in 245 dropped"
    )


def test_marc8_switching_character_sets_is_read_without_a_warning(tmp_path):
    raw = book("b1", title="Ru XYZ /").as_marc().replace(b"XYZ", b"\x1b)Q\xd0\xd1")
    (record,) = read_records(write_mrc(tmp_path / "c.mrc", [raw[:9] + b" " + raw[10:]]))
    assert record.title == "Ru ѣѳ"


def test_utf8_data_labelled_marc8_is_read_as_utf8(tmp_path):
    raw = bytearray(book("b1", title="Māori grammar /").as_marc())
    raw[9:10] = b" "  # leader/09 says MARC-8
    path = write_mrc(tmp_path / "c.mrc", [bytes(raw)])
    (item,) = read_records(path)
    assert item.title == "Māori grammar"


def test_marc8_data_is_converted_to_unicode(tmp_path):
    raw = bytearray(book("b1", title="MXaori grammar /").as_marc())
    raw[9:10] = b" "
    raw[raw.index(b"MXaori") + 1] = 0xE5  # MARC-8 combining macron, written before its letter
    path = write_mrc(tmp_path / "c.mrc", [bytes(raw)])
    (item,) = read_records(path)
    assert unicodedata.normalize("NFC", item.title) == "Māori grammar"


def _marcxml_with_doctype(path: Path, doctype: str, records: list) -> Path:
    """MARCXML with ``doctype`` on line 2, and each "&" in the records an entity reference."""
    text = write_marcxml(path, records).read_text(encoding="utf-8").replace("&amp;", "&")
    path.write_text(text.replace("?>\n", f"?>\n{doctype}\n", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("system_id", ["file:///etc/passwd", "secret", "http://127.0.0.1:9/x"])
def test_an_external_entity_is_never_read_and_leaving_it_out_is_a_warning(tmp_path, system_id):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET root:x:0:0")
    system_id = secret.as_uri() if system_id == "secret" else system_id
    doctype = f'<!DOCTYPE collection [<!ENTITY x SYSTEM "{system_id}">]>'
    records = [book("b1"), book("b2", title="Liber &x; /"), book("b3")]
    path = _marcxml_with_doctype(tmp_path / "c.xml", doctype, records)
    items = list(read_records(path))
    assert [type(item).__name__ for item in items] == [
        "ParsedRecord", "ParsedRecord", "RecordWarning", "ParsedRecord",
    ]  # fmt: skip
    assert items[1].title == "Liber"
    assert items[2] == RecordWarning(
        "c.xml record 2 (001 b2)", f"external entity {system_id} not read; left out"
    )
    assert not any("root:" in repr(item) or "SECRET" in repr(item) for item in items)


def test_an_external_dtd_is_never_read_and_an_entity_it_would_define_is_left_out(tmp_path):
    doctype = '<!DOCTYPE collection SYSTEM "http://127.0.0.1:9/marc.dtd">'
    records = [book("b1", title="Liber &x; /")]
    path = _marcxml_with_doctype(tmp_path / "c.xml", doctype, records)
    path.write_text(path.read_text().replace('"UTF-8"?>', '"UTF-8" standalone="no"?>'))
    items = list(read_records(path))
    assert [type(item).__name__ for item in items] == [
        "RecordWarning", "ParsedRecord", "RecordWarning",
    ]  # fmt: skip
    assert items[0] == RecordWarning(
        "c.xml line 2", "external DTD http://127.0.0.1:9/marc.dtd not read"
    )
    assert items[1].title == "Liber"
    assert items[2] == RecordWarning("c.xml record 1 (001 b1)", "undefined entity &x; left out")


def test_internal_entities_are_expanded_without_a_warning(tmp_path):
    doctype = '<!DOCTYPE collection [<!ENTITY v "Venetiis">]>'
    path = _marcxml_with_doctype(tmp_path / "c.xml", doctype, [book("b1", title="&v; /")])
    (item,) = read_records(path)
    assert item.title == "Venetiis"


def test_a_missing_file_raises_catalogue_source_error(tmp_path):
    with pytest.raises(CatalogueSourceError, match="No such file"):
        list(read_records(tmp_path / "absent.mrc"))


def test_a_file_that_is_not_marc_raises_catalogue_source_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    with pytest.raises(CatalogueSourceError, match="neither MARC 21 nor MARCXML"):
        list(read_records(path))


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem")
def test_a_file_that_fails_while_being_read_raises_catalogue_source_error():
    with pytest.raises(CatalogueSourceError, match="Input/output error"):
        list(read_records(Path("/proc/self/mem")))  # opens, then every read fails


def test_an_empty_file_has_no_records(tmp_path):
    path = tmp_path / "empty.mrc"
    path.write_bytes(b"")
    assert list(read_records(path)) == []


def test_reading_streams_in_constant_memory(write):
    """Peak memory while reading 1,500 records stays far below the file's size."""
    list(read_records(write(_books(1), name="warm-up")))  # first use imports the XML parser
    path = write([book(f"b{n}", title="Liber " + "x" * 1000 + " /") for n in range(1500)])
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_records(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1500
    assert peak < path.stat().st_size / 4
