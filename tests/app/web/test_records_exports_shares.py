"""In a real browser: a record page from a result card, downloads, a shared conversation."""

from __future__ import annotations

import re
from pathlib import Path

from app.api.tokens import issue_token
from tests.app.api.live import SECRET
from tests.app.web.test_chat_page import ask, open_page
from tests.scripts.export import parsed

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under COLOPHON_REQUIRE_BROWSER=1
    expect = None

VENICE = "books printed in Venice"


def test_a_result_card_opens_the_record_page(page, base_url):
    open_page(page, base_url)
    answer = ask(page, VENICE, 1)
    first = answer.locator(".card").first.locator("a.record-link")
    title = first.inner_text()
    with page.context.expect_page() as opened:
        first.click()
    record = opened.value
    record.wait_for_load_state()
    assert re.fullmatch(rf"{re.escape(base_url)}/records/cph\d+", record.url)
    expect(record.locator("h1")).to_have_text(title)
    expect(record.locator(".reader-view dt").first).to_have_text("Title")
    expect(record.locator(".reader-view")).to_contain_text("Published")
    record.locator("#marc summary").click()
    expect(record.locator("#marc tbody tr").first).to_contain_text("LDR")
    expect(record.locator("#marc")).to_contain_text("245")
    with record.expect_download() as marc:
        record.get_by_role("link", name="Download MARCXML").click()
    assert marc.value.suggested_filename.endswith(".xml")
    (from_xml,) = parsed.marcxml(Path(marc.value.path()).read_text(encoding="utf-8"))
    assert from_xml["id"] in record.url
    expect(page.locator(".message.assistant")).to_have_count(1)  # the chat stayed as it was


def test_an_answer_downloads_all_its_matches_and_the_conversation_downloads_too(page, base_url):
    open_page(page, base_url)
    answer = ask(page, VENICE, 1)
    menu = answer.locator(".downloads")
    menu.locator("summary", has_text="Download all 39 results").click()
    with page.expect_download() as info:
        menu.get_by_role("button", name="RIS (EndNote, Zotero, Mendeley)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ris")
    entries = parsed.ris(Path(download.path()).read_text(encoding="utf-8"))
    assert len(entries) == 39
    shown = answer.locator(".card a.record-link").all_inner_texts()
    assert [e["title"] for e in entries][:10] == shown
    assert entries[0]["why"].startswith(f"Matched “{VENICE}”")
    conversation = page.locator("#conversation-actions .downloads")
    conversation.locator("summary").click()
    with page.expect_download() as info:
        conversation.get_by_role("button", name="Conversation (Markdown)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith(f"# {VENICE}\n") and info.value.suggested_filename.endswith(".md")


def _share(page) -> str:
    page.get_by_role("button", name="Share").click()
    expect(page.locator("#share-panel")).to_be_visible()
    link = page.locator("#share-link").input_value()
    assert "/shared/" in link
    return link


def test_a_shared_link_opens_read_only_elsewhere_and_dies_when_revoked(browser, page, base_url):
    open_page(page, base_url)
    ask(page, VENICE, 1)
    ask(page, "only those in Latin", 2)
    link = _share(page)
    stranger = browser.new_context()
    bob = browser.new_context()
    try:
        for context, token in ((stranger, None), (bob, issue_token(SECRET, "bob", 1))):
            reader = context.new_page()
            if token:
                open_page(reader, base_url, user="bob")
                expect(reader.locator(".session-open")).to_have_count(0)  # bob has none
            reader.goto(link)
            expect(reader.locator(".message")).to_have_count(4)
            expect(reader.locator("#session-title")).to_have_text(VENICE)
            expect(reader.locator(".message.assistant").first.locator(".card")).to_have_count(10)
            expect(reader.locator("textarea, form, .downloads, #share")).to_have_count(0)
        page.get_by_role("button", name="Stop sharing").click()
        expect(page.locator("#status")).to_contain_text("Sharing stopped")
        gone = stranger.new_page().goto(link)
        assert gone.status == 404 and gone.json()["error"]["code"] == "not_found"
    finally:
        stranger.close()
        bob.close()
