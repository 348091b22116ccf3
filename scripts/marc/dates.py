"""Publication dates from MARC: 008/06-14 and the free text of 260/264 $c, as year ranges.

Every parser returns ``(date_start, date_end)`` with ``start <= end``, or ``(None, None)`` when
nothing usable is there; none of them raises on any text. Imprecise dates become ranges:
"16--" / "16uu" -> 1600-1699, "165-?" -> 1650-1659. A continuing resource ("1978-", or 008
date 2 "9999") ends in 9999, as MARC itself writes it, so overlap queries still find it.
Roman numerals (MDCLXVII, M.D.XLIII) are read when no arabic year is present, and then Hebrew
years in letters ("רמ"ד", "שנת ת"ח לפ"ק": see ``hebrew_dates``) as the Gregorian years they span.
"""

from __future__ import annotations

import re

from scripts.marc.hebrew_dates import imprint_years

Years = tuple[int | None, int | None]

NO_DATE: Years = (None, None)
CONTINUING = 9999
_EARLIEST, _LATEST = 1000, 2099

# 008/06 date types whose date 2 ends a range; for the others date 2 is not a second year of
# publication (r: original of a reprint, e: month and day, t: copyright, p: production).
_RANGE_TYPES = frozenset("cdikmqu")
_SINGLE_TYPES = frozenset("eprst")

_BETWEEN = re.compile(r"(\d{4})\D{1,12}?(?:and|or)\s+(\d{4})")  # "between 1484 and 1485"
_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–/]\s*[^\d\s]{0,3}\s*(\d{4}|\d{2})(?!\d)")
_OPEN = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(?:$|[\]?.,;\s<])")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DECADE = re.compile(r"(?<!\d)(\d{3})[-u?_x](?!\d)")
_CENTURY = re.compile(r"(?<!\d)(\d{2})(?:--|uu|\?\?|__|xx)(?!\d)")
_CORRECTION = re.compile(r"\bi\.?\s?e\.?\s*(.+)")  # "1667 [i.e. 1668]"
_CONVERSION = re.compile(r"(?<!\d)\d{4}\.?\s*\[([^\]]+)\]")  # "1141 [1729]": hijri, gregorian
_ROMAN_TOKEN = re.compile(r"[mdclxvij]+")
_ROMAN_YEAR = re.compile(r"m{1,3}(?:cm|cd|d?c{0,4})(?:xc|xl|l?x{0,4})(?:ix|iv|v?i{0,4})")
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def parse_008_dates(f008: str) -> Years:
    """Years from 008/06 (date type), 07-10 (date 1) and 11-14 (date 2); NO_DATE if unusable."""
    if len(f008) < 15:
        return NO_DATE
    date_type, date1, date2 = f008[6], f008[7:11], f008[11:15]
    if date_type not in _RANGE_TYPES and date_type not in _SINGLE_TYPES:
        return NO_DATE
    first = _coded_year(date1)
    if first is None:
        return NO_DATE
    if date_type in _SINGLE_TYPES:
        return first
    if date2 == "9999":
        return first[0], CONTINUING
    second = _coded_year(date2)
    return _ordered(first[0], second[1] if second else first[1])


def parse_date_text(text: str | None) -> Years:
    """Years from free text such as 260 $c: "[1667?]", "M.D.XLIII", "165-?", "c1990", "רמ"ד"."""
    if not text:
        return NO_DATE
    folded = text.casefold()
    for preferred in (_CORRECTION.search(folded), _CONVERSION.search(folded)):
        if preferred:
            years = parse_date_text(preferred.group(1))
            if years != NO_DATE:
                return years
    return _arabic(folded) or _roman(folded) or _hebrew(text) or NO_DATE


def best_dates(f008: str | None, imprint_dates: list[str]) -> Years:
    """008 when it holds a usable date, else the first imprint date that parses (the
    caller lists the romanised imprints' before their 880s')."""
    coded = parse_008_dates(f008) if f008 else NO_DATE
    if coded != NO_DATE:
        return coded
    for text in imprint_dates:
        years = parse_date_text(text)
        if years != NO_DATE:
            return years
    return NO_DATE


def _coded_year(value: str) -> tuple[int, int] | None:
    """A 008 year with 'u' for unknown digits ("16uu" -> 1600-1699), or None."""
    if len(value) != 4 or not value[0].isdigit():
        return None
    known = value.rstrip("u")
    if not known.isdigit():
        return None
    missing = 4 - len(known)
    start = int(known) * 10**missing
    return (start, start + 10**missing - 1) if _plausible(start) else None


def _arabic(text: str) -> Years | None:
    for pattern in (_BETWEEN, _RANGE):
        match = pattern.search(text)
        if match:
            start, end = int(match.group(1)), int(match.group(2))
            if end < 100:  # "1650-55", "1999-00"
                end += start // 100 * 100 + (100 if end < start % 100 else 0)
            if _plausible(start) and _plausible(end):
                return _ordered(start, end)
    match = _OPEN.search(text)
    if match and _plausible(int(match.group(1))):
        return int(match.group(1)), CONTINUING
    for pattern, width in ((_YEAR, 1), (_DECADE, 10), (_CENTURY, 100)):
        for match in pattern.finditer(text):
            start = int(match.group(1)) * width
            if _plausible(start):
                return start, start + width - 1
    return None


def _roman(text: str) -> Years | None:
    """A roman-numeral year ("M.D.XLIII"), or a range of two ("MDCCLXV-MDCCLXIX")."""
    years = _roman_years(text)
    if not years:
        return None
    return _ordered(*years[:2]) if len(years) > 1 and "-" in text else (years[0], years[0])


def _roman_years(text: str) -> list[int]:
    """Each longest run of roman-numeral words ("m. d. xliii") that reads as a plausible year."""
    tokens = [token.replace(".", "") for token in re.split(r"[\s,;:\[\]()\-–]+", text)]
    years = []
    index = 0
    while index < len(tokens):
        run = 1
        numeral = tokens[index].replace("j", "i")
        if numeral.startswith("m") and _ROMAN_TOKEN.fullmatch(numeral):
            while index + run < len(tokens):
                longer = numeral + tokens[index + run].replace("j", "i")
                if not _ROMAN_YEAR.fullmatch(longer):
                    break
                numeral, run = longer, run + 1
            if len(numeral) > 1 and _ROMAN_YEAR.fullmatch(numeral):
                year = _roman_value(numeral)
                if _plausible(year):
                    years.append(year)
        index += run
    return years


def _hebrew(text: str) -> Years | None:
    years = imprint_years(text)
    return years if years and _plausible(years[0]) and _plausible(years[1]) else None


def _roman_value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if value < _ROMAN_VALUES.get(following, 0) else value
    return total


def _plausible(year: int) -> bool:
    return _EARLIEST <= year <= _LATEST


def _ordered(start: int, end: int) -> Years:
    return (start, end) if start <= end else (end, start)
