"""What an export holds for each record, and the facts a citation takes from it.

An ``ExportItem`` is a loaded record (``records.load``), the sentence saying why it matched
("Matched “books printed in Venice”: place of printing is Venice (Venetiis, marc:260$a)"), and its
page's address when the exporter knows the server's. ``Citation`` reads the record once for
every citation format: names by role, title, date, imprint, languages, keywords, links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scripts.records.view import dates, web_link
from scripts.schemas import Candidate

# The record parts (records.load) a citation reads.
CITATION_PARTS = (
    "agents",
    "imprints",
    "languages",
    "subjects",
    "genres",
    "physical_descriptions",
    "citations",
    "holdings",
    "links",
)
EDITOR_ROLES = frozenset({"editor", "compiler"})
TRANSLATOR_ROLES = frozenset({"translator"})


@dataclass(frozen=True, slots=True)
class ExportItem:
    """A record to export, why it matched, and its page's address (None when not known)."""

    record: dict[str, Any]
    why: str = ""
    url: str | None = None


def why(candidate: Candidate | None, question: str = "") -> str:
    """ "Matched “question”: rationale", or the rationale alone, or "" when there is none."""
    rationale = candidate.match_rationale if candidate is not None else ""
    if not rationale:
        return ""
    return f"Matched “{question}”: {rationale}" if question else f"Matched: {rationale}"


@dataclass(frozen=True, slots=True)
class Name:
    """A personal name as family and given parts, or any other name whole (``literal``)."""

    literal: str
    family: str | None = None
    given: str | None = None


@dataclass(slots=True)
class Citation:
    """What the citation formats write of one record, read from it once (``Citation.of``)."""

    record_id: str
    title: str
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    translators: list[Name] = field(default_factory=list)
    year: int | None = None
    last_year: int | None = None
    dates: str = ""
    place: str | None = None
    publisher: str | None = None
    languages: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    extent: str | None = None
    references: list[str] = field(default_factory=list)
    holding: str | None = None
    shelfmark: str | None = None
    links: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, item: ExportItem) -> Citation:
        record = item.record
        citation = cls(record_id=record["record_id"], title=record.get("title") or "[untitled]")
        citation.year, citation.last_year = record.get("date_start"), record.get("date_end")
        citation.dates = dates(citation.year, citation.last_year)
        _names(citation, record.get("agents", []))
        imprint = next(
            (row for row in record.get("imprints", []) if not row.get("linked_tag")), None
        )
        if imprint is not None:
            citation.place, citation.publisher = imprint["place_raw"], imprint["publisher_raw"]
        citation.languages = [row["name"] for row in record.get("languages", []) if row["name"]]
        citation.keywords = list(
            dict.fromkeys(
                [row["heading"] for row in record.get("subjects", [])]
                + [row["heading"] for row in record.get("genres", [])]
            )
        )
        citation.extent = next(
            (row["text"] for row in record.get("physical_descriptions", [])), None
        )
        citation.references = [
            " ".join(filter(None, (row["source"], row["number"])))
            for row in record.get("citations", [])
        ]
        holding = next(iter(record.get("holdings", [])), None)
        if holding is not None:
            citation.holding = " — ".join(
                filter(None, (holding["location"], holding["sublocation"]))
            )
            citation.shelfmark = holding["shelfmark"]
        citation.links = [url for row in record.get("links", []) if (url := web_link(row["url"]))]
        if item.url:
            citation.links.insert(0, item.url)
        return citation


def _names(citation: Citation, agents: list[dict[str, Any]]) -> None:
    """Main entries and 7XX authors are authors; editors and translators by their roles; an
    880 (the same name in another script) is left out, as are printers and owners."""
    roles: dict[int, set[str]] = {}
    first: dict[int, dict[str, Any]] = {}
    for row in agents:
        if row.get("linked_tag"):
            continue
        first.setdefault(row["position"], row)
        if row.get("role_norm"):
            roles.setdefault(row["position"], set()).add(row["role_norm"])
    for position, row in first.items():
        said = roles.get(position, set())
        name = _name(row)
        if said & EDITOR_ROLES:
            citation.editors.append(name)
        elif said & TRANSLATOR_ROLES:
            citation.translators.append(name)
        elif row["tag"].startswith("1") or "author" in said:
            citation.authors.append(name)


def _name(row: dict[str, Any]) -> Name:
    """ "Karo, Joseph, 1488-1575" -> family "Karo", given "Joseph"; others whole."""
    raw = row["name_raw"]
    if row["agent_type"] != "personal":
        return Name(raw)
    parts = [part.strip() for part in raw.split(",")]
    kept = []
    for part in parts:
        if any(char.isdigit() for char in part):
            break  # the dates, and anything after them
        kept.append(part)
    if len(kept) >= 2 and kept[0] and kept[1]:
        return Name(", ".join(kept), family=kept[0], given=", ".join(kept[1:]))
    return Name(", ".join(kept) or raw)
