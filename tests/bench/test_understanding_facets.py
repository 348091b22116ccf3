"""The understanding oracle's groupings: towns, facet values, rankings, and values as shown."""

from __future__ import annotations

import pytest

from bench.understanding import cases_demo, cases_nlnz, facets
from bench.understanding.case import Expectation
from bench.understanding.kinds import LEVELS, LITERARY_FORMS, RECORD_TYPES
from bench.understanding.languages import LANGUAGES
from bench.understanding.oracle import book
from bench.understanding.towns import town
from scripts.schemas import Facet
from tests.scripts.marc.marc_files import book as marc_book
from tests.scripts.marc.marc_files import datafield, f008


def test_facets_are_the_plans_facets():
    assert set(facets.FACETS) == {f.value for f in Facet}


# ---------------------------------------------------------------- towns


@pytest.mark.parametrize(
    ("place", "country", "key"),
    [
        ("Venetiis :", "it ", "venice"),
        ("In Venetia [i.e. London] :", "enk", "london"),
        ("[Moguntiae] :", "gw ", "mainz"),
        ("Imprinted at London :", "enk", "london"),
        ("t'Amsterdam :", "ne ", "amsterdam"),
        ("Kostantiniyye :", "tu ", "istanbul"),
        ("In venerabili monasterio Sublacensi :", "it ", "subiaco"),
        ("Lugduni :", "fr ", "lyon"),
        ("Lugduni :", "ne ", "leiden"),
        ("Lugduni Batavorum :", "ne ", "leiden"),
        ("Cantabrigiae :", "enk", "cambridge"),
        ("Cambridge [Mass.] :", "mau", "cambridge massachusetts"),
        ("Cambridge, N.Z. :", "nz ", "cambridge new zealand"),
        ("[Westminster] :", "enk", "westminster"),
        ("[Christchurch] N.Z. :", "nz ", "christchurch"),
        ("[Wellington?, N.Z.] :", "nz ", "wellington"),
        ("Te Whanganui-a-Tara, Aotearoa :", "nz ", "wellington"),
        ("Muenchen [Munich] :", "gw ", "munich"),
        ("Lower Hutt, N.Z. :", "nz ", "lower hutt"),
    ],
)
def test_town_is_the_modern_town_an_imprint_names(place, country, key):
    assert town(place, country) == key


@pytest.mark.parametrize("place", ["[S.l.] :", "[New Zealand? :", "Australia :", "[N.Z.] :", ""])
def test_a_country_or_no_place_is_no_town(place):
    assert town(place, "nz ") is None


TOWN_CASES = [
    (cases_demo, "demo", {"VENICE": "venice", "BASEL": "basel", "MAINZ": "mainz",
     "ROME": "rome", "FLORENCE": "florence", "PARIS": "paris", "ANTWERP": "antwerp",
     "AMSTERDAM": "amsterdam", "LONDON": "london", "OXFORD": "oxford",
     "NUREMBERG": "nuremberg", "COLOGNE": "cologne", "GENEVA": "geneva",
     "WITTENBERG": "wittenberg", "CONSTANTINOPLE": "istanbul", "EDINBURGH": "edinburgh",
     "ZURICH": "zurich", "STRASBOURG": "strasbourg", "MADRID": "madrid", "leiden": "leiden",
     "lyon": "lyon", "cambridge": "cambridge"}),
    (cases_nlnz, "nlnz", {"WELLINGTON": "wellington", "AUCKLAND": "auckland",
     "CHRISTCHURCH": "christchurch", "DUNEDIN": "dunedin", "HAMILTON": "hamilton",
     "NAPIER": "napier", "LONDON": "london", "SYDNEY": "sydney"}),
]  # fmt: skip


@pytest.mark.parametrize(("cases", "catalogue", "towns"), TOWN_CASES)
def test_place_grouping_agrees_with_every_town_the_cases_name(request, cases, catalogue, towns):
    books = request.getfixturevalue(f"{catalogue}_books").values()
    for name, key in towns.items():
        printed_there: Expectation = getattr(cases, name)
        assert {b.id for b in books if printed_there(b)} == {
            b.id for b in books if key in facets.values(b, "place")
        }, name


def test_places_of_the_demo_catalogue_rank_by_modern_town(demo_books):
    top = facets.ranking(demo_books.values(), "place")[:5]
    assert top == [("london", 40), ("venice", 39), ("amsterdam", 23), ("basel", 19), ("paris", 18)]


def test_a_place_in_another_script_does_not_count_twice():
    hebrew = datafield("880", "6", "260-01", "a", "ויניציאה :", "b", "בומבירגי,")
    record = marc_book("h1", imprint=("6", "880-01", "a", "Venetiis :"), fields=(hebrew,))
    assert facets.values(book(record), "place") == {"venice"}


# ---------------------------------------------------------------- other facets


def test_languages_are_every_code_of_the_008_and_041(demo_books):
    assert facets.values(demo_books["cph000071"], "language") == {"heb", "arc", "jrb", "jpr"}


@pytest.mark.parametrize(
    ("record_id", "century", "decade"),
    [
        ("cph000001", {"1400"}, {"1450"}),  # 1455
        ("cph000202", {"1600"}, set()),  # [16--]: of its century, of no decade
        ("cph000255", {"1700"}, set()),  # 1776-1788
    ],
)
def test_a_period_holds_only_whole_date_ranges(demo_books, record_id, century, decade):
    assert facets.values(demo_books[record_id], "century") == century
    assert facets.values(demo_books[record_id], "decade") == decade


def test_an_open_serial_and_an_undated_record_are_of_no_period(nlnz_books):
    for record_id in ("996277413502836", "996955453502836"):  # 1980-9999, and "[n.d.]"
        assert facets.values(nlnz_books[record_id], "century") == set()


def test_printers_are_persons_and_firms_with_a_printer_role(demo_books):
    printers = facets.values(demo_books["cph000043"], "printer")  # Hypnerotomachia, Aldus
    assert printers == {"aldine press", "manuzio aldo 1449 or 1450 1515"}
    ranked = dict(facets.ranking(demo_books.values(), "printer"))
    # Two printers of one name stay apart by their dates; the firm loses its "(Firm)".
    assert ranked["elzevir louis 1604 1670"] == 4
    assert ranked["elzevir louis 1540 or 1541 1617"] == 1
    assert ranked["elzevir"] == 11


def test_a_name_without_a_printer_role_is_no_printer():
    author = datafield("100", "a", "Aldrovandi, Ulisse,", "d", "1522-1605,", "e", "author.")
    printer = datafield("700", "a", "Bellagamba, Giovanni Battista,", "e", "printer.")
    record = marc_book("p1", fields=(author, printer))
    assert facets.values(book(record), "printer") == {"bellagamba giovanni battista"}
    assert facets.values(book(record), "author") == {"aldrovandi ulisse 1522 1605"}


def test_subject_is_the_leading_element_without_dates_or_subdivisions():
    war = datafield("650", "a", "World War, 1939-1945", "v", "Maps.", indicators=" 0")
    town_ = datafield("651", "a", "Wellington (N.Z.)", "x", "History.", indicators=" 0")
    record = marc_book("s1", fields=(war, town_))
    assert facets.values(book(record), "subject") == {"world war", "wellington n z"}


def test_genres_are_the_655_terms_and_what_the_leader_and_008_say(demo_books, nlnz_books):
    assert "bibles" in facets.values(demo_books["cph000001"], "genre")
    assert "music sound recordings" in facets.values(nlnz_books["996955453502836"], "genre")
    assert "serials" in facets.values(nlnz_books["996277413502836"], "genre")


def test_a_genre_both_the_655_and_the_008_give_counts_once():
    poetry = datafield("655", "a", "Poetry.", indicators=" 7")
    control = f008()[:33] + "p" + f008()[34:]  # 008/33 literary form: poetry
    record = marc_book("g1", control_008=control, fields=(poetry,))
    assert facets.values(book(record), "genre") == {"poetry"}


def test_ranking_is_most_first_and_equal_counts_by_key():
    records = [
        marc_book(str(i), control_008=f008(language=code))
        for i, code in enumerate(["lat", "ita", "ita", "grc", "lat", "ita"])
    ]
    assert facets.ranking(map(book, records), "language") == [("ita", 3), ("lat", 2), ("grc", 1)]


# ---------------------------------------------------------------- values as answers show them


@pytest.mark.parametrize(
    ("facet", "shown", "key"),
    [
        ("place", "Venice", "venice"),
        ("place", "Venezia", "venice"),
        ("place", "Constantinople", "istanbul"),
        ("place", "Cambridge, Massachusetts", "cambridge massachusetts"),
        ("language", "Latin", "lat"),
        ("language", "Greek, Ancient (to 1453)", "grc"),
        ("language", "Ancient Greek", "grc"),
        ("language", "Greek", "grc"),
        ("language", "lat", "lat"),
        ("century", "16th century", "1500"),
        ("century", "16th c.", "1500"),
        ("century", "the 1500s", "1500"),
        ("century", "1500-1599", "1500"),
        ("decade", "1540s", "1540"),
        ("decade", "1540-1549", "1540"),
        ("printer", "Aldo Manuzio", "manuzio aldo 1449 or 1450 1515"),
        ("printer", "Manuzio, Aldo, 1449 or 1450-1515", "manuzio aldo 1449 or 1450 1515"),
        ("printer", "Elzevir (Firm)", "elzevir"),
        ("printer", "Louis Elzevir (1604-1670)", "elzevir louis 1604 1670"),
        ("printer", "Schott, Johann, 1477-1548", "schott johann"),  # catalogued without dates
        ("author", "Galileo Galilei", "galilei galileo 1564 1642"),
        ("subject", "Astronomy -- Early works to 1800", "astronomy"),
        ("genre", "Bibles.", "bibles"),
        ("genre", "Cartographic material", "maps"),
    ],
)
def test_key_reads_a_value_as_an_answer_shows_it(demo_books, facet, shown, key):
    keys = dict(facets.ranking(demo_books.values(), facet))
    assert key in keys
    assert facets.key(facet, shown, keys) == key


def test_a_name_shared_by_two_printers_needs_its_dates(demo_books):
    keys = dict(facets.ranking(demo_books.values(), "printer"))
    assert facets.key("printer", "Louis Elzevir", keys) not in keys
    assert facets.key("printer", "Elzevir, Louis, 1592-1652", keys) not in keys


@pytest.mark.parametrize("catalogue", ["demo", "nlnz"])
def test_every_language_of_the_catalogues_has_a_name(request, catalogue):
    books = request.getfixturevalue(f"{catalogue}_books").values()
    assert {code for b in books for code in b.languages} <= set(LANGUAGES)


BOOKS = {f"{kind}{level}" for kind in "at" for level in "acdm"}  # whose 008/33 is a form


@pytest.mark.parametrize("catalogue", ["demo", "nlnz"])
def test_every_kind_code_of_the_catalogues_is_a_genre_or_says_none(request, catalogue):
    books = request.getfixturevalue(f"{catalogue}_books").values()
    leaders = [str(b.record.leader) for b in books]
    assert {leader[6] for leader in leaders} <= {"a", *RECORD_TYPES}  # a: language material
    assert {leader[7] for leader in leaders} <= {"a", "c", "d", "m", *LEVELS}  # parts, monographs
    forms = {b.f008[33] for b, leader in zip(books, leaders, strict=True) if leader[6:8] in BOOKS}
    assert forms <= {"0", "u", "|", " ", *LITERARY_FORMS}  # not fiction, unknown, not coded
