"""Date phrases as year ranges: "before 1700", "in the 16th century", "1540s", "from 1650 to 1700".

A period is an inclusive (first, last) pair of years. "The 16th century" and "the 1500s" are
1500-1599 (the cataloguer's reading, not the pedant's 1501-1600); "early", "mid" and "late"
take the first, middle and last third of a century (00-33, 34-66, 67-99). "Before P" ends
the year before P begins, "after P" starts the year after P ends, "until P"/"since P"
include P. "c. 1550" (circa, ca, around) is five years either side. A decade may be said in
two digits or words ("the 90s", "the sixties": the 20th century's); "the 2000s" is the
decade, as the century it would otherwise name is not over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from scripts.query.lexicon import DECADE_WORDS

Period = tuple[int, int]
Bounds = tuple[int | None, int | None]

_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
ORDINALS = {word: n for n, word in enumerate(_ORDINAL_WORDS, start=1)}
ORDINALS.update({"twenty-first": 21, "twentyfirst": 21})
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_YEAR = re.compile(r"^(\d{3,4})$")
_PLURAL = re.compile(r"^(\d{2,3}0)'?s$")
_TWO_DIGIT_DECADE = re.compile(r"^'?(\d0)'?s$")
_SPAN = re.compile(r"^(\d{3,4})[-–](\d{2,4})$")
_CENTURY_WORDS = ("century", "c", "cent")
_THIRDS = {"early": 0, "mid": 1, "middle": 1, "late": 2}
_THIRD_BOUNDS = ((0, 33), (34, 66), (67, 99))  # years of a century in its early, mid, late third
_CIRCA = ("c", "ca", "circa", "around", "approximately")
CIRCA_YEARS = 5
CURRENT_CENTURY = 2000
_ERA = ("ad", "a.d", "ce")
EARLIEST, LATEST = 100, 2100

_OPEN_ENDED: list[tuple[tuple[str, ...], Callable[[Period], Bounds]]] = [
    (("earlier", "than"), lambda p: (None, p[0] - 1)),
    (("prior", "to"), lambda p: (None, p[0] - 1)),
    (("later", "than"), lambda p: (p[1] + 1, None)),
    (("up", "to"), lambda p: (None, p[1])),
    (("no", "later", "than"), lambda p: (None, p[1])),
    (("no", "earlier", "than"), lambda p: (p[0], None)),
    (("before",), lambda p: (None, p[0] - 1)),
    (("pre",), lambda p: (None, p[0] - 1)),
    (("after",), lambda p: (p[1] + 1, None)),
    (("post",), lambda p: (p[1] + 1, None)),
    (("since",), lambda p: (p[0], None)),
    (("until",), lambda p: (None, p[1])),
    (("till",), lambda p: (None, p[1])),
    (("through",), lambda p: (None, p[1])),
]
_SPAN_CUES = (("between",), ("from",))
_SPAN_JOINS = (("and",), ("to",), ("until",), ("till",), ("through",), ("-",), ("–",))
_IN_CUES = (("in",), ("during",), ("of",), ("dated",), ("from",))


def bounds_at(words: Sequence[str], i: int) -> tuple[Bounds, int] | None:
    """The year bounds stated by the date phrase starting at ``words[i]``, and its length."""
    for cue, make in _OPEN_ENDED:
        n = _starts(words, i, cue)
        if n:
            found = period_at(words, i + n)
            if found:
                return make(found[0]), n + found[1]
    for cue in _SPAN_CUES:
        n = _starts(words, i, cue)
        found = _span_at(words, i + n) if n else None
        if found:
            return found[0], n + found[1]
    circa = _circa_at(words, i)
    if circa:
        return circa
    for cue in _IN_CUES:
        n = _starts(words, i, cue)
        found = period_at(words, i + n) if n else None
        if found:
            return found[0], n + found[1]
    found = _span_at(words, i) or period_at(words, i, bare=True)
    return found if found else None


def _circa_at(words: Sequence[str], i: int) -> tuple[Bounds, int] | None:
    """ "c. 1550", "from ca 1500": a year, give or take ``CIRCA_YEARS``."""
    j = i + 1 if i < len(words) and words[i] in ("from", "in", "dated") else i
    if j + 1 < len(words) and words[j] in _CIRCA and _YEAR.match(words[j + 1]):
        year = int(words[j + 1])
        if _plausible(year):
            return (year - CIRCA_YEARS, year + CIRCA_YEARS), j - i + 2
    return None


def _span_at(words: Sequence[str], i: int) -> tuple[Period, int] | None:
    first = period_at(words, i)
    if not first:
        return None
    j = i + first[1]
    for join in _SPAN_JOINS:
        n = _starts(words, j, join)
        last = period_at(words, j + n) if n else None
        if last:
            start, end = first[0][0], last[0][1]
            return (min(start, end), max(start, end)), first[1] + n + last[1]
    return None


def period_at(words: Sequence[str], i: int, *, bare: bool = False) -> tuple[Period, int] | None:
    """A year, decade, century or span starting at ``words[i]``; ``bare`` wants four digits."""
    j = i + 1 if i < len(words) and words[i] == "the" else i
    if j >= len(words):
        return None
    third = _THIRDS.get(words[j])
    if third is not None:
        century = _century_at(words, j + 1)
        if century:
            (start, _), n = century
            low, high = _THIRD_BOUNDS[third]
            return (start + low, start + high), j - i + 1 + n
        return None
    found = _century_at(words, j) or _plain_at(words[j], bare=bare and j == i)
    if not found:
        return None
    period, n = found
    if j + n < len(words) and words[j + n] in _ERA:
        n += 1
    return period, j - i + n


def _century_at(words: Sequence[str], i: int) -> tuple[Period, int] | None:
    if i >= len(words):
        return None
    word, n = words[i], 1
    head, _, tail = word.partition("-")
    if tail in _CENTURY_WORDS:
        word = head
    elif i + 1 < len(words) and words[i + 1] in _CENTURY_WORDS:
        n = 2
    else:
        return None
    match = _ORDINAL.match(word)
    number = int(match.group(1)) if match else ORDINALS.get(word)
    if not number or not 1 <= number <= 21:
        return None
    start = (number - 1) * 100
    return (start, start + 99), n


def _plain_at(word: str, *, bare: bool) -> tuple[Period, int] | None:
    if match := _SPAN.match(word):
        start, end = int(match.group(1)), match.group(2)
        last = (
            int(end) if len(end) >= len(match.group(1)) else int(match.group(1)[: -len(end)] + end)
        )
        if _plausible(start) and _plausible(last) and start <= last:
            return (start, last), 1
        return None
    if match := _PLURAL.match(word):
        start = int(match.group(1))
        width = 100 if start % 100 == 0 and start < CURRENT_CENTURY else 10
        return ((start, start + width - 1), 1) if _plausible(start) else None
    if (match := _TWO_DIGIT_DECADE.match(word)) or word in DECADE_WORDS:
        decade = int(match.group(1)) if match else DECADE_WORDS[word]
        start = 1900 + decade
        return (start, start + 9), 1
    if match := _YEAR.match(word):
        year = int(match.group(1))
        if bare and len(match.group(1)) != 4:
            return None
        return ((year, year), 1) if _plausible(year) else None
    return None


def _plausible(year: int) -> bool:
    return EARLIEST <= year <= LATEST


def _starts(words: Sequence[str], i: int, phrase: tuple[str, ...]) -> int:
    """len(phrase) when ``words[i:]`` begins with it, else 0."""
    return len(phrase) if tuple(words[i : i + len(phrase)]) == phrase else 0
