"""Hebrew-calendar years in letters, from imprints and from readers, as Gregorian spans."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.marc.hebrew_dates import gregorian_span, imprint_years, question_years

MARCXML = {"m": "http://www.loc.gov/MARC21/slim"}


@pytest.mark.parametrize(
    ("anno_mundi", "span"),
    [(5244, (1483, 1484)), (5505, (1744, 1745)), (5408, (1647, 1648)), (5784, (2023, 2024))],
)
def test_a_hebrew_year_spans_two_gregorian_years(anno_mundi, span):
    assert gregorian_span(anno_mundi) == span


# Worked by hand: the letters' values, plus 5000 when the thousands are left out.
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('רמ"ד', (1483, 1484)),  # 200 + 40 + 4 = 244
        ('רמ"ד.', (1483, 1484)),
        ("רמ״ד", (1483, 1484)),  # gershayim
        ("רמ”ד", (1483, 1484)),  # a typographic quote
        ("רמ''ד", (1483, 1484)),  # two apostrophes
        ('שכ"ה', (1564, 1565)),  # 300 + 20 + 5
        ('תק"ה', (1744, 1745)),  # 400 + 100 + 5
        ("ה'תק\"ה", (1744, 1745)),  # with its thousands
        ("ה׳תק״ה", (1744, 1745)),
        ("ה' תק\"ה", (1744, 1745)),
        ('שנת ת"ח לפ"ק', (1647, 1648)),  # "the year 408 by the minor reckoning"
        ("שנת ת״ח לפ״ק", (1647, 1648)),
        ('[תק"ה]', (1744, 1745)),
        ("שנת ת' לפ\"ק", (1639, 1640)),  # a round hundred, one letter and a geresh
        ('תקט"ו', (1754, 1755)),  # 15 is written 9 + 6
        ('תש"ך', (1959, 1960)),  # a final letter counts as its ordinary form
        ('תתק"ה', (2144, 2145)),  # 900: 400 + 400 + 100
        ('כ"ה אלול ת"ח', (1647, 1648)),  # the 25th of Elul, 408: the day is not the year
        ('כ"ה לחדש אלול שנת ת"ח', (1647, 1648)),
        ('תקמ"ה-תקמ"ו', (1784, 1786)),  # a work printed over two years
        ('רפ"ו־רפ"ח', (1525, 1528)),  # joined by a maqaf
        ("רַמ״ד", (1483, 1484)),  # a point left in
    ],
)
def test_imprint_years(text, span):
    assert imprint_years(text) == span


@pytest.mark.parametrize(
    "text",
    [
        'לפ"ק',  # letters out of order: the reckoning, not a year
        "ר' יוסף",  # "Rabbi Joseph": one letter is a year only after "שנת"
        'שנת ישמח משה לפ"ק',  # a chronogram: its marked letters are not in the text
        "שמחה",  # a word, not a number
        "תקה",  # no mark
        'תתר"ב',  # 1002: 1000 or more has its thousands
        'י"ה',  # 15 is never written 10 + 5
        'תשד"מ',  # letters out of order
        "ה'",  # thousands and nothing else
        "Anno 1565",
        "",
        None,
    ],
)
def test_what_is_not_a_year_in_an_imprint_is_none(text):
    assert imprint_years(text) is None


def _hebrew_imprints(catalogue) -> list[tuple[str, str, str]]:
    """(001, 008, 880 $c) of every 880 imprint date of the demo catalogue, read with
    ElementTree alone."""
    found = []
    for record in ET.parse(catalogue).getroot().findall("m:record", MARCXML):
        control = {c.get("tag"): c.text for c in record.findall("m:controlfield", MARCXML)}
        for field in record.findall("m:datafield[@tag='880']", MARCXML):
            link = field.findtext("m:subfield[@code='6']", "", MARCXML)
            date = field.findtext("m:subfield[@code='c']", None, MARCXML)
            if link[:3] in ("260", "264") and date:
                found.append((control["001"], control["008"], date))
    return found


def test_the_demo_catalogues_hebrew_imprint_years_hold_the_year_its_008_gives(demo_catalogue):
    # Soncino 1484 (רמ"ד) and 1488 (רמ"ח), Venice 1565 (שכ"ה), Constantinople 1493 (רנ"ד),
    # 1546 (ש"ו) and 1547 (ש"ז): each Hebrew year spans the Gregorian year catalogued in 008.
    imprints = _hebrew_imprints(demo_catalogue)
    assert {date.rstrip(".") for _, _, date in imprints} >= {
        'רמ"ד',
        'רמ"ח',
        'שכ"ה',
        'רנ"ד',
        'ש"ו',
        'ש"ז',
    }
    for record_id, f008, date in imprints:
        start, end = imprint_years(date)
        assert start <= int(f008[7:11]) <= end, (record_id, date)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('ת"ק', (1739, 1740)),
        ('ש"ס', (1599, 1600)),
        ('משנת ת"ק', (1739, 1740)),  # "from the year 500"
        ("ומשנת ת״ק", (1739, 1740)),
        ("ה'תק\"ה", (1744, 1745)),
        ('ש"ס לפ"ק', (1599, 1600)),
        ("בשנת תקה", (1744, 1745)),  # after "the year", the marks may be left out
        ("משנת תקה לפק", (1744, 1745)),
        ('מת"ק', (1739, 1740)),  # a prefix letter on the year itself
        ("ת'", (1639, 1640)),
    ],
)
def test_question_years(text, span):
    assert question_years(text) == span


@pytest.mark.parametrize(
    "text", ['לפני ש"ס', "תקה", 'before ת"ק', 'ת"ק 1740', "ספרים", "ה'", "ב'", "", None]
)
def test_a_question_that_is_not_one_hebrew_year_is_none(text):
    assert question_years(text) is None


@given(st.text(alphabet=st.sampled_from("אבגדהוזחטיכלמנסעפצקרשתךםןףץ\"'׳״ -־.[]שנת")))
def test_hebrew_years_never_raise_and_span_two_years(text):
    for read in (imprint_years, question_years):
        span = read(text)
        assert span is None or span[0] < span[1]
