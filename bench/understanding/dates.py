"""What readers' date words mean, as the (first, last) years a librarian would search.

Conventions, chosen once for every case: a century is its hundreds ("16th century" and "the
1500s" are 1500-1599); early, mid and late are its thirds; "c. 1550" is five years either
side.
"""

from __future__ import annotations

CIRCA = 5


def century(ordinal: int) -> tuple[int, int]:
    """The 16th century: 1500-1599."""
    start = (ordinal - 1) * 100
    return start, start + 99


def early(ordinal: int) -> tuple[int, int]:
    start, _ = century(ordinal)
    return start, start + 33


def mid(ordinal: int) -> tuple[int, int]:
    start, _ = century(ordinal)
    return start + 34, start + 66


def late(ordinal: int) -> tuple[int, int]:
    start, end = century(ordinal)
    return start + 67, end


def decade(start: int) -> tuple[int, int]:
    """The 1540s: 1540-1549."""
    return start, start + 9


def circa(year: int) -> tuple[int, int]:
    return year - CIRCA, year + CIRCA
