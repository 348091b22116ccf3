"""Every export format read back with an independent parser, as plain per-record facts.

Used by the export tests here and over HTTP and in the browser: each reader returns, per
record in file order, ``{"id", "title", "why"}`` taken the way that format's own tools read it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pymarc
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

CSL_SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text())


def ris(text: str) -> list[dict]:
    return [
        {"id": e["accession_number"], "title": e["title"], "why": e.get("notes", [""])[0], "raw": e}
        for e in rispy.loads(text)
    ]


def bibtex(text: str) -> list[dict]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return [
        {
            "id": e.key,
            "title": e.fields_dict["title"].value,
            "why": e.fields_dict["note"].value if "note" in e.fields_dict else "",
            "raw": e,
        }
        for e in library.entries
    ]


def csl_json(text: str) -> list[dict]:
    items = json.loads(text)
    jsonschema.validate(items, CSL_SCHEMA)
    return [
        {"id": i["id"], "title": i["title"], "why": i.get("note", "").split("\n")[0], "raw": i}
        for i in items
    ]


def csv_rows(text: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [
        {"id": r["Record number"], "title": r["Title"], "why": r["Why it matched"], "raw": r}
        for r in rows
    ]


def marcxml(text: str) -> list[dict]:
    records = pymarc.parse_xml_to_array(io.BytesIO(text.encode()))
    return [
        {
            "id": r["001"].data,
            "title": r["245"].get_subfields("a")[0],
            "why": r.get("590").get_subfields("a")[0] if r.get("590") else "",
            "raw": r,
        }
        for r in records
    ]


READERS = {"ris": ris, "bibtex": bibtex, "csl-json": csl_json, "csv": csv_rows, "marcxml": marcxml}
