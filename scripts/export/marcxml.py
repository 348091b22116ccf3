"""MARCXML: each record as stored, with a 590 local note saying why it matched."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scripts.export.items import ExportItem
from scripts.marc.whole_record import MARCXML_HEAD, MARCXML_TAIL, MarcField, with_field

WHY_TAG = "590"


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    yield MARCXML_HEAD
    for item in items:
        stored = item.record["marc"]
        if item.why:
            stored = with_field(stored, MarcField(WHY_TAG, None, " ", " ", [("a", item.why)]))
        yield stored + "\n"
    yield MARCXML_TAIL
