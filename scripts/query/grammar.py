"""A deterministic reading of English catalogue questions as a ``QueryPlan``; no network.

The query is split into tokens (a quoted phrase is one token) and read left to right. At each
position the rules are tried in order; the first that matches adds filters and moves on:

* dates: "before 1700", "after 1600", "between 1500 and 1600", "from 1650 to 1700",
  "in 1543", "in the 16th century", "sixteenth century", "the 1500s" -> YEAR RANGE;
* "what about X?" / "how about X?": X read as a date, language, country or place;
* "printed by X", "published by X" -> PUBLISHER CONTAINS X; "by X" -> AGENT CONTAINS X;
* "titled X" -> TITLE CONTAINS X; "about X" -> SUBJECT CONTAINS X;
* "in X" / "printed in X" / "from X": a language ("in Latin"), a country ("in New Zealand")
  or a place ("in Leiden"), resolved against the index's vocabulary;
* a bare language, country or place ("Hebrew books", "Venice imprints").

"not", "excluding", "except", "other than" negate the next filter. Values joined by "or",
"and" or commas ("in Latin or Greek") become one IN filter. Function words ("books", "show
me", "only those") are skipped. Whatever is left is never dropped: it is listed in
``unparsed`` and ``clarification`` asks a concrete question, so a plan is either understood
whole or says what it did not understand. A place the index does not hold is reported the
same way, with the closest places it does hold. Fragments ("only those in Latin", "what
about Cambridge?") compile to the one filter they state, for the conversation layer to merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from scripts.query.operators import describe, describe_years
from scripts.query.periods import Bounds, bounds_at, period_at
from scripts.query.vocabulary import Vocabulary
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, QueryPlan

MAX_QUERY_CHARS = 500
EXAMPLE = "Latin books printed in Venice before 1600"

_TOKEN = re.compile(r'"([^"]*)"|“([^”]*)”|(?<!\w)\'([^\']+)\'(?!\w)|([,;])|([^\s,;?!()\[\]{}"“”]+)')

NEGATIONS = [
    ("but", "not"), ("other", "than"), ("apart", "from"), ("except", "for"), ("not",),
    ("excluding",), ("exclude",), ("except",), ("without",), ("non",), ("no",), ("never",),
]  # fmt: skip
FILLER_PHRASES = [
    ("in", "the", "catalogue"), ("in", "the", "catalog"), ("in", "the", "collection"),
    ("in", "your", "collection"), ("in", "the", "library"), ("in", "the", "index"),
    ("do", "you", "have"), ("are", "there"), ("is", "there"), ("show", "me"),
    ("look", "for"), ("looking", "for"), ("search", "for"), ("i", "want"), ("give", "me"),
]  # fmt: skip
FILLERS = frozenset({
    "a", "an", "the", "any", "all", "some", "only", "just", "those", "these", "ones", "one",
    "that", "which", "who", "whose", "were", "was", "are", "is", "be", "been", "being", "have",
    "has", "had", "me", "show", "find", "list", "give", "get", "search", "i", "want", "need",
    "please", "can", "could", "would", "you", "there", "do", "does", "what", "books", "book",
    "works", "items", "titles", "records", "editions", "copies", "volumes", "texts",
    "publications", "imprints", "material", "materials", "printed", "published", "written",
    "issued", "language", "languages", "old", "rare", "and", "or", "also", "then", "instead",
    "now", "ok", "okay", "thanks", "thank", "with", "anything", "everything", "something",
    "catalogue", "catalog", "us",
})  # fmt: skip
PUBLISHER_CUES = [
    ("printed", "and", "published", "by"), ("printed", "by"), ("published", "by"),
    ("issued", "by"),
]  # fmt: skip
AGENT_CUES = [
    ("written", "by"), ("authored", "by"), ("edited", "by"), ("translated", "by"),
    ("illustrated", "by"), ("compiled", "by"), ("by",),
]  # fmt: skip
TITLE_CUES = [
    ("with", "the", "title"), ("with", "title"), ("whose", "title", "is"), ("titled",),
    ("entitled",), ("called",), ("named",), ("title",),
]  # fmt: skip
SUBJECT_CUES = [
    ("on", "the", "subject", "of"), ("on", "the", "topic", "of"), ("dealing", "with"),
    ("relating", "to"), ("with", "subject"), ("about",), ("concerning",), ("regarding",),
    ("on",), ("subject",), ("topic",),
]  # fmt: skip
WHAT_ABOUT = [("and", "what", "about"), ("what", "about"), ("how", "about")]
WHERE_CUES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("written", "in"), ("language",)),
    (("printed", "in"), ("language", "country", "place")),
    (("published", "in"), ("language", "country", "place")),
    (("issued", "in"), ("language", "country", "place")),
    (("printed", "at"), ("place",)),
    (("published", "at"), ("place",)),
    (("in",), ("language", "country", "place")),
    (("at",), ("place",)),
    (("from",), ("country", "place")),
]
_BOUNDARIES = sorted(
    {*PUBLISHER_CUES, *AGENT_CUES, *TITLE_CUES, *SUBJECT_CUES, *WHAT_ABOUT, *FILLER_PHRASES}
    | {cue for cue, _ in WHERE_CUES}
    | {*NEGATIONS[:4], ("not",), ("excluding",), ("except",)},
    key=len,
    reverse=True,
)
_KIND_FIELDS = {
    "language": FilterField.LANGUAGE,
    "country": FilterField.COUNTRY,
    "place": FilterField.IMPRINT_PLACE,
}
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Token:
    """A word or quoted phrase as typed, and its folded form for matching cues."""

    text: str
    low: str
    quoted: bool = False
    sep: bool = False


def _low(word: str) -> str:
    """A word as cues are matched: lower case, no diacritics, hyphens kept."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare.casefold().strip(".:'’")


def tokenize(text: str) -> list[Token]:
    """Words, quoted phrases and separators; "non-Latin" is "non" + "Latin"."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        quoted = next((g for g in match.groups()[:3] if g is not None), None)
        if quoted is not None:
            if quoted.strip():
                tokens.append(Token(quoted.strip(), _low(quoted), quoted=True))
        elif match.group(4):
            tokens.append(Token(match.group(4), match.group(4), sep=True))
        else:
            word = match.group(5)
            low = _low(word)
            if low.startswith("non-") and len(low) > 4:
                tokens += [Token("non", "non"), Token(word[4:], low[4:])]
            elif low:
                tokens.append(Token(word, low))
    return tokens


@dataclass
class _Reading:
    """The state of one left-to-right reading."""

    tokens: list[Token]
    vocabulary: Vocabulary
    words: list[str] = field(init=False)
    filters: list[Filter] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    negate: bool = False

    def __post_init__(self) -> None:
        self.words = [t.low if not t.quoted else "\0" for t in self.tokens]

    def add(self, flt: Filter) -> None:
        self.filters.append(flt.model_copy(update={"negate": self.negate}))
        self.negate = False

    def text(self, start: int, end: int) -> str:
        return " ".join(t.text for t in self.tokens[start:end]).strip(" .:;,")

    def starts(self, i: int, phrases: list[tuple[str, ...]]) -> int:
        for phrase in phrases:
            if tuple(self.words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0


def parse_query(query_text: str, vocabulary: Vocabulary) -> QueryPlan:
    """Read ``query_text`` as filters; anything not understood is reported, never dropped."""
    if not query_text.strip():
        return QueryPlan(query_text=query_text, clarification=_ask_what())
    if len(query_text) > MAX_QUERY_CHARS:
        return QueryPlan(
            query_text=query_text,
            unparsed=[query_text[:80] + "…"],
            clarification=(
                f"That request is {len(query_text):,} characters long; please ask in under "
                f"{MAX_QUERY_CHARS} characters, e.g. '{EXAMPLE}'."
            ),
        )
    reading = _Reading(tokenize(query_text), vocabulary)
    _read(reading)
    filters, clash = _merge_years(reading.filters)
    questions = reading.questions + ([clash] if clash else [])
    if reading.unparsed and not reading.questions:
        questions.append(_ask_about(reading.unparsed, filters))
    if not filters and not questions:
        questions.append(_ask_what())
    return QueryPlan(
        filters=filters,
        query_text=query_text,
        unparsed=reading.unparsed,
        clarification=" ".join(questions) or None,
    )


def _read(r: _Reading) -> None:
    i, leftover_from = 0, None
    while i < len(r.tokens):
        token = r.tokens[i]
        n = r.starts(i, FILLER_PHRASES) if not token.quoted else 0
        step = None if n or token.sep else _apply_rules(r, i)
        if step is None and not token.sep and not n:
            n = r.starts(i, NEGATIONS)
            if n:
                r.negate = True
            elif token.low in FILLERS and not token.quoted:
                n = 1
        if step is not None or n or token.sep:
            if leftover_from is not None:
                r.unparsed.append(r.text(leftover_from, i))
                leftover_from = None
            if token.sep:
                r.negate = False
            i = step if step is not None else i + max(n, 1)
            continue
        leftover_from = i if leftover_from is None else leftover_from
        i += 1
    if leftover_from is not None:
        r.unparsed.append(r.text(leftover_from, len(r.tokens)))


def _apply_rules(r: _Reading, i: int) -> int | None:
    for rule in _RULES:
        end = rule(r, i)
        if end is not None:
            return end
    return None


def _date_rule(r: _Reading, i: int) -> int | None:
    found = bounds_at(r.words, i)
    if not found:
        return None
    (start, end), n = found
    r.add(Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=start, end=end))
    return i + n


def _what_about_rule(r: _Reading, i: int) -> int | None:
    n = r.starts(i, WHAT_ABOUT)
    if not n:
        return None
    j = i + n
    if bounds_at(r.words, j):
        return _date_rule(r, j)
    end = _values(r, j, ("language", "country", "place"))
    if end is not None:
        return end
    stop = _name_end(r, j)
    if stop == j:
        return None
    name = r.text(j, stop)
    r.unparsed.append(name)
    r.questions.append(
        f"What should '{name}' be: a name (books by {name}), a subject (books about {name}) "
        f"or a title (books titled {name})?"
    )
    return stop


def _name_rule(field_: FilterField, cues: list[tuple[str, ...]]) -> Callable:
    def rule(r: _Reading, i: int) -> int | None:
        n = r.starts(i, cues)
        if not n:
            return None
        stop = _name_end(r, i + n)
        if stop == i + n:
            return None
        r.add(Filter(field=field_, op=FilterOp.CONTAINS, value=r.text(i + n, stop)))
        return stop

    return rule


def _where_rule(r: _Reading, i: int) -> int | None:
    for cue, kinds in WHERE_CUES:
        n = r.starts(i, [cue])
        if not n:
            continue
        end = _values(r, i + n, kinds)
        if end is not None:
            return end
        stop = _value_end(r, i + n)
        if stop == i + n:
            return None
        _unknown(r, r.text(i + n, stop), kinds)
        return stop
    return None


def _bare_rule(r: _Reading, i: int) -> int | None:
    if r.tokens[i].quoted:
        r.add(Filter(field=FilterField.TITLE, op=FilterOp.CONTAINS, value=r.tokens[i].text))
        return i + 1
    kinds = ("language", "country", "place") if r.vocabulary.checked else ("language", "country")
    return _values(r, i, kinds)


def _values(r: _Reading, i: int, kinds: tuple[str, ...]) -> int | None:
    """One value (or an "or"/"and" list of values of the same kind) starting at ``i``."""
    first = _resolve(r, i, kinds)
    if not first:
        return None
    kind, value, end = first
    values = [value]
    while end < len(r.tokens) and r.words[end] in ("or", "and", ","):
        following = _resolve(r, end + 1, (kind,))
        if not following:
            break
        values.append(following[1])
        end = following[2]
    values = list(dict.fromkeys(values))
    field_ = _KIND_FIELDS[kind]
    if len(values) == 1:
        r.add(Filter(field=field_, op=FilterOp.EQUALS, value=values[0]))
    else:
        r.add(Filter(field=field_, op=FilterOp.IN, value=values))
    if end < len(r.tokens) and r.words[end] in ("language", "languages") and kind == "language":
        end += 1
    return end


def _resolve(r: _Reading, i: int, kinds: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The longest run of words from ``i`` that names a value of one of ``kinds``."""
    if i < len(r.words) and r.words[i] == "the":
        i += 1
    limit = min(_value_end(r, i, stop_at_fillers=False), i + _MAX_NAME_WORDS)
    for kind in kinds:
        for end in range(limit, i, -1):
            if not r.vocabulary.checked and kind == "place" and end > _value_end(r, i):
                continue
            value = _lookup(r.vocabulary, kind, r.text(i, end))
            if value:
                return kind, value, end
    return None


def _lookup(vocabulary: Vocabulary, kind: str, text: str) -> str | None:
    if kind == "language":
        return vocabulary.language(text)
    if kind == "country":
        return vocabulary.country(text)
    if bounds_at([_low(w) for w in text.split()], 0):
        return None
    return vocabulary.place(text)


def _unknown(r: _Reading, text: str, kinds: tuple[str, ...]) -> None:
    r.unparsed.append(text)
    if kinds == ("language",):
        r.questions.append(f"I don't know a language called '{text}'. Which language did you mean?")
        return
    if "place" not in kinds or not r.vocabulary.checked:
        r.questions.append(
            f"I couldn't tell what '{text}' is. Is it a place, a language or a date?"
        )
        return
    suggestions = ", ".join(p.title() for p in r.vocabulary.suggest_places(text))
    r.questions.append(
        f"'{text}' is not a place of printing in this catalogue. "
        f"Did you mean one of these: {suggestions}?"
    )


def _name_end(r: _Reading, i: int) -> int:
    """Where a name or phrase starting at ``i`` stops: at a separator, negation or cue."""
    if i < len(r.tokens) and r.tokens[i].quoted:
        return i + 1
    j = i
    while j < len(r.tokens) and not (r.tokens[j].sep or (j > i and _is_boundary(r, j))):
        j += 1
    return j


def _value_end(r: _Reading, i: int, *, stop_at_fillers: bool = True) -> int:
    j = i
    while j < len(r.tokens) and not _is_boundary(r, j):
        if stop_at_fillers and j > i and r.words[j] in FILLERS and not r.tokens[j].quoted:
            break
        j += 1
    return j


def _is_boundary(r: _Reading, j: int) -> bool:
    if r.tokens[j].sep or r.tokens[j].quoted:
        return True
    if r.words[j] in ("and", "or") and j + 1 < len(r.tokens):
        return _is_boundary(r, j + 1) or bool(r.starts(j + 1, NEGATIONS))
    return bool(r.starts(j, _BOUNDARIES) or bounds_at(r.words, j))


_RULES: list[Callable[[_Reading, int], int | None]] = [
    _what_about_rule,
    _date_rule,
    _name_rule(FilterField.PUBLISHER, PUBLISHER_CUES),
    _name_rule(FilterField.AGENT, AGENT_CUES),
    _name_rule(FilterField.TITLE, TITLE_CUES),
    _name_rule(FilterField.SUBJECT, SUBJECT_CUES),
    _where_rule,
    _bare_rule,
]


def _merge_years(filters: list[Filter]) -> tuple[list[Filter], str | None]:
    """Positive year ranges narrow each other into one ("after 1600 before 1700")."""
    years = [f for f in filters if f.field is FilterField.YEAR and not f.negate]
    if len(years) < 2:
        return filters, None
    starts = [f.start for f in years if f.start is not None]
    ends = [f.end for f in years if f.end is not None]
    bounds: Bounds = (max(starts) if starts else None, min(ends) if ends else None)
    if bounds[0] is not None and bounds[1] is not None and bounds[0] > bounds[1]:
        stated = " and ".join(describe_years(f.start, f.end) for f in years)
        return filters, f"No date is both {stated}. Which dates did you mean?"
    merged = Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=bounds[0], end=bounds[1])
    rest = [f for f in filters if f not in years]
    return [*rest, merged], None


def _ask_what() -> str:
    return (
        "What are you looking for? Name an author, printer, place, language, date or subject, "
        f"e.g. '{EXAMPLE}'."
    )


def _ask_about(unparsed: list[str], filters: list[Filter]) -> str:
    words = " / ".join(f"'{u}'" for u in unparsed)
    understood = "; ".join(describe(f) for f in filters)
    so_far = f"I understood: {understood}. " if understood else ""
    return (
        f"{so_far}I did not understand {words}. Is it a name (by ...), a subject (about ...), "
        "a title (titled ...), a place (printed in ...) or a date (before ...)?"
    )


__all__ = ["MAX_QUERY_CHARS", "parse_query", "period_at", "tokenize"]
