"""Pass rates per category, per catalogue and overall, as markdown tables or JSON.

A failure lists what was expected and answered (records, a count, or the rows or ids
judged) and its score (``run.judge``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from bench.understanding.case import CATEGORIES
from bench.understanding.run import Outcome

Results = dict[str, list[Outcome]]  # catalogue name -> outcomes of its cases and dialogs


def figures(outcomes: Sequence[Outcome]) -> dict[str, dict[str, float]]:
    """Cases, passed and pass rate per category in ``CATEGORIES`` order, then "all"."""
    rows = {}
    for category in [*CATEGORIES, "all"]:
        chosen = [o for o in outcomes if category in ("all", o.category)]
        if chosen:
            passed = sum(o.verdict.passed for o in chosen)
            rows[category] = {
                "cases": len(chosen),
                "passed": passed,
                "rate": round(passed / len(chosen), 3),
            }
    return rows


def markdown(results: Results, failures: bool) -> str:
    """A table per catalogue, one overall, the overall rate, and the failures if asked."""
    parts = [_table(name, outcomes) for name, outcomes in results.items()]
    everything = [o for outcomes in results.values() for o in outcomes]
    if len(results) > 1:
        parts.append(_table("overall", everything))
    overall = figures(everything).get("all")
    if overall:
        parts.append(
            f"overall pass rate: {overall['rate']:.1%} ({overall['passed']}/{overall['cases']})"
        )
    if failures:
        parts += [_failures(name, outcomes) for name, outcomes in results.items()]
    return "\n\n".join(parts)


def as_json(results: Results, failures: bool) -> str:
    everything = [o for outcomes in results.values() for o in outcomes]
    report: dict[str, object] = {
        "catalogues": {name: figures(outcomes) for name, outcomes in results.items()},
        "overall": figures(everything),
    }
    if failures:
        report["failures"] = {
            name: [_failure(o) for o in outcomes if not o.verdict.passed]
            for name, outcomes in results.items()
        }
    return json.dumps(report, indent=2, ensure_ascii=False)


def _table(title: str, outcomes: Sequence[Outcome]) -> str:
    lines = [
        f"### {title}",
        "",
        "| category | cases | passed | pass rate |",
        "|---|---:|---:|---:|",
    ]
    for category, row in figures(outcomes).items():
        name = "**all**" if category == "all" else category
        lines.append(f"| {name} | {row['cases']} | {row['passed']} | {row['rate']:.1%} |")
    return "\n".join(lines)


def _failures(title: str, outcomes: Sequence[Outcome]) -> str:
    lines = [
        f"### failures: {title}",
        "",
        "| category | text | expected | answered | score | answer |",
        "|---|---|---:|---:|---:|---|",
    ]
    for o in outcomes:
        if not o.verdict.passed:
            v = o.verdict
            lines.append(
                f"| {o.category} | {_cell(o.text)} | {v.expected} | {v.answered}"
                f" | {v.score:.2f} | {_cell(o.first_line)} |"
            )
    return "\n".join(lines)


def _failure(outcome: Outcome) -> dict[str, object]:
    v = outcome.verdict
    return {
        "category": outcome.category,
        "text": outcome.text,
        "expected": v.expected,
        "answered": v.answered,
        "score": round(v.score, 3),
        "answer": outcome.first_line,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
