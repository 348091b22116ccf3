"""One pymarc ``Record`` -> one ``ParsedRecord``: the rows the index stores for it.

Each row type mirrors a table of ``schema.sql`` less its ``record_id``. Raw values keep their
brackets and wording but lose the trailing ISBD separator (" :", " /", ",") that only joins
them to the next element; normalised values come from ``normalize``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from pymarc import Field, Record

from scripts.marc.dates import best_dates, parse_date_text
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


class RecordError(ValueError):
    """A record that cannot be indexed (no control number)."""


class TitleRow(NamedTuple):
    tag: str
    title: str
    title_norm: str | None


class AgentRow(NamedTuple):
    tag: str
    position: int
    name_raw: str
    name_norm: str | None
    role_raw: str | None
    role_norm: str | None
    agent_type: str


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


class LanguageRow(NamedTuple):
    code: str
    name: str | None
    source: str


class SubjectRow(NamedTuple):
    tag: str
    heading: str
    heading_norm: str | None


class GenreRow(NamedTuple):
    source: str
    term: str
    term_norm: str


class NoteRow(NamedTuple):
    tag: str
    text: str


class PhysicalRow(NamedTuple):
    tag: str
    text: str
    extent: str | None
    dimensions: str | None


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
    author: str | None = None
    description: str | None = None
    titles: list[TitleRow] = field(default_factory=list)
    agents: list[AgentRow] = field(default_factory=list)
    imprints: list[ImprintRow] = field(default_factory=list)
    languages: list[LanguageRow] = field(default_factory=list)
    subjects: list[SubjectRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    physical_descriptions: list[PhysicalRow] = field(default_factory=list)
    genres: list[GenreRow] = field(default_factory=list)


_ISBD_SEPARATORS = " /:;,=+"
# A final full stop is ISBD punctuation unless it ends an abbreviation (see _ends_abbreviation).
_ABBREVIATIONS = frozenset({"co", "inc", "ltd", "corp", "bros", "dept", "govt", "st", "p", "pp",
                            "ca", "etc", "jr", "sr", "esq", "ed", "eds", "vol", "vols", "no",
                            "ill", "ills", "illus", "ports", "col", "fol", "ff"})  # fmt: skip
_AGENT_TYPES = {"00": "personal", "10": "corporate", "11": "meeting"}
# What MARC codes in leader/06, leader/07 and, for books, 008/33 (literary form) say a record is.
MATERIAL_TYPES = {
    "c": "Printed music",
    "d": "Manuscript music",
    "e": "Maps",
    "f": "Manuscript maps",
    "g": "Films and videos",
    "i": "Spoken sound recordings",
    "j": "Music sound recordings",
    "k": "Pictures",
    "m": "Electronic resources",
    "o": "Kits",
    "p": "Mixed materials",
    "r": "Objects",
    "t": "Manuscripts",
}
BIBLIOGRAPHIC_LEVELS = {"s": "Serials", "i": "Integrating resources"}
LITERARY_FORMS = {
    "1": "Fiction",
    "d": "Drama",
    "e": "Essays",
    "f": "Novels",
    "h": "Humor, satires",
    "i": "Letters",
    "j": "Short stories",
    "m": "Mixed forms",
    "p": "Poetry",
    "s": "Speeches",
}
_NAME_CODES = {"00": "abcqd", "10": "abcdgn", "11": "acdegnq"}  # the name, without title parts
_NAME_NORM_CODES = {"00": "abcq", "10": "abn", "11": "aenq"}  # ... and without dates
_SUBJECT_TAGS = frozenset({"600", "610", "611", "630", "650", "651"})  # 655: genres
_SUBDIVISIONS = frozenset("vxyz")
_TITLE_CODES = "abnp"


def to_parsed(record: Record, source: str) -> ParsedRecord:
    """The index rows of ``record``; raises ``RecordError`` when it has no 001."""
    fields: dict[str, list[Field]] = {}
    for marc_field in record.fields:
        fields.setdefault(marc_field.tag, []).append(marc_field)
    record_id = _control(fields, "001").strip()
    if not record_id:
        raise RecordError("no 001 (control number)")
    f008 = _control(fields, "008")
    parsed = ParsedRecord(record_id=record_id, source=source, leader=str(record.leader))
    parsed.titles = list(_titles(fields))
    parsed.agents = list(_agents(record.fields))
    country = f008[15:18].strip(" |#") or None if len(f008) >= 18 else None
    parsed.imprints = list(_imprints(record.fields, country))
    parsed.languages = _languages(f008, fields.get("041", []))
    subjects = (_subject(f) for f in record.fields if f.tag in _SUBJECT_TAGS)
    parsed.subjects = [row for row in subjects if row.heading]
    parsed.notes = [row for row in _notes(record.fields) if row.text]
    parsed.genres = _genres(str(record.leader), f008, fields.get("655", []))
    parsed.physical_descriptions = [_physical(f) for f in fields.get("300", [])]
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
    imprint_dates = [row.date_raw for row in parsed.imprints if row.date_raw]
    parsed.date_start, parsed.date_end = best_dates(f008, imprint_dates)
    if "245" in fields:
        parsed.title = joined(fields["245"][0], _TITLE_CODES) or None
    main_entry = next((fields[tag][0] for tag in ("100", "110", "111") if tag in fields), None)
    if main_entry is not None:
        parsed.author = joined(main_entry, "a") or None
    notes = {row.tag: row.text for row in reversed(parsed.notes)}  # first of each tag
    parsed.description = notes.get("520") or notes.get("500")


def _titles(fields: dict[str, list[Field]]) -> Iterator[TitleRow]:
    for tag in ("245", "246"):
        for marc_field in fields.get(tag, []):
            title = joined(marc_field, _TITLE_CODES)
            if title:
                yield TitleRow(tag, title, normalize_text(title))


def _agents(fields: list[Field]) -> Iterator[AgentRow]:
    """One row per agent and role; an agent without a role gets one row with NULL role."""
    position = 0
    for marc_field in fields:
        kind = marc_field.tag[1:]
        if marc_field.tag[0] not in "17" or kind not in _AGENT_TYPES:
            continue
        name = joined(marc_field, _NAME_CODES[kind])
        if not name:
            continue
        position += 1
        name_norm = normalize_text(joined(marc_field, _NAME_NORM_CODES[kind]))
        agent = (marc_field.tag, position, name, name_norm)
        roles = dict(_roles(marc_field, term_code="j" if kind == "11" else "e"))
        for role_norm, role_raw in roles.items() or [(None, None)]:
            yield AgentRow(*agent, role_raw, role_norm, _AGENT_TYPES[kind])


def _roles(marc_field: Field, term_code: str) -> Iterator[tuple[str, str]]:
    """(role_norm, role_raw) from the relator terms, then from $4 codes."""
    for term in marc_field.get_subfields(term_code):
        raw = _trim(term)
        role = normalize_role(raw)
        if role:
            yield role, raw
    for code in marc_field.get_subfields("4"):
        raw = _trim(code)
        role = normalize_role(relator_term(raw) or raw)
        if role:
            yield role, raw


def _imprints(fields: list[Field], country: str | None) -> Iterator[ImprintRow]:
    """260 and 264 _1: each place paired with each publisher that follows it; ``country``
    (008/15-17) tells apart cities that share a Latin name."""
    position = 0
    for marc_field in fields:
        is_publication = marc_field.tag == "264" and marc_field.indicators[1] == "1"
        if marc_field.tag != "260" and not is_publication:
            continue
        dates = " ".join(_trim(value) for value in marc_field.get_subfields("c")) or None
        start, end = parse_date_text(dates)
        for place, publisher in _place_publisher_pairs(marc_field):
            position += 1
            yield ImprintRow(
                marc_field.tag,
                position,
                place,
                normalize_place(place, country),
                publisher,
                normalize_publisher(publisher),
                dates,
                start,
                end,
            )


def _place_publisher_pairs(marc_field: Field) -> list[tuple[str | None, str | None]]:
    """$a P1 $a P2 $b B -> (P1, B), (P2, B); $a P1 $b B1 $a P2 $b B2 -> (P1, B1), (P2, B2)."""
    groups: list[tuple[list[str], list[str]]] = []
    for subfield in marc_field.subfields:
        if subfield.code not in "ab" or not _trim(subfield.value):
            continue
        if not groups or (subfield.code == "a" and groups[-1][1]):
            groups.append(([], []))
        groups[-1][0 if subfield.code == "a" else 1].append(_trim(subfield.value))
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


def _subject(marc_field: Field) -> SubjectRow:
    """Main heading, then its $v $x $y $z subdivisions in order, joined by " -- "."""
    relator = "j" if marc_field.tag == "611" else "e"
    main: list[str] = []
    subdivisions: list[str] = []
    for subfield in marc_field.subfields:
        if subfield.code in _SUBDIVISIONS:
            subdivisions.append(_trim(subfield.value))
        elif subfield.code.isalpha() and subfield.code != relator:
            main.append(subfield.value.strip())
    parts = [part for part in (_trim(" ".join(main)), *subdivisions) if part]
    norm = " -- ".join(filter(None, (fold(part) for part in parts)))
    return SubjectRow(marc_field.tag, " -- ".join(parts), norm or None)


def _genres(leader: str, f008: str, fields_655: list[Field]) -> list[GenreRow]:
    """655 $a terms, then the kinds of material the leader and 008 code, once each."""
    terms = [("655$a", joined(f, "a")) for f in fields_655]
    terms.append(("leader/06", MATERIAL_TYPES.get(leader[6:7], "")))
    terms.append(("leader/07", BIBLIOGRAPHIC_LEVELS.get(leader[7:8], "")))
    if leader[6:7] in ("a", "t") and leader[7:8] not in ("s", "i") and len(f008) > 33:
        terms.append(("008/33", LITERARY_FORMS.get(f008[33], "")))
    rows: dict[str, GenreRow] = {}
    for source, term in terms:
        norm = normalize_text(term)
        if norm and norm not in rows:
            rows[norm] = GenreRow(source, term, norm)
    return list(rows.values())


def _notes(fields: list[Field]) -> Iterator[NoteRow]:
    for marc_field in fields:
        if marc_field.tag in ("500", "520"):
            codes = "ab" if marc_field.tag == "520" else "a"
            yield NoteRow(marc_field.tag, " ".join(_values(marc_field, codes)).strip())


def _physical(marc_field: Field) -> PhysicalRow:
    text = " ".join(_values(marc_field, "abc")).strip()
    extent = joined(marc_field, "a") or None
    return PhysicalRow(marc_field.tag, text, extent, joined(marc_field, "c") or None)


def _control(fields: dict[str, list[Field]], tag: str) -> str:
    found = fields.get(tag)
    return (found[0].data or "") if found and found[0].is_control_field() else ""


def _values(marc_field: Field, codes: str) -> Iterable[str]:
    return (subfield.value.strip() for subfield in marc_field.subfields if subfield.code in codes)


def joined(marc_field: Field, codes: str) -> str:
    """The chosen subfields in order, space-joined, trailing ISBD punctuation trimmed."""
    return _trim(" ".join(_values(marc_field, codes)))


def _trim(text: str) -> str:
    """Without trailing ISBD separators, nor a final full stop that only ends the element."""
    text = text.strip().rstrip(_ISBD_SEPARATORS)
    if text.endswith(".") and not _ends_abbreviation(text[:-1].split()):
        text = text[:-1].rstrip(_ISBD_SEPARATORS)
    return text


def _ends_abbreviation(words: list[str]) -> bool:
    """Whether the last word (its full stop removed) is an abbreviation: an initial ("S"),
    initials ("N.Z"), a common abbreviation ("p", "Co"), or any word of an abbreviated
    phrase ("Lugd. Bat", "Hist. plant")."""
    if not words:
        return False
    last = words[-1]
    return (
        len(last) == 1
        or "." in last
        or last.lower() in _ABBREVIATIONS
        or any(word.endswith(".") for word in words[:-1])
    )
