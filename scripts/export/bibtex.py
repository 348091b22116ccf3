"""BibTeX: one ``@book`` entry per record, its key the record id made safe for BibTeX.

Values are UTF-8 (biblatex and BibTeX with inputenc read them) with TeX's special characters
and ligatures escaped, so a title with "50% off", "{" or "--" comes back as it was. ``note``
says why the record matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from scripts.export.items import Citation, ExportItem, Name
from scripts.marc.whole_record import printable

_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]")
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_CHARACTER = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
# TeX joins "--" into a dash and "''" or "``" into quotes; an empty group between keeps them.
_LIGATURE = re.compile(r"([-'`])(?=\1)")


def write(items: Iterable[ExportItem]) -> Iterator[str]:
    renamed: set[str] = set()  # keys changed to be safe, which may then collide
    for item in items:
        citation = Citation.of(item)
        key = _KEY_UNSAFE.sub("_", citation.record_id) or "record"
        if key != citation.record_id:
            base, number = key, 1
            while key in renamed:
                number += 1
                key = f"{base}-{number}"
            renamed.add(key)
        fields = [
            ("title", _escape(citation.title)),
            ("author", " and ".join(map(_written, citation.authors))),
            ("editor", " and ".join(map(_written, citation.editors))),
            ("translator", " and ".join(map(_written, citation.translators))),
            ("year", str(citation.year) if citation.year is not None else ""),
            ("date", citation.dates if citation.year is not None else ""),
            ("address", _escape(citation.place)),
            ("publisher", _escape(citation.publisher)),
            ("language", _escape(", ".join(citation.languages))),
            ("keywords", _escape(", ".join(citation.keywords))),
            ("note", _escape(item.why)),
            ("addendum", _escape("; ".join(citation.references))),
            ("library", _escape(" ".join(filter(None, (citation.holding, citation.shelfmark))))),
            ("url", _url(citation.links[0]) if citation.links else ""),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        yield f"@book{{{key},\n{body}\n}}\n\n"


def _written(name: Name) -> str:
    """ "Karo, Joseph"; a name that is not family-and-given goes in braces, whole."""
    if name.family:
        return f"{_escape(name.family)}, {_escape(name.given)}"
    return f"{{{_escape(name.literal)}}}"


def _escape(value: str | None) -> str:
    """One line, with TeX's special characters escaped."""
    text = " ".join(printable(value or "").split())
    if _SPECIAL_CHARACTER.search(text):  # most values have none: test before rewriting
        text = _SPECIAL_CHARACTER.sub(lambda found: _SPECIAL[found.group()], text)
    if "--" in text or "''" in text or "``" in text:
        text = _LIGATURE.sub(r"\1{}", text)
    return text


def _url(url: str) -> str:
    """URLs are read verbatim (no TeX escapes), so only braces, which would end the value, are
    percent-encoded."""
    return url.replace("{", "%7B").replace("}", "%7D")
