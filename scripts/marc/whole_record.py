"""The whole MARC record as the index keeps it (MARC-in-JSON), and its MARCXML and MARC 21.

``as_stored`` writes a pymarc record in the MARC-in-JSON layout (``{"leader": ..., "fields":
[{"001": "..."}, {"245": {"ind1", "ind2", "subfields": [{"a": "..."}]}}]}``) with every
non-ASCII character escaped, so no value can fail to encode. ``fields_of`` reads it back as
``MarcField``s (after ``parse_stored``) for the tagged ("staff") view; ``marcxml`` and ``marc21`` write one record for
download or export.

A stored record holds what the source held, odd bytes included. Output must still be well
formed, so ``printable`` puts U+FFFD in place of what XML 1.0 cannot carry and MARC 21 must
not contain: control characters (among them MARC's own field and record terminators),
lone surrogates and the non-characters U+FFFE and U+FFFF. Leaders are made 24 characters
long and say UTF-8 (position 9 'a'), since that is what the output is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import quoteattr

from pymarc import Record

MARCXML_NS = "http://www.loc.gov/MARC21/slim"
# A MARCXML collection is MARCXML_HEAD, any number of ``marcxml`` records, MARCXML_TAIL.
MARCXML_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{MARCXML_NS}">\n'
MARCXML_TAIL = "</collection>\n"
LEADER_LENGTH = 24
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    """The record as MARC-in-JSON text, ASCII only."""
    return json.dumps(record.as_dict(), separators=(",", ":"))


def parse_stored(text: str | None) -> dict[str, Any]:
    """A stored record (``as_stored``) as data; {} for none."""
    return json.loads(text) if text else {}


def leader_of(stored: dict[str, Any]) -> str:
    """The leader: 24 ASCII characters, coded as UTF-8 (position 9 'a')."""
    leader = "".join(_ascii(char) for char in str(stored.get("leader") or ""))
    leader = leader.ljust(LEADER_LENGTH)[:LEADER_LENGTH]
    return leader[:9] + "a" + leader[10:]


def fields_of(stored: dict[str, Any]) -> list[MarcField]:
    """The record's fields in order."""
    found = []
    for entry in stored.get("fields", []):
        for tag, content in entry.items():
            if isinstance(content, dict):
                subfields = [
                    (code, str(value))
                    for pair in content.get("subfields", [])
                    for code, value in pair.items()
                ]
                found.append(
                    MarcField(
                        tag, None, content.get("ind1", " "), content.get("ind2", " "), subfields
                    )
                )
            else:
                found.append(MarcField(tag, str(content)))
    return found


def printable(text: str) -> str:
    """``text`` with U+FFFD in place of characters neither XML 1.0 nor MARC 21 can carry."""
    return _UNPRINTABLE.sub("\ufffd", text)


def _ascii(char: str, instead: str = " ") -> str:
    return char if " " <= char < "\x7f" else instead


def _indicator(value: str) -> str:
    """One printable ASCII character, as indicators and subfield codes are: blank if none."""
    return _ascii((value or " ")[0])


def _tag(tag: str) -> str:
    """Three printable ASCII characters."""
    return "".join(_ascii(char, "?") for char in tag).rjust(3, "0")[:3]


def marcxml(stored: dict[str, Any], extra: list[MarcField] = ()) -> str:
    """One ``<record>`` element (no XML declaration), with ``extra`` fields put in tag order.

    It reads the stored data directly (no ``MarcField`` per field): exports write thousands.
    """
    parts = [f"<record><leader>{_text(leader_of(stored))}</leader>"]
    pending = sorted(extra, key=lambda added: added.tag)
    for entry in stored.get("fields", []):
        for tag, content in entry.items():
            while pending and pending[0].tag < tag:
                added = pending.pop(0)
                _datafield_xml(parts, added.tag, added.ind1, added.ind2, added.subfields)
            if isinstance(content, dict):
                subfields = [pair for item in content.get("subfields", []) for pair in item.items()]
                _datafield_xml(
                    parts, tag, content.get("ind1", " "), content.get("ind2", " "), subfields
                )
            else:
                parts.append(f"{_control_open(tag)}{_text(str(content))}</controlfield>")
    for added in pending:
        _datafield_xml(parts, added.tag, added.ind1, added.ind2, added.subfields)
    parts.append("</record>")
    return "".join(parts)


def _datafield_xml(
    parts: list[str], tag: str, ind1: str, ind2: str, subfields: list[tuple[str, str]]
) -> None:
    parts.append(_data_open(tag, ind1, ind2))
    for code, value in subfields:
        parts.append(f"{_subfield_open(code)}{_text(str(value))}</subfield>")
    parts.append("</datafield>")


def _text(value: str) -> str:
    """Character data: printable, with &, < and > escaped."""
    return printable(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def marc21(stored: dict[str, Any]) -> bytes:
    """The record in ISO 2709 (MARC 21 transmission format), UTF-8."""
    directory, body = [], []
    offset = 0
    for marc_field in fields_of(stored):
        if marc_field.is_control:
            data = printable(marc_field.data).encode() + _FIELD_END
        else:
            indicators = (_indicator(marc_field.ind1) + _indicator(marc_field.ind2)).encode()
            subfields = b"".join(
                _SUBFIELD + _indicator(code).encode() + printable(value).encode()
                for code, value in marc_field.subfields
            )
            data = indicators + subfields + _FIELD_END
        tag = _tag(marc_field.tag).encode()
        directory.append(tag + b"%04d%05d" % (len(data), offset))
        body.append(data)
        offset += len(data)
    directory_bytes = b"".join(directory) + _FIELD_END
    base = LEADER_LENGTH + len(directory_bytes)
    length = base + offset + len(_RECORD_END)
    leader = leader_of(stored)
    head = f"{length:05d}{leader[5:12]}{base:05d}{leader[17:]}".encode()
    return head + directory_bytes + b"".join(body) + _RECORD_END
