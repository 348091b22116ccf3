"""MARCXML: each record as catalogued, with a 590 local note saying why it matched."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from scripts.export.items import ExportItem
from scripts.marc.whole_record import MARCXML_HEAD, MARCXML_TAIL, MarcField, marcxml, parse_stored

WHY_TAG = "590"


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    yield MARCXML_HEAD
    for item in items:
        why = [MarcField(WHY_TAG, None, " ", " ", [("a", item.why)])] if item.why else []
        yield marcxml(parse_stored(item.record.get("marc")), why) + "\n"
    yield MARCXML_TAIL
