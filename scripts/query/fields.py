"""The field table: everything Colophon knows about each ``FilterField``, in one place.

A ``FieldSpec`` says, for one field, how readers name it (``spoken``: "any printer" drops a
printer condition, "sort by printer" and "which printers" will name it too), where its values
live in the index (one or more ``Source`` tables, with the normalised column that EQUALS/IN
compare, the columns CONTAINS searches, the record's raw value and its MARC source, which the
evidence cites), which operators it takes, how a value is normalised, expanded to its other
names and shown, and whether its values are a reader's free text (names, titles, subjects)
rather than a code or a number. ``operators`` builds the SQL, the evidence and the English
phrase from these entries; a new field is one entry here, and ``tests/scripts/query/
test_fields.py`` fails on a field with a gap.

"printed by X" and "published by X" both compile to PUBLISHER, which matches the imprint's
publisher statement (260/264 $b, where early printers are named) or a 7XX agent whose role is
printer, publisher or bookseller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from scripts.marc.names import PUBLISHING_ROLES
from scripts.marc.normalize import (
    country_code,
    country_codes,
    country_name,
    fold,
    language_code,
    normalize_place,
    normalize_publisher,
    normalize_role,
    place_aliases,
    spoken_language,
)
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, Scalar

PUBLISHING_ROLES_SQL = str(PUBLISHING_ROLES)  # as an SQL list: "('printer', ...)"
# Relator terms of those who owned or gave a copy (700 $e), for provenance.
OWNERSHIP_ROLES = ("former owner", "owner", "donor", "seller", "collector")
MAX_YEAR = 9999
# A record's years; when they come from a Hebrew year in an 880, that year as catalogued too:
# "1483-1484 (רמ"ד)".
_YEARS_RAW = """r.date_start || iif(r.date_end = r.date_start, '', '-' || r.date_end)
    || iif(r.date_source = '880$c', coalesce(' (' || (SELECT i.date_raw FROM imprints i
        WHERE i.record_id = r.record_id AND i.tag = '880' AND i.date_start = r.date_start
        ORDER BY i.position LIMIT 1) || ')', ''), '')"""


@dataclass(frozen=True)
class Source:
    """One table a field's values live in; ``records`` is the record row itself (alias ``r``)."""

    table: str
    norm: str | None = None
    like: tuple[str, ...] = ()
    fts: str | None = None
    fts_columns: str | None = None  # the FTS columns searched, when not all of them
    raw: str = "NULL"
    cite: str = "NULL"
    where: str = ""
    span: tuple[str, str] | None = None

    @property
    def alias(self) -> str:
        return "r" if self.table == "records" else "t"

    def serves(self, op: FilterOp) -> bool:
        """Whether this source is searched by ``op``: CONTAINS needs text columns or full
        text, EQUALS and IN a normalised column, RANGE a span of years."""
        if self.span:
            return True
        if op is FilterOp.CONTAINS:
            return bool(self.like or self.fts)
        return self.norm is not None


def _same(value: str) -> tuple[str, ...]:
    return (value,)


@dataclass(frozen=True)
class FieldSpec:
    """A filter field: how readers name it, where it lives, how values are read and shown."""

    label: str
    spoken: tuple[str, ...]  # the first is how Colophon names the field to a reader
    sources: tuple[Source, ...]
    ops: frozenset[FilterOp]
    normalise: Callable[[Scalar], Any]
    show: Callable[[Any], str]
    expand: Callable[[str], tuple[str, ...]] = _same
    counted: str | None = None  # the Vocabulary mapping that counts this field's values
    free_text: bool = False  # values are a reader's words: a name, a title, a topic
    family: str = ""  # fields that say the same kind of thing ("what about X?" swaps within)
    cue: str | None = None  # how a reader introduces a value of this field ("printed by")
    hebrew: str = ""  # the label in a Hebrew answer ("מקום הדפוס")

    @property
    def word(self) -> str:
        """How Colophon names the field: "any printer", "no language condition"."""
        return self.spoken[0]


def _text(value: Scalar) -> str:
    return fold(str(value))


def _place(value: Scalar) -> str:
    return normalize_place(str(value)) or fold(str(value))


def _places(place: str) -> tuple[str, ...]:
    return place_aliases(place) or (place,)


def _language(value: Scalar) -> str:
    return language_code(str(value)) or fold(str(value))


def _country(value: Scalar) -> str:
    return country_code(str(value)) or fold(str(value))


def _countries(code: str) -> tuple[str, ...]:
    return country_codes(code) or (code,)


def _publisher(value: Scalar) -> str:
    return normalize_publisher(str(value)) or fold(str(value))


def _role(value: Scalar) -> str:
    return normalize_role(str(value)) or fold(str(value))


def year(value: Scalar) -> int:
    """A YEAR filter's value as a year."""
    return int(value)


def _show_language(code: Any) -> str:
    return spoken_language(str(code))


def _show_country(code: Any) -> str:
    return country_name(str(code)) or str(code)


def _show_place(place: Any) -> str:
    return str(place).title()


def show_quoted(value: Any) -> str:
    """A reader's words as the answer repeats them: 'natural history'."""
    return f"'{value}'"


# A row from an 880 cites it and the field it pairs with: "marc:880$a (245)".
_PAIRED = "coalesce(' (' || t.linked_tag || ')', '')"
_TAG = f"'marc:' || t.tag || {_PAIRED}"  # the whole field: its subfields are read as one
_TAG_A = f"'marc:' || t.tag || '$a' || {_PAIRED}"
_TAG_B = f"'marc:' || t.tag || '$b' || {_PAIRED}"
_AGENT = {
    "table": "agents",
    "norm": "name_key",
    "like": ("name_raw", "name_norm"),
    "raw": "t.name_raw",
    "cite": _TAG_A,
}
# Printers and publishers named in imprints, linked to the person or body they are.
_IMPRINT_NAME = Source(
    "imprint_names", norm="name_key", raw="t.form", cite="'marc:' || t.tag || '$b'"
)
# Who printed a book is what its cataloguer's headings say (1XX/7XX with a printer's or
# publisher's role), where they say it; its imprint's wording, only where they do not.
HEADED = "SELECT 1 FROM agents a WHERE a.record_id = {record} AND a.role_norm IN {roles}"
_IMPRINT_PRINTER = replace(
    _IMPRINT_NAME,
    where=f"NOT EXISTS ({HEADED.format(record='t.record_id', roles=PUBLISHING_ROLES_SQL)})",
)
# Genre terms and kinds of material: 655 $a, 6XX $v, leader/06-07, 008/33, 008/22.
_GENRE_CITE = (
    "'marc:' || t.tag || CASE WHEN coalesce(t.linked_tag, t.tag) = '655' THEN '$a'"
    " WHEN t.tag GLOB '[0-9][0-9][0-9]' THEN '$v' ELSE '' END || " + _PAIRED
)
_ANY = frozenset({FilterOp.EQUALS, FilterOp.CONTAINS, FilterOp.IN})

FIELDS: dict[FilterField, FieldSpec] = {
    FilterField.PUBLISHER: FieldSpec(
        "printer or publisher",
        ("printer", "publisher", "press"),
        (
            Source(
                "imprints",
                norm="publisher_norm",
                like=("publisher_raw", "publisher_norm"),
                raw="t.publisher_raw",
                cite=_TAG_B,
            ),
            Source(**_AGENT, where=f"t.role_norm IN {PUBLISHING_ROLES_SQL}"),
            _IMPRINT_PRINTER,
        ),
        _ANY,
        _publisher,
        show_quoted,
        free_text=True,
        family="name",
        cue="printed by",
        hebrew="מדפיס או מו״ל",
    ),
    FilterField.IMPRINT_PLACE: FieldSpec(
        "place of printing",
        ("place", "town", "city", "place of printing"),
        (
            Source(
                "imprints",
                norm="place_norm",
                like=("place_raw", "place_norm"),
                raw="t.place_raw",
                cite=_TAG_A,
            ),
        ),
        _ANY,
        _place,
        _show_place,
        _places,
        "places",
        family="place",
        cue="printed in",
        hebrew="מקום הדפוס",
    ),
    FilterField.COUNTRY: FieldSpec(
        "country of publication",
        ("country",),
        (
            Source(
                "records",
                norm="r.country_code",
                like=("r.country_name",),
                raw="r.country_code",
                cite="'marc:008/15-17'",
            ),
        ),
        _ANY,
        _country,
        _show_country,
        _countries,
        "countries",
        family="place",
        cue="printed in",
        hebrew="ארץ הדפוס",
    ),
    FilterField.YEAR: FieldSpec(
        "date",
        ("date", "year", "period"),
        (
            Source(
                "records",
                raw=_YEARS_RAW,
                cite="'marc:' || r.date_source",
                span=("r.date_start", "COALESCE(r.date_end, r.date_start)"),
            ),
        ),
        frozenset({FilterOp.RANGE, FilterOp.EQUALS}),
        year,
        str,
        family="date",
        hebrew="שנה",
    ),
    FilterField.LANGUAGE: FieldSpec(
        "language",
        ("language",),
        (
            Source(
                "languages", norm="code", like=("name",), raw="t.code", cite="'marc:' || t.source"
            ),
        ),
        _ANY,
        _language,
        _show_language,
        counted="languages",
        family="language",
        cue="in",
        hebrew="שפה",
    ),
    FilterField.TITLE: FieldSpec(
        "title",
        ("title",),
        (Source("titles", norm="title_norm", fts="titles_fts", raw="t.title", cite=_TAG_A),),
        _ANY,
        _text,
        show_quoted,
        free_text=True,
        family="title",
        cue="titled",
        hebrew="כותר",
    ),
    FilterField.SUBJECT: FieldSpec(
        "subject",
        ("subject",),
        (
            Source(
                "subjects",
                norm="heading_norm",
                fts="subjects_fts",
                fts_columns="headings",
                raw="t.heading",
                cite=_TAG_A,
            ),
        ),
        _ANY,
        _text,
        show_quoted,
        free_text=True,
        family="topic",
        cue="about",
        hebrew="נושא",
    ),
    # What a book is about or what kind of book it is: a bare "maps" or "astronomy".
    FilterField.TOPIC: FieldSpec(
        "subject or genre",
        ("topic", "subject or genre"),
        (
            Source("subjects", fts="subjects_fts", raw="t.heading", cite=_TAG_A),
            Source("genres", fts="subjects_fts", raw="t.term", cite=_GENRE_CITE),
        ),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        free_text=True,
        family="topic",
        cue="about",
        hebrew="נושא או סוגה",
    ),
    FilterField.NOTE: FieldSpec(
        "notes",
        ("note", "notes"),
        (Source("notes", fts="notes_fts", raw="t.text", cite=_TAG_A),),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        free_text=True,
        family="note",
        hebrew="הערות",
    ),
    FilterField.PHYSICAL_DESC: FieldSpec(
        "physical description",
        ("format", "size", "physical description"),
        (Source("physical_descriptions", like=("text",), raw="t.text", cite=_TAG),),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        family="format",
        hebrew="תיאור פיזי",
    ),
    # A person or body named on the record: in a 1XX/7XX heading, or in its imprint.
    FilterField.AGENT: FieldSpec(
        "name",
        ("author", "name", "person"),
        (
            Source(**_AGENT),
            _IMPRINT_NAME,
            Source("imprints", norm="publisher_norm", raw="t.publisher_raw", cite=_TAG_B),
        ),
        _ANY,
        _text,
        show_quoted,
        free_text=True,
        family="name",
        cue="by",
        hebrew="שם",
    ),
    FilterField.AGENT_NORM: FieldSpec(
        "name (as catalogued)",
        ("name", "author"),
        (Source("agents", norm="name_norm", like=("name_norm",), raw="t.name_raw", cite=_TAG_A),),
        _ANY,
        _text,
        show_quoted,
        family="name",
        cue="by",
        hebrew="שם (כפי שקוטלג)",
    ),
    FilterField.AGENT_ROLE: FieldSpec(
        "role",
        ("role", "name"),
        (
            Source(
                "agents",
                norm="role_norm",
                like=("role_raw", "role_norm"),
                raw="COALESCE(t.role_raw, t.role_norm)",
                cite=f"'marc:' || t.tag || '$e' || {_PAIRED}",
            ),
        ),
        _ANY,
        _role,
        str,
        family="role",
        hebrew="תפקיד",
    ),
    FilterField.GENRE: FieldSpec(
        "kind of book",
        ("genre", "form", "kind of book"),
        (
            Source(
                "genres",
                norm="term_norm",
                fts="subjects_fts",
                fts_columns="genres",
                raw="t.term",
                cite=_GENRE_CITE,
            ),
            # A form heading as topical headings used to give it ("Sermons, Danish").
            Source(
                "subjects",
                like=("heading_norm",),
                raw="t.heading",
                cite=_TAG_A,
                where="t.tag = '650'",
            ),  # fmt: skip
        ),
        _ANY,
        _text,
        str,
        free_text=True,
        family="topic",
        hebrew="סוג הספר",
    ),
    FilterField.KEYWORD: FieldSpec(
        "text",
        ("words", "keywords"),
        (
            Source("titles", fts="keywords_fts", raw="t.title", cite=_TAG_A),
            Source("subjects", fts="keywords_fts", raw="t.heading", cite=_TAG_A),
            Source("notes", fts="keywords_fts", raw="t.text", cite=_TAG_A),
            Source("agents", fts="keywords_fts", raw="t.name_raw", cite=_TAG_A),
            Source("imprints", fts="keywords_fts", raw="t.publisher_raw", cite=_TAG_B),
        ),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        free_text=True,
        family="words",
        hebrew="מילים",
    ),
    FilterField.CITATION: FieldSpec(
        "reference",
        ("reference", "citation", "bibliography"),
        (
            Source(
                "citations",
                like=("source_norm", "number_norm"),
                raw="t.source || coalesce(' ' || t.number, '')",
                cite=_TAG_A,
            ),
        ),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        family="reference",
        cue="cited in",
        hebrew="מראה מקום ביבליוגרפי",
    ),
    FilterField.PROVENANCE: FieldSpec(
        "provenance",
        ("provenance", "former owner", "owner"),
        (
            Source("notes", like=("text",), raw="t.text", cite=_TAG_A, where="t.tag = '561'"),
            Source(
                **{**_AGENT, "like": ("name_norm",)},
                where=f"t.role_norm IN {str(OWNERSHIP_ROLES)}",
            ),
        ),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        free_text=True,
        family="provenance",
        cue="owned by",
        hebrew="בעלים קודמים",
    ),
    FilterField.BINDING: FieldSpec(
        "binding",
        ("binding", "bindings"),
        (Source("notes", like=("text",), raw="t.text", cite=_TAG_A, where="t.tag = '563'"),),
        frozenset({FilterOp.CONTAINS}),
        _text,
        show_quoted,
        family="binding",
        cue="bound in",
        hebrew="כריכה",
    ),
    FilterField.SHELFMARK: FieldSpec(
        "shelfmark",
        ("shelfmark", "shelf mark", "call number"),
        (
            Source(
                "holdings",
                norm="shelfmark_norm",
                like=("shelfmark_norm",),
                raw="t.shelfmark",
                cite="'marc:' || t.tag || '$h'",
            ),
        ),
        frozenset({FilterOp.EQUALS, FilterOp.CONTAINS}),
        _text,
        str,
        family="shelfmark",
        cue="shelfmark",
        hebrew="סימן מדף",
    ),
    FilterField.AGENT_TYPE: FieldSpec(
        "kind of name",
        ("kind of name", "name"),
        (Source("agents", norm="agent_type", raw="t.agent_type", cite="'marc:' || t.tag"),),
        frozenset({FilterOp.EQUALS, FilterOp.IN}),
        _text,
        str,
        family="role",
        hebrew="סוג השם",
    ),
}


def fields_named(word: str) -> frozenset[FilterField]:
    """The fields a reader's word for a field names: "printer" -> {PUBLISHER}, "שפה" ->
    {LANGUAGE}."""
    word = word.casefold()
    return frozenset(
        field for field, spec in FIELDS.items() if word in spec.spoken or word == spec.hebrew
    )


SPOKEN_NAMES = sorted({word for spec in FIELDS.values() for word in spec.spoken}, key=len)[::-1]


def estimate(flt: Filter, counts: dict[str, int]) -> int:
    """How many records a positive EQUALS/IN filter may match, from the index's value counts."""
    spec = FIELDS[flt.field]
    values = {v for item in flt.values for v in spec.expand(spec.normalise(item))}
    return sum(counts.get(value, 0) for value in values)


def check_supported(flt: Filter) -> None:
    """Raise ValueError when the executor has no SQL for this field and operator."""
    spec = FIELDS[flt.field]
    if flt.op not in spec.ops:
        allowed = ", ".join(sorted(op.value for op in spec.ops))
        raise ValueError(f"{spec.label}: operator {flt.op.value} is not supported ({allowed})")
    if flt.field is not FilterField.YEAR:
        return
    try:
        years = [year(flt.value)] if flt.op is FilterOp.EQUALS else [flt.start, flt.end]
    except ValueError:
        raise ValueError(f"date: {flt.value!r} is not a year") from None
    if any(y is not None and not -MAX_YEAR <= y <= MAX_YEAR for y in years):
        raise ValueError(f"date: a year must lie between -{MAX_YEAR} and {MAX_YEAR}")
