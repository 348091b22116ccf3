"""A Hebrew question read as the English grammar reads one.

Hebrew glues its prepositions and conjunctions to the next word ("בוונציה": in Venice,
"מאמסטרדם": from Amsterdam, "ובעברית": and in Hebrew), writes years in letters ('לפני ת"ק',
'משנת תקנ"ז') and centuries as "המאה ה-16". ``read`` rewrites the tokens so the grammar
meets what it knows: Hebrew words and phrases the lexicon translates (``HEBREW_WORDS``: cue
words, question words, subjects as the catalogue's headings name them) become their English
words; a word the index holds a value for (a place, a name in its Hebrew form) stays as it
is, its prefix letters split off as the English words they stand for; a Hebrew year becomes
the Gregorian years it spans. Values the index holds keep the Hebrew as typed; words the
lexicon translates are searched, and shown, as the English words they are.
"""

from __future__ import annotations

import re

from scripts.marc.hebrew_dates import question_years
from scripts.query import lexicon
from scripts.query.tokens import Token
from scripts.query.vocabulary import Vocabulary

HEBREW = re.compile(r"[\u05d0-\u05ea]")
_KINDS = ("place", "name", "publisher", "language", "country", "subject", "genre")
_NUMBER = re.compile(r"^\d{1,2}$")


def is_hebrew(text: str) -> bool:
    """Whether ``text`` has Hebrew letters: a Hebrew (or mixed) question."""
    return bool(HEBREW.search(text))


def read(tokens: list[Token], vocabulary: Vocabulary) -> list[Token]:
    """``tokens`` with Hebrew words as the English grammar reads them."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.quoted or token.sep or not HEBREW.search(token.low):
            out.append(token)
            i += 1
            continue
        if (
            (end := _century(tokens, i, out))
            or (end := _phrase(tokens, i, out))
            or (end := _year(tokens, i, out))
        ):
            i = end
            continue
        if token.low in lexicon.HEBREW_LONE_PREFIXES:
            meaning = lexicon.HEBREW_LONE_PREFIXES[token.low]
            out.extend([Token(token.text, meaning)] if meaning else [])
            i += 1
            continue
        out.extend(_word(token, vocabulary))
        i += 1
    return out


def _english(words: tuple[str, ...]) -> list[Token]:
    """English words standing for Hebrew ones: searched and shown as the English words."""
    return [Token(word, word) for word in words]


def _phrase(tokens: list[Token], i: int, out: list[Token]) -> int | None:
    """The longest phrase of the lexicon at ``i``, with or without prefix letters on its
    first word ("ובדפוס", "והגדות של פסח")."""
    for length in range(min(6, len(tokens) - i), 0, -1):
        words = [t.low for t in tokens[i : i + length]]
        for prefix, rest in _splits(words[0]):
            meaning = lexicon.HEBREW_WORDS.get((rest, *words[1:]))
            if meaning is not None:
                # The phrase says what its prefixes would ("מדפוס": from, "בשפה": in); "and"
                # still joins it to what came before.
                out.extend(_prefixes(prefix.replace("ב", "").replace("מ", "")))
                out.extend(_english(meaning))
                return i + length
    return None


def _word(token: Token, vocabulary: Vocabulary) -> list[Token]:
    """A word the index holds as it is; else, its prefix letters split off when the rest is
    a word the index holds; else the word as typed (the grammar may still respell it)."""
    for prefix, rest in _splits(token.low):
        if _known(rest, vocabulary):
            return [*_prefixes(prefix), Token(token.text, rest)]
    return [token]


def _splits(word: str) -> list[tuple[str, str]]:
    """The word whole, then without one, two or three prefix letters, longest rest first."""
    splits = [("", word)]
    for n in range(1, lexicon.MAX_PREFIX_LETTERS + 1):
        prefix, rest = word[:n], word[n:]
        if len(rest) < 2 or not all(letter in lexicon.HEBREW_PREFIXES for letter in prefix):
            break
        splits.append((prefix, rest))
    return splits


def _prefixes(prefix: str) -> list[Token]:
    """The English words prefix letters stand for ("וב": and in)."""
    return [Token("", lexicon.HEBREW_PREFIXES[p]) for p in prefix if lexicon.HEBREW_PREFIXES[p]]


def _known(word: str, vocabulary: Vocabulary) -> bool:
    return any(vocabulary.containing(kind, [word]) for kind in _KINDS)


def _century(tokens: list[Token], i: int, out: list[Token]) -> int | None:
    """ "במאה ה-16", "מהמאה ה16", "המאה ה-18": in the Nth century."""
    head = tokens[i].low
    if head not in lexicon.HEBREW_CENTURY:
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].low == "ה":
        j += 1
    if j < len(tokens) and tokens[j].low.startswith("ה") and _NUMBER.match(tokens[j].low[1:]):
        number = tokens[j].low[1:]  # "ה16"
    elif j < len(tokens) and _NUMBER.match(tokens[j].low):
        number = tokens[j].low
    else:
        return None
    out.extend(_english(("in", "the", f"{number}th", "century")))
    return j + 1


def _year(tokens: list[Token], i: int, out: list[Token]) -> int | None:
    """A Hebrew year ('ת"ק', 'משנת תקנ"ז', "בשנת תקה"), as the Gregorian years it spans:
    its first year after "before", its last after "after", else both."""
    j = i + 1 if tokens[i].low in lexicon.HEBREW_YEAR_HEADS else i
    if j >= len(tokens) or (j == i and not _marked(tokens[j].text)):
        return None
    typed = " ".join(t.text for t in tokens[i : j + 1])
    years = question_years(typed)
    if years is None:
        return None
    first, last = years
    before = out and out[-1].low in ("before", "up")
    after = out and out[-1].low == "after"
    if before:
        words = (str(first),)
    elif after:
        words = (str(last),)
    else:
        words = ("between", str(first), "and", str(last))
    out.extend(_english(words))
    return j + 1


def _marked(text: str) -> bool:
    """A gershayim or geresh marks letters as a number ('תקנ"ז', "ה'")."""
    return "\u05f4" in text or "\u05f3" in text
