"""Hebrew questions read against the demo catalogue: prefixes, cue words, years, subjects."""

from __future__ import annotations

import pytest

from scripts.query.compile import compile_query
from tests.scripts.query.test_reading import read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("יש לכם ספרים שנדפסו בוונציה?", [("imprint_place", "venice")]),
        ("ספרים מאיסטנבול", [("imprint_place", "istanbul")]),
        ("דפוס קושטנדינא", [("imprint_place", "istanbul")]),
        ("מה יש לכם מאמשטרדם", [("imprint_place", "amsterdam")]),
        ("ספרים בלאדינו", [("language", "lad")]),
        ("ספרים בעברית שנדפסו באמסטרדם", [("language", "heb"), ("imprint_place", "amsterdam")]),
        ('ספרים של הרמב"ם', [("agent", "maimonides moses")]),
        ("ספרים של יוסף קארו", [("agent", "karo joseph ben ephraim")]),
        ("מה יש מדפוס בומברג", [("agent", "bomberg daniel")]),
        ("ספרי קבלה מהמאה ה-16", [("topic", "cabala*"), ("year", (1500, 1599))]),
        ("ספרים שנדפסו בין 1500 ל-1600", [("year", (1500, 1600))]),
        ("ספרים printed in Venice בעברית", [("imprint_place", "venice"), ("language", "heb")]),
        ("ספרים בעברית או בארמית", [("language", ["heb", "arc"])]),
        ("ספרים שנדפסו בוונציה או ברומא", [("imprint_place", ["venice", "rome"])]),
    ],
)
def test_hebrew_questions_read_as_the_catalogue_values(demo_index, text, expected):
    assert read(text, demo_index) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ('ספרים משנת תקנ"ז', (1796, 1797)),  # the year 5557 spans autumn 1796 to autumn 1797
        ("ספרים משנת תקנ״ז", (1796, 1797)),  # gershayim typed as such
        ('ספרים שנדפסו לפני ת"ק', (None, 1738)),
        ('ספרים שנדפסו אחרי ת"ק', (1741, None)),
    ],
)
def test_hebrew_calendar_years_read_as_the_gregorian_years_they_span(demo_index, text, years):
    (flt,) = compile_query(text, db_path=demo_index).filters
    assert (flt.start, flt.end) == years


def test_a_lexicon_phrase_is_not_read_as_a_year(demo_index):
    # 'ש"ס' is the Talmud, not the year 5360.
    assert [f.field.value for f in compile_query('ש"ס וילנא', db_path=demo_index).filters] == [
        "topic",
        "imprint_place",
    ]


@pytest.mark.parametrize("text", ["סִפְרֵי קַבָּלָה", "ספרי קבלה", "ספרי קבאלה"])
def test_points_and_spellings_do_not_change_the_reading(demo_index, text):
    assert read(text, demo_index) == [("topic", "cabala*")]
