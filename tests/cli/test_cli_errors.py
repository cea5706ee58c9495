"""Every expected failure of the `plenary` command: one line on stderr, exit 2, nothing stored;
an unexpected one: one line naming a private log with the details, exit 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from dbcheck import audit_count, dump
from sqlalchemy.engine import Engine

from governance import cli, db
from governance.incidents import printable
from governance.services import offices

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


@pytest.fixture
def clerk_engine(database_url: str, clerk: str) -> Engine:
    """The database the CLI writes to as ``clerk``."""
    return db.get_engine(database_url)


def plenary(
    url: str, *args: str | bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, "--as", "clerk", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def latin1_file(tmp: Path) -> list[str]:
    path = tmp / "latin1.txt"
    path.write_bytes("Réunion de Sun City".encode("latin-1"))
    return [
        "decision",
        "add",
        "2004-X-01",
        "--title",
        "T",
        "--kind",
        "other",
        "--procedure",
        "plenary",
        "--adopted-on",
        "2004-01-05",
        "--text-file",
        str(path),
    ]


def a_file(tmp: Path) -> Path:
    path = tmp / "plain-file"
    path.write_text("not a folder")
    return path


CASES: dict[str, tuple[Callable[[Path], list[str | bytes]], dict[str, str], str]] = {
    "text file not UTF-8": (latin1_file, {}, "cannot be read as UTF-8 text"),  # type: ignore
    "argument bytes not UTF-8": (
        lambda tmp: [
            b"participant",
            b"add",
            b"R\xe9union",
            b"--kind",
            b"state",
            b"--status",
            b"applicant",
            b"--stage",
            b"intent_declared",
        ],
        {},
        "not valid UTF-8 text",
    ),
    "malformed setting": (lambda tmp: ["chair"], {"PLENARY_MAX_TEXT": "abc"}, "PLENARY_MAX_TEXT"),
    "backup into a missing folder": (
        lambda tmp: ["backup", str(tmp / "missing" / "b.json")],
        {},
        "No such file or directory",
    ),
    "backup under a file": (
        lambda tmp: ["backup", str(a_file(tmp) / "b.json")],
        {},
        "Not a directory",
    ),
    "date beyond the record": (
        lambda tmp: [
            "office",
            "term",
            "vice_chair",
            "Botswana",
            "--starts-on",
            "2010-01-01",
            "--ends-on",
            "9999-12-30",
            "--departure",
            "--decision",
            "2003-SUN-05",
        ],
        {},
        "outside the dates the record accepts",
    ),
    "participant without a decision": (
        lambda tmp: [
            "participant",
            "add",
            "Atlantis",
            "--kind",
            "state",
            "--status",
            "participant",
        ],
        {},
        "A Participant is admitted by a decision",
    ),
    "name differing by a zero-width space": (
        lambda tmp: [
            "participant",
            "add",
            "Can\u200bada",
            "--kind",
            "state",
            "--status",
            "applicant",
            "--stage",
            "intent_declared",
        ],
        {},
        "already exists",
    ),
    "terminal escape in a title": (
        lambda tmp: [
            "decision",
            "add",
            "2004-X-02",
            "--title",
            "Esc\x1b[31mape",
            "--kind",
            "other",
            "--procedure",
            "plenary",
            "--adopted-on",
            "2004-01-05",
            "--text",
            "t",
        ],
        {},
        "control character (U+001B)",
    ),
    "note over the limit": (
        lambda tmp: [
            "participant",
            "add",
            "Ghana",
            "--kind",
            "state",
            "--status",
            "applicant",
            "--stage",
            "intent_declared",
            "--note",
            "n" * 1001,
        ],
        {"PLENARY_MAX_TEXT": "1000"},
        "at most 1000 are accepted",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_expected_failure_is_one_line_exit_2_and_stores_nothing(
    clerk_engine: Engine, database_url: str, tmp_path: Path, case: str
) -> None:
    arguments, env, expected = CASES[case]
    before, trail = dump(clerk_engine), audit_count(clerk_engine)
    result = plenary(database_url, *arguments(tmp_path), env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert expected in lines[0] and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert dump(clerk_engine) == before and audit_count(clerk_engine) == trail


def test_a_name_in_another_unicode_normalization_is_the_same_name(
    clerk_engine: Engine, database_url: str
) -> None:
    applicant = ["--kind", "state", "--status", "applicant", "--stage", "intent_declared"]
    assert plenary(database_url, "participant", "add", "Réunion", *applicant).returncode == 0
    before = dump(clerk_engine)
    nfd = unicodedata.normalize("NFD", "Réunion")
    result = plenary(database_url, "participant", "add", nfd, *applicant)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert dump(clerk_engine) == before


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("bogus://x", "The database URL bogus://x cannot be used"),
        ("postgresql://someone:s3cret@127.0.0.1:9/none", "The database cannot be opened or read"),
    ],
)
def test_an_unusable_database_url_is_one_line(url: str, expected: str) -> None:
    result = plenary(url, "chair")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {expected}") and result.stderr.count("\n") == 1
    assert "s3cret" not in result.stderr


def test_a_sqlite_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    result = plenary(f"sqlite:///{a_file(tmp_path)}/plenary.sqlite3", "chair")
    assert result.returncode == 2
    assert "a part of the path is a file, not a folder" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_unexpected_failure_names_a_private_log_and_exits_1(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A defect (here: injected into the Chair service) is not shown as a traceback."""

    def defect(**_: object) -> None:
        raise KeyError("a defect")

    monkeypatch.setattr(offices, "holders_on", defect)
    monkeypatch.setenv("PLENARY_LOG_DIR", str(tmp_path / "logs"))
    with pytest.raises(SystemExit) as exited:
        cli.main(["--database-url", database_url, "chair"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected failure (KeyError); details in ")
    assert err.count("\n") == 1 and "Traceback" not in err
    log = Path(err.rsplit("details in ", 1)[1].strip())
    assert log.parent == tmp_path / "logs" and (log.stat().st_mode & 0o777) == 0o600
    assert "Traceback" in log.read_text() and "a defect" in log.read_text()


def test_stored_text_never_drives_the_terminal() -> None:
    assert printable("Esc\x1b[31mape\u202eX\nnext") == "Esc\\x1b[31mape\\u202eX\nnext"
    assert printable("a\nb", keep_newlines=False) == "a\\nb"
