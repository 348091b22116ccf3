"""What an index holds, for reading questions: its vocabulary, loaded once per index file.

A ``Vocabulary`` holds the ``vocabulary`` table of an index (``scripts/marc/vocabulary.py``
builds it): for each kind (place, language, country, name, publisher, subject, genre) the
folded forms readers may type, each leading to a value, its display form and its record
count. It is read once per index file and cached by path, modification time and size, so
reading a question costs microseconds. It answers three questions about a run of words:

* ``exact``: which values have this form ("venetiis" -> venice);
* ``containing``: which values have a form holding all these words, in any order, a word
  also matching as the start of a longer one when ``prefix`` allows ("Ed Hillary" ->
  "hillary edmund", "Aldus" -> "manutius aldus");
* ``corrections``: the words of a kind's forms spelt closest to a misspelt one
  (Damerau-Levenshtein similarity, a transposition one slip; words of at most
  ``MAX_WORD_CHARS`` characters).

Without an index (``Vocabulary.unchecked()``) there are no forms, and places are taken on trust
as ``normalize_place`` writes them. Languages and countries resolve by *name* ("Latin",
"Māori", "New Zealand"): MARC codes such as ``may``, ``war`` or ``no`` are English words too.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from scripts.marc.normalize import country_code, fold, language_code, normalize_place, place_aliases
from scripts.query.connection import IndexQueryError, read_only

MAX_WORD_CHARS = 30  # longer words are not corrected: no name or place word is that long
MIN_CORRECTED_CHARS = 4  # "Bazel", "musc": shorter words have too many near neighbours
CUTOFF = 75.0  # similarity in %: "Edinbrugh" ~ "edinburgh" 78, "Florance" ~ "florence" 88
MAX_CANDIDATES = 5
MAX_REMEMBERED = 4096  # spellings corrected, kept per index


@dataclass(frozen=True)
class Entry:
    """One value of the index a form leads to."""

    kind: str
    value: str
    display: str
    records: int
    form: str


@dataclass
class _Kind:
    """The forms of one kind, and the words they are made of."""

    forms: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    postings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entry: Entry) -> None:
        self.forms[entry.form].append(entry)
        for word in entry.form.split():
            self.postings[word].add(entry.form)

    @cached_property
    def words(self) -> list[str]:
        return sorted(self.postings)

    def starting(self, prefix: str) -> set[str]:
        """Forms holding a word that starts with ``prefix``."""
        at = bisect.bisect_left(self.words, prefix)
        found: set[str] = set()
        while at < len(self.words) and self.words[at].startswith(prefix):
            found |= self.postings[self.words[at]]
            at += 1
        return found


@dataclass
class Vocabulary:
    """What one index holds; ``checked`` is False when no index was read."""

    kinds: dict[str, _Kind] = field(default_factory=dict)
    checked: bool = False
    records: int = 0
    first_years: list[tuple[int, int]] = field(default_factory=list)  # (year, records), sorted
    _spellings: dict[tuple[tuple[str, ...], str], list[tuple[str, float]]] = field(
        default_factory=dict, repr=False
    )
    _shown: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def unchecked(cls) -> Vocabulary:
        """A vocabulary with no index behind it: places are taken on trust."""
        return cls()

    def _counts(self, kind: str) -> dict[str, int]:
        held = self.kinds.get(kind)
        return (
            {e.value: e.records for entries in held.forms.values() for e in entries} if held else {}
        )

    @cached_property
    def places(self) -> dict[str, int]:
        """Records per place of printing."""
        return self._counts("place")

    @cached_property
    def languages(self) -> dict[str, int]:
        """Records per language code."""
        return self._counts("language")

    @cached_property
    def countries(self) -> dict[str, int]:
        """Records per country code."""
        return self._counts("country")

    def display(self, kind: str, value: str) -> str | None:
        """How the catalogue shows a value of ``kind``: "froschauer christoph" -> "Froschauer,
        Christoph, approximately 1490-1564"."""
        if kind not in self._shown:
            held = self.kinds.get(kind)
            entries = [e for forms in held.forms.values() for e in forms] if held else []
            self._shown[kind] = {
                e.value: e.display for e in sorted(entries, key=lambda e: e.records)
            }
        return self._shown[kind].get(value)

    def exact(self, kind: str, words: list[str]) -> list[Entry]:
        """The values with exactly this form."""
        held = self.kinds.get(kind)
        return list(held.forms.get(" ".join(words), ())) if held else []

    def containing(self, kind: str, words: list[str], *, prefix: bool = False) -> list[Entry]:
        """Values with a form holding every word (with ``prefix``, also as a word's start)."""
        held = self.kinds.get(kind)
        if not held or not words:
            return []
        found: set[str] | None = None
        for word in dict.fromkeys(words):
            forms = set(held.postings.get(word, ()))
            if prefix and len(word) >= 2:
                forms |= held.starting(word)
            found = forms if found is None else found & forms
            if not found:
                return []
        return [entry for form in sorted(found or ()) for entry in held.forms[form]]

    def corrections(self, kinds: tuple[str, ...], word: str) -> list[tuple[str, float]]:
        """The words of ``kinds``' forms spelt closest to ``word``, best first (remembered:
        a question tries the same word in several runs, and readers repeat their typos)."""
        if not MIN_CORRECTED_CHARS <= len(word) <= MAX_WORD_CHARS:
            return []
        key = (kinds, word)
        if key not in self._spellings:
            if len(self._spellings) >= MAX_REMEMBERED:
                self._spellings.clear()
            self._spellings[key] = self._closest(kinds, word)
        return self._spellings[key]

    def _closest(self, kinds: tuple[str, ...], word: str) -> list[tuple[str, float]]:
        scored: dict[str, float] = {}
        for kind in kinds:
            held = self.kinds.get(kind)
            if held is None:
                continue
            for candidate, score, _ in process.extract(
                word,
                held.words,
                scorer=DamerauLevenshtein.normalized_similarity,
                limit=MAX_CANDIDATES,
                score_cutoff=CUTOFF / 100,
            ):
                scored[candidate] = max(100 * score, scored.get(candidate, 0.0))
        return sorted(scored.items(), key=lambda pair: (-pair[1], pair[0]))[:MAX_CANDIDATES]

    @cached_property
    def _dated_up_to(self) -> list[int]:
        return list(accumulate(count for _, count in self.first_years))

    def dated(self, start: int | None, end: int | None) -> int:
        """Records whose first year lies between ``start`` and ``end`` (either open)."""
        years = [year for year, _ in self.first_years]
        low = bisect.bisect_left(years, start) if start is not None else 0
        high = bisect.bisect_right(years, end) if end is not None else len(years)
        if high <= low:
            return 0
        return self._dated_up_to[high - 1] - (self._dated_up_to[low - 1] if low else 0)

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
        close = [word for word, _ in self.corrections(("place",), fold(text))]
        places = [e.value for w in close for e in self.exact("place", [w])]
        if places:
            return list(dict.fromkeys(places))[:n]
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
    kinds: dict[str, _Kind] = defaultdict(_Kind)
    try:
        with read_only(path) as conn:
            rows = conn.execute("SELECT kind, form, value, display, records FROM vocabulary")
            for kind, form, value, display, records in rows:
                kinds[kind].add(Entry(kind, value, display, records, form))
            (records,) = conn.execute("SELECT count(*) FROM records").fetchone()
            first_years = conn.execute(
                "SELECT date_start, count(*) FROM records WHERE date_start IS NOT NULL"
                " GROUP BY date_start ORDER BY date_start"
            ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot read the index {path}: {exc}") from exc
    return Vocabulary(dict(kinds), checked=True, records=records, first_years=first_years)
