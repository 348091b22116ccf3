"""What a reader's message asks the conversation to do, before any query is compiled.

Paging ("more", "next"), pointing at a result ("the second one", "#3", "that book"), dropping a
condition ("any language"), taking in books dated only roughly ("include those dated only
roughly"), listing the books a count or ranking counted ("show them"), reversing an order
("reverse it"), starting over ("new search") and asking nothing (blank text) are
recognised by their whole wording.
Everything else is a search; whether it refines the carried plan or replaces it is decided
by ``is_refinement``: refinements open with a word that points back ("only", "but", "what
about", "not") or state a bare condition ("before 1700", "in Latin") with no head noun of
their own ("books", "works").

A command is short, so the patterns here read at most ``MAX_COMMAND_CHARS`` of a message
(longer text is a search, or a reset followed by one): however a message is written, matching
it costs a bounded number of steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from scripts.query.fields import SPOKEN_NAMES, fields_named
from scripts.schemas import FilterField

MAX_COMMAND_CHARS = 200


class Kind(StrEnum):
    EMPTY = "empty"
    RESET = "reset"
    NEXT_PAGE = "next_page"
    PREVIOUS_PAGE = "previous_page"
    REFERENCE = "reference"
    RELAX = "relax"
    INCLUDE_ROUGH = "include_rough"
    SHOW = "show"
    REVERSE = "reverse"
    SEARCH = "search"


@dataclass(frozen=True)
class Intent:
    kind: Kind
    text: str = ""
    position: int | None = None  # REFERENCE: 1-based; -1 the last; None the book in focus
    absolute: bool = (
        False  # REFERENCE: "#13" names a result number, "the second one" a place on the page
    )
    fields: frozenset[FilterField] = frozenset()  # RELAX: the conditions to drop
    word: str = ""  # RELAX: the reader's word for them


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "last": -1,
}  # fmt: skip
_ORDINAL = r"(?P<ordinal>" + "|".join(ORDINALS) + r"|\d{1,4}(?:st|nd|rd|th)?)"
_END = r"(?: please)?\s*[.!?]*\s*$"
_NEXT = re.compile(
    r"^(?:(?:show|give|see|get)(?: me)? )?(?:some |the )?(?:more|next|next page|next one?s|more results"
    r"|more please|continue|keep going|go on)(?: please)?" + _END
)
_PREVIOUS = re.compile(
    r"^(?:(?:show|go|get)(?: me)? )?(?:previous|prev|back|previous page|go back)(?: page)?" + _END
)
_RESET = re.compile(
    r"^(?:start\s+over|start\s+again|new\s+search|new\s+query|reset|clear"
    r"|forget\s+(?:it|that|this))\b[\s:,.;!-]*",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"^(?:(?:please )?(?:tell|show|give) me )?(?:more )?(?:(?:about|on|of|details (?:of|on|about)) )?"
    r"(?:the |(?P<absolute>result |item |record |book |number |no\.? ?|#))?" + _ORDINAL +
    r"(?: (?:one|book|result|item|record|title|entry|value|place|printer|language))?"
    r"(?:(?:'s| s|s)? books)?" + _END
)  # fmt: skip
_HASH = re.compile(r"(?:^|\s)(?:#|number |no\. ?)(?P<n>\d{1,4})\b")
_FOCUS = re.compile(
    r"^(?:(?:please )?(?:tell|show|give) me )?(?:more )?(?:(?:about|on|of|details (?:of|on|about)) )?"
    r"(?:that|this|it)(?: (?:one|book|record|item|title|edition))?" + _END
)
_RELAX = re.compile(
    r"^(?:any |(?:drop|remove|ignore|forget|without) (?:the |a |any )?)(?P<word>"
    + "|".join(re.escape(word) for word in SPOKEN_NAMES)
    + r")s?"
    r"(?: (?:filter|condition|limit|restriction))?" + _END
)
ROUGH_PHRASE = "include those dated only roughly"
_ROUGH = re.compile(
    r"^(?:(?:and|also|please) )?(?:(?:include|add|show(?: me)?|with|plus) )?"
    r"(?:(?:the|those|these|books|ones|also) )*"
    r"(?:dated (?:only )?(?:roughly|approximately|vaguely)|(?:roughly|approximately|vaguely) dated"
    r"|dated only to (?:the|a) (?:century|decade|span))"
    r"(?: (?:ones|books))?(?: (?:too|as well))?" + _END
)
_SHOW = re.compile(
    r"^(?:(?:ok|okay|so|and|now|then)\s*,?\s)?(?:(?:please )?(?:show|list|give|let me see)(?: me)?"
    r" (?:them|those|these|the books|those books|these books|the titles|the records|all of them)"
    r"|what are they|which are they|which ones|what are those|which books are they)" + _END
)
_REVERSE = re.compile(
    r"^(?:(?:now |please |and )?(?:reverse|flip|invert)(?: (?:it|that|them|the order|the list|"
    r"the sort|the sorting))?|the other way(?: round| around)?|(?:in )?reverse order)" + _END
)
_POINTS_BACK = re.compile(
    r"^(?:only|just|but|and|also|what about|how about|and what about|not|excluding|except|without"
    r"|those|these|them|the ones|narrow|limit|restrict|filter|same|now|then|instead|of those|of these)\b"
)
_WHAT_ABOUT = re.compile(r"^(?:and )?(?:what|how) about (?P<name>.+)$")
_HEAD_NOUN = re.compile(
    r"\b(?:books?|works?|editions?|titles?|publications?|volumes?|items?|records?|imprints?|texts?"
    r"|bibles?|anything|everything|incunabula)\b"
)


def _normal(text: str) -> str:
    """The first ``MAX_COMMAND_CHARS`` of ``text``, lower case, whitespace collapsed."""
    return " ".join(text[:MAX_COMMAND_CHARS].lower().split())


def classify(text: str) -> Intent:
    """The intent of ``text``, judged from its wording alone."""
    text = text.strip()
    words = _normal(text)
    if not any(ch.isalnum() for ch in words):
        return Intent(Kind.EMPTY) if len(text) <= MAX_COMMAND_CHARS else Intent(Kind.SEARCH, text)
    if reset := _RESET.match(text[:MAX_COMMAND_CHARS]):
        return Intent(Kind.RESET, text=text[reset.end() :].strip())
    if len(text) > MAX_COMMAND_CHARS:
        return Intent(Kind.SEARCH, text=text)
    if _NEXT.match(words):
        return Intent(Kind.NEXT_PAGE)
    if _PREVIOUS.match(words):
        return Intent(Kind.PREVIOUS_PAGE)
    if match := _REFERENCE.match(words):
        absolute = bool(match.group("absolute"))
        return Intent(Kind.REFERENCE, position=_position(match.group("ordinal")), absolute=absolute)
    if match := _HASH.search(words):
        return Intent(Kind.REFERENCE, position=int(match.group("n")), absolute=True)
    if _FOCUS.match(words):
        return Intent(Kind.REFERENCE)
    if _ROUGH.match(words):
        return Intent(Kind.INCLUDE_ROUGH)
    if _SHOW.match(words):
        return Intent(Kind.SHOW)
    if _REVERSE.match(words):
        return Intent(Kind.REVERSE)
    if relax := _RELAX.match(words):
        word = relax.group("word")
        return Intent(Kind.RELAX, fields=fields_named(word), word=word)
    return Intent(Kind.SEARCH, text=text)


def what_about(text: str) -> str | None:
    """The X of "what about X?" / "and how about X", or None."""
    words = " ".join(text[:MAX_COMMAND_CHARS].split()).rstrip("?.! ")
    if len(text) > MAX_COMMAND_CHARS or not (match := _WHAT_ABOUT.match(words.lower())):
        return None
    return words[match.start("name") :]


def _position(raw: str) -> int:
    if raw in ORDINALS:
        return ORDINALS[raw]
    return int(re.sub(r"\D", "", raw))


def is_refinement(text: str) -> bool:
    """True when ``text`` modifies the previous search rather than starting a new one."""
    if len(text.strip()) > MAX_COMMAND_CHARS:
        return False
    words = _normal(text)
    if _POINTS_BACK.match(words):
        return True
    return not _HEAD_NOUN.search(words) and len(words.split()) <= 6
