"""The whole MARC record as the index keeps it: one MARCXML ``<record>`` element.

``as_stored`` writes a pymarc record as that element (no namespace of its own: inside a
``MARCXML_HEAD`` collection it is in the MARC 21 slim namespace). Stored as XML, a record
is exported as it stands (``with_field`` adds the 590 saying why it matched) and downloaded
as MARCXML without being read; ``read_stored`` reads it back as a leader and ``MarcField``s
for the tagged ("staff") view and for MARC 21 (``marc21``).

A record may hold odd bytes; what XML 1.0 cannot carry and MARC 21 must not contain (control
characters, among them MARC's own field and record terminators, lone surrogates and the
non-characters U+FFFE and U+FFFF) is stored as U+FFFD (``printable``), so every stored record
is well formed. Leaders are stored 24 ASCII characters long and say UTF-8 (position 9 'a'),
since that is what the text is; indicators, subfield codes and tags are printable ASCII.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from pymarc import Record

MARCXML_NS = "http://www.loc.gov/MARC21/slim"
# A MARCXML collection is MARCXML_HEAD, any number of stored records, MARCXML_TAIL.
MARCXML_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{MARCXML_NS}">\n'
MARCXML_TAIL = "</collection>\n"
LEADER_LENGTH = 24
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FIELD_START = re.compile(r"<(?:control|data)field tag=([\"'])(.*?)\1")
_FIELD_END, _RECORD_END, _SUBFIELD = b"\x1e", b"\x1d", b"\x1f"


@dataclass(frozen=True, slots=True)
class MarcField:
    """One field: control data, or indicators and (code, value) subfields."""

    tag: str
    data: str | None = None
    ind1: str = " "
    ind2: str = " "
    subfields: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_control(self) -> bool:
        return self.data is not None


def as_stored(record: Record) -> str:
    """The record as one MARCXML ``<record>`` element."""
    fields = (
        MarcField(f.tag, f.data or "")
        if f.is_control_field()
        else MarcField(
            f.tag, None, f.indicator1, f.indicator2, [(s.code, s.value) for s in f.subfields]
        )
        for f in record.fields
    )
    parts = [f"<record><leader>{_text(_leader(str(record.leader)))}</leader>"]
    for marc_field in fields:
        parts.append(_field_xml(marc_field))
    parts.append("</record>")
    return "".join(parts)


def read_stored(stored: str | None) -> tuple[str, list[MarcField]]:
    """A stored record's leader and fields, in order ("" and [] for none)."""
    if not stored:
        return "", []
    element = ET.fromstring(stored)
    leader, fields = "", []
    for child in element:
        if child.tag == "leader":
            leader = child.text or ""
        elif child.tag == "controlfield":
            fields.append(MarcField(child.get("tag", ""), child.text or ""))
        elif child.tag == "datafield":
            subfields = [(s.get("code", ""), s.text or "") for s in child]
            fields.append(
                MarcField(
                    child.get("tag", ""),
                    None,
                    child.get("ind1", " "),
                    child.get("ind2", " "),
                    subfields,
                )
            )
    return leader, fields


def with_field(stored: str, added: MarcField) -> str:
    """The stored record with ``added`` before its first field of a higher tag."""
    xml = _field_xml(added)
    for found in _FIELD_START.finditer(stored):
        if found.group(2) > added.tag:
            return stored[: found.start()] + xml + stored[found.start() :]
    end = stored.rindex("</record>")
    return stored[:end] + xml + stored[end:]


def marc21(stored: str) -> bytes:
    """The record in ISO 2709 (MARC 21 transmission format), UTF-8."""
    leader, fields = read_stored(stored)
    directory, body = [], []
    offset = 0
    for marc_field in fields:
        if marc_field.is_control:
            data = marc_field.data.encode() + _FIELD_END
        else:
            subfields = b"".join(
                _SUBFIELD + code.encode() + value.encode() for code, value in marc_field.subfields
            )
            data = (marc_field.ind1 + marc_field.ind2).encode() + subfields + _FIELD_END
        directory.append(marc_field.tag.encode() + b"%04d%05d" % (len(data), offset))
        body.append(data)
        offset += len(data)
    directory_bytes = b"".join(directory) + _FIELD_END
    base = LEADER_LENGTH + len(directory_bytes)
    length = base + offset + len(_RECORD_END)
    leader = _leader(leader)
    head = f"{length:05d}{leader[5:12]}{base:05d}{leader[17:]}".encode()
    return head + directory_bytes + b"".join(body) + _RECORD_END


def printable(text: str) -> str:
    """``text`` with U+FFFD in place of characters neither XML 1.0 nor MARC 21 can carry."""
    return _UNPRINTABLE.sub("\ufffd", text)


def marcxml_collection(records: Iterable[str]) -> str:
    """Stored records as one MARCXML document."""
    return MARCXML_HEAD + "".join(f"{record}\n" for record in records) + MARCXML_TAIL


def _leader(leader: str) -> str:
    """24 printable ASCII characters, position 9 'a' (UTF-8)."""
    leader = "".join(_ascii(char) for char in leader).ljust(LEADER_LENGTH)[:LEADER_LENGTH]
    return leader[:9] + "a" + leader[10:]


def _ascii(char: str, instead: str = " ") -> str:
    return char if " " <= char < "\x7f" else instead


def _indicator(value: str) -> str:
    """One printable ASCII character, as indicators and subfield codes are: blank if none."""
    return _ascii((value or " ")[0])


def _tag(tag: str) -> str:
    """Three printable ASCII characters."""
    return "".join(_ascii(char, "?") for char in tag).rjust(3, "0")[:3]


def _field_xml(marc_field: MarcField) -> str:
    if marc_field.is_control:
        return f"{_control_open(marc_field.tag)}{_text(marc_field.data)}</controlfield>"
    subfields = "".join(
        f"{_subfield_open(code)}{_text(value)}</subfield>" for code, value in marc_field.subfields
    )
    return f"{_data_open(marc_field.tag, marc_field.ind1, marc_field.ind2)}{subfields}</datafield>"


def _text(value: str) -> str:
    """Character data: printable, with &, < and > escaped, and carriage returns as references
    (an XML parser reads a literal one as a line feed)."""
    text = printable(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


# Opening tags repeat from field to field: each is built (and its attributes escaped) once.
@lru_cache(maxsize=4096)
def _control_open(tag: str) -> str:
    return f"<controlfield tag={quoteattr(_tag(tag))}>"


@lru_cache(maxsize=4096)
def _data_open(tag: str, ind1: str, ind2: str) -> str:
    indicators = f"ind1={quoteattr(_indicator(ind1))} ind2={quoteattr(_indicator(ind2))}"
    return f"<datafield tag={quoteattr(_tag(tag))} {indicators}>"


@lru_cache(maxsize=4096)
def _subfield_open(code: str) -> str:
    return f"<subfield code={quoteattr(_indicator(code))}>"
