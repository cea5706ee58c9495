"""`plenary communique add`, `decision add --communique/--available-on/--not-available`,
`decision link`, notes and sources on meetings, and a communiqué's language versions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))

pytestmark = pytest.mark.usefixtures("clerk")


def run(url: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PLENARY, "--database-url", url, "--as", "clerk", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def as_json(url: str, *args: str) -> Any:
    return json.loads(run(url, "--json", *args).stdout)


@pytest.fixture
def gatineau(database_url: str) -> str:
    run(
        database_url,
        "meeting", "add", "2004-gatineau",
        "--title", "Plenary meeting, Gatineau",
        "--place", "Gatineau, Canada",
        "--starts-on", "2004-10-27",
        "--ends-on", "2004-10-29",
        "--host", "Canada",
        "--chair", "Canada",
        "--note", "Dates approximate.",
        "--source", "Chair's letter",
    )  # fmt: skip
    return database_url


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "gatineau.en.txt"
    path.write_text("The Plenary met in Gatineau.\n\nIt closed.", encoding="utf-8")
    return path


def add_communique(url: str, text_file: Path, *extra: str, ok: bool = True) -> Any:
    return run(
        url,
        "--json",
        "communique", "add", "2004-gatineau-communique",
        "--meeting", "2004-gatineau",
        "--issued-on", "2004-10-29",
        "--title", "Final Communiqué, Gatineau",
        "--text-file", str(text_file),
        *extra,
        ok=ok,
    )  # fmt: skip


def test_meetings_show_their_note_and_source(gatineau: str) -> None:
    [listed] = [
        m
        for m in as_json(gatineau, "--as-of", "2004-11-01", "meetings")
        if m["code"] == "2004-gatineau"
    ]
    assert (listed["note"], listed["source"], listed["host"]) == (
        "Dates approximate.",
        "Chair's letter",
        "Canada",
    )
    table = run(gatineau, "--as-of", "2004-11-01", "meetings").stdout
    assert "Dates approximate." in table
    shown = as_json(gatineau, "--as-of", "2004-11-01", "meeting", "show", "2004-gatineau")
    assert shown["note"] == "Dates approximate." and shown["communique"] is None


def test_a_host_outside_the_register_is_one_line_and_nothing_stored(database_url: str) -> None:
    result = run(
        database_url,
        "meeting", "add", "2004-atlantis",
        "--title", "Plenary", "--place", "Atlantis",
        "--starts-on", "2004-10-27", "--ends-on", "2004-10-29",
        "--host", "Atlantis",
        ok=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: host: 'Atlantis' is not in the register of Participants and Observers under "
        "that name on 2004-10-27."
    )
    codes = [m["code"] for m in as_json(database_url, "--as-of", "2005-01-01", "meetings")]
    assert "2004-atlantis" not in codes


def test_a_communique_recorded_then_shown_then_translated(gatineau: str, text_file: Path) -> None:
    added = json.loads(add_communique(gatineau, text_file, "--note", "Undated.").stdout)
    assert (added["code"], added["meeting"], added["issued_on"], added["note"]) == (
        "2004-gatineau-communique",
        "2004-gatineau",
        "2004-10-29",
        "Undated.",
    )
    shown = as_json(gatineau, "--as-of", "2004-11-01", "meeting", "show", "2004-gatineau")
    assert shown["communique"] == "2004-gatineau-communique"
    versions = as_json(gatineau, "--as-of", "2004-11-01", "communique", "2004-gatineau-communique")
    assert {v["language"]: v["state"] for v in versions}["en"] == "available"
    english = as_json(
        gatineau, "--as-of", "2004-11-01", "communique", "2004-gatineau-communique",
        "--language", "en",
    )  # fmt: skip
    assert english["text"] == "The Plenary met in Gatineau.\n\nIt closed."
    # French through the Rule 26 steps, as for a decision.
    run(
        gatineau, "translation", "set", "2004-gatineau-communique", "fr", "in_translation",
        "--on", "2004-11-05", "--text", "La Plénière s'est réunie à Gatineau.",
    )  # fmt: skip
    run(
        gatineau,
        "translation",
        "set",
        "2004-gatineau-communique",
        "fr",
        "final",
        "--on",
        "2004-11-20",
    )
    run(
        gatineau, "translation", "set", "2004-gatineau-communique", "fr", "available",
        "--on", "2004-12-01",
    )  # fmt: skip
    french = as_json(
        gatineau, "--as-of", "2004-12-01", "communique", "2004-gatineau-communique",
        "--language", "fr",
    )  # fmt: skip
    assert (french["state"], french["available_on"], french["text"]) == (
        "available",
        "2004-12-01",
        "La Plénière s'est réunie à Gatineau.",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--issued-on", "2004-10-26"],
            "error: A communiqué of 2004-gatineau cannot be issued on 2004-10-26, before the "
            "meeting starts (2004-10-27).",
        ),
        (["--meeting", "2004-nowhere"], "error: No meeting named '2004-nowhere'."),
    ],
)
def test_a_bad_communique_is_one_line_and_nothing_stored(
    gatineau: str, text_file: Path, args: list[str], message: str
) -> None:
    result = add_communique(gatineau, text_file, *args, ok=False)
    assert result.returncode == 2
    assert result.stderr.strip() == message
    result = run(gatineau, "communique", "2004-gatineau-communique", ok=False)
    assert result.returncode == 2 and "No communiqué named" in result.stderr


def test_a_communique_after_today_or_twice_is_refused(
    gatineau: str, text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-10-28")
    late = add_communique(gatineau, text_file, ok=False)
    assert late.returncode == 2 and "is after today" in late.stderr
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    add_communique(gatineau, text_file)
    twice = add_communique(gatineau, text_file, ok=False)
    assert twice.stderr.strip() == (
        "error: A communiqué named '2004-gatineau-communique' already exists."
    )


def add_decision(url: str, reference: str, *extra: str, ok: bool = True) -> Any:
    return run(
        url,
        "--json",
        "decision", "add", reference,
        "--title", "Admission of a Participant",
        "--kind", "participation",
        "--procedure", "plenary",
        "--adopted-on", "2004-10-29",
        "--text", "The Plenary admitted the applicant.",
        *extra,
        ok=ok,
    )  # fmt: skip


def test_decisions_linked_and_available_through_the_cli(gatineau: str, text_file: Path) -> None:
    add_communique(gatineau, text_file)
    added = json.loads(
        add_decision(
            gatineau, "2004-GAT-01", "--meeting", "2004-gatineau",
            "--communique", "2004-gatineau-communique",
            "--note", "Inferred from the communiqué.", "--source", "Communiqué ¶3",
        ).stdout
    )  # fmt: skip
    assert "en" in added["languages_available"]
    shown = as_json(gatineau, "--as-of", "2004-11-01", "decision", "show", "2004-GAT-01")
    assert (shown["communique"], shown["note"], shown["decision"]["source"]) == (
        "2004-gatineau-communique",
        "Inferred from the communiqué.",
        "Communiqué ¶3",
    )
    english = next(v for v in shown["versions"] if v["language"] == "en")
    assert (english["state"], english["available_on"]) == ("available", "2004-10-29")

    add_decision(gatineau, "2004-GAT-02", "--available-on", "2004-11-15")
    later = as_json(gatineau, "--as-of", "2004-12-01", "decision", "show", "2004-GAT-02")
    assert next(v for v in later["versions"] if v["language"] == "en")["available_on"] == (
        "2004-11-15"
    )
    add_decision(gatineau, "2004-GAT-03", "--not-available")
    kept = as_json(gatineau, "--as-of", "2004-12-01", "decision", "show", "2004-GAT-03")
    assert next(v for v in kept["versions"] if v["language"] == "en")["state"] == "final"

    said = as_json(
        gatineau, "decision", "link", "2004-GAT-03", "--communique", "2004-gatineau-communique"
    )
    assert (said["reference"], said["communique"]) == ("2004-GAT-03", "2004-gatineau-communique")
    linked = as_json(gatineau, "--as-of", "2004-12-01", "decision", "show", "2004-GAT-03")
    assert linked["communique"] == "2004-gatineau-communique"

    refused = run(
        gatineau, "decision", "link", "2003-SUN-01", "--communique", "2004-gatineau-communique",
        ok=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "belongs to the meeting 2004-gatineau, not to 2003-sun-city" in refused.stderr
    both = add_decision(
        gatineau, "2004-GAT-04", "--available-on", "2004-11-15", "--not-available", ok=False
    )
    assert both.returncode == 2
