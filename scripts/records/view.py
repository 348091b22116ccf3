"""What readers and librarians see of one record: its address, the reader's view, the tags.

``reader_view`` turns an index record (``load``) into labelled sections in words a reader
uses: "Other names" with roles spelt out (a $4 code becomes its term), languages by name,
"Provenance" for 561, "References" for 510, "Held at" and "Shelfmark" for 852. Where an 880
pairs with a field, its text follows the romanised one in the same section, so both scripts
show. ``LABELS`` is the one table of those words. ``tagged_view`` is the librarian's view of
the stored MARC: every field with its tag, indicators and subfields, as catalogued.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, Field

from scripts.marc.normalize import relator_term
from scripts.marc.whole_record import printable, read_stored
from scripts.query.speech import say

# Each section's label, by what it shows; sections come in this order.
LABELS: dict[str, str] = {
    "title": "Title",
    "other_titles": "Other titles",
    "author": "Author",
    "other_names": "Other names",
    "published": "Published",
    "date": "Date",
    "country": "Country of publication",
    "language": "Language",
    "languages": "Languages",
    "description": "Description",
    "summary": "Summary",
    "subjects": "Subjects",
    "genre": "Genre/form",
    "notes": "Notes",
    "provenance": "Provenance",
    "binding": "Binding",
    "references": "References",
    "held_at": "Held at",
    "shelfmark": "Shelfmark",
    "digitised": "Digitised copy",
    "online": "Online",
    "record_number": "Record number",
}
# The same labels for a reader who asked in Hebrew.
HEBREW_LABELS: dict[str, str] = {
    "title": "כותר",
    "other_titles": "כותרים נוספים",
    "author": "מחבר",
    "other_names": "שמות נוספים",
    "published": "פרטי הוצאה",
    "date": "תאריך",
    "country": "ארץ ההוצאה",
    "language": "שפה",
    "languages": "שפות",
    "description": "תיאור",
    "summary": "תקציר",
    "subjects": "נושאים",
    "genre": "סוגה",
    "notes": "הערות",
    "provenance": "בעלים קודמים",
    "binding": "כריכה",
    "references": "מראי מקום",
    "held_at": "מוחזק ב",
    "shelfmark": "סימן מדף",
    "digitised": "עותק סרוק",
    "online": "ברשת",
    "record_number": "מספר רשומה",
}


def label(key: str) -> str:
    """A section's label in the reader's language."""
    return say(LABELS[key], HEBREW_LABELS[key])


_NOTE_SECTIONS = {"520": "summary", "561": "provenance", "563": "binding"}
_LINK_SECTIONS = {"version": "digitised"}
UNDATED = "undated"


class Value(BaseModel):
    """One value of a section; ``url`` when it is a link."""

    text: str
    url: str | None = None


class Section(BaseModel):
    label: str = Field(examples=["Other names"])
    values: list[Value]


class Subfield(BaseModel):
    code: str
    value: str


class TaggedField(BaseModel):
    """A control field (``data``) or a data field (indicators and subfields)."""

    tag: str
    data: str | None = None
    ind1: str | None = None
    ind2: str | None = None
    subfields: list[Subfield] = Field(default_factory=list)


class TaggedRecord(BaseModel):
    leader: str
    fields: list[TaggedField]


class RecordPage(BaseModel):
    """A record as its page shows it: the reader's view, the tagged MARC, the downloads."""

    record_id: str = Field(examples=["cph000027"])
    address: str = Field(examples=["/records/cph000027"])
    title: str
    sections: list[Section]
    marc: TaggedRecord
    downloads: dict[str, str] = Field(
        examples=[{"marcxml": "/records/cph000027.xml", "marc21": "/records/cph000027.mrc"}]
    )


def record_page(record: dict[str, Any]) -> RecordPage:
    """The page of a record loaded with its MARC (``get_record(..., marc=True)``)."""
    path = address(record["record_id"])
    return RecordPage(
        record_id=record["record_id"],
        address=path,
        title=printable(record.get("title") or "[untitled]"),
        sections=reader_view(record),
        marc=tagged_view(record.get("marc")),
        downloads={"marcxml": f"{path}.xml", "marc21": f"{path}.mrc"},
    )


def address(record_id: str) -> str:
    """The record page's path: ``/records/<id>``, the id escaped."""
    return f"/records/{quote(record_id, safe='')}"


def dates(start: int | None, end: int | None) -> str:
    """ "1543", "1590–1610", "1850–" (continuing) or "undated"."""
    if start is None:
        return UNDATED
    if end in (None, start):
        return str(start)
    return f"{start}–" if end == 9999 else f"{start}–{end}"


def web_link(url: str) -> str | None:
    """Only web addresses become links; anything else (``javascript:``...) stays text."""
    return url if url.lower().startswith(("https://", "http://")) else None


def reader_view(record: dict[str, Any]) -> list[Section]:
    """The record's sections in reader's words, empty ones left out."""
    found: dict[str, list[Value]] = {key: [] for key in LABELS}

    def add(key: str, text: str | None, url: str | None = None) -> None:
        text = printable(text or "").strip()
        if text and all(v.text != text for v in found[key]):
            found[key].append(Value(text=text, url=url))

    for row in record.get("titles", []):
        add("title" if _tag(row) == "245" else "other_titles", row["title"])
    for key, text in _agents(record.get("agents", [])):
        add(key, text)
    for row in record.get("imprints", []):
        add("published", _imprint(row))
    add("date", dates(record.get("date_start"), record.get("date_end")))
    add("country", record.get("country_name"))
    names = [
        row["name"] or f"unrecognised language ({row['code']})"
        for row in record.get("languages", [])
    ]
    for name in names:
        add("language" if len(names) == 1 else "languages", name)
    for row in record.get("physical_descriptions", []):
        add("description", row["text"])
    for row in record.get("subjects", []):
        if _tag(row) != "655":
            add("subjects", row["heading"])
    for row in record.get("genres", []):
        add("genre", row["heading"])
    for row in record.get("notes", []):
        add(_NOTE_SECTIONS.get(_tag(row) or "", "notes"), row["text"])
    for row in record.get("citations", []):
        add("references", " ".join(filter(None, (row["source"], row["number"]))))
    for row in record.get("holdings", []):
        add("held_at", " — ".join(filter(None, (row["location"], row["sublocation"]))))
        add("shelfmark", ", ".join(filter(None, (row["shelfmark"], row["copy"], row["note"]))))
    for row in record.get("links", []):
        text = row["text"] or row["materials"] or row["note"] or row["url"]
        add(_LINK_SECTIONS.get(row["kind"], "online"), text, web_link(row["url"]))
    add("record_number", record.get("record_id"))
    return [Section(label=label(key), values=values) for key, values in found.items() if values]


def tagged_view(stored: str | None) -> TaggedRecord:
    """The stored MARC record, field by field, as catalogued (odd characters shown as �)."""
    leader, fields = read_stored(stored)
    tagged = [
        TaggedField(tag=f.tag, data=f.data)
        if f.is_control
        else TaggedField(
            tag=f.tag,
            ind1=f.ind1,
            ind2=f.ind2,
            subfields=[Subfield(code=c, value=v) for c, v in f.subfields],
        )
        for f in fields
    ]
    return TaggedRecord(leader=leader, fields=tagged)


def _tag(row: dict[str, Any]) -> str | None:
    """The tag whose meaning a row has: its own, or for an 880 the tag it pairs with."""
    return row.get("linked_tag") or (None if row["tag"] == "880" else row["tag"])


def _agents(rows: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """("author" or "other_names", "Name (role, role)"), one per agent, in record order."""
    roles: dict[int, list[str]] = {}
    agents: dict[int, dict[str, Any]] = {}
    for row in rows:
        agents.setdefault(row["position"], row)
        role = _role(row)
        if role and role not in roles.setdefault(row["position"], []):
            roles[row["position"]].append(role)
    for position, row in agents.items():
        key = "author" if (_tag(row) or "").startswith("1") else "other_names"
        said = [
            role for role in roles.get(position, []) if not (key == "author" and role == "author")
        ]
        yield key, f"{row['name_raw']} ({', '.join(said)})" if said else row["name_raw"]


def _role(row: dict[str, Any]) -> str | None:
    """A role in words: a $4 code's term, an abbreviation spelt out, else as catalogued."""
    raw = row.get("role_raw")
    if not raw:
        return None
    return relator_term(raw) or (row.get("role_norm") if raw.endswith(".") else raw)


def _imprint(row: dict[str, Any]) -> str:
    """ "Venetiis : in domo Aldi, 1502"."""
    where = " : ".join(filter(None, (row.get("place_raw"), row.get("publisher_raw"))))
    return ", ".join(filter(None, (where, row.get("date_raw"))))
