"""The demo authority file, data/samples/authorities.xml.

Colophon links the words readers use (an imprint's "apud Seb. Gryphium", an English
"Maimonides", a Hebrew "משה בן מימון") to the catalogue's headings through the see-from
forms (4XX) of MARC 21 authority records. These tests hold the file to the authority format
and to that job: one heading a record, no see-from form pointing at two headings, and a
heading for every printer and author the demo catalogue names often. Forms are compared
folded: lower case, without diacritics, punctuation as spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

import pymarc
import pytest

from tests.conftest import DEMO_CATALOGUE, ROOT

AUTHORITIES = ROOT / "data" / "samples" / "authorities.xml"

HEADING_TAGS = ("100", "110", "111", "130", "150", "151", "155")
SEE_FROM_TAGS = ("400", "410", "411", "430", "450", "451", "455")
SEE_ALSO_TAGS = ("500", "510", "511", "530", "550", "551", "555")
NAME_HEADING_TAGS = ("100", "110", "111")
# Subfields that carry no part of the form itself: relationship codes and designators.
CONTROL_CODES = frozenset("iw0156784")

# Source citations whose $b quotes the demo catalogue, so the quotations can be checked.
IMPRINTS_CITATION = "Colophon demo catalogue, imprints"
HEADINGS_CITATION = "Colophon demo catalogue, headings"


def fold(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces, single spaces."""
    stripped = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())


def form(field: pymarc.Field) -> str:
    """A heading or reference as a folded string, without its relationship subfields."""
    return fold(" ".join(sub.value for sub in field.subfields if sub.code not in CONTROL_CODES))


def surname(field: pymarc.Field) -> str:
    """The entry element of a name: $a up to its first comma, folded."""
    return fold((field.get("a") or "").split(",")[0])


def heading(record: pymarc.Record) -> pymarc.Field:
    (field,) = record.get_fields(*HEADING_TAGS)
    return field


def relators(field: pymarc.Field) -> str:
    return " ".join(field.get_subfields("e", "4")).casefold()


@pytest.fixture(scope="module")
def authorities() -> list[pymarc.Record]:
    return pymarc.parse_xml_to_array(str(AUTHORITIES))


@pytest.fixture(scope="module")
def catalogue() -> list[pymarc.Record]:
    if not DEMO_CATALOGUE.exists():
        pytest.skip(f"{DEMO_CATALOGUE} is absent")
    return pymarc.parse_xml_to_array(str(DEMO_CATALOGUE))


@pytest.fixture(scope="module")
def name_headings(authorities: list[pymarc.Record]) -> set[str]:
    """The entry elements of every name heading in the authority file."""
    return {surname(f) for record in authorities for f in record.get_fields(*NAME_HEADING_TAGS)}


def names_by_record(
    catalogue: list[pymarc.Record], tags: tuple[str, ...], relator_words: tuple[str, ...]
) -> Counter[str]:
    """How many catalogue records name each entry element with one of the given relators."""
    counts: Counter[str] = Counter()
    for record in catalogue:
        counts.update(
            {
                surname(field)
                for field in record.get_fields(*tags)
                if any(word in relators(field) for word in relator_words)
            }
        )
    return counts


def citations(records: list[pymarc.Record], source: str) -> Iterator[tuple[str, str]]:
    """(001, quoted form) for every form a 670 citing `source` quotes in its $b."""
    for record in records:
        for field in record.get_fields("670"):
            if field.get("a") == source:
                quoted = (field.get("b") or "").strip().removeprefix("(").removesuffix(")")
                for part in quoted.split("; "):
                    yield record["001"].data, part


def test_file_is_nfc_utf8_with_two_space_indentation() -> None:
    text = AUTHORITIES.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    odd = [
        n for n, line in enumerate(text.splitlines(), 1) if (len(line) - len(line.lstrip(" "))) % 2
    ]
    assert odd == [], f"lines not indented by steps of two spaces: {odd[:10]}"


def test_every_record_is_an_authority_record(authorities: list[pymarc.Record]) -> None:
    assert len(authorities) >= 100
    assert {str(record.leader)[6] for record in authorities} == {"z"}


def test_control_numbers_are_unique_colophon_ids(authorities: list[pymarc.Record]) -> None:
    ids = [record["001"].data for record in authorities]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(re.fullmatch(r"cpha\d{4}", i) for i in ids), ids
    assert {record["003"].data for record in authorities} == {"Colophon"}


def test_fixed_fields_are_forty_characters_and_source_is_colophon(
    authorities: list[pymarc.Record],
) -> None:
    for record in authorities:
        assert len(record["008"].data) == 40, record["001"].data
        source = record["040"]
        assert (source.get("a"), source.get("b"), source.get("c")) == (
            "Colophon",
            "eng",
            "Colophon",
        ), record["001"].data


def test_every_record_has_exactly_one_heading(authorities: list[pymarc.Record]) -> None:
    counts = {r["001"].data: len(r.get_fields(*HEADING_TAGS)) for r in authorities}
    assert {i: n for i, n in counts.items() if n != 1} == {}


def test_fields_are_in_tag_order(authorities: list[pymarc.Record]) -> None:
    for record in authorities:
        tags = [field.tag for field in record.fields]
        assert tags == sorted(tags), record["001"].data


def test_every_reference_has_a_subfield_a(authorities: list[pymarc.Record]) -> None:
    missing = [
        (record["001"].data, field.tag)
        for record in authorities
        for field in record.get_fields(*SEE_FROM_TAGS, *SEE_ALSO_TAGS)
        if not field.get("a")
    ]
    assert missing == []


def test_every_record_cites_a_source(authorities: list[pymarc.Record]) -> None:
    assert [r["001"].data for r in authorities if not r.get_fields("670")] == []


def test_no_see_from_form_equals_its_own_heading(authorities: list[pymarc.Record]) -> None:
    same = [
        (record["001"].data, field.value())
        for record in authorities
        for field in record.get_fields(*SEE_FROM_TAGS)
        if form(field) == form(heading(record))
    ]
    assert same == []


def test_no_form_leads_to_two_headings(authorities: list[pymarc.Record]) -> None:
    """A see-from form shared by two headings, or equal to another record's heading, would
    link a reader's word to two people."""
    headings: dict[str, set[str]] = defaultdict(set)
    for record in authorities:
        target = form(heading(record))
        headings[target].add(target)
        for field in record.get_fields(*SEE_FROM_TAGS):
            headings[form(field)].add(target)
    assert {f: sorted(t) for f, t in headings.items() if len(t) > 1} == {}


def test_headings_are_unique(authorities: list[pymarc.Record]) -> None:
    """Per heading tag: LCSH's topical "Atlases" (150) and LCGFT's genre (155) are two terms."""
    counts = Counter((heading(record).tag, form(heading(record))) for record in authorities)
    assert [h for h, n in counts.items() if n > 1] == []


def test_every_printer_of_three_or_more_demo_records_has_a_heading(
    catalogue: list[pymarc.Record], name_headings: set[str]
) -> None:
    printers = names_by_record(catalogue, ("100", "110", "700", "710"), ("printer", "prt"))
    frequent = {name for name, n in printers.items() if n >= 3}
    assert frequent, "the demo catalogue names no printer of three records"
    assert sorted(frequent - name_headings) == []


def test_every_author_of_two_or_more_demo_records_has_a_heading(
    catalogue: list[pymarc.Record], name_headings: set[str]
) -> None:
    authors = names_by_record(catalogue, ("100", "700"), ("author", "aut"))
    frequent = {name for name, n in authors.items() if n >= 2}
    assert frequent, "the demo catalogue names no author of two records"
    assert sorted(frequent - name_headings) == []


def test_imprints_quoted_as_sources_are_in_the_demo_catalogue(
    authorities: list[pymarc.Record], catalogue: list[pymarc.Record]
) -> None:
    imprints = " | ".join(
        fold(" ".join(field.get_subfields("b")))
        for record in catalogue
        for field in record.get_fields("260", "264")
    )
    quoted = list(citations(authorities, IMPRINTS_CITATION))
    assert quoted
    assert [(i, q) for i, q in quoted if fold(q) not in imprints] == []


def test_headings_quoted_as_sources_are_in_the_demo_catalogue(
    authorities: list[pymarc.Record], catalogue: list[pymarc.Record]
) -> None:
    names = {
        fold(" ".join(sub.value for sub in field.subfields if sub.code in "abcdq"))
        for record in catalogue
        for field in record.get_fields("100", "110", "111", "700", "710", "711")
    }
    quoted = list(citations(authorities, HEADINGS_CITATION))
    assert quoted
    assert [(i, q) for i, q in quoted if fold(q) not in names] == []


def test_imprint_forms_of_printers_link_to_their_heading(
    authorities: list[pymarc.Record],
) -> None:
    by_form = {
        form(field): form(heading(record))
        for record in authorities
        for field in record.get_fields(*SEE_FROM_TAGS)
    }
    assert by_form[fold("Christophorum Froschouerum")] == fold(
        "Froschauer, Christoph, approximately 1490-1564"
    )
    assert by_form[fold("Seb. Gryphium")] == fold("Gryphius, Sebastian, approximately 1492-1556")
    assert by_form[fold("Aldum")] == fold("Manuzio, Aldo, 1449 or 1450-1515")
    assert by_form[fold("משה בן מימון, 1135-1204")] == fold("Maimonides, Moses, 1135-1204")
