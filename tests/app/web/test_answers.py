"""Answers beyond a list, in a real browser: a ranking's bars and a facet's chips refine the
search, a count shows its number, the order control re-sorts. Expected counts are read from
the index's tables with sqlite3, not through Colophon."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

from tests.app.web.test_chat_page import ask, open_page

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under COLOPHON_REQUIRE_BROWSER=1
    expect = None

# A town is ranked under the name it has now, as the demo's three renamed towns show.
HEBREW_PLACES = """SELECT CASE place_norm WHEN 'constantinople' THEN 'istanbul'
        WHEN 'salonika' THEN 'thessaloniki' WHEN 'vilna' THEN 'vilnius' ELSE place_norm END
        AS town, count(DISTINCT record_id) FROM imprints
    WHERE tag <> '880' AND place_norm IS NOT NULL
      AND record_id IN (SELECT record_id FROM languages WHERE code = 'heb')
    GROUP BY town ORDER BY 2 DESC, 1 LIMIT 10"""
HEBREW_PRINTED_IN = """SELECT DISTINCT record_id FROM imprints WHERE place_norm = ?
    AND record_id IN (SELECT record_id FROM languages WHERE code = 'heb')"""
VENICE_IN = """SELECT DISTINCT record_id FROM languages WHERE code = ?
    AND record_id IN (SELECT record_id FROM imprints WHERE place_norm = 'venice')"""
LATIN_BEFORE_1550 = """SELECT count(*) FROM records WHERE coalesce(date_end, date_start) <= 1549
    AND record_id IN (SELECT record_id FROM languages WHERE code = 'lat')"""
VENICE_Z_TO_A = """SELECT title FROM records
    WHERE record_id IN (SELECT record_id FROM imprints WHERE place_norm = 'venice')
    ORDER BY title_sort IS NULL, title_sort DESC, date_start, record_id LIMIT 1"""
# What each choice of the order control must make the answer say.
ORDER_WORDS = {
    "Title, A–Z": "by title, A to Z",
    "Title, Z–A": "by title, Z to A",
    "Author, A–Z": "by author, A to Z",
    "Author, Z–A": "by author, Z to A",
    "Date, newest first": "newest first",
    "Date, oldest first": "oldest first",
}


def read(index, sql, *params):
    with closing(sqlite3.connect(index)) as conn:
        return conn.execute(sql, params).fetchall()


def shown_ids(answer) -> set[str]:
    links = answer.locator(".card .record-link")
    return {href.rsplit("/", 1)[1] for href in links.evaluate_all("as => as.map(a => a.href)")}


def test_a_rankings_bars_show_its_counts_and_a_bar_narrows_to_its_books(page, base_url, demo_index):
    open_page(page, base_url)
    ask(page, "which towns printed Hebrew books?", 1)
    ranking = page.locator(".message.assistant").first
    expected = read(demo_index, HEBREW_PLACES)
    bars = ranking.locator(".bar-button")
    expect(bars).to_have_count(len(expected))
    labels = [(p.title(), f"{n} book{'s' * (n != 1)}") for p, n in expected]
    for bar, (place, books) in zip(bars.all(), labels, strict=True):
        expect(bar).to_have_accessible_name(f"{place} {books}")
    expect(ranking.locator(".text")).not_to_contain_text("1. Venice")  # the bars say it

    amsterdam = read(demo_index, HEBREW_PRINTED_IN, "amsterdam")
    page.get_by_role("button", name=re.compile(r"^Amsterdam \d")).click()
    expect(page.locator(".message.user").last).to_have_text("only those printed in Amsterdam")
    books = page.locator(".message.assistant").nth(1)
    expect(books.locator(".text")).to_have_text(
        f"Found {len(amsterdam)} books where language is Hebrew; place of printing is Amsterdam."
    )
    expect(books.locator(".card")).to_have_count(len(amsterdam))
    assert shown_ids(books) == {rid for (rid,) in amsterdam}
    expect(bars.first).to_be_disabled()  # the earlier answer's bars no longer act


def test_a_facet_chip_narrows_the_results_in_one_click(page, base_url, demo_index):
    open_page(page, base_url)
    ask(page, "books printed in Venice", 1)
    venice = page.locator(".message.assistant").first
    chips = venice.get_by_role("group", name="Narrow these results")
    latin = read(demo_index, VENICE_IN, "lat")
    chip = chips.get_by_role("button", name=f"Latin {len(latin)}")
    expect(chip).to_be_visible()
    expect(chips.locator(".facet-name")).to_have_text(["Language", "Century", "Printer"])
    chip.click()
    expect(page.locator(".message.user").last).to_have_text("only those in Latin")
    refined = page.locator(".message.assistant").nth(1)
    expect(refined.locator(".text")).to_contain_text(
        f"Found {len(latin)} books where place of printing is Venice; language is Latin."
    )
    expect(venice.locator(".facets")).to_have_count(0)  # chips belong to the latest results
    expect(refined.locator(".facet-name")).to_have_text(["Century", "Printer"])
    page.locator("#message").fill("show more")
    page.keyboard.press("Enter")
    expect(page.locator(".message.assistant")).to_have_count(3)
    assert shown_ids(refined) | shown_ids(page.locator(".message.assistant").last) == {
        rid for (rid,) in latin
    }


def test_a_count_shows_its_number_and_what_it_counted(page, base_url, demo_index):
    open_page(page, base_url)
    count = ask(page, "how many Latin books before 1550?", 1)
    ((expected,),) = read(demo_index, LATIN_BEFORE_1550)
    expect(count.locator(".tally-number")).to_have_text(str(expected))
    expect(count.locator(".tally-what")).to_have_text(
        "books match: language is Latin; date is before 1550."
    )


def test_the_order_control_shows_the_order_and_changes_it(page, base_url, demo_index):
    open_page(page, base_url)
    ask(page, "books printed in Venice", 1)
    control = page.locator(".message.assistant").first.get_by_label("Order:")
    expect(control).to_have_value("sort by date")
    for number, (label, words) in enumerate(ORDER_WORDS.items(), start=2):
        page.locator(".order-select").last.select_option(label=label)
        answer = page.locator(".message.assistant").nth(number - 1)
        expect(answer.locator(".text")).to_contain_text(f"is Venice, {words}.")
        expect(answer.locator(".order-select option:checked")).to_have_text(label)
        if label == "Title, Z–A":
            ((title,),) = read(demo_index, VENICE_Z_TO_A)
            expect(answer.locator(".record-link").first).to_have_text(title)
    expect(control).to_be_disabled()
