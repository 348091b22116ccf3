"""The suite's own rule: no test asserts wall-clock time (``bench/`` measures speed).

A test proves a bound by structure, never by a stopwatch on a loaded machine. This reads every
test module and fails on an ``assert`` that reads a duration: one clock reading less another
(``time.perf_counter() - start``), a name holding one, or the page's ``performance.now``. A
clock read to make a token's claims (``now + 60``) is no stopwatch and passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
CLOCKS = {"time", "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time"}


def _is_reading(node: ast.AST, readings: set[str]) -> bool:
    """A clock read (``time.monotonic()``) or a name holding one."""
    if isinstance(node, ast.Name):
        return node.id in readings
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCKS
        and getattr(node.func.value, "id", "") == "time"
    )


def _reads_page_clock(node: ast.AST) -> bool:
    """A script run in the page that reads its clock: ``page.evaluate("performance.now()")``."""
    return isinstance(node, ast.Constant) and "performance.now" in str(node.value)


def _is_duration(node: ast.AST, readings: set[str], durations: set[str]) -> bool:
    return any(
        (isinstance(part, ast.Name) and part.id in durations)
        or (isinstance(part, ast.Call) and any(_reads_page_clock(arg) for arg in part.args))
        or (
            isinstance(part, ast.BinOp)
            and isinstance(part.op, ast.Sub)
            and _is_reading(part.left, readings)
            and _is_reading(part.right, readings)
        )
        for part in ast.walk(node)
    )


def timed_asserts(source: str) -> list[int]:
    """The lines of asserts that read a duration, directly or through a name."""
    tree = ast.parse(source)
    readings: set[str] = set()
    durations: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if _is_reading(node.value, readings):
                readings |= names
            elif _is_duration(node.value, readings, durations):
                durations |= names
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Assert) and _is_duration(node.test, readings, durations)
    ]


@pytest.mark.parametrize(
    "module", sorted(TESTS.rglob("test_*.py")), ids=lambda path: str(path.relative_to(TESTS))
)
def test_no_test_asserts_wall_clock_time(module):
    assert timed_asserts(module.read_text()) == []


# The check's samples, as data: the keyword is filled in, so no line of this file is itself
# an assert that reads a clock.
EXAMPLE = "\n".join(
    [
        "# A test's asserts: the check must find lines 4, 5 and 6, and pass the token's clock.",
        "start = time.perf_counter()",
        "took = time.perf_counter() - start",
        "{check} took < 1.0",
        "{check} time.monotonic() - start < 5",
        '{check} page.evaluate("performance.now()") < 1000',
        "now = time.time()",
        '{check} user_of(jwt.encode({{"exp": now - 2}}), key) == "alice"',
    ]
).format(check="assert")


def test_the_check_finds_each_kind_of_timed_assert():
    assert timed_asserts(EXAMPLE) == [4, 5, 6]
