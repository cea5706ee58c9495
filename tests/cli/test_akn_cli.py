"""`plenary export akn --out DIR`: the files written under stable names, each valid Akoma Ntoso
3.0; a folder that cannot be used is one clear line on stderr, exit 2, nothing written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from governance.akn import schema

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
pytestmark = pytest.mark.db


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=180
    )


def test_the_export_writes_every_document_under_its_stable_name(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "akn" / "2003"  # created, parents too
    result = run(
        database_url, "--as-of", "2026-12-01", "--json", "export", "akn", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["decisions"], summary["communiques"]) == (120, 110, 10)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.xml"))
    assert written == sorted(summary["files"])
    assert "decisions/2003-JHB-01.eng.xml" in written
    assert "decisions/2003-SUN-12.rus.xml" in written
    assert "communiques/2003-sun-city-communique.por.xml" in written
    assert not list(out.glob(".*"))  # no probe or temporary file left behind
    for path in out.rglob("*.xml"):
        assert schema.errors(path.read_bytes()) == [], path
    root = etree.parse(str(out / "decisions/2003-JHB-01.fra.xml")).getroot()
    ns = {"a": schema.NAMESPACE}
    assert root.find(".//a:FRBRlanguage", ns).get("language") == "fra"

    # Run again into the same folder: the same names, replaced, the same bytes.
    before = {p: p.read_bytes() for p in out.rglob("*.xml")}
    again = run(database_url, "--as-of", "2026-12-01", "export", "akn", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert "documents: 120" in again.stdout
    assert {p: p.read_bytes() for p in out.rglob("*.xml")} == before


def test_as_of_an_earlier_date_only_what_was_known(database_url: str, tmp_path: Path) -> None:
    result = run(database_url, "--as-of", "2003-05-01", "export", "akn", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.rglob("*.xml"))) == 11  # ten Johannesburg decisions, one communiqué


@pytest.mark.parametrize("kind", ["file", "under a file"])
def test_a_bad_out_is_one_clear_line(database_url: str, tmp_path: Path, kind: str) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    out = a_file if kind == "file" else a_file / "akn"
    result = run(database_url, "export", "akn", "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {out} cannot be used as the export folder (")
    assert "Traceback" not in result.stderr
    assert a_file.read_text() == "mine"
    assert not list(tmp_path.rglob("*.xml"))


def test_a_folder_that_cannot_be_written(database_url: str, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        if _writable_anyway(locked):
            pytest.skip("running as a user that writes into read-only folders (root)")
        result = run(database_url, "export", "akn", "--out", str(locked / "out"))
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"error: {locked / 'out'} cannot be used as the export folder (Permission denied)."
        ]
    finally:
        locked.chmod(0o700)


def test_the_out_option_is_required(database_url: str) -> None:
    result = run(database_url, "export", "akn")
    assert result.returncode == 2
    assert "--out" in result.stderr


def _writable_anyway(folder: Path) -> bool:
    try:
        (folder / ".probe").write_text("")
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True
