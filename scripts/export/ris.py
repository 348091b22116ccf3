"""RIS, the tagged format of EndNote, Zotero and Mendeley: ``TAG  - value`` lines per record.

One value per line (line breaks in a value become spaces); N1 carries why the record matched,
then its bibliographic references; AN is the record's id and CN its shelfmark.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scripts.export.items import Citation, ExportItem, Name
from scripts.marc.whole_record import printable


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    for item in items:
        lines = []
        for tag, value in _pairs(item):
            text = " ".join(printable(value).split()) if value else ""
            if text:
                lines.append(f"{tag}  - {text}\n")
        yield "".join(lines) + "ER  - \n\n"


def _pairs(item: ExportItem) -> list[tuple[str, str | None]]:
    """(tag, value) in RIS order; ``write`` leaves out empty values."""
    citation = Citation.of(item)
    names = [
        (tag, _written(name))
        for tag, group in (
            ("AU", citation.authors),
            ("A2", citation.editors),
            ("A4", citation.translators),
        )
        for name in group
    ]
    dated = citation.year is not None
    return [
        ("TY", "BOOK"),
        ("TI", citation.title),
        *names,
        ("PY", str(citation.year) if dated else None),
        ("DA", citation.dates if dated else None),
        ("CY", citation.place),
        ("PB", citation.publisher),
        ("LA", "; ".join(citation.languages)),
        *(("KW", keyword) for keyword in citation.keywords),
        ("N1", item.why),
        *(("N1", f"Reference: {reference}") for reference in citation.references),
        ("AN", citation.record_id),
        ("CN", " ".join(filter(None, (citation.holding, citation.shelfmark)))),
        *(("UR", link) for link in citation.links),
    ]


def _written(name: Name) -> str:
    return f"{name.family}, {name.given}" if name.family else name.literal
