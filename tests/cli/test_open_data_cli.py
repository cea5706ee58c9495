"""`plenary export csv|json --out DIR` and `plenary import DIR` through the console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


def run(url: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=300
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_an_empty_database_then_export_is_identical(
    database_url: str, empty_database_url: str, tmp_path: Path, fmt: str
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shown = json.loads(run(database_url, "--json", "export", fmt, "--out", str(first)).stdout)
    assert shown["format"] == fmt and f"decisions.{fmt}" in shown["files"]
    # a fresh database: no schema, no account — the import gives it both a schema and the record
    imported = json.loads(run(empty_database_url, "--json", "import", str(first)).stdout)
    assert imported["rows"][f"decisions.{fmt}"] == 22
    run(empty_database_url, "export", fmt, "--out", str(second))
    assert _files(first) == _files(second)
    assert "decisions" in run(empty_database_url, "decisions").stdout  # the record is readable
    verify = run(empty_database_url, "--json", "audit", "verify")
    assert json.loads(verify.stdout)["ok"] is True


def test_a_malformed_import_prints_every_problem_and_stores_nothing(
    database_url: str, empty_database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    run(database_url, "export", "csv", "--out", str(folder))
    decisions = folder / "decisions.csv"
    decisions.write_bytes(decisions.read_bytes().replace(b",2003-04-30,", b",2003-04-31,", 1))
    replies = folder / "office_terms.csv"
    replies.write_bytes(replies.read_bytes().replace(b"Canada", b"Atlantis", 1))
    refused = run(empty_database_url, "import", str(folder), ok=False)
    assert refused.returncode == 2
    lines = refused.stderr.splitlines()
    assert "decisions.csv, row 1, column adopted_on: '2003-04-31' is not a date (YYYY-MM-DD)" in (
        lines
    )
    assert (
        "office_terms.csv, row 2, column participant: 'Atlantis' is not in participants.csv"
        in lines
    )
    assert lines[-1] == "error: The files have 2 problem(s); nothing was stored."
    report = run(empty_database_url, "--json", "import", str(folder), ok=False)
    problems = json.loads(report.stderr[: report.stderr.rindex("]") + 1])
    assert {"file": "office_terms.csv", "row": 2, "field": "participant"}.items() <= problems[
        1
    ].items()
    # nothing stored: the database is still without a record, so a good import then succeeds
    run(database_url, "export", "csv", "--out", str(tmp_path / "good"))
    run(empty_database_url, "import", str(tmp_path / "good"))


def test_import_into_a_database_holding_a_record_is_refused(
    database_url: str, tmp_path: Path, clerk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the secretariat wrote to the record, an import is refused (only the untouched
    embedded record is replaced)."""
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-03")
    run(database_url, "export", "json", "--out", str(tmp_path))
    run(database_url, "--as", clerk, "participant", "rename", "Togo", "Togolese Republic",
        "--on", "2010-01-01")  # fmt: skip
    refused = run(database_url, "--as", clerk, "import", str(tmp_path), ok=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "error: The database already holds a record (body has rows) other than the embedded one "
        "as it was loaded: import only into a database without a record."
    )


def test_a_folder_without_open_data_is_refused(empty_database_url: str, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here")
    refused = run(empty_database_url, "import", str(tmp_path), ok=False)
    assert refused.returncode == 2
    assert "No open-data files found" in refused.stderr
