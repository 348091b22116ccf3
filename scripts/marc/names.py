"""Who is who: every name in the index linked to the person or body it names, at build time.

A person or body is known by one key, ``agents.name_key``: the folded authority heading when
an authority record's heading or one of its see-from forms is the name ("Froschouer,
Christoffel" -> "froschauer christoph"), else the name's own folded form. Imprints name
printers in the case their Latin needs ("apud Christophorum Froschouerum", "in aedibus
Ioannis Frobenii"), and ``imprint_names`` links each statement to the keys it holds:

* statement by statement, a form all of whose words the statement holds (a name that is a
  word twice, twice: "Thomas Roycroft" is not "Thomas, Thomas"), in any Latin case
  ("Christophorum" for "Christophorus"), or shortens ("Rob. Stephani" holds "Roberti
  Stephani"): an authority form ("Seb. Gryphium", "Froschouerus, Christophorus") or a 1XX/7XX name
  ("Oxford University Press"); a form must hold a word of its own, not only words every press
  shares ("press", "university", "typographia"), and a government named by its country ("New
  Zealand") is not looked for, as its name starts other bodies' ("New Zealand Soil Bureau");
* record by record, the record's own printer or publisher (7XX with that role) whose surname
  starts a word of the statement ("Froben, Johann" and "Frobenii").

Run once, on the loaded index, before its vocabulary is built.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from functools import lru_cache

from scripts.marc.normalize import country_forms, expand_abbreviations, fold, latin_stem

PUBLISHING_ROLES = ("printer", "publisher", "bookseller")
# Words of press and firm names that say nothing of which press it is.
GENERIC_WORDS = frozenset(
    [
        "press",
        "presses",
        "university",
        "universitatis",
        "academic",
        "academica",
        "academiae",
        "typis",
        "typographia",
        "typographi",
        "typographica",
        "officina",
        "printer",
        "printers",
        "printing",
        "printed",
        "company",
        "co",
        "sons",
        "son",
        "brothers",
        "bros",
        "limited",
        "ltd",
        "inc",
        "and",
        "et",
        "the",
        "of",
        "for",
        "at",
        "de",
        "la",
        "le",
        "du",
        "des",
        "der",
        "die",
        "von",
        "van",
        "la",
        "society",
        "societas",
        "library",
        "government",
        "govt",
        "department",
        "dept",
        "ministry",
        "office",
        "board",
        "council",
        "publishers",
        "publishing",
        "publications",
        "books",
        "book",
        "house",
    ]
)
_MIN_STEM = 4  # shorter words are too common in imprints to name a printer
_MIN_CUT = 3  # a shortened word needs this many letters to stand for a longer one ("Rob.")
_MIN_CASE_STEM = 6  # stems this long that start one another are one word in two cases


def link_names(connection: sqlite3.Connection) -> None:
    """Fill ``agents.name_key`` and ``imprint_names`` of a loaded index (one transaction)."""
    connection.execute("BEGIN")
    _key_agents(connection)
    _link_imprints(connection)
    connection.execute("COMMIT")


def _key_agents(connection: sqlite3.Connection) -> None:
    """Each agent's key: the heading of the one authority record that has its form, if any."""
    owners: dict[str, set[str]] = defaultdict(set)
    rows = connection.execute(
        """SELECT a.heading_norm, a.heading_norm FROM authorities a WHERE a.kind = 'name'
        UNION ALL SELECT a.heading_norm, f.form_norm FROM authority_forms f
        JOIN authorities a USING (authority_id) WHERE a.kind = 'name' AND f.relation = 'see_from'"""
    )
    for heading, form in rows:
        owners[form].add(heading)
    connection.execute("CREATE TEMP TABLE name_map (form TEXT PRIMARY KEY, key TEXT NOT NULL)")
    connection.executemany(
        "INSERT INTO name_map (form, key) VALUES (:form, :key)",
        [
            {"form": form, "key": next(iter(keys))}
            for form, keys in owners.items()
            if len(keys) == 1
        ],
    )
    connection.execute(
        """UPDATE agents SET name_key = coalesce(
            (SELECT key FROM name_map WHERE form = agents.name_norm), name_norm)"""
    )
    connection.execute("DROP TABLE name_map")


def _stem_list(text: str) -> list[str]:
    return [latin_stem(word) for word in expand_abbreviations(fold(text)).split()]


def _repeated(words: list[str]) -> Counter[str]:
    """The words of a name that says nothing but a word twice ("Thomas, Thomas"), each as
    often as it does: a statement names it only if it repeats them ("Thomas Platter" is not
    Thomas Thomas). A name with another word of its own is known by that word ("New Zealand.
    Statistics New Zealand" is "Statistics NZ")."""
    counts = Counter(words)
    if all(n > 1 for stem, n in counts.items() if _is_distinctive(stem)):
        return Counter({stem: n for stem, n in counts.items() if n > 1})
    return Counter()


def _abbreviated(statement: str) -> frozenset[str]:
    """The words a statement shortens with a full stop ("Rob. Stephani", "Henr."), each of
    which stands for any word it starts."""
    return frozenset(
        fold(word[:-1])
        for word in statement.split()
        if word.endswith(".") and word[:-1].isalpha() and len(word) > _MIN_CUT
    )


def _holds(stems: frozenset[str], cut: frozenset[str], needed: frozenset[str]) -> bool:
    """Whether a statement holds each word of a form: as it is, in another Latin case (one
    stem starts the other: "christoph-orum", "christophor-us"), or shortened ("Rob.")."""
    return needed <= stems or all(
        n in stems
        or (cut and any(n.startswith(a) for a in cut))
        or (len(n) >= _MIN_CASE_STEM and _in_another_case(n, stems))
        for n in needed
    )


def _in_another_case(word: str, stems: frozenset[str]) -> bool:
    """Whether a stem of the statement starts ``word`` (``_MIN_CASE_STEM`` letters or more)
    or ``word`` starts it, both at least that long."""
    starts = _starts(stems)
    return word in starts or any(word[:end] in stems for end in range(_MIN_CASE_STEM, len(word)))


@lru_cache(maxsize=1024)
def _starts(stems: frozenset[str]) -> frozenset[str]:
    """Every start, ``_MIN_CASE_STEM`` letters or longer, of a statement's stems."""
    return frozenset(s[:end] for s in stems for end in range(_MIN_CASE_STEM, len(s) + 1))


def _is_distinctive(stem: str) -> bool:
    return len(stem) >= _MIN_STEM and stem not in GENERIC_WORDS


def _link_imprints(connection: sqlite3.Connection) -> None:
    forms: list[tuple[frozenset[str], Counter[str], str]] = []
    having: dict[str, list[int]] = defaultdict(list)  # distinctive word -> forms with it
    rows = connection.execute(
        """SELECT f.form_norm, a.heading_norm FROM authority_forms f
        JOIN authorities a USING (authority_id) WHERE a.kind = 'name' AND f.relation = 'see_from'
        UNION SELECT heading_norm, heading_norm FROM authorities WHERE kind = 'name'
        UNION SELECT name_norm, name_key FROM agents WHERE name_norm IS NOT NULL"""
    )
    countries = country_forms()
    for form, key in rows:
        if form in countries:
            continue  # a government ("New Zealand"): its name starts other bodies' names
        words = _stem_list(form)
        stems = frozenset(words)
        # Found through its distinctive words only: a statement holding a form holds them.
        for stem in filter(_is_distinctive, stems):
            having[stem].append(len(forms))
        forms.append((stems, _repeated(words), key))
    links: set[tuple[str, str, int, str, str]] = set()
    statements = connection.execute(
        "SELECT record_id, tag, position, publisher_raw, publisher_norm FROM imprints"
        " WHERE publisher_norm IS NOT NULL"
    )
    held: dict[str, set[str]] = {}  # statement -> keys, worked out once per distinct statement
    for record_id, tag, position, raw, norm in statements:
        if raw not in held:
            words = _stem_list(norm)
            stems, cut, counted = frozenset(words), _abbreviated(raw), Counter(words)
            candidates = {i for stem in stems for i in having.get(stem, ())}
            held[raw] = {
                key
                for needed, repeats, key in map(forms.__getitem__, candidates)
                if _holds(stems, cut, needed) and (not repeats or repeats <= counted)
            }
        links.update((record_id, tag, position, key, raw) for key in held[raw])
    links.update(_own_printers(connection))
    connection.executemany(
        "INSERT INTO imprint_names (record_id, tag, position, name_key, form)"
        " VALUES (?, ?, ?, ?, ?)",
        sorted(links),
    )


def _own_printers(connection: sqlite3.Connection) -> set[tuple[str, str, int, str, str]]:
    """Statements naming the record's own 7XX printer by a word its surname starts."""
    rows = connection.execute(
        f"""SELECT i.record_id, i.tag, i.position, i.publisher_raw, i.publisher_norm, a.name_norm,
        a.name_key FROM agents a JOIN imprints i USING (record_id)
        WHERE a.role_norm IN {PUBLISHING_ROLES} AND a.agent_type = 'personal'
        AND i.publisher_norm IS NOT NULL AND a.name_norm IS NOT NULL"""
    )
    links = set()
    for record_id, tag, position, raw, norm, name, key in rows:
        surname = latin_stem(name.split()[0])
        if len(surname) < _MIN_STEM:
            continue
        if any(latin_stem(word).startswith(surname) for word in norm.split()):
            links.add((record_id, tag, position, key, raw))
    return links
