"""The chat page in a real browser: a conversation, its evidence, the sidebar, a phone."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

from app.api.tokens import issue_token
from tests.app.api.live import SECRET

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under COLOPHON_REQUIRE_BROWSER=1
    expect = None

TURNS = ["books printed in Venice", "only those in Latin", "tell me about the second one"]
SCREENSHOTS = "/tmp"


def open_page(page, base_url, user="alice"):
    page.goto(f"{base_url}/#token={issue_token(SECRET, user, 1)}")
    expect(page.locator("#message")).to_be_focused()


def ask(page, text, answers):
    page.locator("#message").fill(text)
    page.keyboard.press("Enter")
    expect(page.locator(".message.assistant")).to_have_count(answers)
    expect(page.locator("#send")).to_be_enabled()
    return page.locator(".message.assistant").last


def test_a_three_turn_conversation_reopens_from_the_sidebar(page, base_url):
    open_page(page, base_url)
    assert "token" not in page.url  # taken from the fragment once, kept in localStorage
    assert page.evaluate("localStorage.getItem('colophon.token')")

    venice = ask(page, TURNS[0], 1)
    expect(venice.locator(".text")).to_have_text(re.compile(r"^Found 39 books"))
    expect(venice.locator(".card")).to_have_count(10)
    expect(venice.locator("figcaption")).to_contain_text("all 39 matches")
    latin = ask(page, TURNS[1], 2)
    expect(latin.locator(".text")).to_have_text(re.compile(r"^Found 11 books"))
    second_title = latin.locator(".card").nth(1).locator(".card-title").inner_text()
    about = ask(page, TURNS[2], 3)
    expect(about.locator(".card")).to_have_count(1)
    expect(about.locator(".text")).to_contain_text("#2 ")
    assert second_title.split(". ", 1)[1] in about.locator(".card-title").inner_text()
    expect(page.locator("#message")).to_be_focused()

    evidence = about.locator(".evidence")
    expect(evidence.locator("table")).to_be_hidden()
    evidence.locator("summary").click()
    expect(evidence.locator("table")).to_be_visible()
    expect(evidence.locator("tbody tr").first).to_contain_text("marc:26")
    expect(evidence.locator("tbody tr").first).to_contain_text("place of printing")
    expect(evidence.locator("tbody")).to_contain_text("marc:008/35-37")
    expect(evidence.locator("tbody")).not_to_contain_text("imprint_place")

    page.reload()
    expect(page.locator("#welcome")).to_be_visible()
    entry = page.locator(".session-open", has_text=TURNS[0])
    expect(entry).to_have_count(1)
    entry.click()
    expect(page.locator(".message")).to_have_count(6)
    expect(page.locator(".message.assistant").first.locator(".card")).to_have_count(10)
    expect(page.locator("#session-title")).to_have_text(TURNS[0])
    expect(entry).to_have_attribute("aria-current", "true")


def test_follow_up_chips_send_their_suggestion(page, base_url):
    open_page(page, base_url)
    ask(page, TURNS[0], 1)
    chip = page.locator("#followups .chip", has_text="show more")
    chip.click()
    expect(page.locator(".message.user").last).to_have_text("show more")
    expect(page.locator(".message.assistant")).to_have_count(2)
    expect(page.locator(".message.assistant").last.locator(".card-number").first).to_have_text(
        "11. "
    )


def test_sessions_can_be_renamed_with_the_keyboard_and_deleted(page, base_url):
    open_page(page, base_url)
    ask(page, TURNS[0], 1)
    page.get_by_role("button", name=f"Rename “{TURNS[0]}”").click()
    rename = page.locator("input.rename")
    expect(rename).to_be_focused()
    rename.fill("Venetian printing")
    rename.press("Enter")
    expect(page.locator(".session-open")).to_have_text(["Venetian printing"])
    expect(page.locator("#session-title")).to_have_text("Venetian printing")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete “Venetian printing”").click()
    expect(page.locator(".session-open")).to_have_count(0)
    expect(page.locator("#welcome")).to_be_visible()


def test_new_chat_starts_afresh(page, base_url):
    open_page(page, base_url)
    ask(page, TURNS[0], 1)
    page.get_by_role("button", name="+ New chat").click()
    expect(page.locator(".message")).to_have_count(0)
    ask(page, "Hebrew books printed in Amsterdam", 1)
    expect(page.locator(".session-open")).to_have_count(2)


def direction(locator) -> str:
    """The direction the browser computed for the element: "ltr" or "rtl"."""
    return locator.evaluate("element => getComputedStyle(element).direction")


def test_hebrew_reads_right_to_left_beside_latin_text(page, base_url):
    open_page(page, base_url)
    message = page.locator("#message")
    message.fill("ספרים שנדפסו בקושטנדינא")
    assert direction(message) == "rtl"
    message.fill("")
    answer = ask(page, "books printed in Constantinople", 1)
    assert direction(page.locator(".message.user .text")) == "ltr"
    assert direction(answer.locator(".text")) == "ltr"
    # Arba'ah turim (cph000070): its 260 says Constantinople, its 880 קושטנדינא.
    card = answer.locator(".card", has_text="Arba'ah turim")
    assert direction(card.locator(".record-link")) == "ltr"
    card.locator(".evidence summary").click()
    hebrew = card.locator("td", has_text="קושטנדינא")
    latin = card.locator("td", has_text=re.compile(r"^Constantinople$"))
    expect(hebrew).to_be_visible()
    assert (direction(hebrew), direction(latin)) == ("rtl", "ltr")
    assert direction(card.locator("dd").first) == "ltr"
    page.screenshot(path=f"{SCREENSHOTS}/colophon-hebrew-evidence.png")


def test_a_hebrew_question_is_answered_in_hebrew_right_to_left(page, base_url, demo_index):
    with closing(sqlite3.connect(demo_index)) as conn:
        [(printed,)] = conn.execute(
            """SELECT count(DISTINCT record_id) FROM imprints
            WHERE place_norm IN ('constantinople', 'istanbul')"""
        ).fetchall()
    open_page(page, base_url)
    answer = ask(page, "ספרים שנדפסו בקושטנדינא", 1)
    assert direction(page.locator(".message.user .text")) == "rtl"
    text = answer.locator(".text")
    expect(text).to_contain_text(f"נמצאו {printed} ספרים שבהם מקום הדפוס")
    assert direction(text) == "rtl"
    expect(answer.locator(".card", has_text="Arba'ah turim")).to_be_visible()
    page.locator("#followups .chip", has_text="רק אלה בעברית").click()
    expect(page.locator(".message.assistant")).to_have_count(2)
    hebrew = page.locator(".message.assistant").last.locator(".text")
    expect(hebrew).to_contain_text("שפה: עברית")
    assert direction(hebrew) == "rtl"
    expect(page.locator("#send")).to_be_enabled()
    english = ask(page, "what about Venice?", 3)
    assert direction(english.locator(".text")) == "ltr"
    expect(english.locator(".text")).to_contain_text("place of printing is Venice")


def test_an_expired_token_says_how_to_get_a_new_one(page, base_url):
    page.goto(f"{base_url}/#token=not-a-token")
    expect(page.locator("#status")).to_contain_text("colophon token")


def test_the_page_fits_a_phone(browser, base_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    open_page(page, base_url)
    ask(page, TURNS[0], 1)
    page.screenshot(path=f"{SCREENSHOTS}/colophon-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator(".card").first.bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= 390
    expect(page.locator("#sidebar")).to_be_hidden()
    page.get_by_role("button", name="Show conversations").click()
    expect(page.locator("#sidebar")).to_be_visible()
    expect(page.locator("#new-chat")).to_be_focused()
    page.wait_for_timeout(300)  # let the sidebar finish sliding in before the picture
    page.screenshot(path=f"{SCREENSHOTS}/colophon-phone-sidebar.png")
    page.get_by_role("button", name="Hide conversations").first.click()
    expect(page.locator("#sidebar")).to_be_hidden()
    context.close()
