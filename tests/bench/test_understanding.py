"""The understanding benchmark: its oracle reads the MARC right, its cases run, its runner reports."""

from __future__ import annotations

import json
import re

import pytest
from pymarc import Field, Record

from app.settings import DEMO_SOURCES
from bench import understanding
from bench.understanding import cases_demo, cases_hebrew, cases_nlnz, facets, ordering
from bench.understanding.case import (
    CATEGORIES,
    Count,
    Expect,
    Expectation,
    OneOf,
    Ordering,
    Ranking,
)
from bench.understanding.oracle import Book, hebrew_years, imprint_year, read_books
from bench.understanding.run import Answer, ask, judge
from scripts.chat import SessionStore
from scripts.chat.conversation import Conversation
from scripts.marc.index import build_index
from scripts.schemas import Answer as Typed
from scripts.schemas import AnswerKind, Facet, Tally
from tests.scripts.marc.marc_files import book, datafield, write_marcxml, write_mrc

CASE_SETS = {"demo": cases_demo, "nlnz": cases_nlnz, "hebrew": cases_hebrew}
HEBREW_LETTERS = re.compile(r"[\u05d0-\u05ea]")
ANSWERS = ("count", "ranking", "ordering")  # categories that ask something of the records


def where(expect: Expect) -> Expectation:
    """The records an expectation is about."""
    return expect if callable(expect) else expect.where


# ---------------------------------------------------------------- the oracle on real records


def test_gutenberg_bible_is_latin_printed_at_mainz_in_1455(demo_books):
    bible = demo_books["cph000001"]
    assert bible.languages == {"lat"}
    assert bible.years == (1455, 1455)
    assert bible.place_any("mainz")
    assert bible.name_any("gutenberg", roles=("printer",))
    assert "Incunabula -- Germany -- Mainz." in bible.subjects


def test_undated_elzevir_spans_its_century_so_is_not_of_the_1650s(demo_books):
    imitatio = demo_books["cph000202"]  # 008 q16001699, imprint "Lugduni : ... [16--]"
    assert imitatio.years == (1600, 1699)
    assert imitatio.within(1600, 1699)
    assert not imitatio.within(1650, 1659)
    assert imitatio.place_any("lugduni") and imitatio.country == "ne"


def test_false_imprint_counts_where_the_book_was_printed(demo_books):
    bruno = demo_books["cph000160"]  # "In Venetia [i.e. London] :"
    assert bruno.place_any("london")
    assert not bruno.place_any("venetia", "venice")


def test_multipart_item_runs_from_date1_to_date2(demo_books):
    gibbon = demo_books["cph000255"]  # 008 m17761788
    assert gibbon.years == (1776, 1788)
    assert gibbon.within(1700, 1799) and not gibbon.within(1776, 1780)


def test_languages_join_the_008_and_every_041(demo_books):
    assert demo_books["cph000071"].languages == {"heb", "arc", "jrb", "jpr"}


def test_a_name_keeps_all_its_roles(demo_books):
    (reuwich,) = [n for n in demo_books["cph000009"].names if n.name.startswith("Reuwich")]
    assert reuwich.roles == ("illustrator,", "printer.", "ill", "prt")


def test_packed_041_codes_are_split_in_threes(nlnz_books):
    assert nlnz_books["996955453502836"].languages == {"mao", "eng"}  # 041 $a maoeng


def test_undated_record_without_an_imprint_year_is_in_no_period(nlnz_books):
    recording = nlnz_books["996955453502836"]  # 008 n, 260 $c "[n.d.]"
    assert recording.years is None
    assert not recording.within()


@pytest.mark.parametrize(
    ("record_id", "years"),
    [
        ("996277073502836", (1900, 1999)),  # d19uu1998: "19uu" widens to the century
        ("996277413502836", (1980, 9999)),  # c198u9999: a serial still running
        ("996277013502836", (1932, 1932)),  # r19321928: a reprint dates from date1
        ("996957733502836", (2001, 2001)),  # duuuu2001: date1 unknown, 260 $c "2001."
        ("9914220873502836", (2010, 2010)),  # 008 dates blank, 264 $c "2010."
    ],
)
def test_nlnz_date_ranges_follow_the_008(nlnz_books, record_id, years):
    assert nlnz_books[record_id].years == years


def test_open_serial_is_only_within_a_period_left_open(nlnz_books):
    serial = nlnz_books["996277413502836"]
    assert serial.within(1980, None)
    assert not serial.within(1980, 2020)


def test_corporate_name_keeps_its_subordinate_unit(nlnz_books):
    report = nlnz_books["9914219573502836"]  # 110 $a New Zealand. $b Ministry of Health.
    assert report.name_any("ministry of health")


def test_material_type_comes_from_the_leader(nlnz_books, demo_books):
    assert nlnz_books["996955453502836"].genre_any("sound recordings")  # leader jm
    assert demo_books["cph000001"].genres[-1] == "books"  # after its 655 terms


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("[1595 i.e. 1597]", (1597, 1597)),
        ("[1455?]", (1455, 1455)),
        ("[16--]", (1600, 1699)),
        ("[165-?]", (1650, 1659)),
        ("M.D.XL.", None),
    ],
)
def test_imprint_year_reads_corrections_and_uncertain_digits(text, years):
    assert imprint_year(text) == years


def test_880_fields_count_as_the_field_they_link_to(tmp_path):
    linked = datafield("880", "6", "245-01", "a", "ספר הזהר", indicators="10")
    path = write_mrc(
        tmp_path / "linked.mrc", [book("z1", title="Sefer ha-Zohar.", fields=(linked,))]
    )
    (zohar,) = read_books(path)
    assert zohar.titles == ("Sefer ha-Zohar.", "ספר הזהר")


def test_hebrew_books_know_their_880_titles_places_and_names(demo_books):
    slavuta = demo_books["cph000362"]
    assert slavuta.title_words("תלמוד", "בבלי")
    assert slavuta.place_any("סלאוויטא") and slavuta.place_any("slavuta")
    assert slavuta.name_any("שפירא", roles=("printer",))
    assert slavuta.publisher_any("משה שפירא")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ('רמ"ח.', [5248]),
        ('תקס"א-תקס"ו.', [5561, 5566]),
        ('[תקנ"ט]', [5559]),
        ('שנת תק"ה לפ"ק', [5505]),
        ("ה'תקמ\"ה", [5545]),
        ("ת'", [5400]),
        ('ר"ן.', [5250]),
        ("1550.", []),
    ],
)
def test_hebrew_years_read_gematria_with_or_without_thousands(text, years):
    assert hebrew_years(text) == years


def test_printed_hebrew_years_agree_with_the_008_dates(demo_books):
    dated = [b for b in demo_books.values() if b.hebrew_years]
    assert len(dated) >= 15
    disagree = [
        b.id
        for b in dated
        if not (b.hebrew_years[0] - 3761 <= b.years[1] and b.years[0] <= b.hebrew_years[1] - 3760)
    ]
    assert disagree == []


def test_within_hebrew_reads_the_printed_year_else_the_008(demo_books):
    mishneh_torah = demo_books["cph000331"]  # 880 $c 'ר"ן', 008 1490
    assert mishneh_torah.hebrew_years == (5250, 5250)
    assert mishneh_torah.within_hebrew(None, 5250) and not mishneh_torah.within_hebrew(None, 5249)
    mesilat = demo_books["cph000354"]  # no Hebrew year printed; 008 1740, in the year 5500
    assert mesilat.hebrew_years is None
    assert mesilat.within_hebrew(None, 5500) and not mesilat.within_hebrew(None, 5499)


def test_authority_records_are_skipped(tmp_path):
    authority = Record(leader="00000nz  a2200000n  4500")
    authority.add_field(
        Field(tag="001", data="n1"), datafield("100", "a", "Aldus,", indicators="1 ")
    )
    path = write_marcxml(tmp_path / "mixed.xml", [book("b1"), authority])
    assert [b.id for b in read_books(path)] == ["b1"]


# ---------------------------------------------------------------- the cases


def test_case_sets_are_large_and_cover_every_category():
    cases = [*cases_demo.CASES, *cases_nlnz.CASES, *cases_hebrew.CASES]
    dialogs = [*cases_demo.DIALOGS, *cases_nlnz.DIALOGS, *cases_hebrew.DIALOGS]
    assert len(cases) >= 280
    assert len(dialogs) >= 22
    assert {c.category for c in cases} == set(CATEGORIES) - {"dialog"}
    assert {d.category for d in dialogs} == {"dialog", "hebrew", *ANSWERS}
    for category in CATEGORIES:
        count = sum(c.category == category for c in cases) + sum(
            d.category == category for d in dialogs
        )
        assert count >= 15 or category == "dialog", category


def test_hebrew_category_has_60_questions_and_10_dialogs_written_in_hebrew():
    assert len(cases_hebrew.CASES) >= 60 and len(cases_hebrew.DIALOGS) >= 10
    assert {c.category for c in [*cases_hebrew.CASES, *cases_hebrew.DIALOGS]} == {"hebrew"}
    assert [c.text for c in cases_hebrew.CASES if not HEBREW_LETTERS.search(c.text)] == []
    for dialog in cases_hebrew.DIALOGS:
        assert any(HEBREW_LETTERS.search(turn.text) for turn in dialog.turns[1:]), dialog.text


@pytest.mark.parametrize("name", ["demo", "nlnz"])
def test_answer_categories_ask_on_each_catalogue_with_follow_ups(name):
    cases, dialogs = CASE_SETS[name].CASES, CASE_SETS[name].DIALOGS
    for category in ANSWERS:
        assert sum(c.category == category for c in cases) >= 5, category
        assert any(d.category == category for d in dialogs), category


@pytest.mark.parametrize("name", CASE_SETS)
def test_case_texts_are_unique(name):
    texts = [c.text for c in CASE_SETS[name].CASES] + [d.text for d in CASE_SETS[name].DIALOGS]
    assert len(texts) == len(set(texts))


def expectations(name: str) -> list[Expect]:
    return [c.expect for c in CASE_SETS[name].CASES] + [
        t.expect for d in CASE_SETS[name].DIALOGS for t in d.turns
    ]


@pytest.mark.parametrize(
    ("name", "books"), [("demo", "demo_books"), ("nlnz", "nlnz_books"), ("hebrew", "demo_books")]
)
def test_every_expectation_runs_on_its_catalogue(request, name, books):
    catalogue = request.getfixturevalue(books).values()
    matched = [sum(bool(where(expect)(b)) for b in catalogue) for expect in expectations(name)]
    assert any(matched)


@pytest.mark.parametrize(("name", "books"), [("demo", "demo_books"), ("nlnz", "nlnz_books")])
def test_every_count_ranking_and_ordering_has_an_answer_in_its_catalogue(request, name, books):
    catalogue = list(request.getfixturevalue(books).values())
    for expect in expectations(name):
        chosen = [b for b in catalogue if where(expect)(b)]
        if isinstance(expect, Count):
            assert chosen, expect
        elif isinstance(expect, Ranking):
            assert facets.ranking(chosen, expect.facet), expect
        elif isinstance(expect, Ordering):
            order = ordering.ordered(chosen, expect.by, expect.descending)
            assert order[expect.skip :], expect


# ---------------------------------------------------------------- judging and the runner


def test_nothing_expected_and_nothing_answered_passes(demo_books):
    verdict = judge(lambda b: False, Answer(frozenset(), "No books match."), demo_books.values())
    assert verdict.passed and verdict.score == 1.0


def test_an_answer_missing_one_of_four_books_fails(demo_books):
    kepler = sorted(i for i, b in demo_books.items() if b.name_any("kepler"))
    verdict = judge(
        lambda b: b.name_any("kepler"), Answer(frozenset(kepler[1:]), ""), demo_books.values()
    )
    assert (verdict.passed, verdict.expected, verdict.answered, verdict.score) == (
        False,
        4,
        3,
        0.75,
    )


def hebrew(b: Book) -> bool:
    return b.language_in("heb")


def typed_count(total: int, kind: AnswerKind = AnswerKind.COUNT) -> Answer:
    return Answer(frozenset(), "", Typed(kind=kind, total=total))


def typed_ranking(facet: Facet, *rows: tuple[str, int]) -> Answer:
    tallies = [Tally(value=value, count=count, refine=f"only {value}") for value, count in rows]
    return Answer(
        frozenset(), "", Typed(kind=AnswerKind.RANKING, total=67, facet=facet, rows=tallies)
    )


def test_a_count_passes_when_it_is_the_oracles_number(demo_books):
    n = sum(map(hebrew, demo_books.values()))
    verdict = judge(Count(hebrew), typed_count(n), demo_books.values())
    assert (verdict.passed, verdict.expected, verdict.answered, verdict.score) == (True, n, n, 1.0)
    assert not judge(Count(hebrew), typed_count(n - 1), demo_books.values()).passed


def test_a_list_or_no_typed_answer_is_no_count(demo_books):
    listed = Answer(frozenset(b.id for b in demo_books.values() if hebrew(b)), "")
    assert not judge(Count(hebrew), listed, demo_books.values()).passed
    n = sum(map(hebrew, demo_books.values()))
    assert not judge(Count(hebrew), typed_count(n, AnswerKind.RANKING), demo_books.values()).passed


# The demo catalogue's Hebrew books by town, most first: the first four, then seven towns
# with two each.
HEBREW_TOWNS = (("Venice", 13), ("Amsterdam", 6), ("Soncino", 5), ("Constantinople", 4))


def test_a_ranking_passes_with_the_oracles_values_and_counts_as_shown(demo_books):
    answer = typed_ranking(Facet.PLACE, *HEBREW_TOWNS, ("Berlin", 2), ("Prague", 2))
    verdict = judge(Ranking("place", hebrew), answer, demo_books.values())
    assert (verdict.passed, verdict.expected, verdict.answered, verdict.score) == (True, 5, 5, 1.0)


def test_at_the_cut_any_value_tied_there_will_do(demo_books):
    # Several towns printed two Hebrew books each; the fifth place may go to any of them.
    answer = typed_ranking(Facet.PLACE, *HEBREW_TOWNS, ("Safed", 2))
    assert judge(Ranking("place", hebrew), answer, demo_books.values()).passed


@pytest.mark.parametrize(
    "rows",
    [
        (("Amsterdam", 6), ("Venice", 13), *HEBREW_TOWNS[2:], ("Berlin", 2)),  # out of order
        (*HEBREW_TOWNS[:2], ("Soncino", 4), *HEBREW_TOWNS[3:], ("Berlin", 2)),  # not Soncino's
        (*HEBREW_TOWNS, ("Wittenberg", 2)),  # no Hebrew book was printed there
        (*HEBREW_TOWNS, ("Venezia", 2)),  # Venice twice
        HEBREW_TOWNS,  # one row short
    ],
)
def test_a_ranking_fails_on_any_other_row(demo_books, rows):
    verdict = judge(
        Ranking("place", hebrew), typed_ranking(Facet.PLACE, *rows), demo_books.values()
    )
    assert not verdict.passed and verdict.score < 1


def test_a_ranking_judges_the_top_asked_for(demo_books):
    answer = typed_ranking(Facet.PLACE, *HEBREW_TOWNS[:3])
    assert judge(Ranking("place", hebrew, top=3), answer, demo_books.values()).passed
    assert not judge(Ranking("place", hebrew), answer, demo_books.values()).passed


def test_a_ranking_of_another_facet_fails(demo_books):
    answer = typed_ranking(Facet.LANGUAGE, *HEBREW_TOWNS, ("Berlin", 2))
    assert not judge(Ranking("place", hebrew), answer, demo_books.values()).passed


def test_an_ordering_passes_when_the_first_ids_are_the_oracles_in_order(demo_books):
    oldest = ordering.ordered(filter(hebrew, demo_books.values()), "date")
    expect = Ordering("date", hebrew, first=3)
    assert judge(
        expect, Answer(frozenset(), "", shown=tuple(oldest[:10])), demo_books.values()
    ).passed
    swapped = (oldest[1], oldest[0], *oldest[2:10])
    verdict = judge(expect, Answer(frozenset(), "", shown=swapped), demo_books.values())
    assert (verdict.passed, verdict.expected, verdict.answered) == (False, 3, 3)
    assert verdict.score == pytest.approx(1 / 3)


def test_show_more_on_an_ordering_judges_the_next_page(demo_books):
    order = ordering.ordered(filter(hebrew, demo_books.values()), "title")
    page_two = Answer(frozenset(), "", shown=tuple(order[10:20]))
    assert judge(Ordering("title", hebrew, skip=10), page_two, demo_books.values()).passed
    assert not judge(Ordering("title", hebrew), page_two, demo_books.values()).passed


def test_a_turn_answers_with_its_page_in_the_order_shown(tmp_path):
    build_index(list(DEMO_SOURCES), tmp_path / "demo.db")
    with SessionStore(tmp_path / "sessions.db") as store:
        conversation = Conversation(store, tmp_path / "demo.db")
        first, more = ask(conversation, ["books printed in Basel", "show more"])
    assert len(first.shown) == 10 and set(first.shown) <= first.ids
    assert len(more.ids) > 10 and set(more.shown) == more.ids - set(first.shown)
    assert first.typed is None


@pytest.mark.parametrize(
    ("ids", "passed"),
    [({"cph000066"}, True), ({"cph000066", "cph000068"}, False), ({"cph000001"}, False)],
)
def test_one_of_passes_a_single_record_among_those_expected(demo_books, ids, passed):
    bragadin = OneOf(lambda b: b.name_any("bragadin"))
    verdict = judge(bragadin, Answer(frozenset(ids), ""), demo_books.values())
    assert verdict.passed is passed


def test_a_turn_naming_one_result_answers_that_book(demo_index, demo_books, tmp_path):
    with SessionStore(tmp_path / "sessions.db") as store:
        venice, second = ask(
            Conversation(store, demo_index), ["books printed in Venice", "the second one"]
        )
    assert len(venice.ids) > 10
    assert len(second.ids) == 1 and second.ids <= venice.ids


@pytest.fixture
def demo_only(monkeypatch, tmp_path):
    """The runner on the demo catalogue and on a catalogue that is absent."""
    demo = understanding.CATALOGUES[0]
    absent = understanding.Catalogue("absent", tmp_path / "absent.mrc", (), ())
    monkeypatch.setattr(understanding, "CATALOGUES", [demo, absent])
    return demo


def test_quick_run_prints_a_table_per_category_and_notes_an_absent_catalogue(demo_only, capsys):
    understanding.main(["--quick"])
    lines = capsys.readouterr().out.splitlines()
    run = len(demo_only.cases[::5]) + len(demo_only.dialogs[::5])
    assert lines[0].startswith("understanding: reader questions answered by")
    assert "### demo catalogue" in lines
    assert "| category | cases | passed | pass rate |" in lines
    assert any(line.startswith(f"| **all** | {run} | ") for line in lines)
    assert any(line.startswith("overall pass rate: ") for line in lines)
    assert lines[-1] == f"Note: absent skipped: {understanding.CATALOGUES[1].source} is absent"


def test_json_lists_the_figures_and_failures_of_one_category(demo_only, capsys):
    understanding.main(["--quick", "--json", "--failures", "--category", "typo"])
    report = json.loads(capsys.readouterr().out)
    typos = [c for c in demo_only.cases if c.category == "typo"][::5]
    figures = report["catalogues"]["demo catalogue"]
    assert list(figures) == ["typo", "all"]
    assert figures["typo"]["cases"] == len(typos)
    failures = report["failures"]["demo catalogue"]
    assert len(failures) == len(typos) - figures["typo"]["passed"]
    assert {f["text"] for f in failures} <= {c.text for c in typos}
