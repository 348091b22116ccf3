"""Hebrew-calendar years, as imprints print them and readers type them, as Gregorian years.

A Hebrew book gives its year in letters (gematria): רמ"ד is 200 + 40 + 4 = 244 of the sixth
millennium, the thousands left out ("by the minor reckoning", לפ"ק), so anno mundi 5244. A
Hebrew year begins in the autumn, so it spans two Gregorian years: 5244 ran from the autumn
of 1483 to that of 1484, and ``gregorian_span(5244)`` is (1483, 1484) (before 1582 the
Christian years are Julian ones, as catalogues give them).

A year is read when it is written as years are:

- marked: gershayim before its last letter (רמ"ד) or, for a round hundred, a geresh after its
  single letter (ת'), each in any typed form (״ ", ׳ ' and ” “ ’ ‘ `);
- perhaps with its thousands, ה' (ה'תק"ה, ה' תק"ה): only the sixth millennium is read, the
  one every printed book falls in;
- perhaps after "שנת" (the year) and before לפ"ק: שנת ת"ח לפ"ק;
- its letters in the order of their values: hundreds (ת, תת, then ק ר or ש), tens, units, with
  ט"ו and ט"ז for 15 and 16; a final letter counts as its ordinary form (תש"ך is 720).

Anything else is None, never an exception: letters out of order (לפ"ק itself), 1000 or more, a
number that is a day of a month (כ"ה אלול), a word with no mark (a chronogram such as "שנת
ישמח משה" keeps its year in letters the transcription does not mark), a lone ה'. An imprint's
single letter with a geresh is a year only after "שנת" (ר' is "Rabbi" far more often than
5200); a question's year may also be typed without marks after "שנת".
"""

from __future__ import annotations

import re
import unicodedata

from scripts.marc.normalize import GERESH_FORMS, GERSHAYIM_FORMS, HEBREW_LETTERS

Span = tuple[int, int]

# Anno mundi 1 began in the autumn of 3761 BCE, so AM y began in the autumn of y - 3761.
_EPOCH = 3761
_MILLENNIUM = 5000  # the thousands a year without them is in (לפ"ק)
_THOUSANDS = "ה"
_VALUES = dict(zip("אבגדהוזחטיכלמנסעפצקרשת", (*range(1, 10), *range(10, 100, 10),
                                              *range(100, 500, 100)), strict=True))  # fmt: skip
_NUMBER = re.compile(r"ת{0,2}[קרש]?(?:ט[וז]|[יכלמנסעפצ]?[אבגדהוזחט]?)")
_DOUBLE = re.compile("''|[" + re.escape(GERSHAYIM_FORMS) + "]")
_SINGLE = re.compile("[" + re.escape(GERESH_FORMS) + "]")
_WORD = re.compile(r"[א-ת]+(?:[\"'][א-ת]+)*'?")
_RANGE = re.compile(r"^\s*[-–־]\s*$")
# Letters a year may carry before it: and, the, in, to, from, about. Not ש ("that"): never
# before a year, and שכ"ה is 325, not "that 25".
_PREFIXES = frozenset("והבלמכ")
_YEAR_WORD = "שנת"
_MINOR_RECKONING = "לפק"
_MONTHS = frozenset({"תשרי", "חשון", "חשוון", "מרחשון", "מרחשוון", "כסלו", "כסליו", "טבת",
                     "שבט", "אדר", "ואדר", "ניסן", "אייר", "איר", "סיון", "סיוון", "תמוז", "אב",
                     "מנחמ", "אלול", "חדש", "חודש"})  # fmt: skip


def gregorian_span(anno_mundi: int) -> Span:
    """The two Gregorian years a Hebrew year spans: 5505 -> (1744, 1745)."""
    return anno_mundi - _EPOCH, anno_mundi - _EPOCH + 1


def imprint_years(text: str | None) -> Span | None:
    """The Gregorian span of the first Hebrew year an imprint date gives ("שנת ת"ח לפ"ק" ->
    (1647, 1648)), or of two joined by a dash (a work printed over several years)."""
    if not text:
        return None
    normalised = _normalised(text)
    words = _tokens(normalised)
    found: list[tuple[int, int, int]] = []  # (year, where it starts, where it ends)
    for index, (word, start, end) in enumerate(words):
        after_year_word = index > 0 and _is_year_word(words[index - 1][0])
        year = _year(word, single=after_year_word, unmarked=False)
        following = words[index + 1][0] if index + 1 < len(words) else ""
        if year is None or (year - _MILLENNIUM <= 30 and _is_month(following)):
            continue  # not a year, or the day of a month: כ"ה אלול
        found.append((year, start, end))
    if not found:
        return None
    (first, _, first_end), *others = found
    if others and _RANGE.match(normalised[first_end : others[0][1]]):
        second = others[0][0]
        return gregorian_span(min(first, second))[0], gregorian_span(max(first, second))[1]
    return gregorian_span(first)


def question_years(text: str | None) -> Span | None:
    """The Gregorian span of the Hebrew year a reader's words give, for the query grammar.

    ``text`` is the year alone, as it follows a cue such as לפני or אחרי: 'ת"ק', 'ה'תק"ה',
    'משנת ת"ק', 'בשנת תקה', 'ש"ס לפ"ק' (the prefix letters of its first word allowed).
    (1739, 1740) for ת"ק: "before" it is before 1739, "after" it after 1740, "in" it either.
    None when the words are not one Hebrew year.
    """
    if not text:
        return None
    normalised = _normalised(text)
    if any(char.isalnum() for char in _WORD.sub("", normalised)):
        return None  # words of another script, or digits
    words = [word for word, _, _ in _tokens(normalised)]
    if words and _letters(words[-1]) == _MINOR_RECKONING:
        words.pop()
    after_year_word = bool(words) and _is_year_word(words[0])
    if after_year_word:
        words.pop(0)
    if len(words) != 1:
        return None
    year = _year(words[0], single=True, unmarked=after_year_word)
    return None if year is None else gregorian_span(year)


def _year(word: str, *, single: bool, unmarked: bool) -> int | None:
    """Anno mundi of one word (with its thousands, if any); None unless it is a year. Its
    prefix letters are read off only when with them it is no year (מת"ק)."""
    thousands = word.startswith(f"{_THOUSANDS}'") and len(word) > 2
    if thousands:
        word = word[2:]
    unmarked = unmarked or thousands
    value = _number(word, single=single, unmarked=unmarked)
    if value is None and word[0] in _PREFIXES:
        value = _number(word[1:], single=single, unmarked=unmarked)
    return None if value is None else _MILLENNIUM + value


def _number(word: str, *, single: bool, unmarked: bool) -> int | None:
    """A gematria number below 1000 written as years are; None for anything else."""
    marked = re.fullmatch(r'[א-ת]+"[א-ת]', word) or (single and re.fullmatch(r"[קרשת]'", word))
    if not marked and not (unmarked and re.fullmatch(r"[א-ת]+'?", word)):
        return None
    letters = _letters(word)
    if not _NUMBER.fullmatch(letters) or re.search("י[הו]$", letters):
        return None  # 15 and 16 are ט"ו and ט"ז, never the letters of the divine name
    total = sum(_VALUES[letter] for letter in letters)
    return total if 0 < total < 1000 else None


def _tokens(normalised: str) -> list[tuple[str, int, int]]:
    """The Hebrew words of ``normalised`` with where each starts and ends; thousands written
    apart (ה' תק"ה) joined to the number they lead."""
    tokens: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(normalised):
        word, start = match.group(), match.start()
        if tokens and tokens[-1][0] == f"{_THOUSANDS}'":
            thousands, start, _ = tokens.pop()
            word = thousands + word
        tokens.append((word, start, match.end()))
    return tokens


def _normalised(text: str) -> str:
    """Points and accents removed, final letters as ordinary ones, marks as " and '."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _SINGLE.sub("'", _DOUBLE.sub('"', bare.translate(HEBREW_LETTERS)))


def _letters(word: str) -> str:
    return word.replace('"', "").replace("'", "")


def _is_year_word(word: str) -> bool:
    """שנת, or שנת after prefix letters: בשנת, משנת, ומשנת."""
    letters = _letters(word)
    head = letters.removesuffix(_YEAR_WORD)
    return head != letters and len(head) <= 2 and set(head) <= _PREFIXES


def _is_month(word: str) -> bool:
    letters = _letters(word)
    return letters in _MONTHS or (letters[:1] in _PREFIXES and letters[1:] in _MONTHS)
