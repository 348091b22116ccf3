"""Facts read straight from MARC records with pymarc, to check answers against.

Deliberately naive and independent of scripts/marc: substring tests on the raw fields, the
language codes of 008/35-37 and every 041 $a (old records pack several codes into one $a).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymarc


def read_records(path: Path) -> list[pymarc.Record]:
    if path.suffix == ".xml":
        return pymarc.parse_xml_to_array(str(path))
    with path.open("rb") as handle:
        return [
            r for r in pymarc.MARCReader(handle, to_unicode=True, force_utf8=True) if r is not None
        ]


def record_id(record: pymarc.Record) -> str:
    return record["001"].data


def _actual(place: str) -> str:
    """The real place of a false or corrected imprint: "In Venetia [i.e. London]" -> "london]"."""
    return place.split("[i.e.", 1)[1] if "[i.e." in place else place


def imprint_places(record: pymarc.Record) -> list[str]:
    return [
        _actual(place.lower())
        for field in record.get_fields("260", "264")
        if field.tag == "260" or field.indicator2 == "1"
        for place in field.get_subfields("a")
    ]


def publishers(record: pymarc.Record) -> list[str]:
    return [
        name.lower()
        for field in record.get_fields("260", "264")
        if field.tag == "260" or field.indicator2 == "1"
        for name in field.get_subfields("b")
    ]


def languages(record: pymarc.Record) -> set[str]:
    codes = {record["008"].data[35:38]} if record["008"] else set()
    for field in record.get_fields("041"):
        for packed in field.get_subfields("a"):
            codes.update(packed[i : i + 3] for i in range(0, len(packed), 3))
    return codes


def year(record: pymarc.Record) -> int:
    """008/07-10 with unknown digits as 0 ("15uu" -> 1500); 9999 when absent."""
    digits = record["008"].data[7:11].replace("u", "0") if record["008"] else ""
    return int(digits) if digits.isdigit() else 9999


def printed_in(*names: str) -> Callable[[pymarc.Record], bool]:
    return lambda record: any(name in place for place in imprint_places(record) for name in names)


def ids(records: list[pymarc.Record], *tests: Callable[[pymarc.Record], bool]) -> set[str]:
    return {record_id(r) for r in records if all(test(r) for test in tests)}
