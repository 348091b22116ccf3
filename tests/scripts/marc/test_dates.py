"""Dates from 260/264 $c text and 008/06-14, as (date_start, date_end)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.marc.dates import NO_DATE, best_dates, parse_008_dates, parse_date_text
from tests.scripts.marc.marc_files import f008


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1667?]", (1667, 1667)),
        ("1667.", (1667, 1667)),
        ("MDCLXVII", (1667, 1667)),
        ("MDCLXVII.", (1667, 1667)),
        ("M.D.XLIII", (1543, 1543)),
        ("M. D. XLIII.", (1543, 1543)),
        ("M DC LXVII", (1667, 1667)),
        ("Anno Domini M.DC.LXVII. Cum privilegio", (1667, 1667)),
        ("MDCLXVIJ", (1667, 1667)),
        ("16--", (1600, 1699)),
        ("[16--?]", (1600, 1699)),
        ("16uu", (1600, 1699)),
        ("165-?", (1650, 1659)),
        ("[165-?]", (1650, 1659)),
        ("1650-1655", (1650, 1655)),
        ("1520-1523", (1520, 1523)),
        ("1650-55", (1650, 1655)),
        ("1999-00", (1999, 2000)),
        ("1655-1650", (1650, 1655)),
        ("[between 1990 and 1995]", (1990, 1995)),
        ("c1990", (1990, 1990)),
        ("©1990", (1990, 1990)),
        ("p1990.", (1990, 1990)),
        ("[ca. 1477]", (1477, 1477)),
        ("[ca.1477]", (1477, 1477)),
        ("1667 [i.e. 1668]", (1668, 1668)),
        ("MCMXLI. [1941]", (1941, 1941)),
        ("[1978-", (1978, 9999)),
        ("-[1985]", (1985, 1985)),
        # forms found in the demo catalogue
        ("1141 [1729]", (1729, 1729)),  # hijri year, then the cataloguer's gregorian one
        ("5392 [1632]", (1632, 1632)),
        ("[1484 or 1485]", (1484, 1485)),
        ("1657 [i.e. 1653-1657]", (1653, 1657)),
        ("M.cccc.lxviii [i.e. 1478]", (1478, 1478)),
        ("MDCCLXV-MDCCLXIX.", (1765, 1769)),
        ("Anno M.D.XLIII.", (1543, 1543)),
        ("10 Jan. 1477.", (1477, 1477)),
        ("1984-[1986]", (1984, 1986)),
        # Hebrew years in letters (hebrew_dates): a Hebrew year spans two Gregorian ones
        ('רמ"ד.', (1483, 1484)),
        ('שנת ת"ח לפ"ק', (1647, 1648)),
        ('תק"ה [1744 or 1745]', (1744, 1745)),  # the cataloguer's Gregorian years first
        ("ה'תתקצ\"ט", NO_DATE),  # 5999: 2238-2239, no printing date
        ('לפ"ק', NO_DATE),
        ("garbage", NO_DATE),
        ("[n.d.]", NO_DATE),
        ("M. Smith", NO_DATE),
        ("25 cm", NO_DATE),
        ("", NO_DATE),
        (None, NO_DATE),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("date_type", "date1", "date2", "expected"),
    [
        ("s", "1667", "    ", (1667, 1667)),
        ("s", "16uu", "    ", (1600, 1699)),
        ("s", "165u", "    ", (1650, 1659)),
        ("m", "1650", "1655", (1650, 1655)),
        ("m", "1655", "1650", (1650, 1655)),
        ("q", "1650", "1699", (1650, 1699)),
        ("i", "1520", "1523", (1520, 1523)),
        ("c", "1978", "9999", (1978, 9999)),
        ("d", "1978", "uuuu", (1978, 1978)),
        ("r", "1990", "1667", (1990, 1990)),  # reprint: date 2 is the original's
        ("t", "1990", "1985", (1990, 1990)),  # copyright date is not a range end
        ("n", "uuuu", "uuuu", NO_DATE),
        ("|", "1667", "    ", NO_DATE),
        ("s", "uuuu", "    ", NO_DATE),
        ("s", "    ", "    ", NO_DATE),
        ("s", "0000", "    ", NO_DATE),
    ],
)
def test_parse_008_dates(date_type, date1, date2, expected):
    assert parse_008_dates(f008(date1, date_type, date2)) == expected


def test_parse_008_dates_of_a_short_008_is_no_date():
    assert parse_008_dates("850101s16") == NO_DATE


@pytest.mark.parametrize(
    ("control", "imprint_dates", "expected"),
    [
        (f008("1667"), ["1668"], (1667, 1667)),  # a valid 008 wins
        (f008("uuuu"), ["[n.d.]", "MDCLXVII"], (1667, 1667)),  # else the first $c that parses
        (f008("    ", "n"), [], NO_DATE),
        (None, ["c1990"], (1990, 1990)),
    ],
)
def test_best_dates_prefers_008_then_falls_back_to_imprint(control, imprint_dates, expected):
    assert best_dates(control, imprint_dates) == expected


@given(st.text())
def test_parse_date_text_never_raises_and_keeps_start_before_end(text):
    start, end = parse_date_text(text)
    assert (start is None) == (end is None)
    if start is not None:
        assert start <= end


@given(st.text(alphabet="0123456789u |-?[]smqcdnrt", min_size=0, max_size=40))
def test_parse_008_dates_never_raises_and_keeps_start_before_end(control):
    start, end = parse_008_dates(control)
    assert (start is None) == (end is None)
    if start is not None:
        assert start <= end


@given(st.integers(1001, 2099))  # a lone "M" is more often an initial than 1000
def test_every_arabic_and_roman_year_reads_back(year):
    assert parse_date_text(str(year)) == (year, year)
    assert parse_date_text(_roman(year)) == (year, year)
    assert parse_date_text(".".join(_roman(year))) == (year, year)


def _roman(number: int) -> str:
    numerals = zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
    out = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        out += letters * count
    return out
