"""The index's vocabulary: every form of every value readers may name, built with the index.

One row per (kind, form, value): the folded ``form`` a reader's words are matched against, the
``value`` a filter then uses, how to ``display`` it and how many ``records`` have it:

* place: a place of printing, by its modern English name, the other names of the city and
  every Latin, vernacular or Hebrew imprint form known for it ("venetiis", "ויניציאה" ->
  venice); a name the index holds as a place of its own leads to that place alone;
* language, country: the MARC codes the index holds, by all their names ("maori", "te reo");
* name: a person or body (``agents.name_key``), by its key, each form it is catalogued under
  and each see-from form of its authority record ("froschouerus christophorus"); and, as
  kind ``related``, the names its authority record relates to it (a press and its founder);
* publisher: an imprint's publisher statement, without its Latin or English formula;
* subject: each part of a subject heading ("astronomy", "early works to 1800"), and the
  see-from forms of a subject authority ("cradle books" -> incunabula);
* genre: a 655 term or a kind of material ("maps", "serials", "poetry"), and its see-froms;
* citation: a bibliography the records cite (510 $a), by its name and first word ("goff").
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from scripts.marc.normalize import (
    acronym,
    country_forms,
    country_name,
    expand_abbreviations,
    fold,
    language_forms,
    place_aliases,
    place_forms,
    spoken_language,
)

Row = tuple[str, str, str, str, int]  # kind, form, value, display, records

_PLACES = """SELECT place_norm, count(DISTINCT record_id) FROM imprints
WHERE place_norm IS NOT NULL GROUP BY place_norm"""
_LANGUAGES = "SELECT code, count(DISTINCT record_id) FROM languages GROUP BY code"
_COUNTRIES = """SELECT country_code, count(*) FROM records
WHERE country_code IS NOT NULL GROUP BY country_code"""
_NAMES = """SELECT name_key, count(DISTINCT record_id) FROM (
    SELECT record_id, name_key FROM agents UNION SELECT record_id, name_key FROM imprint_names
) WHERE name_key IS NOT NULL GROUP BY name_key"""
_NAME_FORMS = """SELECT DISTINCT name_key, name_norm FROM agents WHERE name_norm IS NOT NULL
UNION SELECT a.heading_norm, f.form_norm FROM authority_forms f JOIN authorities a
    USING (authority_id) WHERE a.kind = 'name' AND f.relation = 'see_from'"""
_NAME_DISPLAY = """SELECT heading_norm, heading FROM authorities WHERE kind = 'name'"""
_RELATED_NAMES = """SELECT a.heading_norm, f.form_norm FROM authority_forms f
JOIN authorities a USING (authority_id) WHERE a.kind = 'name' AND f.relation = 'related'"""
_NAME_RAW = """SELECT name_key, name_raw, count(*) FROM agents WHERE name_key IS NOT NULL
GROUP BY name_key, name_raw ORDER BY 3"""
_PUBLISHERS = """SELECT publisher_norm, publisher_raw, count(DISTINCT record_id) FROM imprints
WHERE publisher_norm IS NOT NULL GROUP BY publisher_norm, publisher_raw"""
_SUBJECTS = "SELECT record_id, heading FROM subjects"
_CITED = """SELECT source_norm, min(source), count(DISTINCT record_id) FROM citations
WHERE source_norm IS NOT NULL GROUP BY source_norm"""
_GENRES = """SELECT term_norm, min(term), count(DISTINCT record_id) FROM genres
GROUP BY term_norm"""
_AUTHORITY_FORMS = """SELECT a.kind, a.heading_norm, f.relation, f.form_norm FROM authority_forms f
JOIN authorities a USING (authority_id) WHERE a.kind IN ('subject', 'place', 'title', 'genre')"""


def build_vocabulary(connection: sqlite3.Connection) -> None:
    """Fill the ``vocabulary`` table of a loaded, name-linked index (one transaction)."""
    rows: list[Row] = []
    for collect in (_places, _codes, _names, _publishers, _topics, _bibliographies):
        rows.extend(collect(connection))
    rows.extend(_also_written(rows))
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO vocabulary (kind, form, value, display, records) VALUES (?, ?, ?, ?, ?)",
        sorted(set(rows)),
    )
    connection.execute("COMMIT")


def _also_written(rows: list[Row]) -> list[Row]:
    """The forms again with abbreviations written out ("govt printer" -> "government
    printer"), and bodies' and publishers' initials ("oup" for Oxford University Press)."""
    more = []
    for kind, form, value, display, records in rows:
        if kind not in ("name", "publisher"):
            continue
        written = expand_abbreviations(form)
        if written != form:
            more.append((kind, written, value, display, records))
        initials = acronym(form)
        if initials:  # a kind of their own: read only when a reader types capitals ("OUP")
            more.append((f"{kind} initials", initials, value, display, records))
    return more


def _bibliographies(connection: sqlite3.Connection) -> list[Row]:
    """The bibliographies the records cite, by their name and its first word ("stc" for
    "STC (2nd ed.)"), which a reader types before a number ("STC 1234")."""
    rows = []
    for norm, source, records in connection.execute(_CITED):
        first = norm.split()[0]
        rows.extend(("citation", form, first, source, records) for form in {norm, first})
    return rows


def _places(connection: sqlite3.Connection) -> list[Row]:
    imprint_forms: dict[str, list[str]] = defaultdict(list)
    for form, place in place_forms().items():
        imprint_forms[place].append(form)
    held = dict(connection.execute(_PLACES).fetchall())
    rows = []
    for place, records in held.items():
        # Another name of the city leads here only when the index holds no place by that name:
        # "Constantinople" is the books whose imprints say so, and a filter on it adds the
        # city's other names (``place_aliases``) itself.
        names = [
            name for name in place_aliases(place) or (place,) if name == place or name not in held
        ]
        forms = {*names, *(form for name in names for form in imprint_forms.get(name, ()))}
        rows.extend(("place", form, place, place.title(), records) for form in forms)
    return rows


def _codes(connection: sqlite3.Connection) -> list[Row]:
    rows = []
    for kind, sql, forms, name in (
        ("language", _LANGUAGES, language_forms(), spoken_language),
        ("country", _COUNTRIES, country_forms(), country_name),
    ):
        held = dict(connection.execute(sql).fetchall())
        for form, code in forms.items():
            if code in held:
                rows.append((kind, form, code, name(code) or code, held[code]))
    return rows


def _names(connection: sqlite3.Connection) -> list[Row]:
    counts = dict(connection.execute(_NAMES).fetchall())
    display = {key: raw.rstrip(" ,.") for key, raw, _ in connection.execute(_NAME_RAW)}
    display.update(dict(connection.execute(_NAME_DISPLAY).fetchall()))
    forms: dict[str, set[str]] = defaultdict(set)
    for key, form in connection.execute(_NAME_FORMS):
        forms[key].add(form)
    rows = [
        ("name", form, key, display.get(key, key), records)
        for key, records in counts.items()
        for form in {key, *forms.get(key, ())}
    ]
    # A press and its founder, a firm and its partners: each stands for the other too.
    for one, other in connection.execute(_RELATED_NAMES):
        if one in counts and other in counts:
            rows.append(("related", one, other, display.get(other, other), counts[other]))
            rows.append(("related", other, one, display.get(one, one), counts[one]))
    return rows


def _publishers(connection: sqlite3.Connection) -> list[Row]:
    best: dict[str, tuple[int, str]] = {}
    totals: dict[str, int] = defaultdict(int)
    for norm, raw, records in connection.execute(_PUBLISHERS):
        totals[norm] += records
        if raw and records > best.get(norm, (0, ""))[0]:
            best[norm] = (records, raw.rstrip(" ,:;"))
    return [
        ("publisher", norm, norm, best.get(norm, (0, norm))[1], records)
        for norm, records in totals.items()
    ]


def _topics(connection: sqlite3.Connection) -> list[Row]:
    """Subject heading parts and genre terms, with their authorities' see-from forms."""
    records: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for record_id, heading in connection.execute(_SUBJECTS):
        for part in heading.split(" -- "):
            norm = fold(part)
            if norm:
                records[norm].add(record_id)
                shown.setdefault(norm, part.strip(" .,"))
    rows: list[Row] = [("subject", n, n, shown[n], len(ids)) for n, ids in records.items()]
    genres = {norm: (term, count) for norm, term, count in connection.execute(_GENRES)}
    rows.extend(("genre", n, n, term, count) for n, (term, count) in genres.items())
    for kind, heading, relation, form in connection.execute(_AUTHORITY_FORMS):
        target = "genre" if kind == "genre" else "subject"
        if target == "genre":
            display, count = genres.get(heading, (None, 0))
        else:
            display, count = shown.get(heading), len(records.get(heading, ()))
        if display and relation == "see_from":  # the form readers use names the heading
            rows.append((target, form, heading, display, count))
    return rows
