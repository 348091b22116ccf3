"""A pymarc Record becomes the rows the index stores for it."""

import pytest
from pymarc import Field

from scripts.marc.extract import (
    GenreRow,
    ImprintRow,
    LanguageRow,
    PhysicalRow,
    RecordError,
    SubjectRow,
    TitleRow,
    to_parsed,
)
from tests.scripts.marc.marc_files import book, datafield, f008


def parsed(*fields: Field, **options):
    return to_parsed(book(fields=fields, **options), "test.mrc")


def test_record_row_comes_from_001_008_245_and_1xx():
    record = parsed(
        datafield("100", "a", "Ray, John,", "d", "1627-1705.", "e", "author.", indicators="1 "),
        title="Historia plantarum :",
    )
    assert (record.record_id, record.source, record.title) == (
        "b1",
        "test.mrc",
        "Historia plantarum",
    )
    assert record.author == "Ray, John"
    assert (record.date_type, record.date_raw, record.date_start, record.date_end) == (
        "s", "s1667    ", 1667, 1667,
    )  # fmt: skip
    assert (record.country_code, record.country_name) == ("it", "Italy")
    assert record.language_code == "lat"
    assert record.leader.endswith("4500")


def test_display_title_joins_245_a_b_n_p_without_the_responsibility_statement():
    record = parsed(
        title="Larger than life :", imprint=("a", "Sydney :", "b", "Reed,", "c", "1967.")
    )
    assert record.title == "Larger than life"
    full = to_parsed(_with_245("Larger than life :", "b", "the story of Eric Baume /"), "x")
    assert full.title == "Larger than life : the story of Eric Baume"
    assert full.titles == [TitleRow("245", full.title, "larger than life the story of eric baume")]


def _with_245(a: str, *more: str):
    record = book()
    record.remove_fields("245")
    record.add_ordered_field(
        datafield("245", "a", a, *more, "c", "by Arthur Manning.", indicators="10")
    )
    return record


def test_titles_hold_245_and_every_246():
    record = parsed(
        datafield("246", "a", "Historia plantarum generalis", indicators="3 "),
        datafield("246", "i", "Spine title:", "a", "Hist. plant.", indicators="1 "),
    )
    assert [(row.tag, row.title) for row in record.titles] == [
        ("245", "Historia plantarum"),
        ("246", "Historia plantarum generalis"),
        ("246", "Hist. plant."),
    ]


@pytest.mark.parametrize(
    ("imprint", "pairs"),
    [
        (("a", "Venetiis :", "b", "apud Aldum,", "c", "1501."), [("Venetiis", "apud Aldum")]),
        (
            ("a", "Sydney [N.S.W.], :", "a", "Wellington [N.Z.] :", "b", "Reed,", "c", "1967."),
            [("Sydney [N.S.W.]", "Reed"), ("Wellington [N.Z.]", "Reed")],
        ),
        (
            ("a", "Londini :", "b", "Typis J. Field ;", "a", "Oxonii :", "b", "H. Hall,"),
            [("Londini", "Typis J. Field"), ("Oxonii", "H. Hall")],
        ),
        (
            ("a", "Lugd. Bat. :", "b", "Elzevir :", "b", "Maire,", "c", "1640."),
            [("Lugd. Bat.", "Elzevir"), ("Lugd. Bat.", "Maire")],
        ),
        (("b", "[s.n.],", "c", "1667."), [(None, "[s.n.]")]),
        (("c", "[ca. 1477]"), [(None, None)]),
    ],
)
def test_imprints_pair_each_place_with_the_publishers_that_follow_it(imprint, pairs):
    rows = parsed(imprint=imprint).imprints
    assert [(row.place_raw, row.publisher_raw) for row in rows] == pairs
    assert [row.position for row in rows] == list(range(1, len(pairs) + 1))


def test_imprint_row_carries_normalised_values_and_its_field_date():
    (row,) = parsed().imprints
    assert row == ImprintRow(
        "260", 1, "Venetiis", "venice", "apud Aldum", "aldum", "[1667?]", 1667, 1667
    )


def test_imprints_take_264_only_with_second_indicator_1():
    record = parsed(
        datafield(
            "264", "a", "Oxonii :", "b", "E Theatro Sheldoniano,", "c", "1675.", indicators=" 1"
        ),
        datafield("264", "c", "©1990", indicators=" 4"),
        imprint=(),
    )
    assert [(row.tag, row.place_norm, row.date_start) for row in record.imprints] == [
        ("264", "oxford", 1675)
    ]


def test_dates_fall_back_to_the_imprint_when_008_has_none():
    record = parsed(
        control_008=f008("uuuu", "n", "uuuu"), imprint=("a", "Oxonii,", "c", "M.DC.LXXV.")
    )
    assert (record.date_start, record.date_end) == (1675, 1675)
    assert record.date_raw == "nuuuuuuuu"


def test_agents_have_roles_from_e_or_4_and_a_type_from_the_tag():
    record = parsed(
        datafield(
            "100",
            "a",
            "Manutius, Aldus,",
            "d",
            "1449 or 1450-1515,",
            "e",
            "printer.",
            indicators="0 ",
        ),
        datafield("700", "a", "Bembo, Pietro,", "d", "1470-1547.", "4", "aut", indicators="1 "),
        datafield(
            "710", "a", "Officina Plantiniana,", "e", "printer,", "e", "publisher.", indicators="2 "
        ),
        datafield(
            "711", "a", "Council of Trent", "d", "(1545-1563)", "j", "author.", indicators="2 "
        ),
        datafield("700", "a", "Maire, Jean,", indicators="1 "),
        datafield("700", "a", "Erasmus, Desiderius,", "4", "aui", "e", "editor.", indicators="0 "),
    )
    rows = [(a.tag, a.position, a.role_raw, a.role_norm, a.agent_type) for a in record.agents]
    assert rows == [
        ("100", 1, "printer", "printer", "personal"),
        ("700", 2, "aut", "author", "personal"),
        ("710", 3, "printer", "printer", "corporate"),
        ("710", 3, "publisher", "publisher", "corporate"),  # two roles: two rows, one position
        ("711", 4, "author", "author", "meeting"),
        ("700", 5, None, None, "personal"),
        ("700", 6, "editor", "editor", "personal"),
        ("700", 6, "aui", "author of introduction etc", "personal"),
    ]
    names = [(a.name_raw, a.name_norm) for a in record.agents]
    assert names[:3] == [
        ("Manutius, Aldus, 1449 or 1450-1515", "manutius aldus"),
        ("Bembo, Pietro, 1470-1547", "bembo pietro"),
        ("Officina Plantiniana", "officina plantiniana"),
    ]
    assert names[4] == ("Council of Trent (1545-1563)", "council of trent")


def test_subjects_join_subdivisions_with_double_dashes():
    record = parsed(
        datafield("600", "a", "Baume, Eric,", "d", "1900-1967.", "e", "depicted.", indicators="10"),
        datafield("650", "a", "Botany", "z", "Italy", "y", "17th century",
                  "v", "Early works to 1800.", indicators=" 0"),
        datafield("651", "a", "Venice (Italy)", "x", "History.", indicators=" 0"),
        datafield("655", "a", "Herbals.", "2", "rbgenr", indicators=" 7"),
        datafield("653", "a", "uncontrolled", indicators="  "),
    )  # fmt: skip
    assert record.subjects == [
        SubjectRow("600", "Baume, Eric, 1900-1967", "baume eric 1900 1967"),
        SubjectRow(
            "650",
            "Botany -- Italy -- 17th century -- Early works to 1800",
            "botany -- italy -- 17th century -- early works to 1800",
        ),
        SubjectRow("651", "Venice (Italy) -- History", "venice italy -- history"),
    ]
    assert record.genres[0] == GenreRow("655", "Herbals", "herbals", "Herbals", "rbgenr")


def test_languages_come_from_008_then_041_a_deduplicated():
    record = parsed(
        datafield("041", "a", "latgrc", "h", "heb", indicators="1 "),
        datafield("041", "a", "lat", "a", "xx", indicators="1 "),
    )
    assert record.languages == [
        LanguageRow("lat", "Latin", "008/35-37"),
        LanguageRow("grc", "Greek, Ancient (to 1453)", "041$a"),
    ]


@pytest.mark.parametrize("language", ["   ", "|||", "LAT", "12 "])
def test_a_blank_or_malformed_008_language_is_not_a_language(language):
    record = parsed(control_008=f008(language=language))
    assert record.language_code is None and record.languages == []


def test_notes_and_description_prefer_520():
    record = parsed(
        datafield("500", "a", "Title within woodcut border."),
        datafield("520", "a", "A herbal", "b", "with 300 woodcuts."),
        datafield("500", "a", "Imperfect: lacks plate 3."),
    )
    assert [(row.tag, row.text) for row in record.notes] == [
        ("500", "Title within woodcut border."),
        ("520", "A herbal with 300 woodcuts."),
        ("500", "Imperfect: lacks plate 3."),
    ]
    assert record.description == "A herbal with 300 woodcuts."
    assert parsed(datafield("500", "a", "Only a note.")).description == "Only a note."


def test_physical_description_keeps_text_extent_and_dimensions():
    record = parsed(
        datafield("300", "a", "184 p., [8] p. of plates :", "b", "ill., ports. ;", "c", "23 cm.")
    )
    assert record.physical_descriptions == [
        PhysicalRow(
            "300",
            "184 p., [8] p. of plates : ill., ports. ; 23 cm.",
            "184 p., [8] p. of plates",
            "23 cm",
        )
    ]


@pytest.mark.parametrize(
    ("name", "display"),
    [("Rudd, Chris.", "Rudd, Chris"), ("Roper, Brian S.", "Roper, Brian S."),
     ("Reed & Co.", "Reed & Co."), ("Wellington, N.Z. :", "Wellington, N.Z."),
     ("Journalists.", "Journalists"), ("Lugd. Bat.", "Lugd. Bat."),
     ("Printed by J. Smith.", "Printed by J. Smith.")],
)  # fmt: skip
def test_a_final_full_stop_is_dropped_unless_it_ends_an_abbreviation(name, display):
    assert parsed(datafield("100", "a", name, indicators="1 ")).author == display


@pytest.mark.parametrize("record_id", [None, "   "])
def test_a_record_without_001_raises_record_error(record_id):
    with pytest.raises(RecordError, match="no 001"):
        to_parsed(book(record_id), "test.mrc")
