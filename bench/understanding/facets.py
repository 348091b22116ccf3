"""How the oracle ranks a facet's values, and how it reads a value as an answer shows it.

``ranking(books, facet)`` counts, for each value of the facet, the records that have it: a
record counts once under each of its values, records without one are left out, and the
values come most first (equal counts by key). Each facet is read from the MARC alone, from
the fields themselves (their 880s in another script would count a value twice):

- ``place``: the town of each 260/264 $a, by its modern name (``towns``).
- ``language``: each MARC code of 008/35-37 and 041 $a ("lat"), as ``Book.languages``.
- ``century`` / ``decade``: the one century or decade that holds the record's whole date
  range (the uncertain-date rule: a book dated "15--" is of the 16th century but of no
  decade, and one of 1598-1602 of no century); undated records have none. The key is the
  first year: "1500", "1540".
- ``printer``: each 1XX/7XX name with a printer or publisher role ($e/$4 printer, prt,
  publisher, pbl): the person or firm, its name with its dates ($d), so two printers of one
  name stay apart ("Elzevir, Louis, 1540 or 1541-1617" and "Elzevir, Louis, 1604-1670"),
  less a qualifier ("Elzevir (Firm)" is "elzevir").
- ``author``: the 1XX main entry, by name and dates as for printers.
- ``subject``: the leading element of each 600-651 heading ($a, with a body's $b and a
  work's title $t, as a name-title heading is about the work), without its subdivisions or
  dates: "New Zealand -- History" and "World War, 1939-1945" count as "new zealand" and
  "world war", "New Zealand. Minimum Wage Act 1983" as "new zealand minimum wage act".
- ``genre``: each 655 $a, and what the leader and a book's 008/33 and 008/22 say the record
  is (``kinds``: "Maps", "Serials", "Poetry", "Juvenile literature"); a term both give counts
  once.

Keys are folded (``oracle.fold``). ``key(facet, shown, keys)`` reads a value as an answer
names it into one of the ranking's ``keys``: a value that folds to a key is that key;
otherwise a place is read by ``towns.town``, a language by its MARC name ("Latin",
"Māori", "Greek, Ancient (to 1453)" or "Ancient Greek"), a century from "16th century",
"16th c.", "1500s" or "1500-1599", a decade from "1540s" or "1540-1549", a subject by its
leading element ("Astronomy -- Early works to 1800" is "astronomy"), a kind by any of its
names ("Cartographic material" is "maps"); a name matches a key with the same words in
any order ("Aldo Manuzio" is "Manuzio, Aldo") and the same years, else the one key of that
name when the value or the heading has no years.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

import pymarc

from bench.understanding.kinds import TABLES, kinds
from bench.understanding.languages import LANGUAGES
from bench.understanding.oracle import Book, fold
from bench.understanding.towns import town

PRINTER_ROLES = frozenset({"printer", "prt", "publisher", "pbl"})
# Words of a heading's dates, not of the name: "active 1470-1488", "1449 or 1450-1515".
DATE_WORDS = frozenset({"active", "approximately", "ca", "circa", "fl", "or", "century"})

_PARENTHESES = re.compile(r"\([^)]*\)")
_QUALIFIER = re.compile(r"\([^)\d]*\)")  # "(Firm)", not "(1604-1670)"
_CENTURY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? (?:century|cent|c)\b")
_YEAR = re.compile(r"^(\d{3,4})s?\b")
_SUBDIVISION = re.compile(r"\s*--.*$")


def _places(book: Book) -> set[str]:
    country = book.country
    places = (a for f in book.record.get_fields("260", "264") for a in f.get_subfields("a"))
    return {t for t in (town(p, country) for p in places) if t}


def _span(width: int) -> Callable[[Book], set[str]]:
    def values(book: Book) -> set[str]:
        if book.years is None:  # an open range (a serial still running) spans every period
            return set()
        first, last = book.years
        return {str(first // width * width)} if first // width == last // width else set()

    return values


def _printers(book: Book) -> set[str]:
    return {
        _name_key(f)
        for f in book.record.get_fields("100", "110", "111", "700", "710", "711")
        if PRINTER_ROLES & {fold(r) for r in f.get_subfields("e", "j", "4")}
    }


def _author(book: Book) -> set[str]:
    return {_name_key(f) for f in book.record.get_fields("100", "110", "111")}


def _subjects(book: Book) -> set[str]:
    tags = [str(tag) for tag in range(600, 652)]
    return {
        _leading(" ".join(f.get_subfields("a", "b", "t"))) for f in book.record.get_fields(*tags)
    }


def _genres(book: Book) -> set[str]:
    """655 $a terms, the form subdivisions of subject headings (6XX $v: MARC's "kind or genre
    of material"), and the kind of material the leader, 008/33 and 008/22 code."""
    terms = {fold(a) for f in book.record.get_fields("655") for a in f.get_subfields("a")}
    subjects = book.record.get_fields("600", "610", "611", "630", "650", "651")
    forms = {fold(v).rstrip(" .") for f in subjects for v in f.get_subfields("v")}
    coded = {fold(names[0]) for names in kinds(str(book.record.leader), book.f008)}
    return terms | {form for form in forms if form} | coded


def _name_key(field: pymarc.Field) -> str:
    """A person's or body's name ($a, $b: a body's units, a person's numeration) and dates
    ($d), folded, without a qualifier such as "(Firm)"."""
    name = " ".join(field.get_subfields("a", "b"))
    return fold(f"{_QUALIFIER.sub(' ', name)} {' '.join(field.get_subfields('d'))}")


def _leading(heading: str) -> str:
    """A heading's leading element without dates: "World War, 1939-1945 -- Maps" -> "world war"."""
    words = fold(_SUBDIVISION.sub("", heading)).split()
    return " ".join(w for w in words if not any(c.isdigit() for c in w))


VALUES: dict[str, Callable[[Book], set[str]]] = {
    "printer": _printers,
    "place": _places,
    "language": lambda book: set(book.languages),
    "century": _span(100),
    "decade": _span(10),
    "subject": _subjects,
    "author": _author,
    "genre": _genres,
}
FACETS = tuple(VALUES)


def values(book: Book, facet: str) -> set[str]:
    """The keys of ``facet`` that ``book`` counts under."""
    return VALUES[facet](book)


def ranking(books: Iterable[Book], facet: str) -> list[tuple[str, int]]:
    """Every value of ``facet`` among ``books`` with its count of records, most first."""
    counts = Counter(v for b in books for v in values(b, facet))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def key(facet: str, shown: str, keys: Iterable[str]) -> str:
    """The key among ``keys`` that the value ``shown`` names, else ``shown`` read alone."""
    keys = set(keys)
    folded = fold(shown)
    if folded in keys:
        return folded
    if facet in ("printer", "author"):
        return _name_match(shown, keys) or folded
    return READERS[facet](shown)


def _name_match(shown: str, keys: set[str]) -> str | None:
    words, years = _name_parts(shown)
    same = [k for k in keys if _name_parts(k)[0] == words]
    exact = [k for k in same if _name_parts(k)[1] == years]
    if exact:
        return exact[0]
    # Dates on one side only (a heading catalogued without them): the one name that fits.
    if len(same) == 1 and not (years and _name_parts(same[0])[1]):
        return same[0]
    return None


def _name_parts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's words in order of the alphabet, and the numbers of its dates."""
    words = fold(_QUALIFIER.sub(" ", text)).split()
    numbers = tuple(w for w in words if any(c.isdigit() for c in w))
    letters = sorted(w for w in words if w not in numbers and w not in DATE_WORDS)
    return tuple(letters), numbers


def _language(shown: str) -> str:
    plain = fold(_PARENTHESES.sub(" ", shown))
    return _LANGUAGE_NAMES.get(plain, plain)


def _century(shown: str) -> str:
    ordinal = _CENTURY.match(fold(shown).removeprefix("the "))
    return str((int(ordinal.group(1)) - 1) * 100) if ordinal else _first_year(shown)


def _first_year(shown: str) -> str:
    """A period by its first year: "1540s", "1540-1549" and "the 1500s" give 1540 and 1500."""
    folded = fold(shown).removeprefix("the ")
    year = _YEAR.match(folded)
    return year.group(1) if year else folded


_LANGUAGE_NAMES = {
    fold(_PARENTHESES.sub(" ", name)): code for code, names in LANGUAGES.items() for name in names
}
_KIND_NAMES = {
    fold(name): fold(names[0]) for table in TABLES for names in table.values() for name in names
}
READERS: dict[str, Callable[[str], str]] = {
    "place": lambda shown: town(shown) or fold(shown),
    "language": _language,
    "century": _century,
    "decade": _first_year,
    "subject": _leading,
    "genre": lambda shown: _KIND_NAMES.get(fold(shown), fold(shown)),
}
