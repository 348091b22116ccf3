"""The fields a rare-book catalogue adds: citations (510), genre/form (655, with the kind of
material the leader and 008 code), holdings (852) and electronic locations (856), each as the
rows of its table in ``schema.sql``.

Copy-specific notes (561 provenance, 563 binding, 590 local notes) are notes, read by
``extract`` with 500 and 520.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from scripts.marc.linkage import Entry
from scripts.marc.normalize import normalize_citation_number, normalize_text
from scripts.marc.subfields import heading_parts, joined, trim, values

_SUBJECT_TAGS = frozenset({"600", "610", "611", "630", "650", "651"})
# What leader/06, leader/07 and, for books, 008/33 (literary form) and 008/22 (target
# audience: preschool, primary, pre-adolescent, juvenile; adolescent) say a record is.
MATERIAL_TYPES = {
    "c": "Printed music", "d": "Manuscript music", "e": "Maps", "f": "Manuscript maps",
    "g": "Films and videos", "i": "Spoken sound recordings", "j": "Music sound recordings",
    "k": "Pictures", "m": "Electronic resources", "o": "Kits", "p": "Mixed materials",
    "r": "Objects", "t": "Manuscripts",
}  # fmt: skip
BIBLIOGRAPHIC_LEVELS = {"s": "Serials", "i": "Integrating resources"}
LITERARY_FORMS = {
    "1": "Fiction", "d": "Drama", "e": "Essays", "f": "Novels", "h": "Humor, satires",
    "i": "Letters", "j": "Short stories", "m": "Mixed forms", "p": "Poetry", "s": "Speeches",
}  # fmt: skip
TARGET_AUDIENCES = {
    "a": "Juvenile literature", "b": "Juvenile literature", "c": "Juvenile literature",
    "j": "Juvenile literature", "d": "Young adult literature",
}  # fmt: skip
# 856 second indicator: what the link leads to.
_LINK_KINDS = {"0": "resource", "1": "version", "2": "related"}
_SHELFMARK_CODES = "khijm"  # prefix, classification, item part, shelving number, suffix


class CitationRow(NamedTuple):
    tag: str
    source: str
    source_norm: str | None
    number: str | None
    number_norm: str | None
    linked_tag: str | None = None


class GenreRow(NamedTuple):
    tag: str  # '655', a 6XX whose $v it is, '880', or 'leader/06', 'leader/07', '008/33'
    term: str
    term_norm: str
    heading: str
    vocabulary: str | None
    linked_tag: str | None = None


class HoldingRow(NamedTuple):
    tag: str
    location: str | None
    sublocation: str | None
    shelfmark: str | None
    shelfmark_norm: str | None
    copy: str | None
    note: str | None


class LinkRow(NamedTuple):
    tag: str
    url: str
    text: str | None
    note: str | None
    materials: str | None
    kind: str | None


def citations(entries: Iterable[Entry]) -> Iterator[CitationRow]:
    """510: the work cited ($a) and where in it ($c): "Goff" "B-526", "ISTC" "ib00526000"."""
    for entry in entries:
        if entry.field.tag != "510":
            continue
        source = joined(entry.field, "a")
        number = joined(entry.field, "c") or None
        if source:
            yield CitationRow(
                entry.tag,
                source,
                normalize_text(source),
                number,
                normalize_citation_number(number),
                entry.linked_tag,
            )


def genres(entries: Iterable[Entry], leader: str, f008: str) -> Iterator[GenreRow]:
    """655: the term ($a), the whole heading with its subdivisions, and its thesaurus ($2);
    the kinds of material leader/06, leader/07 and a book's 008/33 and 008/22 code; then a subject's
    form subdivisions (6XX $v: "Venice (Italy) -- Maps"); each term once, the first found."""
    entries = list(entries)
    seen: set[str] = set()
    for entry in entries:
        if entry.field.tag == "655":
            yield from _new(seen, entry, [joined(entry.field, "a")])
    coded = [
        ("leader/06", MATERIAL_TYPES.get(leader[6:7], "")),
        ("leader/07", BIBLIOGRAPHIC_LEVELS.get(leader[7:8], "")),
    ]
    if leader[6:7] in ("a", "t") and leader[7:8] not in ("s", "i") and len(f008) > 33:
        coded.append(("008/33", LITERARY_FORMS.get(f008[33], "")))
        coded.append(("008/22", TARGET_AUDIENCES.get(f008[22], "")))
    for position, term in coded:
        if (norm := normalize_text(term)) and norm not in seen:
            seen.add(norm)
            yield GenreRow(position, term, norm, term, None)
    for entry in entries:
        if entry.field.tag in _SUBJECT_TAGS:
            yield from _new(seen, entry, [trim(v) for v in values(entry.field, "v")])


def _new(seen: set[str], entry: Entry, terms: list[str]) -> Iterator[GenreRow]:
    """The rows of ``terms`` not yet ``seen`` in the record."""
    for term in terms:
        if (norm := normalize_text(term)) and norm not in seen:
            seen.add(norm)
            vocabulary = trim(" ".join(values(entry.field, "2"))) or None
            heading = " -- ".join(heading_parts(entry.field))
            yield GenreRow(entry.tag, term, norm, heading, vocabulary, entry.linked_tag)


def holdings(entries: Iterable[Entry]) -> Iterator[HoldingRow]:
    """852: where a copy is held ($a, $b $c) and its shelfmark ($k $h $i $j $m)."""
    for entry in entries:
        if entry.field.tag != "852":
            continue
        marc_field = entry.field
        shelfmark = " ".join(values(marc_field, _SHELFMARK_CODES)).strip() or None
        yield HoldingRow(
            entry.tag,
            joined(marc_field, "a") or None,
            " — ".join(filter(None, (trim(v) for v in values(marc_field, "bc")))) or None,
            shelfmark,
            normalize_text(shelfmark),
            joined(marc_field, "t") or None,
            " ".join(values(marc_field, "z")).strip() or None,
        )


def links(entries: Iterable[Entry]) -> Iterator[LinkRow]:
    """856: one row per address ($u), with its link text ($y), note ($z) and materials ($3)."""
    for entry in entries:
        if entry.field.tag != "856":
            continue
        marc_field = entry.field
        text = " ".join(values(marc_field, "y")).strip() or None
        note = " ".join(values(marc_field, "z")).strip() or None
        materials = joined(marc_field, "3") or None
        kind = _LINK_KINDS.get(marc_field.indicators[1]) if marc_field.indicators else None
        for url in values(marc_field, "u"):
            if url:
                yield LinkRow(entry.tag, url, text, note, materials, kind)
