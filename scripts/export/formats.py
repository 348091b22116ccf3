"""The export formats by name: how each is written, its media type and file extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from scripts.export import bibtex, csl_json, csv_rows, marcxml, ris
from scripts.export.items import ExportItem


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    write: Callable[[Iterable[ExportItem]], Iterator[str]]
    needs_marc: bool = False  # whether items must carry the whole MARC record


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ris", "application/x-research-info-systems", "ris", ris.write),
        Format("bibtex", "application/x-bibtex", "bib", bibtex.write),
        Format("csl-json", "application/vnd.citationstyles.csl+json", "json", csl_json.write),
        Format("csv", "text/csv; charset=utf-8", "csv", csv_rows.write),
        Format("marcxml", "application/marcxml+xml", "xml", marcxml.write, needs_marc=True),
    )
}


class UnknownFormatError(ValueError):
    """A format that is not one of ``known``."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown format {name!r}: use one of {', '.join(known)}")
        self.name = name


def format_named(name: str) -> Format:
    """The format called ``name``; raises UnknownFormatError listing the formats."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name, FORMATS) from None
