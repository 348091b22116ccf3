"""Stream MARC records from binary MARC 21 (.mrc) and MARCXML files in constant memory.

``read_records(path)`` yields a ``ParsedRecord`` for each record, or a ``Skip`` naming a record
that could not be read (its position, and its 001 when that can be found) and why; a broken
record never stops the rest of the file. A ``RecordWarning`` after a record, named the same
way, says what was lost reading it (bytes replaced, an entity left out); one outside any
record names its line. The format is sniffed from the first byte ("<": XML).

Binary files are split on the record terminator (0x1D) rather than trusting each leader's
length, so a record with a corrupt length costs only itself; pymarc's ``Record`` reads its
structure and the text is decoded here, field by field, so that bad bytes are replaced and
reported instead of failing or vanishing. A record is read as UTF-8 when its leader says so,
or when it says MARC-8 but its bytes are UTF-8 (a common mislabelling), even with some invalid
bytes among them; otherwise as MARC-8.

XML is fed to pymarc's SAX handler block by block; a document that stops being well-formed
ends its file with a Skip saying where, since nothing after that point can be read. External
entities and DTDs are never read (a catalogue could name any file or URL, /etc/passwd
included); each one left out is a warning.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import BinaryIO
from xml.sax import SAXParseException
from xml.sax.expatreader import ExpatParser
from xml.sax.handler import feature_namespaces
from xml.sax.xmlreader import IncrementalParser

from pymarc import Field, Record, Subfield
from pymarc.constants import END_OF_RECORD
from pymarc.exceptions import PymarcException
from pymarc.marc8 import marc8_to_unicode
from pymarc.marc8_mapping import CODESETS
from pymarc.marcxml import XmlHandler

from scripts.marc.extract import ParsedRecord, RecordError, to_parsed
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

_BLOCK = 1 << 16
_TERMINATOR = END_OF_RECORD.encode("ascii")
_LEADER_LENGTH = 24
_DIRECTORY_ENTRY = 12
# What pymarc raises on malformed bytes: its own errors, bad numbers or encodings, short data.
_DECODE_ERRORS = (PymarcException, ValueError, IndexError, KeyError)
# A well-formed multi-byte UTF-8 character: MARC-8 text almost never contains one.
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# The bytes MARC-8 reads with its default sets, ASCII and ANSEL; pymarc drops the others.
_MARC8_BYTES = bytes(range(0x80)) + bytes(sorted(CODESETS[0x45]))
_ESCAPE = b"\x1b"  # MARC-8 switching to other character sets, where other bytes are valid


class CatalogueSourceError(Exception):
    """A catalogue file that cannot be read at all (missing, unreadable, not MARC)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Skip:
    """A record left out of the index: where it is, and why."""

    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class RecordWarning:
    """A record that was read, but not as it stands in the file: where it is, and what changed."""

    where: str
    reason: str


def read_records(path: Path) -> Iterator[ParsedRecord | Skip | RecordWarning]:
    """Each record of a .mrc or MARCXML file, parsed, or the reason it was skipped; and what
    was lost reading a record, after it."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise CatalogueSourceError(path, error.strerror or str(error)) from error
    with handle:
        try:
            first = _first_byte(handle)
            if first == b"<":
                yield from _xml_records(handle, path)
            elif first.isdigit():
                yield from _binary_records(handle, path)
            elif first:
                raise CatalogueSourceError(path, "neither MARC 21 nor MARCXML")
        except OSError as error:  # a read that fails half-way is the file's fault, not the index's
            raise CatalogueSourceError(path, error.strerror or str(error)) from error


def _first_byte(handle: BinaryIO) -> bytes:
    """The first byte that is not whitespace or a UTF-8 byte-order mark; the handle rewound."""
    head = handle.read(_BLOCK).removeprefix(b"\xef\xbb\xbf").lstrip()
    handle.seek(0)
    return head[:1]


def _binary_records(handle: BinaryIO, path: Path) -> Iterator[ParsedRecord | Skip | RecordWarning]:
    for position, chunk in enumerate(_chunks(handle), start=1):
        try:
            record, damage = _decode(chunk)
        except _DECODE_ERRORS as error:
            reason = f"unreadable: {_describe(error)}"
            yield _skip(path, position, _raw_control_number(chunk), reason)
            continue
        yield _parse(record, path, position)
        if damage is not None:
            yield _warning(path, position, _control_number(record), damage)


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    """Raw records, each ending with its terminator (a trailing fragment may not)."""
    pending = b""
    while block := handle.read(_BLOCK):
        *complete, pending = (pending + block).split(_TERMINATOR)
        for chunk in complete:
            chunk = chunk.lstrip()  # some files put a newline between records
            if chunk:
                yield chunk + _TERMINATOR
    if pending.strip():
        yield pending.lstrip()


def _decode(chunk: bytes) -> tuple[Record, str | None]:
    """The record with its text decoded, and what was replaced in it (None when nothing was)."""
    record = Record(chunk, to_unicode=False)  # fields of bytes: the text is decoded below
    as_utf8 = _reads_as_utf8(chunk)
    decoded = [_decode_field(raw, _utf8 if as_utf8 else _marc8) for raw in record.fields]
    record.fields = [field for field, _ in decoded]
    damaged = dict.fromkeys(field.tag for field, intact in decoded if not intact)
    if not damaged:
        return record, None
    if as_utf8:
        return record, f"invalid UTF-8 in {', '.join(damaged)} replaced with U+FFFD"
    return record, f"bytes that are neither MARC-8 nor UTF-8 in {', '.join(damaged)} dropped"


def _reads_as_utf8(chunk: bytes) -> bool:
    if chunk[9:10] == b"a":
        return True
    if chunk.isascii():  # MARC-8, perhaps with escape sequences to other sets
        return False
    return _is_utf8(chunk) or _UTF8_CHARACTER.search(chunk) is not None


def _decode_field(raw: Field, text: Callable[[bytes], tuple[str, bool]]) -> tuple[Field, bool]:
    """The field with its text decoded, and whether every byte of it was valid."""
    if raw.control_field:
        data, intact = text(raw.data)
        return Field(tag=raw.tag, data=data), intact
    subfields, intact = [], True
    for code, value in raw.subfields:
        decoded, valid = text(value)
        subfields.append(Subfield(code, decoded))
        intact = intact and valid
    return Field(tag=raw.tag, indicators=raw.indicators, subfields=subfields), intact


def _utf8(data: bytes) -> tuple[str, bool]:
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), False


def _marc8(data: bytes) -> tuple[str, bool]:
    intact = _ESCAPE in data or not data.translate(None, _MARC8_BYTES)
    return marc8_to_unicode(data, hide_utf8_warnings=True), intact


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _raw_control_number(chunk: bytes) -> str | None:
    """The 001 of a record pymarc could not decode, read from its directory, if possible."""
    try:
        base = int(chunk[12:17])
        directory = chunk[_LEADER_LENGTH : base - 1]
        for start in range(0, len(directory) - _DIRECTORY_ENTRY + 1, _DIRECTORY_ENTRY):
            entry = directory[start : start + _DIRECTORY_ENTRY]
            if entry[:3] == b"001":
                length, offset = int(entry[3:7]), int(entry[7:12])
                value = chunk[base + offset : base + offset + length - 1]
                return value.decode("utf-8", "replace").strip() or None
    except ValueError:
        return None
    return None


class _RecordCollector(XmlHandler):
    """pymarc's SAX handler, queueing for a generator each finished record (or what broke it)
    with what the parser left out of it, and warnings about what it left out elsewhere."""

    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.ready: deque[tuple[Record | str, list[str]] | RecordWarning] = deque()
        self._file_name = file_name
        self._problem: str | None = None
        self._left_out: list[str] = []

    def startElementNS(self, name, qname, attrs) -> None:  # noqa: N802 (SAX's name)
        try:
            super().startElementNS(name, qname, attrs)
        except _DECODE_ERRORS as error:
            self._broken(f"<{name[1]}>: {_describe(error)}")

    def endElementNS(self, name, qname) -> None:  # noqa: N802 (SAX's name)
        if name[1] == "record" and self._problem is not None:
            self._finished(self._problem)
            self._problem = self._record = None
            return
        try:
            super().endElementNS(name, qname)
        except _DECODE_ERRORS as error:
            self._broken(f"<{name[1]}>: {_describe(error)}")

    def process_record(self, record: Record) -> None:
        self._finished(record)

    def left_out(self, what: str, line: int) -> None:
        """Something the parser did not read: noted on the record being read, else on its own."""
        if self._record is not None:
            self._left_out.append(what)
        else:
            self.ready.append(RecordWarning(f"{self._file_name} line {line}", what))

    def _finished(self, item: Record | str) -> None:
        self.ready.append((item, self._left_out))
        self._left_out = []

    def _broken(self, problem: str) -> None:
        self._problem = self._problem or problem
        self._field = None


class _ExternalRefusingReader(ExpatParser):
    """Expat that never reads an external entity or DTD (a file or URL a catalogue names could
    be anything: /etc/passwd), and tells the collector each one it left out."""

    def external_entity_ref(self, context, base, system_id, public_id) -> int:
        if context is None:  # expat's way of saying: the DTD's external subset
            self._left_out(f"external DTD {system_id} not read")
        else:
            self._left_out(f"external entity {system_id} not read; left out")
        return 1  # "handled": expat goes on without it

    def skipped_entity_handler(self, name, is_parameter_entity) -> None:
        # A reference to an entity only the unread DTD would have defined.
        self._left_out(f"undefined entity &{name}; left out")

    def _left_out(self, what: str) -> None:
        self.getContentHandler().left_out(what, self.getLineNumber())


def _xml_records(handle: BinaryIO, path: Path) -> Iterator[ParsedRecord | Skip | RecordWarning]:
    collector = _RecordCollector(path.name)
    parser = _ExternalRefusingReader()
    parser.setContentHandler(collector)
    parser.setFeature(feature_namespaces, True)
    position = 0
    blocks = chain(iter(partial(handle.read, _BLOCK), b""), [b""])  # the empty block: close
    for block in blocks:
        failure = _feed(parser, block)
        while collector.ready:  # records completed by this block, even if it then failed
            item = collector.ready.popleft()
            if isinstance(item, RecordWarning):
                yield item
                continue
            position += 1
            yield from _from_xml(*item, path, position)
        if failure is not None:
            log.info("xml unreadable", extra=fields(source=str(path), after=position))
            reason = (
                f"XML not well-formed at line {failure.getLineNumber()}: {failure.getMessage()}"
            )
            yield Skip(f"{path.name} after record {position}", f"{reason}; the rest was not read")
            return


def _feed(parser: IncrementalParser, block: bytes) -> SAXParseException | None:
    """Feed one block (an empty one ends the document); the parse error, if there is one."""
    try:
        if block:
            parser.feed(block)
        else:
            parser.close()
    except SAXParseException as error:
        return error
    return None


def _from_xml(
    item: Record | str, left_out: list[str], path: Path, position: int
) -> Iterator[ParsedRecord | Skip | RecordWarning]:
    if isinstance(item, str):
        yield _skip(path, position, None, item)
        record_id = None
    else:
        yield _parse(item, path, position)
        record_id = _control_number(item)
    for what in left_out:
        yield _warning(path, position, record_id, what)


def _parse(record: Record, path: Path, position: int) -> ParsedRecord | Skip:
    try:
        return to_parsed(record, str(path))
    except RecordError as error:
        return _skip(path, position, _control_number(record), str(error))


def _control_number(record: Record) -> str | None:
    control = record.get("001")
    return control.data if control else None


def _skip(path: Path, position: int, record_id: str | None, reason: str) -> Skip:
    log.info("record skipped", extra=fields(source=str(path), position=position))
    return Skip(_where(path, position, record_id), reason)


def _warning(path: Path, position: int, record_id: str | None, reason: str) -> RecordWarning:
    log.info("record read with a warning", extra=fields(source=str(path), position=position))
    return RecordWarning(_where(path, position, record_id), reason)


def _where(path: Path, position: int, record_id: str | None) -> str:
    return f"{path.name} record {position}" + (f" (001 {record_id})" if record_id else "")


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
