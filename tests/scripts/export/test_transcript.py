"""A conversation as Markdown and as JSON, read back by a Markdown parser and json."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from scripts.chat import SessionStore
from scripts.chat.conversation import Conversation
from scripts.export.transcript import as_json, markdown

QUESTIONS = ["books printed in Venice", "tell me about the second one", "# *what* [is] <i>this?"]


@pytest.fixture
def session(tmp_path, demo_index):
    with SessionStore(tmp_path / "sessions.db") as store:
        session_id = store.create_session(metadata={"title": "Venice <b>& co</b>"}).session_id
        chat = Conversation(store, demo_index)
        for question in QUESTIONS:
            chat.handle(session_id, question)
        yield store.get_session(session_id)


class _Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text += data


def rendered(text: str) -> _Rendered:
    parser = _Rendered()
    parser.feed(MarkdownIt().render(text))
    return parser


def test_markdown_reads_as_the_conversation_with_links_to_the_records(session):
    page = rendered("".join(markdown(session)))
    assert "Venice <b>& co</b>" in page.text  # the title's markup stays text
    assert "# *what* [is] <i>this?" in page.text
    assert "Found 39 books where place of printing is Venice" in page.text
    assert set(page.tags) <= {"h1", "p", "strong", "br", "a"}  # no list, emphasis or html
    shown = [c.record_id for c in session.messages[1].candidate_set.candidates]
    assert page.links[:10] == [f"/records/{rid}" for rid in shown]


def test_markdown_links_are_absolute_when_the_server_is_known(session):
    page = rendered("".join(markdown(session, lambda rid: f"https://cat.example/records/{rid}")))
    assert page.links and all(
        link.startswith("https://cat.example/records/") for link in page.links
    )


def test_json_gives_each_message_and_its_records(session):
    document = json.loads("".join(as_json(session)))
    assert document["title"] == "Venice <b>& co</b>"
    roles = [m["role"] for m in document["messages"]]
    assert roles == ["user", "assistant"] * 3
    venice = document["messages"][1]["results"]
    assert venice["found"] == 39 and len(venice["shown"]) == 10
    assert venice["shown"][0]["address"] == f"/records/{venice['shown'][0]['record_id']}"
    assert document["messages"][0]["results"] is None
    assert document["messages"][3]["results"]["found"] == 1
