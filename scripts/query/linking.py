"""From a reader's words to the index's own values: every way a run of words can be read.

``link(vocabulary, words, text, kinds)`` tries each kind of value the words may name and
returns a ``Reading`` for each that matches: the filter it makes, the value as the catalogue
shows it, how many records have it, and how strongly the words matched. Kinds:

* place, language, country: the whole run is one of the value's forms ("venetiis", "te reo
  maori");
* name (any role) and printer: every word is a word of one form of a person or body, in any
  order, honorifics and particles aside ("Sir Edmund Hillary" -> "hillary edmund"); a word
  may also start a longer one when another matches whole ("Ed Hillary"); forms that begin
  with the words (a surname) are preferred to forms that merely hold them;
  the imprint statements holding the words come with them (a word's Latin case aside:
  "Stephanus" finds "Stephani"), as a firm often has no heading of its own; a body is also
  found by its initials typed in capitals ("OUP");
* subject (headings only), topic (headings or genre terms): every word is in the headings or
  terms, also in its singular or plural, a single long word also as the start of its other
  forms ("astronomy" -> astronom*); several words must stand together in one heading;
* genre: a kind of material the lexicon knows ("videos", "sheet music", "serials").

When no kind matches, a misspelt word is corrected against the index's words (Damerau-
Levenshtein similarity; ``Vocabulary.corrections``) and the reading says so. ``choose``
picks the most plausible reading, or none when two spellings are about as close.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.marc.normalize import expand_abbreviations, latin_stem
from scripts.query.lexicon import (
    FILLERS,
    FORMAT_WORDS,
    GENRE_WORDS,
    HONORIFICS,
    JOINING_WORDS,
    NAME_PARTICLES,
)
from scripts.query.vocabulary import Entry, Vocabulary
from scripts.schemas.query_plan import Filter, FilterField, FilterOp

# Kinds in the order a bare run of words is read when several match equally well.
PRIORITY = ("language", "country", "place", "genre", "name", "printer", "topic", "subject")
CLEARLY_MORE = 5  # a later kind wins when it has this many times the records of an earlier
CLOSE = 3.0  # spellings this close to the best are as likely: ask which
MAX_NAMES = 25  # more people than this share the words: search the words instead
MAX_STATEMENTS = 40  # more imprint statements than this hold the words: search the words
MIN_PREFIX_STEM = 5  # "astronom*": shorter stems would find unrelated words
EXACT, LEADING, PARTIAL = 3, 2, 1  # how strongly words match a value's form
_ENGLISH_ENDINGS = ("ical", "ies", "ics", "ians", "ian", "ists", "ist", "ers", "ing", "ic",
                    "er", "es", "al", "y", "s")  # fmt: skip


@dataclass(frozen=True)
class Reading:
    """One way to read a run of words: its filter, the value shown, and its records."""

    kind: str
    filter: Filter
    display: str
    records: int
    strength: int = EXACT
    corrected: dict[str, str] = field(default_factory=dict)  # typed word -> word read
    score: float = 100.0  # how close a corrected spelling is

    @property
    def is_corrected(self) -> bool:
        return bool(self.corrected)

    def spelt(self, corrected: dict[str, str], score: float) -> Reading:
        """This reading, as of words corrected from the reader's."""
        return Reading(self.kind, self.filter, self.display, self.records, self.strength,
                       corrected, score)  # fmt: skip


def link(
    vocabulary: Vocabulary,
    words: list[str],
    text: str,
    kinds: tuple[str, ...],
    *,
    correct: bool = True,
) -> list[Reading]:
    """Every reading of ``words`` (typed as ``text``) as a value of one of ``kinds``; with
    ``correct``, of a misspelling's corrections when the words as typed name none."""
    words = expand_abbreviations(" ".join(words)).split()
    found = [r for kind in kinds if (r := _READERS[kind](vocabulary, words, text)) is not None]
    if not found and correct and vocabulary.checked:
        found = _corrected(vocabulary, words, kinds)
    unique: dict[str, Reading] = {}
    for reading in found:  # the topic and subject readers may find the same thing
        unique.setdefault(reading.filter.model_dump_json(), reading)
    return list(unique.values())


def choose(readings: list[Reading]) -> Reading | None:
    """The most plausible reading: one some record has, the strongest match, then the
    earliest kind in ``PRIORITY`` unless a later one has ``CLEARLY_MORE`` times its records;
    None when two spellings are about as close."""
    if not readings:
        return None
    # A value no record has ("Antarctica" as a country of publication) yields to one that has.
    readings = [r for r in readings if r.records] or readings
    strongest = max(r.strength for r in readings)
    best = min(
        (r for r in readings if r.strength == strongest),
        key=lambda r: PRIORITY.index(r.kind) if r.kind in PRIORITY else len(PRIORITY),
    )
    for other in readings:
        if other.strength == strongest and other.records >= CLEARLY_MORE * max(best.records, 1):
            best = other
    if best.is_corrected and any(
        r.display != best.display
        and r.corrected != best.corrected
        and r.score >= best.score - CLOSE
        for r in readings
    ):
        return None
    return best


def _filter(field_: FilterField, values: list[str], op: FilterOp = FilterOp.EQUALS) -> Filter:
    unique = list(dict.fromkeys(values))
    if len(unique) == 1:
        return Filter(field=field_, op=op, value=unique[0])
    return Filter(field=field_, op=FilterOp.IN, value=unique)


def _coded(kind: str, field_: FilterField, unchecked_lookup: str):  # noqa: ANN202 - a reader
    """A reader for places, languages and countries: the whole run is a form of the value."""

    def read(vocabulary: Vocabulary, words: list[str], text: str) -> Reading | None:
        entries = vocabulary.exact(kind, words)
        if entries:
            best = max(entries, key=lambda e: e.records)
            return Reading(kind, _filter(field_, [best.value]), best.display, best.records)
        # A language or country the index holds no book in is still one ("in Welsh": none);
        # a place is taken on trust only when there is no index to check it against.
        if kind == "place" and vocabulary.checked:
            return None
        value = getattr(vocabulary, unchecked_lookup)(" ".join(words))
        return Reading(kind, _filter(field_, [value]), text, 0) if value else None

    return read


def name_words(words: list[str]) -> list[str]:
    """The words that tell a name apart: without honorifics, particles and joining words."""
    core = [w for w in words if w not in HONORIFICS and w not in NAME_PARTICLES]
    core = [w for w in core if w not in JOINING_WORDS]
    return core or words


def _names(vocabulary: Vocabulary, words: list[str], text: str) -> tuple[list[Entry], int]:
    """The names whose forms hold the words, and how strongly: forms that begin with the
    words (a surname, a body's name) are kept when there are any."""
    if text.isupper() and len(words) == 1:  # "OUP": a body by its initials
        return vocabulary.exact("name initials", words), EXACT
    core = name_words(words)
    entries = vocabulary.containing("name", core, prefix=True)
    # One word names it whole, or starts a word as a Latin case would ("Froschover" for
    # "Froschoverus"): not only initials and short forms ("Ed", "Seb.").
    entries = [e for e in entries if any(_names_whole(w, e.form.split()) for w in core)]
    exact = [e for e in entries if name_words(e.form.split()) == core]
    if exact:
        return exact, EXACT
    leading = [e for e in entries if set(name_words(e.form.split())[: len(core)]) == set(core)]
    return (leading, LEADING) if leading else (entries, PARTIAL)


def _names_whole(word: str, form: list[str]) -> bool:
    return (
        len(word) >= 3 and word in form or len(word) >= 5 and any(w.startswith(word) for w in form)
    )


def _statements(vocabulary: Vocabulary, words: list[str], text: str) -> tuple[list[Entry], int]:
    """Imprint statements holding the words, a word's Latin case aside ("Stephanus" finds
    "Stephani"), or the initials typed in capitals ("OUP")."""
    if text.isupper() and len(words) == 1:
        return vocabulary.exact("publisher initials", words), EXACT
    core = name_words(words)
    stems = [latin_stem(w) if len(latin_stem(w)) >= 4 else w for w in core]
    entries = vocabulary.containing("publisher", stems, prefix=True)
    entries = [e for e in entries if any(_names_whole(w, e.form.split()) for w in stems)]
    whole = any(name_words(e.form.split()) == core for e in entries)
    return entries, EXACT if whole else PARTIAL


def _name_reading(kind: str, field_: FilterField):  # noqa: ANN202 - a reader
    """A reader for a person or body: the names whose forms hold the words, with the imprint
    statements that hold them (a firm often has no heading of its own)."""

    def read(vocabulary: Vocabulary, words: list[str], text: str) -> Reading | None:
        if text.isupper() and len(words) == 1:  # "OUP": read as the body it is the initials of
            spelt = {
                e.value
                for initials in ("name initials", "publisher initials")
                for e in vocabulary.exact(initials, words)
            }
            if len(spelt) == 1:
                (name,) = spelt
                return read(vocabulary, name.split(), name)
        names, strength = _names(vocabulary, words, text)
        statements, said = _statements(vocabulary, words, text)
        if names and strength > PARTIAL:
            # The words name a person or body: imprints count only when they are its name,
            # not when they share a word ("Erasmus" is not the printer Erasmo Viotti).
            core = set(name_words(words))
            statements = [e for e in statements if set(name_words(e.form.split())) == core]
        entries = names + statements
        if not entries:
            return None
        if names and strength > PARTIAL:  # with the bodies the authorities relate to them
            entries += [e for n in names for e in vocabulary.exact("related", [n.value])]
        by_value = {e.value: e for e in sorted(entries, key=lambda e: e.records)}
        total = sum(e.records for e in by_value.values())
        best = max(entries, key=lambda e: (e in names, e.records))
        strength = max(strength if names else 0, said if statements else 0)
        people = len({e.value for e in names})
        if people > MAX_NAMES or len(statements) > MAX_STATEMENTS:
            contains = Filter(field=field_, op=FilterOp.CONTAINS, value=text)
            return Reading(kind, contains, text, total, PARTIAL)
        display = best.display if people <= 1 else f"{text} ({people} names)"
        values = sorted(by_value, key=lambda v: -by_value[v].records)
        return Reading(kind, _filter(field_, values), display, total, strength)

    return read


def _variants(word: str) -> list[str]:
    """The word, then its singular or plural."""
    if word.endswith("ies"):
        return [word, word[:-3] + "y"]
    if word.endswith("es"):
        return [word, word[:-2], word[:-1]]
    if word.endswith("s"):
        return [word, word[:-1]]
    return [word, word + "s", word + "es"]


def _stem(word: str) -> str:
    for ending in _ENGLISH_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _in(
    vocabulary: Vocabulary, kinds: tuple[str, ...], words: list[str], prefix: bool = False
) -> list[Entry]:
    return [e for kind in kinds for e in vocabulary.containing(kind, words, prefix=prefix)]


def _topic_terms(
    vocabulary: Vocabulary, words: list[str], kinds: tuple[str, ...]
) -> list[str] | None:
    """Each word as the headings hold it (a long single word as a prefix: "astronom*"), or
    None when a word is not there or several words never stand in one heading together."""
    if len(words) == 1:
        stem = _stem(words[0])
        if len(stem) >= MIN_PREFIX_STEM and _in(vocabulary, kinds, [stem], prefix=True):
            return [stem + "*"]  # "astronomy": astronomical instruments too
    terms = []
    for word in words:
        held = next((w for w in _variants(word) if _in(vocabulary, kinds, [w])), None)
        if held is None:
            return None
        terms.append(held)
    if len(terms) > 1 and not _in(vocabulary, kinds, terms):
        return None
    return terms


def _undated(form: str) -> list[str]:
    """A heading's words without its dates ("treaty of waitangi 1840")."""
    return [w for w in form.split() if not w.isdigit()]


def _fts_value(terms: list[str] | tuple[str, ...]) -> str:
    """Alternatives for a full-text filter: a term of several words is a phrase."""
    return " | ".join(f'"{t}"' if " " in t else t for t in dict.fromkeys(terms))


def _topic_reader(kind: str, field_: FilterField, kinds: tuple[str, ...]):  # noqa: ANN202
    def read(vocabulary: Vocabulary, words: list[str], text: str) -> Reading | None:
        lexicon = GENRE_WORDS.get(tuple(words))
        if lexicon and kind == "topic":
            # A kind of book the catalogue codes or terms (655, the leader, 008) is that;
            # where it has none, subject headings say it ("-- Maps", "Sermons").
            coded = [e for t in lexicon for e in vocabulary.exact("genre", t.split())]
            found = coded or [e for t in lexicon for e in _in(vocabulary, kinds, t.split())]
            searched = FilterField.GENRE if coded else field_
            terms = [e.form for e in coded] or list(lexicon)
            return Reading(kind, Filter(field=searched, op=FilterOp.CONTAINS, value=_fts_value(terms)),
                           lexicon[0].capitalize(), max((e.records for e in found), default=0))  # fmt: skip
        terms = _topic_terms(vocabulary, words, kinds)
        if terms is None:
            return None
        exact = [e for k in kinds for e in vocabulary.exact(k, words)] or [
            e for e in _in(vocabulary, kinds, words) if _undated(e.form) == words
        ]
        # A see-from form names its heading ("cradle books" -> incunabula).
        others = [e.value for e in exact if _undated(e.value) != words]
        value = _fts_value([" ".join(terms), *others])
        records = max((e.records for e in exact), default=0) or max(
            (
                e.records
                for t in terms
                for e in _in(vocabulary, kinds, [t.rstrip("*")], t.endswith("*"))
            ),
            default=0,
        )
        display = max(exact, key=lambda e: e.records).display if exact else text
        strength = EXACT if exact else PARTIAL
        return Reading(kind, Filter(field=field_, op=FilterOp.CONTAINS, value=value), display,
                       records, strength)  # fmt: skip

    return read


def _format(vocabulary: Vocabulary, words: list[str], text: str) -> Reading | None:
    """A kind of material ("videos", "sheet music"): the genre terms the index gives it."""
    terms = FORMAT_WORDS.get(tuple(words))
    if not terms:
        return None
    records = max(
        (e.records for t in terms for e in vocabulary.exact("genre", t.split())), default=0
    )
    return Reading(
        "genre", Filter(field=FilterField.GENRE, op=FilterOp.CONTAINS, value=_fts_value(terms)),
        terms[0].capitalize(), records,
    )  # fmt: skip


_READERS = {
    "language": _coded("language", FilterField.LANGUAGE, "language"),
    "country": _coded("country", FilterField.COUNTRY, "country"),
    "place": _coded("place", FilterField.IMPRINT_PLACE, "place"),
    "name": _name_reading("name", FilterField.AGENT),
    "printer": _name_reading("printer", FilterField.PUBLISHER),
    "subject": _topic_reader("subject", FilterField.SUBJECT, ("subject",)),
    "topic": _topic_reader("topic", FilterField.TOPIC, ("subject", "genre")),
    "genre": _format,
}
KINDS = tuple(_READERS)
# The kinds of form a reader's word is corrected against, for each kind of value.
_CORRECTED_AGAINST = {
    "language": ("language",), "country": ("country",), "place": ("place",),
    "name": ("name", "publisher"), "printer": ("name", "publisher"),
    "subject": ("subject",), "topic": ("subject", "genre"), "genre": ("genre",),
}  # fmt: skip
_ALL_FORMS = ("language", "country", "place", "name", "publisher", "subject", "genre")


def _corrected(vocabulary: Vocabulary, words: list[str], kinds: tuple[str, ...]) -> list[Reading]:
    """Readings of the run with one misspelt word corrected: a word the index does not hold
    at all, else any word (each correction of the closest spellings that reads)."""
    against = tuple(dict.fromkeys(k for kind in kinds for k in _CORRECTED_AGAINST[kind]))
    unknown = [
        w
        for w in words
        if w not in FILLERS and not any(vocabulary.containing(k, [w]) for k in _ALL_FORMS)
    ]
    readings: list[Reading] = []
    for typo in unknown or [w for w in words if w not in FILLERS]:
        candidates = vocabulary.corrections(against, typo)
        top = candidates[0][1] if candidates else 0.0
        for candidate, score in candidates:
            if score < top - CLOSE and readings:
                break
            fixed = [candidate if w == typo else w for w in words]
            for kind in kinds:
                reading = _READERS[kind](vocabulary, fixed, " ".join(fixed))
                if reading is not None:
                    readings.append(reading.spelt({typo: candidate}, score))
        if readings:
            return readings
    return readings
