"""What a record's leader and 008 say it is, as genre terms (MARC 21 Bibliographic).

Leader/06 (type of record) and leader/07 (bibliographic level) say what any record is; a
book's 008/33 (literary form, for leader/06 'a' or 't' at level 'a', 'c', 'd' or 'm') what
kind of writing it holds, and its 008/22 (target audience) whether it is for children or
young adults. Each code has the term a reader uses first, then the names MARC
gives it. Codes that say nothing of a genre (language material, a monograph, "not
fiction", "unknown") are not listed.
"""

from __future__ import annotations

RECORD_TYPES: dict[str, tuple[str, ...]] = {  # leader/06
    "c": ("Printed music", "Notated music"),
    "d": ("Manuscript music", "Manuscript notated music"),
    "e": ("Maps", "Cartographic material"),
    "f": ("Manuscript maps", "Manuscript cartographic material"),
    "g": ("Films and videos", "Projected medium"),
    "i": ("Spoken sound recordings", "Nonmusical sound recording"),
    "j": ("Music sound recordings", "Musical sound recording"),
    "k": ("Pictures", "Two-dimensional nonprojectable graphic"),
    "m": ("Electronic resources", "Computer file"),
    "o": ("Kits", "Kit"),
    "p": ("Mixed materials",),
    "r": ("Objects", "Three-dimensional artifact or naturally occurring object"),
    "t": ("Manuscripts", "Manuscript language material"),
}
LEVELS: dict[str, tuple[str, ...]] = {  # leader/07
    "i": ("Integrating resources", "Integrating resource"),
    "s": ("Serials", "Serial"),
}
LITERARY_FORMS: dict[str, tuple[str, ...]] = {  # 008/33 of a book
    "1": ("Fiction",),
    "c": ("Comic strips",),
    "d": ("Drama", "Dramas"),
    "e": ("Essays",),
    "f": ("Novels",),
    "h": ("Humor, satires", "Humor, satires, etc."),
    "i": ("Letters",),
    "j": ("Short stories",),
    "m": ("Mixed forms",),
    "p": ("Poetry",),
    "s": ("Speeches",),
}
AUDIENCES: dict[str, tuple[str, ...]] = {  # 008/22 of a book
    "a": ("Juvenile literature", "Preschool"),
    "b": ("Juvenile literature", "Primary"),
    "c": ("Juvenile literature", "Pre-adolescent"),
    "j": ("Juvenile literature", "Juvenile"),
    "d": ("Young adult literature", "Adolescent"),
}
TABLES = (RECORD_TYPES, LEVELS, LITERARY_FORMS, AUDIENCES)


def kinds(leader: str, f008: str) -> list[tuple[str, ...]]:
    """The names of each kind the leader and 008 give a record."""
    found = [RECORD_TYPES.get(leader[6:7]), LEVELS.get(leader[7:8])]
    if leader[6:7] in ("a", "t") and leader[7:8] in ("a", "c", "d", "m") and len(f008) > 33:
        found.append(LITERARY_FORMS.get(f008[33]))
        found.append(AUDIENCES.get(f008[22]))
    return [names for names in found if names]
