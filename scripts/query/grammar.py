"""A deterministic reading of a catalogue question as a ``QueryPlan``; no network.

The question is tokenized (``tokens``) and read left to right. At each position, in order:

* a question frame or filler ("have you got", "show me", "stuff", "books") is passed over;
* a negation ("not", "excluding", "that aren't") negates the next condition;
* a date phrase ("before 1700", "pre-1600", "c. 1550", "mid-16th century", "the 1540s") is a
  YEAR range (``periods``);
* a term of art or fixed phrase ("incunabula", "Elizabethan", "aldines", "first editions") is
  the conditions the lexicon gives it;
* a cue ("printed by", "by", "about", "in", "from", "titled") says what kinds of value follow,
  and the longest run of words after it that names such a value in the index becomes its
  filter (``linking``); a run naming none is searched as typed;
* any other run of words is read as whichever value it names (a language, a place, a genre,
  a person, a subject ...), the most plausible first.

A demonym before a place head ("Parisian imprints") is its town or country. A Hebrew
question is first rewritten into what the rules read (``hebrew``). Words that name
nothing are searched as keywords over titles, subjects, notes and names, and the plan's notes
say so, as they say which spelling was read for a misspelt word and which reading was chosen
when a word could mean several things. A clarification is asked only when nothing sensible
can run or two spellings are equally close; it offers the readings with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.marc.normalize import fold, normalize_citation_number
from scripts.query import hebrew, lexicon
from scripts.query.fields import FIELDS
from scripts.query.linking import KINDS, PARTIAL, Reading, choose, link
from scripts.query.operators import describe, describe_years, shown_values
from scripts.query.periods import Bounds, bounds_at
from scripts.query.speech import books, say
from scripts.query.tokens import Token, text_of, tokenize
from scripts.query.vocabulary import Vocabulary
from scripts.schemas.query_plan import (
    MAX_TOP,
    AnswerKind,
    Facet,
    Filter,
    FilterField,
    FilterOp,
    QueryPlan,
    SortKey,
)

MAX_QUERY_CHARS = 500
MAX_SPAN_WORDS = 6  # the longest run of words read as one value
# Respelling is the costly part of reading: only short runs, and only so many per question.
MAX_CORRECTED_SPAN = 2
MAX_CORRECTED_RUNS = 12
MAX_NUMBER_PARTS = 3  # "B-526", "ia00123000", "T 12345": a bibliography's number
MAX_COUNT_DIGITS = 5  # "top 10000 printers" is a count; longer digit runs are not
EXAMPLE = "Latin books printed in Venice before 1600"
EXAMPLE_HE = "ספרים בלטינית שנדפסו בוונציה לפני 1600"
ALL_KINDS = ("language", "place", "country", "genre", "name", "topic")
_SKIP = lexicon.QUESTION_FRAMES


@dataclass
class _Reading:
    """The state of one left-to-right reading."""

    tokens: list[Token]
    vocabulary: Vocabulary
    words: list[str] = field(init=False)
    filters: list[Filter] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    leftovers: list[Token] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    negate: bool = False
    joined: bool = False  # an "or"/"and" since the last condition: a list of values
    corrections_left: int = MAX_CORRECTED_RUNS  # runs of words still to try respelling
    answer: AnswerKind = AnswerKind.LIST
    facet: Facet | None = None
    top: int | None = None
    sort: SortKey | None = None
    descending: bool = False

    def __post_init__(self) -> None:
        self.words = [t.low if not t.quoted else "\0" for t in self.tokens]

    def add(self, flt: Filter) -> None:
        """Add a condition; after "or", "and" or a comma, a value of the last one's field
        joins it ("not in Latin or Greek", "Venice, Rome or Florence")."""
        last = self.filters[-1] if self.filters else None
        if self.joined and last is not None and _joinable(last, flt, self.negate):
            self.filters[-1] = _joined(last, flt)
        else:
            self.filters.append(flt.model_copy(update={"negate": self.negate}))
        self.negate = self.joined = False

    def starts(self, i: int, phrases: list[tuple[str, ...]]) -> int:
        for phrase in phrases:
            if tuple(self.words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def cue_at(self, i: int) -> lexicon.Cue | None:
        return next(
            (c for c in lexicon.CUES if tuple(self.words[i : i + len(c.words)]) == c.words), None
        )


def _joinable(last: Filter, new: Filter, negate: bool) -> bool:
    """A value of the same field, not negated on its own: it carries on the last one's list."""
    return (
        last.field is new.field
        and (last.negate or not negate)
        and last.op in (FilterOp.EQUALS, FilterOp.IN)
        and new.op in (FilterOp.EQUALS, FilterOp.IN)
    )


def _joined(last: Filter, new: Filter) -> Filter:
    """The last filter's list of values with the new one's, each shown as the reader named it
    ("place of printing is Venice or Rome")."""
    if set(new.values) <= set(last.values):
        return last  # "Whitcome and Tombs": both words read as the one firm
    values = [v for f in (last, new) for v in f.values]
    parts = list(dict.fromkeys(_shown(f) for f in (last, new)))  # each said once
    either = ", or " if any("," in part for part in parts) else " or "  # "Manuzio, Aldo, or ..."
    shown = say(either, " או ").join(parts)
    update = {"op": FilterOp.IN, "value": list(dict.fromkeys(values)), "shown": shown}
    return last.model_copy(update=update)


def _shown(flt: Filter) -> str:
    return flt.shown or shown_values(flt)


def parse_query(query_text: str, vocabulary: Vocabulary) -> QueryPlan:
    """Read ``query_text`` as filters; anything not understood is searched or asked about."""
    if not query_text.strip():
        return QueryPlan(query_text=query_text, clarification=_ask_what())
    if len(query_text) > MAX_QUERY_CHARS:
        return QueryPlan(
            query_text=query_text,
            unparsed=[query_text[:80] + "…"],
            clarification=say(
                f"That request is {len(query_text):,} characters long; please ask in under "
                f"{MAX_QUERY_CHARS} characters, e.g. '{EXAMPLE}'.",
                f"הבקשה ארוכה ({len(query_text):,} תווים); שאלו בפחות מ-{MAX_QUERY_CHARS} תווים,"
                f" למשל '{EXAMPLE_HE}'.",
            ),
        )
    reading = _Reading(_places_for_peoples(_tokens(query_text, vocabulary), vocabulary), vocabulary)
    _read(reading)
    _search_leftovers(reading)
    filters, clash = _merge_years(reading.filters)
    questions = reading.questions + ([clash] if clash else [])
    asks_of_all = (
        reading.answer is not AnswerKind.LIST or reading.sort is not None or reading.top is not None
    )
    if not filters and not questions and not asks_of_all:
        questions.append(_ask_what())
    return QueryPlan(
        filters=filters,
        query_text=query_text,
        **_answer_asked(reading),
        notes=list(dict.fromkeys(reading.notes)),
        unparsed=[text_of(reading.leftovers)] if reading.leftovers else [],
        clarification=" ".join(questions) or None,
    )


def read_as(text: str, cue: str, vocabulary: Vocabulary) -> list[Filter]:
    """``text`` read whole as the value ``cue`` introduces ("printed by" + "Cambridge": the
    press), or [] when it names no such value in the index."""
    tokens = tokenize(text)
    kinds = next((c.kinds for c in lexicon.CUES if c.words == tuple(cue.split())), ())
    if not tokens or not vocabulary.checked or not set(kinds) <= set(KINDS):
        return []
    r = _Reading(tokens, vocabulary)
    if _link_longest(r, 0, len(tokens), kinds) != len(tokens) or r.questions:
        return []
    return r.filters


def candidates(query_text: str, vocabulary: Vocabulary) -> list[tuple[str, list[Reading]]]:
    """The runs of the question's words that name values in the index, each with all its
    readings, longest runs first from left to right: what a chat model may build filters
    from. A single word naming nothing as typed is read as its closest spelling."""
    if not vocabulary.checked or len(query_text) > MAX_QUERY_CHARS:
        return []
    r = _Reading(_tokens(query_text, vocabulary), vocabulary)
    found: list[tuple[str, list[Reading]]] = []
    i = 0
    while i < len(r.tokens):
        if r.words[i] in lexicon.FILLERS or r.cue_at(i) or r.starts(i, lexicon.NEGATIONS):
            i += 1
            continue
        stop = _span_end(r, i)
        for end in range(stop, i, -1):
            typed = text_of(r.tokens[i:end])
            readings = link(vocabulary, r.words[i:end], typed, ALL_KINDS, correct=end == i + 1)
            if readings:
                found.append((typed, readings))
                i = end
                break
        else:
            i += 1
    return found


def _tokens(query_text: str, vocabulary: Vocabulary) -> list[Token]:
    """The question's tokens, a Hebrew one's as the English grammar reads them."""
    tokens = tokenize(query_text)
    return hebrew.read(tokens, vocabulary) if hebrew.is_hebrew(query_text) else tokens


def _places_for_peoples(tokens: list[Token], vocabulary: Vocabulary) -> list[Token]:
    """ "Parisian imprints" as "Paris imprints", "Kiwi poetry" as "New Zealand poetry"; a
    people that names a language ("Dutch") stays the language unless a place head follows."""
    out: list[Token] = []
    for i, token in enumerate(tokens):
        place = None if token.quoted else lexicon.DEMONYMS.get(token.low)
        head = i + 1 < len(tokens) and tokens[i + 1].low in lexicon.PLACE_HEADS
        if place is None or not (head or vocabulary.language(token.low) is None):
            out.append(token)
            continue
        words = place.split()
        out += [Token(token.text if n == 0 else "", word) for n, word in enumerate(words)]
    return out


def _read(r: _Reading) -> None:
    i = 0
    while i < len(r.tokens):
        token = r.tokens[i]
        if token.sep:
            r.negate, r.joined = False, bool(r.filters)
            i += 1
            continue
        if not token.quoted and r.words[i] in ("or", "and") and r.filters:
            r.joined = True
            i += 1
            continue
        if not token.quoted and (end := _answer_rule(r, i)) is not None:
            i = end
            continue
        if not token.quoted and (n := r.starts(i, _SKIP)):
            i += n
            continue
        end = _date_rule(r, i)
        if end is None and not token.quoted and (n := r.starts(i, lexicon.NEGATIONS)):
            r.negate = True
            i += n
            continue
        for rule in _RULES:
            end = end if end is not None else rule(r, i)
            if end is not None:
                break
        if end is not None:
            i = end
            continue
        if token.quoted or (token.low not in lexicon.FILLERS and not r.cue_at(i)):
            r.leftovers.append(token)
        i += 1


def _answer_rule(r: _Reading, i: int) -> int | None:
    """A phrase asking for a count ("how many"), a ranking ("which towns", "top 5
    printers", "who printed the most") or an order ("the five oldest", "sort by title")."""
    if n := r.starts(i, lexicon.COUNT_PHRASES):
        if r.answer is AnswerKind.LIST:
            r.answer = AnswerKind.COUNT
        return _facet_rule(r, i + n, None) or i + n  # "how many printers ..."
    for phrase, (key, descending) in lexicon.ORDERS.items():
        if tuple(r.words[i : i + len(phrase)]) == phrase:
            _order(r, key, descending, r.top)
            return i + len(phrase)
    for phrase, facet in lexicon.RANKING_PHRASES.items():
        if tuple(r.words[i : i + len(phrase)]) == phrase:
            _rank(r, facet, None)
            return i + len(phrase)
    j = i + (r.words[i] == "the" if i < len(r.words) else 0)
    number, j = _number_at(r, j)
    if (n := r.starts(j, lexicon.RANKING_LEADS)) and (end := _facet_rule(r, j + n, number)):
        return end
    if number is not None and (end := _facet_rule(r, j, number)):  # "5 most printed towns"
        return end
    if r.words[j : j + 1] == ["top"] and (count := _number_at(r, j + 1))[0] is not None:
        r.top = _top(r, count[0])  # "only the top three": of the ranking asked before
        return count[1]
    for phrase, (key, descending) in lexicon.EXTREMES.items():
        if tuple(r.words[j : j + len(phrase)]) == phrase:
            after = j + len(phrase)
            more, after = _number_at(r, after)
            _order(r, key, descending, number or more or (1 if _one_asked(r, after) else None))
            return after
    if r.words[j : j + 1] in (["first"], ["last"]) and (count := _number_at(r, j + 1))[0]:
        _order(r, SortKey.DATE, r.words[j] == "last", count[0])  # "the first 10 books"
        return count[1]
    if n := r.starts(i, lexicon.SORT_LEADS):
        for phrase, key in lexicon.SORT_KEYS.items():
            if tuple(r.words[i + n : i + n + len(phrase)]) == phrase:
                _order(r, key, r.descending, r.top)
                return i + n + len(phrase)
        typed = text_of(r.tokens[i + n : i + n + 1]) or "that"
        r.questions.append(
            say(
                f"I can sort by date, title or author, not by {typed}. Which?",
                f"אפשר למיין לפי תאריך, כותר או מחבר, לא לפי {typed}. לפי מה?",
            )
        )
        return i + n + 1
    if n := r.starts(i, lexicon.DESCENDING_WORDS):
        _order(r, r.sort or SortKey.DATE, True, r.top)
        return i + n
    return None


def _one_asked(r: _Reading, i: int) -> bool:
    """Whether the words from ``i`` ask for one book: the first head among them is singular
    ("the oldest book", "the newest Hebrew book printed in Venice", not "... Hebrew books")."""
    for word in r.words[i : i + MAX_SPAN_WORDS]:
        if word in lexicon.SINGLE_HEADS or word in lexicon.PLURAL_HEADS:
            return word in lexicon.SINGLE_HEADS
    return False


def _facet_rule(r: _Reading, i: int, number: int | None) -> int | None:
    """A facet word at ``i`` (after a lead, maybe a number): rank by it."""
    more, i = _number_at(r, i)
    for phrase, facet in lexicon.FACET_WORDS.items():
        if tuple(r.words[i : i + len(phrase)]) == phrase:
            _rank(r, facet, number if number is not None else more)
            return i + len(phrase)
    return None


def _number_at(r: _Reading, i: int) -> tuple[int | None, int]:
    """A count typed at ``i`` ("5", "five", "a dozen") and where it ends."""
    for length in (2, 1):
        words = " ".join(r.words[i : i + length])
        if len(r.words[i : i + length]) == length and words in lexicon.NUMBER_WORDS:
            return lexicon.NUMBER_WORDS[words], i + length
    if i < len(r.words) and r.words[i].isdigit() and len(r.words[i]) <= MAX_COUNT_DIGITS:
        return int(r.words[i]), i + 1
    return None, i


def _rank(r: _Reading, facet: Facet, top: int | None) -> None:
    r.answer, r.facet, r.sort, r.descending = AnswerKind.RANKING, facet, None, False
    r.top = _top(r, top)


def _order(r: _Reading, key: SortKey, descending: bool, top: int | None) -> None:
    if r.answer is AnswerKind.RANKING:
        return  # "the top printers of the oldest books": the ranking is the answer
    r.answer, r.sort, r.descending, r.top = AnswerKind.LIST, key, descending, _top(r, top)


def _top(r: _Reading, top: int | None) -> int | None:
    """A top-N within what can be listed: none asks how many, too many lists the most."""
    if top == 0:
        r.questions.append(
            say(
                f"How many should I list? Say a number from 1 to {MAX_TOP}.",
                f"כמה להציג? כתבו מספר בין 1 ל-{MAX_TOP}.",
            )
        )
        return None
    if top is not None and top > MAX_TOP:
        r.notes.append(
            say(
                f"listing the top {MAX_TOP}; you asked for {top:,}",
                f"מוצגים {MAX_TOP} הראשונים; ביקשתם {top:,}",
            )
        )
        return MAX_TOP
    return top


def _answer_asked(r: _Reading) -> dict:
    """The plan's answer fields as the reading left them."""
    return {
        "answer": r.answer,
        "facet": r.facet,
        "top": r.top if r.answer is not AnswerKind.COUNT else None,
        "sort": r.sort if r.answer is AnswerKind.LIST else None,
        "descending": r.descending if r.answer is AnswerKind.LIST and r.sort else False,
    }


def _date_rule(r: _Reading, i: int) -> int | None:
    found = bounds_at(r.words, i)
    if not found:
        return None
    (start, end), n = found
    r.add(Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=start, end=end))
    return i + n


def _term_rule(r: _Reading, i: int) -> int | None:
    """A term of art ("incunabula") or a subject's lead-in term ("WWII")."""
    for length in range(min(MAX_SPAN_WORDS, len(r.words) - i), 0, -1):
        words = tuple(r.words[i : i + length])
        meaning = lexicon.TERMS.get(words)
        if meaning is not None:
            for flt in _meaning_filters(meaning):
                r.add(flt)
            return i + length
        heading = lexicon.SUBJECT_LEAD_INS.get(words)
        if heading is not None:
            r.add(
                Filter(
                    field=FilterField.TOPIC, op=FilterOp.CONTAINS, value=f'"{fold(heading)}"',
                    shown=heading,
                )
            )  # fmt: skip
            return i + length
    return None


def _meaning_filters(meaning: lexicon.Meaning) -> list[Filter]:
    filters = []
    if meaning.years:
        start, end = meaning.years
        filters.append(Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=start, end=end))
    for field_, values in (
        (FilterField.LANGUAGE, meaning.languages),
        (FilterField.COUNTRY, meaning.countries),
        (FilterField.IMPRINT_PLACE, meaning.places),
        (FilterField.AGENT, meaning.names),
    ):
        if values:
            op = FilterOp.EQUALS if len(values) == 1 else FilterOp.IN
            value = values[0] if len(values) == 1 else list(values)
            shown = meaning.shown if field_ is FilterField.AGENT else None
            filters.append(Filter(field=field_, op=op, value=value, shown=shown))
    if meaning.note:
        filters.append(
            Filter(field=FilterField.NOTE, op=FilterOp.CONTAINS, value=f'"{meaning.note}"')
        )
    if meaning.book_format:
        filters.append(
            Filter(
                field=FilterField.PHYSICAL_DESC, op=FilterOp.CONTAINS, value=meaning.book_format,
                shown=f"{meaning.shown} ({meaning.book_format})",
            )
        )  # fmt: skip
    return filters


def _after_rule(r: _Reading, i: int) -> int | None:
    """ "books with opera in the title", "vellum bindings": the words before "in the title"
    or "bindings" are the title's or the binding's."""
    for j in range(i + 1, min(i + MAX_SPAN_WORDS + 1, len(r.words))):
        if r.tokens[j].sep:
            return None
        for phrase, field_ in lexicon.AFTER_WORDS.items():
            if tuple(r.words[j : j + len(phrase)]) != phrase:
                continue
            words = r.tokens[i:j]
            while words and words[0].low in lexicon.FILLERS:
                words = words[1:]  # "books with opera in the title"
            if not words:
                return None
            r.add(Filter(field=field_, op=FilterOp.CONTAINS, value=text_of(words)))
            return j + len(phrase)
    return None


def _citation_rule(r: _Reading, i: int) -> int | None:
    """A bibliography the index cites and a number ("Goff B-526", "ISTC ia00123000"), or the
    bibliography alone before a head word or at the end ("STC books", "in Goff")."""
    for length in range(min(MAX_SPAN_WORDS, len(r.words) - i), 0, -1):
        words = r.words[i : i + length]
        entries = r.vocabulary.exact("citation", words)
        if not entries:
            continue
        end = _number_end(r, i + length)
        if end > i + length:
            number = normalize_citation_number("".join(r.words[i + length : end]))
            value = f"{entries[0].value} {number}"
        elif _is_head(r, end) and not all(w in lexicon.FILLERS for w in words):
            value = entries[0].value
        else:
            continue
        r.add(
            Filter(
                field=FilterField.CITATION, op=FilterOp.CONTAINS, value=value,
                shown=text_of(r.tokens[i:end]),
            )
        )  # fmt: skip
        return end
    return None


def _is_head(r: _Reading, i: int) -> bool:
    """Whether the question ends at ``i``, or a head word or a cue follows ("STC books",
    "in STC printed in London")."""
    return (
        i >= len(r.words)
        or r.tokens[i].sep
        or r.words[i] in lexicon.PLURAL_HEADS
        or r.cue_at(i) is not None
    )


def _number_end(r: _Reading, i: int) -> int:
    """Where a number in a bibliography ends: "B-526" is read as "b" and "526", "ia00123000"
    as one word; a letter or two start it only before digits."""
    j = i
    while j < len(r.words) and j - i < MAX_NUMBER_PARTS and not r.tokens[j].sep:
        word, after = r.words[j], r.words[j + 1] if j + 1 < len(r.words) else ""
        if any(c.isdigit() for c in word) or (
            word.isalpha() and len(word) <= 2 and after[:1].isdigit()
        ):
            j += 1
        else:
            break
    return j if any(c.isdigit() for w in r.words[i:j] for c in w) else i


def _cue_rule(r: _Reading, i: int) -> int | None:
    cue = r.cue_at(i)
    if cue is None:
        return None
    start = i + len(cue.words)
    if start < len(r.words) and r.words[start] in lexicon.ARTICLES:
        start += 1  # a leading article is never part of the value
    stop = _span_end(r, start, title=cue.kinds == ("title",))
    if stop == start:
        return None
    if all(w in lexicon.FILLERS for w in r.words[start:stop]):
        return start  # "from the year 1550": the cue introduces nothing but the date after it
    if (end := _term_rule(r, start)) is not None:
        return end
    if cue.kinds[0] in lexicon.TYPED_FIELDS:
        text = text_of(r.tokens[start:stop])
        if cue.kinds == ("citation",) and (end := _citation_rule(r, start)) is not None:
            return end
        field_ = lexicon.TYPED_FIELDS[cue.kinds[0]]
        exact = field_ is FilterField.SHELFMARK and any(c.isdigit() for c in text)
        op = FilterOp.EQUALS if exact else FilterOp.CONTAINS  # "Inc. 1" is not "Inc. 12"
        r.add(Filter(field=field_, op=op, value=text))
        return stop
    if cue.kinds == ("title",):
        r.add(
            Filter(
                field=FilterField.TITLE, op=FilterOp.CONTAINS, value=text_of(r.tokens[start:stop])
            )
        )
        return stop
    if cue.kinds == lexicon.ANY_KINDS:
        return _any_value(r, start, stop)
    end = _link_longest(r, start, stop, cue.kinds)
    if end is not None and cue.role:  # "illustrated by Dürer": Dürer, as illustrator
        r.add(Filter(field=FilterField.AGENT_ROLE, op=FilterOp.EQUALS, value=cue.role))
    if end is None and set(cue.kinds) <= {"language", "country", "place"}:
        # Not a place after all: a bibliography ("books in Goff"), or anything else
        # ("interested in astronomy").
        end = _citation_rule(r, start) or _link_longest(r, start, stop, ALL_KINDS)
        if end is None and start < len(r.words) and r.words[start] not in lexicon.FILLERS:
            _ask_place(r, text_of(r.tokens[start:stop]))
            return stop
    if end is not None:
        return end
    _search_as_typed(r, start, stop, cue.kinds)
    return stop


def _any_value(r: _Reading, start: int, stop: int) -> int:
    """ "What about X?": X read as whatever it names, or asked about."""
    kinds = ("language", "country", "place") if not r.vocabulary.checked else ALL_KINDS
    end = _link_longest(r, start, stop, kinds)
    if end is not None:
        return end
    typed = text_of(r.tokens[start:stop])
    r.leftovers.append(Token(typed, typed.lower()))
    r.questions.append(ask_what_kind(typed))
    return stop


def ask_what_kind(typed: str) -> str:
    """The question for words that name nothing the index holds."""
    return say(
        f"What should '{typed}' be: a name (books by {typed}), a subject (books about {typed})"
        f" or a title (books titled {typed})?",
        f"מה זה '{typed}': שם (ספרים מאת {typed}), נושא (ספרים על {typed}) או כותר (ספרים"
        f" בשם {typed})?",
    )


def _ask_place(r: _Reading, typed: str) -> None:
    """A place the index does not hold: ask, offering the closest with their counts."""
    places = r.vocabulary.suggest_places(typed)
    offered = ", ".join(f"{p.title()} ({books(r.vocabulary.places.get(p, 0))})" for p in places)
    r.leftovers.append(Token(typed, typed.lower()))
    if not r.vocabulary.checked:
        r.questions.append(
            say(
                f"I couldn't tell what '{typed}' is. Is it a place, a language or a date?",
                f"לא ברור מה זה '{typed}'. מקום, שפה או תאריך?",
            )
        )
        return
    r.questions.append(
        say(
            f"'{typed}' is not a place of printing in this catalogue. Did you mean one of these:"
            f" {offered}?",
            f"'{typed}' אינו מקום דפוס בקטלוג הזה. האם הכוונה לאחד מאלה: {offered}?",
        )
    )


def _bare_rule(r: _Reading, i: int) -> int | None:
    if r.tokens[i].quoted:
        r.add(Filter(field=FilterField.TITLE, op=FilterOp.CONTAINS, value=r.tokens[i].text))
        return i + 1
    stop = _span_end(r, i)
    if r.words[i] in lexicon.FILLERS:
        if not _initials(r, i):
            return None
        return _link_longest(r, i, stop, ("name",))  # "A.H. & A.W. Reed"
    head = next((j for j in range(i + 1, stop) if r.words[j] in lexicon.LANGUAGE_HEADS), None)
    if head is not None:
        end = _link_longest(r, i, head, ("language",))  # "Maroi language books"
        if end == head:
            return head + 1
    # Without an index, any word would pass for a place: only a cue ("in X") makes one.
    kinds = ALL_KINDS if r.vocabulary.checked else ("language", "country")
    if r.joined and r.filters and r.filters[-1].field in _LISTED:
        kinds = (_LISTED[r.filters[-1].field],)  # "in Venice, Rome or Florence"
    elif _after_possessive_name(r, i):
        kinds = tuple(k for k in kinds if k != "topic")  # his work's title, not a subject
    return _link_longest(r, i, stop, kinds)


def _after_possessive_name(r: _Reading, i: int) -> bool:
    """Whether a name in the possessive comes just before ``i`` ("Newton's Principia")."""
    return (
        i > 0
        and r.tokens[i - 1].text.endswith(("'s", "’s"))
        and bool(r.filters)
        and r.filters[-1].field is FilterField.AGENT
    )


_LISTED = {
    FilterField.IMPRINT_PLACE: "place",
    FilterField.LANGUAGE: "language",
    FilterField.COUNTRY: "country",
}


def _initials(r: _Reading, i: int) -> bool:
    """Whether a single letter starts a run of initials ("a h and a w reed")."""
    return len(r.words[i]) == 1 and i + 1 < len(r.words) and len(r.words[i + 1]) == 1


def _span_end(r: _Reading, i: int, *, title: bool = False) -> int:
    """Where a value starting at ``i`` can end at the latest: at a separator, a cue, a
    negation, a date (not in a title: "titled 1984"), a question frame, or after
    ``MAX_SPAN_WORDS`` words."""
    j = i
    while j < len(r.tokens) and (title or j - i < MAX_SPAN_WORDS):
        token = r.tokens[j]
        if token.sep or (token.quoted and j > i):
            break
        if j > i and (r.cue_at(j) or r.starts(j, lexicon.NEGATIONS) or r.starts(j, _SKIP)):
            break
        if not title and bounds_at(r.words, j):
            break
        j += 1
    return j


def _link_longest(r: _Reading, start: int, stop: int, kinds: tuple[str, ...]) -> int | None:
    """Read the longest run from ``start`` (to at most ``stop``) that names a value.

    Without an index a place is taken on trust, so there the kinds are tried one at a time,
    a language before a place: "in Latin frobnicated" is Latin, not a town of that name.
    """
    if not r.vocabulary.checked and len(kinds) > 1:
        return next(
            (end for kind in kinds if (end := _link_longest(r, start, stop, (kind,))) is not None),
            None,
        )
    for end in range(stop, start, -1):
        words = r.words[start:end]
        if _is_list(r, words):
            continue  # "Latin and Greek": two languages, not one subject
        if (
            words[-1] in lexicon.FILLERS
            and words[-1] not in lexicon.PLACE_HEADS
            and tuple(words) not in lexicon.GENRE_WORDS  # "emblem books" is a kind of book
        ):
            continue  # "Hebrew books": the language; the head is read on its own
        if all(w in lexicon.FILLERS for w in words):
            continue
        correct = r.corrections_left > 0 and end - start <= MAX_CORRECTED_SPAN
        readings = link(r.vocabulary, words, text_of(r.tokens[start:end]), kinds, correct=correct)
        if not readings:
            r.corrections_left -= correct
            continue
        chosen = choose(readings)
        if chosen is not None and _respelt_in_part(chosen, words):
            continue  # "government reports" is not "Government ... Health Resorts" misspelt
        if chosen is None:
            _ask_which(r, text_of(r.tokens[start:end]), readings)
            return end
        _use(r, chosen, text_of(r.tokens[start:end]), readings)
        return end
    return None


def _respelt_in_part(reading: Reading, words: list[str]) -> bool:
    """Whether a respelt reading is of a name its words are only part of, and not its first
    words: "government reports" is not the "Government Department of Tourist and Health
    Resorts", nor "elements" the "Catholic Church. Pope (... Clement V)"; "Whitcome" is the
    start of "Whitcombe & Tombs"."""
    if not (reading.is_corrected and reading.kind == "name" and reading.strength == PARTIAL):
        return False
    read = [reading.corrected.get(word, word) for word in words]
    return not any(fold(str(name)).split()[: len(read)] == read for name in reading.filter.values)


def _use(r: _Reading, reading: Reading, typed: str, others: list[Reading] = ()) -> None:
    """Add the reading's filter, and say what was assumed: a corrected spelling, or the
    reading chosen when another was nearly as likely ("as a printer: 5 books; also ...")."""
    r.add(reading.filter.model_copy(update={"shown": reading.display[:200] or None}))
    if reading.corrected:
        fixed = ", ".join(reading.corrected.values())
        r.notes.append(
            say(
                f"showing {reading.display or fixed}; you typed {typed}",
                f"מוצג {reading.display or fixed}; הקלדתם {typed}",
            )
        )
    rivals = [
        o
        for o in others
        if o.kind != reading.kind
        and o.filter != reading.filter
        and not o.is_corrected
        and 2 * o.records >= reading.records > 0
    ]
    if rivals:
        also = "; ".join(f"{_as(o.kind)}: {o.records}" for o in rivals[:2])
        r.notes.append(
            f"'{typed}' {_as(reading.kind)}: {books(reading.records)}; {say('also', 'וגם')} {also}"
        )


_KIND_WORDS = {
    "place": ("a place of printing", "מקום דפוס"), "language": ("a language", "שפה"),
    "country": ("a country", "ארץ"), "name": ("a name", "שם"), "printer": ("a printer", "מדפיס"),
    "publisher": ("a publisher", "מו״ל"), "subject": ("a subject", "נושא"),
    "topic": ("a subject or genre", "נושא או סוגה"), "genre": ("a kind of book", "סוג ספר"),
}  # fmt: skip


def _as(kind: str) -> str:
    """ "as a place of printing", "כמקום דפוס"."""
    english, hebrew = _KIND_WORDS.get(kind, (kind, kind))
    return say(f"as {english}", f"כ{hebrew}")


def _kind(kind: str) -> str:
    return say(*_KIND_WORDS.get(kind, (kind, kind)))


def _is_list(r: _Reading, words: list[str]) -> bool:
    """Whether ``words`` join values with "and"/"or" whose first is a language or a place."""
    for at, word in enumerate(words[1:-1], start=1):
        if word in ("and", "or"):
            return bool(link(r.vocabulary, words[:at], " ".join(words[:at]), _CODED))
    return False


_CODED = ("language", "place", "country")


def _ask_which(r: _Reading, typed: str, readings: list[Reading]) -> None:
    options = "; ".join(
        f"{o.display} ({_kind(o.kind)}, {books(o.records)})"
        for o in sorted(readings, key=lambda o: -o.records)[:4]
    )
    r.questions.append(
        say(f"Which did you mean by '{typed}'", f"למה הכוונה ב-'{typed}'") + f": {options}?"
    )


def _search_as_typed(r: _Reading, start: int, stop: int, kinds: tuple[str, ...]) -> None:
    text = text_of(r.tokens[start:stop])
    if "subject" in kinds:
        field_ = FilterField.SUBJECT
    elif "printer" in kinds:
        field_ = FilterField.PUBLISHER
    else:
        field_ = FilterField.AGENT
    r.add(Filter(field=field_, op=FilterOp.CONTAINS, value=text))


def _search_leftovers(r: _Reading) -> None:
    """Words that named nothing become a keyword search, and the answer says so."""
    words = [t for t in r.leftovers if t.quoted or t.low not in lexicon.FILLERS]
    if not words:
        r.leftovers = []
        return
    text = " ".join(t.text or t.low for t in words).strip(" .:;,?!")
    r.add(Filter(field=FilterField.KEYWORD, op=FilterOp.CONTAINS, value=text))
    r.notes.append(say(f"also matching the words '{text}'", f"וגם לפי המילים '{text}'"))


_RULES = [_term_rule, _citation_rule, _after_rule, _cue_rule, _bare_rule]


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
        return filters, say(
            f"No date is both {stated}. Which dates did you mean?",
            f"אין תאריך שהוא גם {stated}. לאילו תאריכים הכוונה?",
        )
    merged = Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=bounds[0], end=bounds[1])
    rest = [f for f in filters if f not in years]
    return [*rest, merged], None


def _ask_what() -> str:
    return say(
        "What are you looking for? Name an author, printer, place, language, date or subject, "
        f"e.g. '{EXAMPLE}'.",
        f"מה אתם מחפשים? ציינו מחבר, מדפיס, מקום, שפה, תאריך או נושא, למשל '{EXAMPLE_HE}'.",
    )


def understood(filters: list[Filter]) -> str:
    """The filters as one English phrase ("place of printing is Venice; language is Latin")."""
    return "; ".join(describe(f) for f in filters if f.field in FIELDS)


__all__ = [
    "MAX_QUERY_CHARS",
    "ask_what_kind",
    "candidates",
    "parse_query",
    "read_as",
    "tokenize",
]
