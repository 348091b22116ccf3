"""Reading subfields as catalogued: chosen codes in order, without the ISBD punctuation that
only joins an element to the next one (" :", " /", ","), nor a final full stop that ends it."""

from __future__ import annotations

from collections.abc import Iterable

from pymarc import Field

_ISBD_SEPARATORS = " /:;,=+"
# A final full stop is ISBD punctuation unless it ends an abbreviation (see _ends_abbreviation).
_ABBREVIATIONS = frozenset({"co", "inc", "ltd", "corp", "bros", "dept", "govt", "st", "p", "pp",
                            "ca", "etc", "jr", "sr", "esq", "ed", "eds", "vol", "vols", "no",
                            "ill", "ills", "illus", "ports", "col", "fol", "ff"})  # fmt: skip
_SUBDIVISIONS = frozenset("vxyz")


def values(marc_field: Field, codes: str) -> Iterable[str]:
    """The values of the subfields whose code is in ``codes``, stripped, in field order."""
    return (subfield.value.strip() for subfield in marc_field.subfields if subfield.code in codes)


def joined(marc_field: Field, codes: str) -> str:
    """The chosen subfields in order, space-joined, trailing ISBD punctuation trimmed."""
    return trim(" ".join(values(marc_field, codes)))


def heading_parts(marc_field: Field) -> list[str]:
    """A 6XX heading: its main part, then its $v $x $y $z subdivisions in order."""
    relator = "j" if marc_field.tag == "611" else "e"
    main: list[str] = []
    subdivisions: list[str] = []
    for subfield in marc_field.subfields:
        if subfield.code in _SUBDIVISIONS:
            subdivisions.append(trim(subfield.value))
        elif subfield.code.isalpha() and subfield.code != relator:
            main.append(subfield.value.strip())
    return [part for part in (trim(" ".join(main)), *subdivisions) if part]


def trim(text: str) -> str:
    """Without trailing ISBD separators, nor a final full stop that only ends the element."""
    text = text.strip().rstrip(_ISBD_SEPARATORS)
    if text.endswith(".") and not _ends_abbreviation(text[:-1].split()):
        text = text[:-1].rstrip(_ISBD_SEPARATORS)
    return text


def _ends_abbreviation(words: list[str]) -> bool:
    """Whether the last word (its full stop removed) is an abbreviation: an initial ("S"),
    initials ("N.Z"), a common abbreviation ("p", "Co"), or any word of an abbreviated
    phrase ("Lugd. Bat", "Hist. plant")."""
    if not words:
        return False
    last = words[-1]
    return (
        len(last) == 1
        or "." in last
        or last.lower() in _ABBREVIATIONS
        or any(word.endswith(".") for word in words[:-1])
    )
