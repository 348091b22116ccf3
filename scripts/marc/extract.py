"""One pymarc ``Record`` -> one ``ParsedRecord``: the rows the index stores for it.

Each row type mirrors a table of ``schema.sql`` less its ``record_id``. Raw values keep their
brackets and wording but lose the trailing ISBD separator (" :", " /", ",") that only joins
them to the next element (``subfields``); normalised values come from ``normalize``. Every
880 is read as the field its $6 names (``linkage``): its rows go to that field's table with
the tag '880' and the paired tag in ``linked_tag``. The rare-book fields (510, 655, 852, 856)
and the kinds of material the leader and 008 code are read by ``rare_book``; the whole record is kept as MARCXML (``whole_record``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from pymarc import Field, Record

from scripts.marc import rare_book
from scripts.marc.dates import best_dates, parse_date_text
from scripts.marc.linkage import LINKED, Entry, entries
from scripts.marc.normalize import (
    country_name,
    fold,
    language_name,
    normalize_place,
    normalize_publisher,
    normalize_role,
    normalize_text,
    relator_term,
)
from scripts.marc.rare_book import CitationRow, GenreRow, HoldingRow, LinkRow
from scripts.marc.subfields import heading_parts, joined, trim, values
from scripts.marc.whole_record import as_stored


class RecordError(ValueError):
    """A record that cannot be indexed (no control number)."""


class TitleRow(NamedTuple):
    tag: str
    title: str
    title_norm: str | None
    linked_tag: str | None = None


class AgentRow(NamedTuple):
    tag: str
    position: int
    name_raw: str
    name_norm: str | None
    role_raw: str | None
    role_norm: str | None
    agent_type: str
    linked_tag: str | None = None


class ImprintRow(NamedTuple):
    tag: str
    position: int
    place_raw: str | None
    place_norm: str | None
    publisher_raw: str | None
    publisher_norm: str | None
    date_raw: str | None
    date_start: int | None
    date_end: int | None
    linked_tag: str | None = None


class LanguageRow(NamedTuple):
    code: str
    name: str | None
    source: str


class SubjectRow(NamedTuple):
    tag: str
    heading: str
    heading_norm: str | None
    linked_tag: str | None = None


class NoteRow(NamedTuple):
    tag: str
    text: str
    linked_tag: str | None = None


class PhysicalRow(NamedTuple):
    tag: str
    text: str
    extent: str | None
    dimensions: str | None
    linked_tag: str | None = None


@dataclass(slots=True)
class ParsedRecord:
    """A record as the index stores it: the ``records`` row and its child rows."""

    record_id: str
    source: str
    leader: str
    date_type: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    date_raw: str | None = None
    country_code: str | None = None
    country_name: str | None = None
    language_code: str | None = None
    title: str | None = None
    title_sort: str | None = None
    author: str | None = None
    description: str | None = None
    titles: list[TitleRow] = field(default_factory=list)
    agents: list[AgentRow] = field(default_factory=list)
    imprints: list[ImprintRow] = field(default_factory=list)
    languages: list[LanguageRow] = field(default_factory=list)
    subjects: list[SubjectRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    physical_descriptions: list[PhysicalRow] = field(default_factory=list)
    citations: list[CitationRow] = field(default_factory=list)
    genres: list[GenreRow] = field(default_factory=list)
    holdings: list[HoldingRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    marc: str = ""


_AGENT_TYPES = {"00": "personal", "10": "corporate", "11": "meeting"}
_NAME_CODES = {"00": "abcqd", "10": "abcdgn", "11": "acdegnq"}  # the name, without title parts
_NAME_NORM_CODES = {"00": "abcq", "10": "abn", "11": "aenq"}  # ... and without dates
_SUBJECT_TAGS = frozenset({"600", "610", "611", "630", "650", "651"})  # 655: genres
_TITLE_CODES = "abnp"
_NOTE_CODES = {"500": "a", "520": "ab", "561": "a", "563": "a", "590": "a"}
# Tags whose fields have a table of their own; an 880 pairing with any other is kept as a note.
_ROUTED = frozenset({"245", "246", "260", "264", "300", "510", "655", "852", "856", *_SUBJECT_TAGS,
                     *_NOTE_CODES, *(f"{kind}{tail}" for kind in "17" for tail in _AGENT_TYPES)})  # fmt: skip


def to_parsed(record: Record, source: str) -> ParsedRecord:
    """The index rows of ``record``; raises ``RecordError`` when it has no 001."""
    fields: dict[str, list[Field]] = {}
    for marc_field in record.fields:
        fields.setdefault(marc_field.tag, []).append(marc_field)
    record_id = _control(fields, "001").strip()
    if not record_id:
        raise RecordError("no 001 (control number)")
    f008 = _control(fields, "008")
    routed = entries(record.fields)
    parsed = ParsedRecord(record_id=record_id, source=source, leader=str(record.leader))
    parsed.titles = list(_titles(routed))
    parsed.agents = list(_agents(routed))
    country = f008[15:18].strip(" |#") or None if len(f008) >= 18 else None
    parsed.imprints = list(_imprints(routed, country))
    parsed.languages = _languages(f008, fields.get("041", []))
    subjects = (_subject(e) for e in routed if e.field.tag in _SUBJECT_TAGS)
    parsed.subjects = [row for row in subjects if row.heading]
    parsed.notes = [row for row in _notes(routed) if row.text]
    parsed.physical_descriptions = [_physical(e) for e in routed if e.field.tag == "300"]
    parsed.citations = list(rare_book.citations(routed))
    parsed.genres = list(rare_book.genres(routed, str(record.leader), f008))
    parsed.holdings = list(rare_book.holdings(routed))
    parsed.links = list(rare_book.links(routed))
    parsed.marc = as_stored(record)
    _fill_record_row(parsed, fields, f008)
    return parsed


def _fill_record_row(parsed: ParsedRecord, fields: dict[str, list[Field]], f008: str) -> None:
    """Fill the ``records`` row: 008 codes and dates, display title, author, description."""
    if len(f008) >= 15:
        parsed.date_type = f008[6].strip() or None
        parsed.date_raw = f008[6:15]
    if len(f008) >= 18:
        parsed.country_code = f008[15:18].strip(" |#") or None
        parsed.country_name = country_name(parsed.country_code)
    parsed.language_code = _language_008(f008)
    imprint_dates = [
        row.date_raw for row in imprints_in_date_order(parsed.imprints) if row.date_raw
    ]
    parsed.date_start, parsed.date_end = best_dates(f008, imprint_dates)
    if "245" in fields:
        parsed.title = joined(fields["245"][0], _TITLE_CODES) or None
        parsed.title_sort = _title_sort(fields["245"][0], parsed.title)
    main_entry = next((fields[tag][0] for tag in ("100", "110", "111") if tag in fields), None)
    if main_entry is not None:
        parsed.author = joined(main_entry, "a") or None
    notes = {row.tag: row.text for row in reversed(parsed.notes)}  # first of each tag
    parsed.description = notes.get("520") or notes.get("500")


def imprints_in_date_order(imprints: list[ImprintRow]) -> list[ImprintRow]:
    """The imprints in the order their dates are tried when 008 has none: the romanised ones,
    then the 880s (a Hebrew year may be in those alone)."""
    return sorted(imprints, key=lambda row: row.linked_tag is not None)


def _title_sort(title_field: Field, title: str | None) -> str | None:
    """The title as it files: without the leading article its 245 second indicator counts
    ("The", "Le ") nor opening brackets, folded."""
    skip = title_field.indicators[1] if len(title_field.indicators) > 1 else "0"
    text = (title or "")[int(skip) if skip.isdigit() else 0 :]
    return fold(text) or None


def _titles(routed: list[Entry]) -> Iterator[TitleRow]:
    for tag in ("245", "246"):
        for entry in routed:
            title = joined(entry.field, _TITLE_CODES) if entry.field.tag == tag else ""
            if title:
                yield TitleRow(entry.tag, title, normalize_text(title), entry.linked_tag)


def _agents(routed: list[Entry]) -> Iterator[AgentRow]:
    """One row per agent and role; an agent without a role gets one row with NULL role."""
    position = 0
    for marc_field, tag, linked in routed:
        kind = marc_field.tag[1:]
        if marc_field.tag[0] not in "17" or kind not in _AGENT_TYPES:
            continue
        name = joined(marc_field, _NAME_CODES[kind])
        if not name:
            continue
        position += 1
        name_norm = normalize_text(joined(marc_field, _NAME_NORM_CODES[kind]))
        agent = (tag, position, name, name_norm)
        roles = dict(_roles(marc_field, term_code="j" if kind == "11" else "e"))
        for role_norm, role_raw in roles.items() or [(None, None)]:
            yield AgentRow(*agent, role_raw, role_norm, _AGENT_TYPES[kind], linked)


def _roles(marc_field: Field, term_code: str) -> Iterator[tuple[str, str]]:
    """(role_norm, role_raw) from the relator terms, then from $4 codes."""
    for term in marc_field.get_subfields(term_code):
        raw = trim(term)
        role = normalize_role(raw)
        if role:
            yield role, raw
    for code in marc_field.get_subfields("4"):
        raw = trim(code)
        role = normalize_role(relator_term(raw) or raw)
        if role:
            yield role, raw


def _imprints(routed: list[Entry], country: str | None) -> Iterator[ImprintRow]:
    """260 and 264 _1: each place paired with each publisher that follows it; ``country``
    (008/15-17) tells apart cities that share a Latin name."""
    position = 0
    for marc_field, tag, linked in routed:
        is_publication = marc_field.tag == "264" and marc_field.indicators[1] == "1"
        if marc_field.tag != "260" and not is_publication:
            continue
        dates = " ".join(trim(value) for value in marc_field.get_subfields("c")) or None
        start, end = parse_date_text(dates)
        for place, publisher in _place_publisher_pairs(marc_field):
            position += 1
            yield ImprintRow(
                tag,
                position,
                place,
                normalize_place(place, country),
                publisher,
                normalize_publisher(publisher),
                dates,
                start,
                end,
                linked,
            )


def _place_publisher_pairs(marc_field: Field) -> list[tuple[str | None, str | None]]:
    """$a P1 $a P2 $b B -> (P1, B), (P2, B); $a P1 $b B1 $a P2 $b B2 -> (P1, B1), (P2, B2)."""
    groups: list[tuple[list[str], list[str]]] = []
    for subfield in marc_field.subfields:
        if subfield.code not in "ab" or not trim(subfield.value):
            continue
        if not groups or (subfield.code == "a" and groups[-1][1]):
            groups.append(([], []))
        groups[-1][0 if subfield.code == "a" else 1].append(trim(subfield.value))
    pairs = [
        (place, publisher)
        for places, publishers in groups
        for place in places or [None]
        for publisher in publishers or [None]
    ]
    return pairs or [(None, None)]


def _language_008(f008: str) -> str | None:
    code = f008[35:38] if len(f008) >= 38 else ""
    return code if code.isalpha() and code.islower() else None


def _languages(f008: str, fields_041: list[Field]) -> list[LanguageRow]:
    """008/35-37, then each 041 $a (old records run codes together: "maoeng")."""
    rows: dict[str, LanguageRow] = {}
    found = [(_language_008(f008), "008/35-37")]
    for marc_field in fields_041:
        for value in marc_field.get_subfields("a"):
            value = value.strip().lower()
            chunks = [value[i : i + 3] for i in range(0, len(value), 3)]
            found += [(code, "041$a") for code in chunks if len(code) == 3 and code.isalpha()]
    for code, source in found:
        if code and code not in rows:
            rows[code] = LanguageRow(code, language_name(code), source)
    return list(rows.values())


def _subject(entry: Entry) -> SubjectRow:
    """Main heading, then its $v $x $y $z subdivisions in order, joined by " -- "."""
    parts = heading_parts(entry.field)
    norm = " -- ".join(filter(None, (fold(part) for part in parts)))
    return SubjectRow(entry.tag, " -- ".join(parts), norm or None, entry.linked_tag)


def _notes(routed: list[Entry]) -> Iterator[NoteRow]:
    """500, 520 ($a $b), 561 provenance, 563 binding, 590 local note; and any 880 whose field
    has no table of its own (or that pairs with nothing), as all its text."""
    for marc_field, tag, linked in routed:
        codes = _NOTE_CODES.get(marc_field.tag)
        if codes is None and tag == LINKED and marc_field.tag not in _ROUTED:
            codes = "".join({s.code for s in marc_field.subfields if s.code.isalpha()})
        if codes:
            yield NoteRow(tag, " ".join(values(marc_field, codes)).strip(), linked)


def _physical(entry: Entry) -> PhysicalRow:
    marc_field = entry.field
    text = " ".join(values(marc_field, "abc")).strip()
    extent = joined(marc_field, "a") or None
    dimensions = joined(marc_field, "c") or None
    return PhysicalRow(entry.tag, text, extent, dimensions, entry.linked_tag)


def _control(fields: dict[str, list[Field]], tag: str) -> str:
    found = fields.get(tag)
    return (found[0].data or "") if found and found[0].is_control_field() else ""
