from scripts.chat.formatter import (
    end_of_results_message,
    no_results_message,
    record_message,
    result_line,
    results_message,
)
from scripts.records.load import get_record
from scripts.schemas import (
    Candidate,
    CandidateSet,
    Evidence,
    Filter,
    FilterField,
    FilterOp,
    QueryPlan,
)

VENICE = QueryPlan(
    filters=[Filter(field=FilterField.IMPRINT_PLACE, op=FilterOp.EQUALS, value="venice")]
)
ALDUS = Candidate(
    record_id="cph43",
    title="Hypnerotomachia Poliphili :",
    author="Colonna, Francesco",
    date_start=1499,
    date_end=1499,
    place_raw="Venetiis",
    place_norm="venice",
    publisher="in aedibus Aldi Manutii",
    match_rationale="place of printing is Venice (Venetiis, marc:260$a)",
    evidence=[
        Evidence(
            field="imprint_place",
            value="venice",
            operator="EQUALS",
            matched_against="Venetiis",
            source="marc:260$a",
        )
    ],
)


def test_result_line_shows_the_imprint_and_why_it_matched():
    assert result_line(4, ALDUS) == (
        "4. Hypnerotomachia Poliphili — Colonna, Francesco. Venetiis [Venice]: in aedibus Aldi Manutii, 1499.\n"
        "   Matched: place of printing is Venice (Venetiis, marc:260$a)"
    )


def test_result_line_for_a_sparse_record():
    assert result_line(1, Candidate(record_id="x")) == "1. [untitled]. undated."
    ranged = Candidate(
        record_id="y", title="Talmud", date_start=1520, date_end=1523, place_norm="venice"
    )
    assert result_line(2, ranged) == "2. Talmud. Venice: 1520–1523."


def test_many_results_say_the_total_and_the_page():
    page = CandidateSet(candidates=[ALDUS] * 10, total_count=34)
    text = results_message(page, VENICE, offset=10)
    assert (
        text.splitlines()[0] == "Found 34 books where place of printing is Venice. Showing 11–20:"
    )
    assert text.splitlines()[1].startswith("11. Hypnerotomachia")


def test_one_result_is_singular_without_a_page_range():
    text = results_message(CandidateSet(candidates=[ALDUS], total_count=1), VENICE, offset=0)
    assert text.splitlines()[0] == "Found 1 book where place of printing is Venice."


def test_no_results_names_the_best_condition_to_drop():
    latin = Filter(field=FilterField.LANGUAGE, op=FilterOp.EQUALS, value="lat")
    plan = QueryPlan(filters=[*VENICE.filters, latin])
    text = no_results_message(plan, [(VENICE.filters[0], 0), (latin, 1)])
    assert text == (
        "No books match all of: place of printing is Venice; language is Latin. "
        "Without “language is Latin” there is 1 book."
    )
    assert no_results_message(VENICE, []) == "No books match all of: place of printing is Venice."


def test_end_of_results():
    assert end_of_results_message(0).startswith("There are no results")
    assert end_of_results_message(7).startswith("That was the last of the 7 results.")


def test_record_message_speaks_a_readers_words_and_gives_the_address(rare_index):
    herodotus = get_record("r2", rare_index)
    why = ALDUS.model_copy(update={"match_rationale": "place of printing is Venice (marc:260$a)"})
    assert record_message(3, herodotus, why).splitlines() == [
        "#3 Herodoti Libri novem",
        "Title: Herodoti Libri novem; Ἡροδότου λόγοι ἐννέα",
        "Author: Herodotus",
        "Other names: Manuzio, Aldo, 1449 or 1450-1515 (printer)",
        "Published: Venetiis : in domo Aldi, 1502",
        "Date: 1502",
        "Country of publication: Italy",
        "Language: Greek, Ancient (to 1453)",
        "Held at: Colophon Demo Library — Graeca",
        "Shelfmark: Gr. 2",
        "Matched: place of printing is Venice (marc:260$a)",
        "Record page: /records/r2",
    ]


def test_record_message_links_a_digitised_copy_and_leaves_out_no_reference(rare_index):
    text = record_message(None, get_record("r1", rare_index), None)
    assert text.startswith("Biblia latina\n") and "Matched" not in text
    assert "Digitised copy: Digitised copy <https://example.org/gutenberg>" in text
    assert "References: Goff B-526; ISTC ib00526000; GW 4201" in text
