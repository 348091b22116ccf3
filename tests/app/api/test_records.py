"""Record pages over HTTP: HTML and JSON from one address, MARC downloads, errors."""

from __future__ import annotations

import io
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pymarc
import pytest

from app.api.main import create_app
from tests.app.api.live import assert_error, client_for, make_settings, serving
from tests.scripts.records.rare_books import KARO


@pytest.fixture
def rare_url(tmp_path: Path, rare_index: Path) -> Iterator[str]:
    with serving(create_app(make_settings(tmp_path, rare_index))) as url:
        yield url


@pytest.fixture
def anyone(rare_url: str) -> Iterator[httpx.Client]:
    """No bearer token: the catalogue is public."""
    with client_for(rare_url, None) as client:
        yield client


class _Text(HTMLParser):
    """The page's text, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        if data.strip():
            self.text.append(data.strip())


def parsed_page(response: httpx.Response) -> _Text:
    parser = _Text()
    parser.feed(response.text)
    return parser


def test_a_browser_gets_the_page_in_a_readers_words(anyone):
    response = anyone.get("/records/r1", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = parsed_page(response)
    for text in ["Biblia latina", "Other names", "Gutenberg, Johann, 1397?-1468 (printer)",
                 "References", "Goff B-526", "Provenance", "Binding", "Shelfmark", "Inc. 1",
                 "Held at", "MARC record (as catalogued)", "510", "$c", "ib00526000"]:  # fmt: skip
        assert text in page.text, text
    assert {"/records/r1.xml", "/records/r1.mrc", "https://example.org/gutenberg"} <= set(
        page.links
    )
    assert not any("_" in text and text.islower() for text in page.text)  # no internal names


def test_json_is_the_same_page_as_data(anyone):
    page = anyone.get("/records/r3", headers={"Accept": "application/json"}).json()
    assert page["address"] == "/records/r3" and page["title"] == "Shulḥan ʻarukh"
    sections = {s["label"]: [v["text"] for v in s["values"]] for s in page["sections"]}
    assert sections["Title"] == ["Shulḥan ʻarukh", "שלחן ערוך"]
    tags = [f["tag"] for f in page["marc"]["fields"]]
    assert tags == [f.tag for f in KARO.fields]
    assert page["downloads"] == {"marcxml": "/records/r3.xml", "marc21": "/records/r3.mrc"}


def test_the_downloads_are_the_record_in_marcxml_and_marc21(anyone):
    xml = anyone.get("/records/r3.xml")
    assert xml.headers["content-type"] == "application/marcxml+xml"
    assert xml.headers["content-disposition"].startswith('attachment; filename="r3.xml"')
    (from_xml,) = pymarc.parse_xml_to_array(io.BytesIO(xml.content))
    mrc = anyone.get("/records/r3.mrc")
    assert mrc.headers["content-type"] == "application/marc"
    (from_mrc,) = pymarc.MARCReader(io.BytesIO(mrc.content), to_unicode=True)
    for record in (from_xml, from_mrc):
        assert [str(f) for f in record.fields] == [str(f) for f in KARO.fields]


def test_a_record_with_odd_bytes_and_an_unlinked_880_still_renders(anyone):
    assert "Anonymous tract\ufffd with a bell" in parsed_page(anyone.get("/records/r4")).text
    (record,) = pymarc.parse_xml_to_array(io.BytesIO(anyone.get("/records/r4.xml").content))
    assert record["880"]["a"] == "An 880 without its $6."


@pytest.mark.parametrize("path", ["/records/nope", "/records/nope.xml", "/records/nope.mrc"])
def test_an_unknown_record_is_404_in_the_error_shape(anyone, path):
    assert "nope" in assert_error(anyone.get(path), 404, "not_found")


def test_the_public_catalogue_does_not_read_a_token(rare_url):
    with httpx.Client(base_url=rare_url, headers={"Authorization": "Bearer x"}) as client:
        assert client.get("/records/r1").status_code == 200
