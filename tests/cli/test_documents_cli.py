"""`plenary export pdf` and `plenary report unga`: files written, errors in one line."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
pytestmark = pytest.mark.db


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=120
    )


def test_export_pdf_of_a_russian_communique(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "c.ru.pdf"
    result = run(
        database_url,
        "--as-of",
        "2026-12-01",
        "export",
        "pdf",
        "2003-johannesburg-communique",
        "--language",
        "ru",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "Йоханнесбург" in " ".join(text.split())


def test_a_missing_version_is_one_line_exit_2_and_no_file(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "d.ru.pdf"
    result = run(
        database_url,
        "--as-of",
        "2004-06-01",
        "export",
        "pdf",
        "2003-SUN-04",
        "--language",
        "ru",
        "--out",
        str(out),
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no ru version" in result.stderr
    assert not out.exists()
    unknown = run(database_url, "export", "pdf", "2003-XYZ", "--out", str(out))
    assert unknown.returncode == 2 and "2003-XYZ" in unknown.stderr


@pytest.mark.parametrize("fmt", ["md", "pdf", "docx"])
def test_report_unga_in_each_format(database_url: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = run(
        database_url,
        "report",
        "unga",
        "--year",
        "2003",
        "--language",
        "en",
        "--format",
        fmt,
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    if fmt == "md":
        text = data.decode()
    elif fmt == "pdf":
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    else:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    text = " ".join(text.split())
    assert "Chinese Taipei" in text and "A/RES/57/302" in text
    assert "Incoming Chair: Canada" in text


def test_report_of_a_year_outside_the_record(database_url: str, tmp_path: Path) -> None:
    result = run(database_url, "report", "unga", "--year", "2012", "--out", str(tmp_path / "r.md"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "2012" in result.stderr
