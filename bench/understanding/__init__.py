"""Understanding: does Colophon answer what readers mean? Pass rates per category.

    python -m bench understanding [--quick] [--failures] [--category NAME] [--json]

Questions written as readers write them (``cases_demo``, ``cases_hebrew`` in Hebrew, both on
the demo catalogue, and ``cases_nlnz``) run through the real conversation, each in a new session on a fresh index of its catalogue; a dialog's
follow-ups run in one session. A case passes when the records its turn answers and the
records the oracle computes from the MARC (``oracle``) have a Jaccard similarity of at
least 0.9 (nothing expected and nothing answered also passes). Questions that ask how
many ("count"), which values and how often ("ranking", grouped as ``facets`` says) or for
records in an order ("ordering", as ``ordering`` says) pass when the turn's typed answer
or its page in order agrees with the oracle exactly (``run.judge``). The NLNZ sample comes
from ../shared and is skipped with a note when absent. ``--quick`` runs every fifth case,
``--failures`` lists each failing case, ``--category`` runs one category.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.settings import DEMO_CATALOGUE, DEMO_SOURCES
from bench.understanding import cases_demo, cases_hebrew, cases_nlnz, report
from bench.understanding.case import CATEGORIES, Case, Dialog
from bench.understanding.oracle import read_books
from bench.understanding.run import Outcome, run_case, run_dialog
from scripts.chat import SessionStore
from scripts.chat.conversation import Conversation
from scripts.marc.index import build_index

NLNZ_MRC = Path(__file__).resolve().parents[3] / "shared" / "data" / "marc" / "nlnz-1000.mrc"


@dataclass(frozen=True)
class Catalogue:
    name: str
    source: Path  # the bibliographic records, which the oracle reads
    cases: tuple[Case, ...]
    dialogs: tuple[Dialog, ...]
    indexed: tuple[Path, ...] = ()  # every file the index is built from, when more than source


CATALOGUES = [
    Catalogue(
        "demo catalogue",
        DEMO_CATALOGUE,
        (*cases_demo.CASES, *cases_hebrew.CASES),
        (*cases_demo.DIALOGS, *cases_hebrew.DIALOGS),
        DEMO_SOURCES,
    ),
    Catalogue("NLNZ sample", NLNZ_MRC, cases_nlnz.CASES, cases_nlnz.DIALOGS),
]


def main(argv: list[str] | None = None) -> None:
    """Run the cases and print the pass rates (markdown, or JSON with --json)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="every fifth case")
    parser.add_argument("--failures", action="store_true", help="list each failing case")
    parser.add_argument("--category", choices=CATEGORIES, help="only this category")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    notes: list[str] = []
    results: report.Results = {}
    with tempfile.TemporaryDirectory(prefix="colophon-bench-") as folder:
        for catalogue in CATALOGUES:
            if not catalogue.source.exists():
                notes.append(f"{catalogue.name} skipped: {catalogue.source} is absent")
                continue
            results[catalogue.name] = _run(catalogue, Path(folder), args.quick, args.category)
    if args.json:
        print(report.as_json(results, args.failures))
        return
    interpreter = "a chat model" if os.environ.get("OPENAI_API_KEY") else "the grammar"
    print(
        f"understanding: reader questions answered by {interpreter}; lists pass at Jaccard"
        " >= 0.9, counts, rankings and orderings when they agree with the oracle\n"
    )
    print(report.markdown(results, args.failures))
    for note in notes:
        print(f"\nNote: {note}")


def _run(catalogue: Catalogue, folder: Path, quick: bool, category: str | None) -> list[Outcome]:
    """Index the catalogue afresh and run its cases and dialogs."""
    stem = catalogue.source.stem
    build_index(list(catalogue.indexed or [catalogue.source]), folder / f"{stem}.db")
    books = read_books(catalogue.source)
    cases = [c for c in catalogue.cases if category in (None, c.category)]
    dialogs = [d for d in catalogue.dialogs if category in (None, d.category)]
    if quick:
        cases, dialogs = cases[::5], dialogs[::5]
    with SessionStore(folder / f"{stem}-sessions.db") as store:
        conversation = Conversation(store, folder / f"{stem}.db")
        return [
            *(run_case(conversation, case, books) for case in cases),
            *(run_dialog(conversation, dialog, books) for dialog in dialogs),
        ]
