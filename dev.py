"""Set up and run Colophon from a fresh clone with nothing but Python 3.11+.

    python3 dev.py serve     # the main job: the chat page and HTTP API on http://127.0.0.1:8000/
    python3 dev.py chat      # chat with the demo catalogue in the terminal
    python3 dev.py test      # lint and the whole test-suite, with coverage
    python3 dev.py bench     # the benchmarks (see bench/README.md)
    python3 dev.py colophon ARGS...   # any colophon command

The first run creates .venv and installs Colophon into it; later runs reinstall only when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".colophon-installed"


def ensure_environment(extras: str = "dev") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an old python3
        sys.exit(f"Colophon needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    project = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted = f"{project} {extras}"
    installed = STAMP.read_text() if STAMP.exists() else ""
    if installed.split(" ")[0] == project and set(extras.split(",")) <= set(
        installed.split(" ")[-1].split(",")
    ):
        return
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing Colophon and its dependencies into .venv ...", flush=True)
    run([BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([BIN / "python", "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"])
    STAMP.write_text(wanted)


def run(command: list[str | Path]) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT)
    if result.returncode:
        sys.exit(result.returncode)


# Their tests skip where no PostgreSQL server answers, so they count towards the coverage
# floor only where the server is required (CI sets COLOPHON_REQUIRE_PG=1).
POSTGRES_MODULES = (
    "scripts/chat/postgres_*.py,scripts/chat/migrate_postgres.py,scripts/chat/store_copy.py"
)


def test(args: list[str]) -> None:
    run([BIN / "ruff", "check", "."])
    run([BIN / "ruff", "format", "--check", "--quiet", "."])
    run([BIN / "python", "-m", "pytest", "--cov=scripts", "--cov=app", "--cov-report=", *args])
    omit = [] if os.environ.get("COLOPHON_REQUIRE_PG") == "1" else [f"--omit={POSTGRES_MODULES}"]
    run(
        [
            BIN / "python",
            "-m",
            "coverage",
            "report",
            "--include=scripts/chat/*",
            *omit,
            "--fail-under=95",
        ]
    )


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"serve", "chat", "test", "bench", "colophon"}:
        sys.exit(__doc__)
    task, args = sys.argv[1], sys.argv[2:]
    ensure_environment("dev,bench" if task == "bench" else "dev")
    if task == "test":
        test(args)
    elif task == "bench":
        run([BIN / "python", "-m", "bench", *args])
    elif task in {"serve", "chat"}:
        run([BIN / "colophon", task, *args])
    else:
        run([BIN / "colophon", *args])


if __name__ == "__main__":
    main()
