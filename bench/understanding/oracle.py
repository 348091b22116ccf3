"""The benchmark's own reading of a catalogue: MARC records as ``Book`` views, with pymarc only.

Expected answers are computed here, independently of Colophon's pipeline, so nothing from
``scripts/`` or ``app/`` is imported (nor by ``facets``, ``towns`` and ``ordering``, which
group and order these records). Each bibliographic record (authority records, leader/06
'z', are skipped) becomes a ``Book`` holding the fields a librarian reads to answer a
question, and predicates over them (``b.place_any("venice", "venet*")``).

Words match whole words of a value after folding case and accents ("Zürich" is "zurich");
a term ending in ``*`` matches a word's beginning ("venet*" finds "Venetiis" and "Venetia").

A record's date range follows the catalogue's own rule, from 008/06-14: types s, e, p, r and
t give date1 only (for r and t, date1 dates this edition); m, q, i, k run from date1 to date2;
c, d, u are serial ranges; an end of 9999 or "uuuu" is open; 'u' digits widen ("16uu" is
1600-1699). A record whose date1 is blank or unknown takes the first year of its 260/264 $c
("[1595 i.e. 1597]" is 1597, "[16--]" is 1600-1699). ``within`` asks for the whole range to
lie in the period.

An 880 field counts as the field its $6 links it to, so titles, names, places and imprints
hold their Hebrew (or Greek) script beside the romanised forms. The Hebrew-calendar years
printed in an 880 imprint's $c ('רמ"ח', 'תקס"א-תקס"ו', "ה'תק\"ה") are read here by their
letters' values, the thousands taken as 5000 when left out; year Y of the era of creation
runs from autumn of Y - 3761 to autumn of Y - 3760. ``within_hebrew`` asks a period in those
years: of the printed Hebrew years when the record has them, else of its 008 range.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from pathlib import Path

import pymarc

OPEN = 9999  # the end year of a range still running (008 date2 "9999" or unknown)

# Leader/06-07 as the type of material a reader names ("maps", "music", "serials").
MATERIAL_TYPES = {
    "c": "printed music",
    "d": "manuscript music",
    "e": "maps",
    "f": "manuscript maps",
    "g": "films videos projected media",
    "i": "spoken sound recordings",
    "j": "music sound recordings",
    "k": "pictures images graphics",
    "m": "computer files electronic resources",
    "o": "kits",
    "p": "mixed materials",
    "r": "objects",
    "t": "manuscripts",
}
BIBLIOGRAPHIC_LEVELS = {"s": "serials periodicals", "i": "integrating resources"}
DATE_TYPES_RANGE = set("mqikcdu")
_YEAR_IE = re.compile(r"i\.\s?e\.?,?\s*\[?(\d{4})")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DECADE_OR_CENTURY = re.compile(r"(?<![\d-])(\d{2,3})(-{1,2}|\?{1,2})(?![\d-])")
_CORRECTION = re.compile(r"\[i\.\s?e\.,?\s*([^\]]+)\]")

# The Hebrew letters as numbers, final forms included; geresh and gershayim mark a number.
HEBREW_NUMERALS = dict(
    zip(
        "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
        (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 20, 30, 40, 40, 50, 50, 60, 70, 80, 80, 90, 90)
        + (100, 200, 300, 400),
        strict=True,
    )
)
HEBREW_ERA = 3761  # year 1 of the era of creation began in autumn 3761 BCE
_HEBREW_NUMBER = re.compile(r"[\u05d0-\u05ea'\"\u05f3\u05f4]+")
_NUMBER_MARKS = "'\"\u05f3\u05f4"
# Abbreviations written with gershayim that are no year: "(according to) the minor reckoning".
_NOT_YEARS = frozenset({"לפק", "לפג", "בפק"})


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@cache
def _pattern(term: str) -> re.Pattern[str]:
    prefix = term.endswith("*")
    words = fold(term.rstrip("*"))
    return re.compile(r"\b" + re.escape(words) + ("" if prefix else r"\b"))


def _any(values: Iterable[str], terms: tuple[str, ...]) -> bool:
    folded = [fold(v) for v in values]
    return any(_pattern(t).search(v) for t in terms for v in folded)


@dataclass(frozen=True)
class Name:
    """A 1XX/7XX heading (a body's with its subordinate unit) and its roles ($e or $j, $4)."""

    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Book:
    """One bibliographic record as the oracle reads it."""

    id: str
    f008: str
    titles: tuple[str, ...]
    names: tuple[Name, ...]
    places: tuple[str, ...]
    publishers: tuple[str, ...]
    years: tuple[int, int] | None
    hebrew_years: tuple[int, int] | None  # first and last year of the era of creation, as printed
    languages: frozenset[str]
    subjects: tuple[str, ...]
    genres: tuple[str, ...]
    notes: tuple[str, ...]
    # The record itself, for what is read from it whole: groupings (``facets``) and orders.
    record: pymarc.Record = dataclass_field(compare=False, repr=False)

    @property
    def country(self) -> str:
        """The 008/15-17 place of publication code, without padding."""
        return self.f008[15:18].strip(" |") if len(self.f008) >= 18 else ""

    def place_any(self, *terms: str) -> bool:
        """A place of printing matches; a false imprint counts where it was really printed."""
        return _any((_printed_at(p) for p in self.places), terms)

    def publisher_any(self, *terms: str) -> bool:
        return _any(self.publishers, terms)

    def name_any(self, *terms: str, roles: tuple[str, ...] = ()) -> bool:
        """A 1XX/7XX name matches; with ``roles``, only names carrying one of them."""
        return any(
            _any([n.name], terms) and (not roles or _any(n.roles, roles)) for n in self.names
        )

    def language_in(self, *codes: str) -> bool:
        return bool(self.languages & set(codes))

    def country_in(self, *codes: str) -> bool:
        return self.country in codes

    def subject_any(self, *terms: str) -> bool:
        return _any(self.subjects, terms)

    def genre_any(self, *terms: str) -> bool:
        return _any(self.genres, terms)

    def note_any(self, *terms: str) -> bool:
        return _any(self.notes, terms)

    def title_words(self, *words: str) -> bool:
        """One title holds every word."""
        return any(all(_any([t], (w,)) for w in words) for t in self.titles)

    def within(self, start: int | None = None, end: int | None = None) -> bool:
        """The whole date range lies in ``start``-``end`` (either bound open)."""
        if self.years is None:
            return False
        first, last = self.years
        return (start is None or first >= start) and (end is None or last <= end)

    def within_hebrew(self, start: int | None = None, end: int | None = None) -> bool:
        """Printed within Hebrew years ``start``-``end``: by its printed Hebrew years, else by
        the Gregorian years those Hebrew years span ("before 5500" is up to 1739)."""
        if self.hebrew_years is None:
            return self.within(
                None if start is None else gregorian_span(start)[0],
                None if end is None else gregorian_span(end)[1],
            )
        first, last = self.hebrew_years
        return (start is None or first >= start) and (end is None or last <= end)


def _printed_at(place: str) -> str:
    """Where a book was really printed: "Hamburgi [i.e. Amsterdam] :" is Amsterdam."""
    corrected = _CORRECTION.search(place)
    return corrected.group(1) if corrected else place


def read_books(path: Path) -> list[Book]:
    """Every bibliographic record of a binary MARC or MARCXML file, in file order."""
    return [book(r) for r in _records(Path(path)) if r is not None and str(r.leader)[6] != "z"]


def _records(path: Path) -> Iterator[pymarc.Record | None]:
    with path.open("rb") as handle:
        xml = handle.read(1) == b"<"
    if xml:
        yield from pymarc.parse_xml_to_array(str(path))
        return
    with path.open("rb") as handle:
        yield from pymarc.MARCReader(handle, to_unicode=True)


def book(record: pymarc.Record) -> Book:
    """The ``Book`` view of one record."""
    fields = _fields(record)
    leader = str(record.leader)
    control = {tag: record.get(tag) for tag in ("001", "008")}
    f008 = control["008"].data if control["008"] else ""
    imprints = fields("260", "264")
    return Book(
        id=control["001"].data.strip() if control["001"] else "",
        f008=f008,
        titles=tuple(_text(f) for f in fields("245", "246")),
        names=tuple(_name(f) for f in fields("100", "110", "111", "700", "710", "711")),
        places=tuple(v for f in imprints for v in f.get_subfields("a")),
        publishers=tuple(v for f in imprints for v in f.get_subfields("b")),
        years=date_range(f008, [v for f in imprints for v in f.get_subfields("c")]),
        hebrew_years=_hebrew_years(
            [v for f in imprints if f.tag == "880" for v in f.get_subfields("c")]
        ),
        languages=_languages(f008, fields("041")),
        subjects=tuple(_heading(f) for f in fields(*(str(t) for t in range(600, 652)))),
        genres=(
            *(v for f in fields("655") for v in f.get_subfields("a")),
            *_material(leader),
        ),
        notes=tuple(_text(f) for f in fields("500", "520")),
        record=record,
    )


def _fields(record: pymarc.Record) -> Callable[..., list[pymarc.Field]]:
    """``fields(*tags)``: the record's fields with those tags, then the 880s linked to them."""

    def fields(*tags: str) -> list[pymarc.Field]:
        linked = [
            f for f in record.get_fields("880") if any(s[:3] in tags for s in f.get_subfields("6"))
        ]
        return [*record.get_fields(*tags), *linked]

    return fields


def _name(field: pymarc.Field) -> Name:
    """A heading's name and roles; a body keeps its unit ("New Zealand. Ministry of Health.")."""
    tag = _tag(field)
    parts = field.get_subfields("a", "b") if tag.endswith("10") else field.get_subfields("a")
    # A meeting's $e is a subordinate unit, so its roles are in $j.
    roles = field.get_subfields("j" if tag.endswith("11") else "e", "4")
    return Name(" ".join(parts), tuple(roles))


def _tag(field: pymarc.Field) -> str:
    """The tag a field stands for: an 880's is in its $6 ("700-02")."""
    return field.get_subfields("6")[0][:3] if field.tag == "880" else field.tag


def _text(field: pymarc.Field) -> str:
    return " ".join(s.value for s in field.subfields if s.code.isalpha())


def _heading(field: pymarc.Field) -> str:
    """A subject heading whole, its subdivisions after " -- "."""
    parts: list[str] = []
    for s in field.subfields:
        if not s.code.isalpha():
            continue
        if s.code in "vxyz" and parts:
            parts.append("--")
        parts.append(s.value)
    return " ".join(parts)


def _languages(f008: str, fields041: list[pymarc.Field]) -> frozenset[str]:
    codes = {f008[35:38]} if len(f008) >= 38 else set()
    for field in fields041:
        for packed in field.get_subfields("a"):
            packed = packed.strip()
            codes.update(packed[i : i + 3] for i in range(0, len(packed) - 2, 3))
    return frozenset(c.lower() for c in codes if c.strip(" |") and len(c) == 3)


def _material(leader: str) -> tuple[str, ...]:
    terms = [MATERIAL_TYPES.get(leader[6], "")]
    if leader[6] == "a":
        terms.append(BIBLIOGRAPHIC_LEVELS.get(leader[7], "books"))
    return tuple(t for t in terms if t)


def date_range(f008: str, imprint_dates: list[str]) -> tuple[int, int] | None:
    """The record's (first, last) year by the catalogue's rule, or None when undated."""
    kind, date1, date2 = f008[6:7], f008[7:11], f008[11:15]
    first = _year(date1)
    if first is None:  # blank, "||||" or "uuuu": the imprint's own date, if it has one
        return next(filter(None, map(imprint_year, imprint_dates)), None)
    if kind not in DATE_TYPES_RANGE:
        return first
    if date2 == "9999" or date2 == "uuuu":
        return first[0], OPEN
    second = _year(date2)
    return (first[0], max(first[1], second[1])) if second else first


def _year(digits: str) -> tuple[int, int] | None:
    """A four-character 008 date as a range: "1543" -> 1543-1543, "16uu" -> 1600-1699."""
    if not re.fullmatch(r"\d[\du]{3}", digits):
        return None
    if "u" in digits.rstrip("u"):
        return None  # a 'u' before a digit ("1u50") says nothing a range can hold
    known = digits.rstrip("u")
    width = 10 ** (4 - len(known))
    low = int(known) * width
    return low, low + width - 1


def imprint_year(text: str) -> tuple[int, int] | None:
    """The year of a 260/264 $c: a correction "[i.e. 1597]" wins, then the first year, then "16--"."""
    corrected = _YEAR_IE.search(text)
    if corrected:
        year = int(corrected.group(1))
        return year, year
    found = _YEAR.search(text)
    if found:
        year = int(found.group(1))
        return year, year
    widened = _DECADE_OR_CENTURY.search(text)
    if widened:
        known = widened.group(1)
        width = 10 ** (4 - len(known))
        return int(known) * width, int(known) * width + width - 1
    return None


def _hebrew_years(dates: list[str]) -> tuple[int, int] | None:
    """The first and last Hebrew years printed in 880 imprint dates, or None."""
    years = [y for text in dates for y in hebrew_years(text)]
    return (min(years), max(years)) if years else None


def hebrew_years(text: str) -> list[int]:
    """The Hebrew-calendar years written in letters in ``text``: 'שנת תק"ה לפ"ק' is [5505]."""
    years = []
    for token in _HEBREW_NUMBER.findall(text):
        letters = token.strip(_NUMBER_MARKS)
        if not any(mark in token for mark in _NUMBER_MARKS) or _plain(letters) in _NOT_YEARS:
            continue  # a word, not a number: "שנת"
        thousands, _, rest = letters.rpartition("'") if letters[1:2] == "'" else ("", "", letters)
        value = sum(HEBREW_NUMERALS.get(c, 0) for c in _plain(rest))
        millennium = HEBREW_NUMERALS.get(thousands, 5) * 1000
        if value:
            years.append(millennium + value)
    return years


def gregorian_span(hebrew_year: int) -> tuple[int, int]:
    """The Gregorian years a Hebrew year touches: 5500 ran from autumn 1739 to autumn 1740."""
    return hebrew_year - HEBREW_ERA, hebrew_year - HEBREW_ERA + 1


def _plain(letters: str) -> str:
    return "".join(c for c in letters if c not in _NUMBER_MARKS)
