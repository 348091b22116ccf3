"""The catalogue-ingest benchmark runs and prints its table (on tiny catalogues)."""

from bench import catalogue_ingest
from tests.scripts.marc.marc_files import book, write_mrc


def test_main_prints_a_row_per_catalogue_and_a_note_for_an_absent_one(
    tmp_path, monkeypatch, capsys
):
    tiny = write_mrc(tmp_path / "tiny.mrc", [book("b1"), book("b2")])
    monkeypatch.setattr(
        catalogue_ingest, "CATALOGUES", {"tiny": (tiny,), "absent": (tmp_path / "absent.xml",)}
    )
    catalogue_ingest.main(["--quick"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "catalogue ingest, median of 1 run"
    assert lines[2] == (
        "| catalogue | records | skipped | median s | records/s | linking s | linking share |"
    )
    assert lines[4].startswith("| tiny | 2 | 0 | ")
    assert lines[-1] == f"Note: absent: skipped, {tmp_path / 'absent.xml'} is absent"
