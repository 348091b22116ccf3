"""CSV for spreadsheets: a header row in a reader's words, then one row per record; several
values in a cell are joined by "; ". The last column says why the record matched."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from scripts.export.items import Citation, ExportItem
from scripts.marc.whole_record import printable
from scripts.records.view import LABELS

COLUMNS = [
    LABELS["record_number"],
    LABELS["title"],
    "Authors",
    "Editors",
    LABELS["date"],
    "Place",
    "Publisher",
    LABELS["languages"],
    LABELS["description"],
    "Subjects and genres",
    LABELS["references"],
    LABELS["held_at"],
    LABELS["shelfmark"],
    "Links",
    "Why it matched",
]


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        citation = Citation.of(item)
        writer.writerow(
            printable(cell or "")
            for cell in (
                citation.record_id,
                citation.title,
                "; ".join(name.literal for name in citation.authors),
                "; ".join(name.literal for name in citation.editors),
                citation.dates,
                citation.place,
                citation.publisher,
                "; ".join(citation.languages),
                citation.extent,
                "; ".join(citation.keywords),
                "; ".join(citation.references),
                citation.holding,
                citation.shelfmark,
                " ".join(citation.links),
                item.why,
            )
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()  # the header alone, when there was nothing to export
