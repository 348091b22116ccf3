"""A nine-record catalogue for the query tests, written with pymarc and indexed for real.

Its values are chosen to trip SQL, LIKE and FTS: quotes, semicolons, ``%``, ``_``, FTS
operators, Hebrew, Greek and Cyrillic; Venice appears as "Venetiis" and "Venezia", Leiden as
"Lugduni Batavorum", and two printers are named only in 700 $e.
"""

from __future__ import annotations

from pathlib import Path

from pymarc import Field, Indicators, Record, Subfield

from scripts.marc.index import build_index


def _field(tag: str, *pairs: str, indicators: str = "  ") -> Field:
    subfields = [Subfield(code, value) for code, value in zip(pairs[::2], pairs[1::2], strict=True)]
    return Field(tag=tag, indicators=Indicators(*indicators), subfields=subfields)


def _book(
    record_id: str,
    title: str,
    dates: str,
    country: str,
    language: str,
    imprint: tuple[str, ...],
    *fields: Field,
) -> Record:
    """A book: 001, 008 (``dates`` is 008/06-14), 245, 260 and any further fields."""
    record = Record(force_utf8=True)
    record.add_field(Field(tag="001", data=record_id))
    record.add_field(Field(tag="008", data=f"850101{dates}{country:<3}{' ' * 17}{language}  "))
    record.add_field(_field("245", "a", title, indicators="10"))
    record.add_field(_field("260", *imprint))
    for extra in fields:
        record.add_field(extra)
    return record


CRAFTED = [
    _book(
        "q1", "De revolutionibus orbium coelestium", "s1543    ", "it", "lat",
        ("a", "Venetiis :", "b", "apud Aldum,", "c", "1543."),
        _field("100", "a", "Copernicus, Nicolaus,", "d", "1473-1543.", indicators="1 "),
        _field("650", "a", "Astronomy", "v", "Early works to 1800.", indicators=" 0"),
        _field("300", "a", "[6], 196 leaves ;", "c", "2°."),
    ),
    _book(
        "q2", "Sefer Tehilim", "s1650    ", "ne", "heb",
        ("a", "Amstelodami :", "b", "Menasseh ben Israel,", "c", "1650."),
        _field("246", "a", "ספר תהלים", indicators="1 "),
        _field("700", "a", "Menasseh ben Israel,", "d", "1604-1657,", "e", "printer.",
               indicators="0 "),
        _field("650", "a", "Psalms", indicators=" 0"),
    ),
    _book(
        "q3", '50% off: the "quoted" title; DROP TABLE records; --', "s1700    ", "enk", "eng",
        ("a", "London :", "b", "Printed by J. Smith & Co.,", "c", "1700."),
        _field("100", "a", "O'Brien, Pat.", indicators="1 "),
        _field("650", "a", "Prices", "z", "Great Britain.", indicators=" 0"),
        _field("300", "a", "48 p. ;", "c", "8vo (100% complete)"),
    ),
    _book(
        "q4", "Ἱστορίαι", "s1550    ", "sz", "grc",
        ("a", "Basileae :", "b", "Oporinus,", "c", "1550."),
        _field("100", "a", "Herodotus.", indicators="0 "),
        _field("651", "a", "Greece", "x", "History.", indicators=" 0"),
    ),
    _book(
        "q5", "Война и мир", "s1990    ", "ru", "rus",
        ("a", "Moskva :", "b", "Nauka,", "c", "1990."),
        _field("100", "a", "Толстой, Лев,", "d", "1828-1910.", indicators="1 "),
    ),
    _book(
        "q6", "Under_score title, 100% pure", "s1640    ", "ne", "lat",
        ("a", "Lugduni Batavorum :", "b", "ex officina Elzeviriana,", "c", "1640."),
        _field("700", "a", "Elzevier, Bonaventura,", "e", "printer.", indicators="1 "),
    ),
    _book(
        "q7", "Viaggio in Levante", "s1600    ", "it", "ita",
        ("a", "Venezia :", "b", "Giunti,", "c", "1600."),
        _field("650", "a", "Voyages and travels.", indicators=" 0"),
    ),
    _book(
        "q8", "Anonymous tract", "nuuuuuuuu", "xx", "eng",
        ("a", "[S.l. :", "b", "s.n.]"),
    ),
    _book(
        "q9", "Opera omnia NEAR the OR * of AND", "m15901610", "it", "lat",
        ("a", "Venetiis :", "b", "apud Iuntas,", "c", "1590-1610."),
        _field("650", "a", "Theology", "v", "Early works to 1800.", indicators=" 0"),
    ),
]  # fmt: skip


def build_crafted_index(folder: Path) -> Path:
    """Write the crafted records as MARC 21 in ``folder`` and index them; the index path."""
    source = folder / "crafted.mrc"
    source.write_bytes(b"".join(record.as_marc() for record in CRAFTED))
    db_path = folder / "crafted.db"
    build_index([source], db_path)
    return db_path
