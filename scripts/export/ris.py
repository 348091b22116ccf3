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
        yield "".join(_lines(item)) + "ER  - \n\n"


def _lines(item: ExportItem) -> Iterator[str]:
    citation = Citation.of(item)
    yield from _tag("TY", "BOOK")
    yield from _tag("TI", citation.title)
    for tag, names in (
        ("AU", citation.authors),
        ("A2", citation.editors),
        ("A4", citation.translators),
    ):
        for name in names:
            yield from _tag(tag, _written(name))
    if citation.year is not None:
        yield from _tag("PY", str(citation.year))
        yield from _tag("DA", citation.dates)
    yield from _tag("CY", citation.place)
    yield from _tag("PB", citation.publisher)
    yield from _tag("LA", "; ".join(citation.languages))
    for keyword in citation.keywords:
        yield from _tag("KW", keyword)
    yield from _tag("AB", citation.summary)
    yield from _tag("N1", item.why)
    for reference in citation.references:
        yield from _tag("N1", f"Reference: {reference}")
    yield from _tag("AN", citation.record_id)
    yield from _tag("CN", " ".join(filter(None, (citation.holding, citation.shelfmark))))
    for link in citation.links:
        yield from _tag("UR", link)


def _written(name: Name) -> str:
    return f"{name.family}, {name.given}" if name.family else name.literal


def _tag(tag: str, value: str | None) -> Iterator[str]:
    text = " ".join(printable(value or "").split())
    if text:
        yield f"{tag}  - {text}\n"
