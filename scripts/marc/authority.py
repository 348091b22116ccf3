"""MARC 21 authority records (leader/06 'z'): a heading and the other forms readers use for it.

An authority record names one person, body, work, subject or genre in its authorised form
(1XX) and traces the forms it is also known by: see-from forms (4XX: "Froschouerus,
Christophorus" for "Froschauer, Christoph"; "Cradle books" for "Incunabula") and related or
broader headings (5XX; ``$w`` position 0 'g' marks a broader term, 'h' a narrower one). The
index keeps each form folded as the catalogue's own values are (``normalize_text`` of the name
without its dates), so a reader's words meet headings, variants and imprint forms alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pymarc import Field, Record

from scripts.marc.extract import RecordError
from scripts.marc.normalize import normalize_text
from scripts.marc.subfields import joined

# The heading tags and the kind of thing each names.
KINDS = {
    "100": "name",
    "110": "name",
    "111": "name",
    "130": "title",
    "150": "subject",
    "151": "place",
    "155": "genre",
}
# The parts of a heading that name it, without dates and qualifiers of time ($d, $y).
_NAME_PARTS = {
    "00": "abcq",
    "10": "abn",
    "11": "aenq",
    "30": "anp",
    "50": "ab",
    "51": "a",
    "55": "a",
}


class AuthorityForm(NamedTuple):
    tag: str
    relation: str  # 'heading', 'see_from', 'broader', 'narrower', 'related'
    form: str
    form_norm: str


@dataclass(slots=True)
class AuthorityRecord:
    """One authority record as the index stores it."""

    authority_id: str
    kind: str
    heading: str
    heading_norm: str
    forms: list[AuthorityForm] = field(default_factory=list)


def is_authority(record: Record) -> bool:
    """True for an authority record (leader/06 'z')."""
    return str(record.leader)[6:7] == "z"


def to_authority(record: Record) -> AuthorityRecord:
    """The heading and forms of an authority record; raises ``RecordError`` when it has none."""
    control = record.get("001")
    authority_id = (control.data or "").strip() if control else ""
    if not authority_id:
        raise RecordError("no 001 (control number)")
    headings = [f for f in record.fields if f.tag in KINDS]
    if not headings:
        raise RecordError("an authority record without a 1XX heading")
    heading = headings[0]
    text, norm = _form(heading)
    if not norm:
        raise RecordError("an authority record with an empty heading")
    authority = AuthorityRecord(authority_id, KINDS[heading.tag], text, norm)
    for tracing in record.fields:
        relation = _relation(tracing)
        if relation is None:
            continue
        form, form_norm = _form(tracing)
        if form_norm and form_norm != norm:
            authority.forms.append(AuthorityForm(tracing.tag, relation, form, form_norm))
    return authority


def _relation(tracing: Field) -> str | None:
    if tracing.tag[0] == "4" and tracing.tag[1:] in {"00", "10", "11", "30", "50", "51", "55"}:
        return "see_from"
    if tracing.tag[0] == "5" and tracing.tag[1:] in {"00", "10", "11", "30", "50", "51", "55"}:
        control = (tracing.get_subfields("w") or [""])[0][:1]
        return {"g": "broader", "h": "narrower"}.get(control, "related")
    return None


def _form(heading: Field) -> tuple[str, str]:
    """A heading or tracing as catalogued, and folded without its dates."""
    text = joined(heading, "abcdqnp")
    name = joined(heading, _NAME_PARTS.get(heading.tag[1:], "a"))
    return text, normalize_text(name) or ""
