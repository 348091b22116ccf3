"""A question as tokens: words folded the way the index folds its values, phrases kept whole.

``tokenize`` splits a question into words, quoted phrases and separators (commas,
semicolons). Each word is folded as ``normalize.fold`` folds catalogue values (lower case, no
accents or apostrophes, punctuation as spaces), so one typed word may become several tokens:
"pre-1600" is "pre" "1600", "Te Whanganui-a-Tara" is "te" "whanganui" "a" "tara", "16th-c."
is "16th" "c". A year span ("1600-1650") stays one token, "&" reads as "and", and a Hebrew
acronym keeps its gershayim ('רמב"ם' is one word, folded "רמבמ"). Each token
keeps what was typed (on the first token of a word), so values are shown and searched as the
reader wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.marc.normalize import fold

_TOKEN = re.compile(r'"([^"]*)"|“([^”]*)”|(?<!\w)\'([^\']+)\'(?!\w)|([,;])|([^\s,;?!()\[\]{}"“”]+)')
_YEAR_SPAN = re.compile(r"^\d{3,4}[-–]\d{2,4}$")
# A quote or apostrophe inside or after Hebrew letters is a gershayim or geresh ('רמב"ם',
# "ג'וסטיניאני", 'ת"ק'), not the start of a quoted phrase.
_GERSHAYIM = re.compile(r'(?<=[\u05d0-\u05ea])["”“]+(?=[\u05d0-\u05ea])')
_GERESH = re.compile(r"(?<=[\u05d0-\u05ea])['’‘`](?=[\u05d0-\u05ea]|\s|$)")
_PIECES = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Token:
    """A word or quoted phrase as typed, and its folded form for matching."""

    text: str
    low: str
    quoted: bool = False
    sep: bool = False


def tokenize(text: str) -> list[Token]:
    """Words, quoted phrases and separators of a question, in order."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(_GERSHAYIM.sub("\u05f4", _GERESH.sub("\u05f3", text))):
        quoted = next((g for g in match.groups()[:3] if g is not None), None)
        if quoted is not None:
            if quoted.strip():
                tokens.append(Token(quoted.strip(), fold(quoted), quoted=True))
        elif match.group(4):
            tokens.append(Token(match.group(4), match.group(4), sep=True))
        else:
            tokens.extend(_words(match.group(5)))
    return tokens


def _words(word: str) -> list[Token]:
    if _YEAR_SPAN.match(word):
        return [Token(word, word.replace("–", "-"))]
    word = word.replace("&", " and ")
    parts = fold(word).split()
    pieces = [piece for piece in _PIECES.split(word) if piece]
    if len(pieces) != len(parts):  # "O'Brien" folds to one word: keep what was typed whole
        pieces = [word.strip(), *parts[1:]]
    return [Token(piece, part) for piece, part in zip(pieces, parts, strict=False)]


def text_of(tokens: list[Token]) -> str:
    """The words as the reader typed them."""
    return " ".join(t.text for t in tokens if t.text).strip(" .:;,?!")
