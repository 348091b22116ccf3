"""880 fields (alternate graphic representation) read as the fields they pair with.

An 880 holds a field in another script: the Hebrew title of a romanised 245, the Greek form
of a heading. Its $6 names the field it stands for: ``245-01/(2/r`` is the 245 with
occurrence 01, in Hebrew script (``(2``), written right to left. ``entries`` lists a record's
fields with every 880 read as the field its $6 names, so each goes to that field's table
(245 -> titles, 100 -> agents ...) while its rows keep the tag '880' and name the paired tag
in ``linked_tag``. An 880 without a usable $6 (missing, or not ``TTT-NN``) keeps the tag 880
and no pairing: the extractors treat it as a note, so its text stays searchable.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pymarc import Field

LINKED = "880"
_LINKAGE = re.compile(r"^\s*(\d{3})-(\d{2})")


class Entry(NamedTuple):
    """A field as the extractors route it: ``field.tag`` is the tag whose rules apply (the
    paired tag for a linked 880); ``tag`` is the tag its rows store; ``linked_tag`` the pairing.
    """

    field: Field
    tag: str
    linked_tag: str | None


def linked_tag(marc_field: Field) -> str | None:
    """The tag a field's $6 names ("245-01/(2/r" -> "245"), or None without a usable $6."""
    for value in marc_field.get_subfields("6"):
        found = _LINKAGE.match(value)
        if found and found.group(1) != LINKED:
            return found.group(1)
    return None


def entries(fields: list[Field]) -> list[Entry]:
    """Every field of a record in order, each linked 880 as the field it pairs with."""
    found = []
    for marc_field in fields:
        if marc_field.tag != LINKED or marc_field.is_control_field():
            found.append(Entry(marc_field, marc_field.tag, None))
            continue
        paired = linked_tag(marc_field)
        if paired is None:
            found.append(Entry(marc_field, LINKED, None))
            continue
        subfields = [subfield for subfield in marc_field.subfields if subfield.code != "6"]
        as_paired = Field(tag=paired, indicators=marc_field.indicators, subfields=subfields)
        found.append(Entry(as_paired, LINKED, paired))
    return found
