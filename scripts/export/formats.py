"""The export formats by name: how each is written, its media type and file extension.

``FORMATS`` write records (a search's matches, an answer's, a session's);
``CONVERSATION_FORMATS`` write a conversation itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from scripts.chat import ChatSession
from scripts.export import bibtex, csl_json, csv_rows, marcxml, ris, transcript
from scripts.export.items import CITATION_PARTS, ExportItem
from scripts.export.streams import Loading, UrlOf


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    write: Callable[[Iterable[ExportItem]], Iterator[str]]
    parts: tuple[str, ...] = CITATION_PARTS  # the record parts (records.load) it reads
    needs_marc: bool = False  # whether items must carry the whole MARC record

    def loading(self, url_of: UrlOf | None = None) -> Loading:
        """What its items must carry, record pages named by ``url_of``."""
        return Loading(self.parts, self.needs_marc, url_of)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ris", "application/x-research-info-systems", "ris", ris.write),
        Format("bibtex", "application/x-bibtex", "bib", bibtex.write),
        Format("csl-json", "application/vnd.citationstyles.csl+json", "json", csl_json.write),
        Format("csv", "text/csv; charset=utf-8", "csv", csv_rows.write),
        Format("marcxml", "application/marcxml+xml", "xml", marcxml.write, (), needs_marc=True),
    )
}


@dataclass(frozen=True)
class ConversationFormat:
    name: str
    media_type: str
    extension: str
    write: Callable[[ChatSession, UrlOf | None], Iterator[str]]


CONVERSATION_FORMATS: dict[str, ConversationFormat] = {
    f.name: f
    for f in (
        ConversationFormat("markdown", "text/markdown; charset=utf-8", "md", transcript.markdown),
        ConversationFormat("json", "application/json", "json", transcript.as_json),
    )
}


class UnknownFormatError(ValueError):
    """A format that is not one of ``known``."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown format {name!r}: use one of {', '.join(known)}")
        self.name = name


def record_format(name: str) -> Format:
    """The record format called ``name``; raises UnknownFormatError listing them."""
    if name not in FORMATS:
        raise UnknownFormatError(name, FORMATS)
    return FORMATS[name]


def session_format(name: str) -> Format | ConversationFormat:
    """A record or conversation format, for exporting a session; raises UnknownFormatError."""
    known = {**FORMATS, **CONVERSATION_FORMATS}
    if name not in known:
        raise UnknownFormatError(name, known)
    return known[name]
