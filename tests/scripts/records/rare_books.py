"""A small catalogue with rare-book fields, written with pymarc and indexed for real.

The books and their facts are real: the Gutenberg Bible (Goff B-526, ISTC ib00526000, GW
4201), the Aldine Herodotus of 1502 with its Greek title, and Joseph Karo's Shulḥan ʻarukh
(Venice, 1565) with its Hebrew title, author and imprint in 880s. Their shelfmarks belong to
the demo library, links go to example.org, and the copy notes (561, 563) describe a demo copy
in words that name no one. A fourth record carries odd bytes and an 880 without its $6.
"""

from __future__ import annotations

from pathlib import Path

from scripts.marc.index import build_index
from tests.scripts.marc.marc_files import book, datafield, f008

GUTENBERG = book(
    "r1",
    title="Biblia latina.",
    control_008=f008("1455", country="gw", language="lat"),
    imprint=("a", "[Mainz :", "b", "Johann Gutenberg and Johann Fust,", "c", "about 1455]"),
    fields=(
        datafield("300", "a", "2 volumes ;", "c", "folio."),
        datafield("510", "a", "Goff,", "c", "B-526", indicators="4 "),
        datafield("510", "a", "ISTC", "c", "ib00526000", indicators="4 "),
        datafield("510", "a", "GW", "c", "4201", indicators="4 "),
        datafield("561", "a", "Inscription of an early owner on the first leaf."),
        datafield("563", "a", "Bound in limp vellum."),
        datafield("655", "a", "Incunabula.", "2", "rbmscv", indicators=" 7"),
        datafield(
            "700", "a", "Gutenberg, Johann,", "d", "1397?-1468,", "e", "printer.", indicators="1 "
        ),  # fmt: skip
        datafield("700", "a", "Fust, Johann,", "d", "-1466,", "e", "printer.", indicators="1 "),
        datafield(
            "852", "a", "Colophon Demo Library", "b", "Rare Books", "h", "Inc. 1", indicators="8 "
        ),  # fmt: skip
        datafield(
            "856", "u", "https://example.org/gutenberg", "y", "Digitised copy", indicators="41"
        ),  # fmt: skip
    ),
)
HERODOTUS = book(
    "r2",
    title="Herodoti Libri novem.",
    control_008=f008("1502", country="it", language="grc"),
    imprint=("a", "Venetiis :", "b", "in domo Aldi,", "c", "1502."),
    fields=(
        datafield("100", "a", "Herodotus.", indicators="0 "),
        datafield(
            "700", "a", "Manuzio, Aldo,", "d", "1449 or 1450-1515,", "4", "prt", indicators="1 "
        ),  # fmt: skip
        datafield(
            "852", "a", "Colophon Demo Library", "b", "Graeca", "h", "Gr. 2", indicators="8 "
        ),  # fmt: skip
        datafield("880", "6", "245-01/(S", "a", "Ἡροδότου λόγοι ἐννέα.", indicators="10"),
    ),
)
KARO = book(
    "r3",
    title="Shulḥan ʻarukh.",
    control_008=f008("1565", country="it", language="heb"),
    imprint=("6", "880-03", "a", "Venezia,", "c", "1565."),
    fields=(
        datafield("100", "6", "880-01", "a", "Karo, Joseph,", "d", "1488-1575.", indicators="1 "),
        datafield(
            "880", "6", "100-01/(2/r", "a", "קארו, יוסף,", "d", "1488-1575.", indicators="1 "
        ),
        datafield("880", "6", "245-02/(2/r", "a", "שלחן ערוך.", indicators="10"),
        datafield("880", "6", "260-03/(2/r", "a", "ויניציאה,", "c", "שכ״ה."),
    ),
)
ODD = book(
    "r4",
    title="Anonymous tract\x07 with a bell.",
    imprint=("a", "[S.l. :", "b", "s.n.]"),
    control_008=f008("uuuu", date_type="n", country="xx", language="und"),
    fields=(
        datafield("500", "a", "Vertical\x0btab in a note."),
        datafield("880", "a", "An 880 without its $6."),
    ),
)
HERODOTUS["245"].add_subfield("6", "880-01", 0)
KARO["245"].add_subfield("6", "880-02", 0)
RARE = [GUTENBERG, HERODOTUS, KARO, ODD]


def build_rare_index(folder: Path) -> Path:
    """Write the records as MARC 21 in ``folder`` and index them; the index path."""
    source = folder / "rare.mrc"
    source.write_bytes(b"".join(record.as_marc() for record in RARE))
    db_path = folder / "rare.db"
    build_index([source], db_path)
    return db_path
