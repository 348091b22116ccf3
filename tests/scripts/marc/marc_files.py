"""Small MARC records and files for the ingest tests, built with pymarc (no checked-in binaries)."""

from __future__ import annotations

from pathlib import Path

from pymarc import Field, Indicators, Record, Subfield
from pymarc.marcxml import record_to_xml

MARCXML_NS = "http://www.loc.gov/MARC21/slim"


def f008(date1: str = "1667", date_type: str = "s", date2: str = "    ", country: str = "it",
         language: str = "lat") -> str:  # fmt: skip
    """A 40-character book 008 with the given dates, country and language."""
    return f"850101{date_type}{date1}{date2}{country:<3}{' ' * 17}{language}  "


def datafield(tag: str, *pairs: str, indicators: str = "  ") -> Field:
    """``datafield("260", "a", "Venetiis :", "b", "apud Aldum,")``."""
    subfields = [Subfield(code, value) for code, value in zip(pairs[::2], pairs[1::2], strict=True)]
    return Field(tag=tag, indicators=Indicators(*indicators), subfields=subfields)


def book(
    record_id: str | None = "b1",
    *,
    title: str = "Historia plantarum /",
    imprint: tuple[str, ...] = ("a", "Venetiis :", "b", "apud Aldum,", "c", "[1667?]"),
    control_008: str | None = None,
    fields: tuple[Field, ...] = (),
) -> Record:
    """An early printed book: 001, 008, 245, one 260, and any further ``fields``."""
    record = Record(force_utf8=True)
    if record_id is not None:
        record.add_field(Field(tag="001", data=record_id))
    record.add_field(Field(tag="008", data=control_008 or f008()))
    record.add_field(datafield("245", "a", title, indicators="10"))
    if imprint:
        record.add_field(datafield("260", *imprint))
    for extra in fields:
        record.add_field(extra)
    return record


def write_mrc(path: Path, records: list[Record | bytes]) -> Path:
    """Binary MARC 21; a ``bytes`` item is written as it is (for broken records)."""
    path.write_bytes(
        b"".join(item if isinstance(item, bytes) else item.as_marc() for item in records)
    )
    return path


def write_marcxml(path: Path, records: list[Record | bytes]) -> Path:
    """A MARCXML collection; a ``bytes`` item is inserted as it is (for broken records)."""
    body = b"".join(item if isinstance(item, bytes) else record_to_xml(item) for item in records)
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<collection xmlns="{MARCXML_NS}">'.encode()
        + body
        + b"</collection>\n"
    )
    return path
