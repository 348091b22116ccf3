"""CSL-JSON, the input of citeproc (Zotero, Pandoc): a JSON array of ``book`` items valid
against the CSL data schema. ``note`` says why the record matched; a range of years is
``issued`` with two date-parts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from scripts.export.items import Citation, ExportItem, Name
from scripts.marc.whole_record import printable


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    yield "["
    separator = "\n"
    for item in items:
        yield separator + json.dumps(_item(item), ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def _item(item: ExportItem) -> dict[str, Any]:
    citation = Citation.of(item)
    data: dict[str, Any] = {"id": citation.record_id, "type": "book", "title": citation.title}
    for key, names in (
        ("author", citation.authors),
        ("editor", citation.editors),
        ("translator", citation.translators),
    ):
        if names:
            data[key] = [_name(name) for name in names]
    if citation.year is not None:
        parts = [[citation.year]]
        if citation.last_year not in (None, citation.year, 9999):
            parts.append([citation.last_year])
        data["issued"] = {"date-parts": parts}
    optional = {
        "publisher-place": citation.place,
        "publisher": citation.publisher,
        "language": ", ".join(citation.languages),
        "keyword": ", ".join(citation.keywords),
        "note": "\n".join(
            filter(None, [item.why, *(f"Reference: {r}" for r in citation.references)])
        ),
        "archive": citation.holding,
        "call-number": citation.shelfmark,
        "URL": citation.links[0] if citation.links else None,
    }
    data.update({key: value for key, value in optional.items() if value})
    return {key: _clean(value) for key, value in data.items()}


def _name(name: Name) -> dict[str, str]:
    return (
        {"family": name.family, "given": name.given} if name.family else {"literal": name.literal}
    )


def _clean(value: Any) -> Any:
    """Strings as JSON can carry and readers expect: no control characters or lone surrogates."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
