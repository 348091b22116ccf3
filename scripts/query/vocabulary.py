"""Names the compiler resolves: the index's own places, languages and countries.

A ``Vocabulary`` is read once per index file (a few small DISTINCT queries) and cached by path,
modification time and size, so compiling a query costs microseconds. Places resolve through
the index's ``imprints.place_norm`` values, the raw forms that produced them ("Venetiis") and
``normalize_place`` with its Latin aliases, so "Venice" and "Lugduni Batavorum" both land on a
value the index holds. Without an index (``Vocabulary.unchecked()``) any place is accepted as
``normalize_place`` writes it, since there is nothing to check it against.

Languages and countries resolve by *name* ("Latin", "Māori", "New Zealand", "USA"): MARC
codes such as ``may``, ``war``, ``it`` or ``no`` are also English words, so a lower-case code
typed as a word is never read as a language or a country.
"""

from __future__ import annotations

import difflib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from scripts.marc.normalize import country_code, fold, language_code, normalize_place, place_aliases
from scripts.query.connection import IndexQueryError, read_only


@dataclass(frozen=True)
class Vocabulary:
    """What one index holds, for resolving names; ``checked`` is False when no index was read."""

    places: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    checked: bool = False
    records: int = 0

    @classmethod
    def unchecked(cls) -> Vocabulary:
        """A vocabulary with no index behind it: places are taken on trust."""
        return cls()

    def place(self, text: str) -> str | None:
        """The normalised place ``text`` names ("Venetiis" -> "venice") if the index has it."""
        if not any(c.isalpha() for c in text):
            return None
        place = normalize_place(text)
        if place is None or not self.checked:
            return place
        return place if any(alias in self.places for alias in place_aliases(place)) else None

    def language(self, text: str) -> str | None:
        """The MARC code of a language *name* ("Latin" -> "lat"), or None."""
        code = language_code(text)
        return code if code and fold(text) != code else None

    def country(self, text: str) -> str | None:
        """The MARC code of a country *name* ("New Zealand" -> "nz", "UK" -> "xxk"), or None."""
        code = country_code(text)
        folded = fold(text)
        if not code or (folded == code or len(folded) < 4) and not text.isupper():
            return None
        return code

    def suggest_places(self, text: str, n: int = 3) -> list[str]:
        """Places in the index spelled like ``text``, else the most common ones."""
        close = difflib.get_close_matches(fold(text), list(self.places), n=n, cutoff=0.75)
        if close:
            return close
        return sorted(self.places, key=lambda p: (-self.places[p], p))[:n]


_cache: dict[Path, tuple[tuple[int, int], Vocabulary]] = {}


def load_vocabulary(db_path: Path) -> Vocabulary:
    """The vocabulary of the index at ``db_path``, re-read only when the file changes."""
    path = Path(db_path).resolve()
    stat = path.stat() if path.is_file() else None
    key = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    cached = _cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    vocabulary = _read(path)
    _cache[path] = (key, vocabulary)
    return vocabulary


def _read(path: Path) -> Vocabulary:
    try:
        with read_only(path) as conn:
            places = _counts(conn, "SELECT place_norm, count(*) FROM imprints GROUP BY place_norm")
            languages = _counts(conn, "SELECT code, count(*) FROM languages GROUP BY code")
            countries = _counts(
                conn, "SELECT country_code, count(*) FROM records GROUP BY country_code"
            )
            records = sum(n for _, n in conn.execute("SELECT 1, count(*) FROM records"))
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot read the index {path}: {exc}") from exc
    return Vocabulary(places, languages, countries, checked=True, records=records)


def _counts(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {value: n for value, n in conn.execute(sql) if value}
