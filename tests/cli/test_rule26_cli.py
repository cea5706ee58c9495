"""`plenary rule26`: the Rule 26 board in the terminal, as JSON and as a table, as of a date."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))

JOHANNESBURG = [f"2003-JHB-{n:02}" for n in (1, *range(3, 11))]
SUN_CITY = [f"2003-SUN-{n:02}" for n in range(1, 13)]


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=120
    )
    return result


def board(url: str, *args: str) -> Any:
    result = run(url, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_on_1_june_2004_the_json_names_the_languages_each_decision_waits_for(
    database_url: str,
) -> None:
    rows = board(database_url, "--as-of", "2004-06-01", "rule26", "--json")
    assert [row["reference"] for row in rows] == JOHANNESBURG + SUN_CITY
    first = rows[0]
    assert first == {
        "reference": "2003-JHB-01",
        "title": "Final extension of the tolerance period",
        "status": "awaiting_formal_adoption",
        "meeting": "2003-johannesburg",
        "adopted_on": "2003-04-30",
        "languages": {
            "en": {"state": "available", "on": "2003-04-30"},
            "fr": None,
            "pt": None,
            "es": None,
            "ru": None,
        },
        "completes_with": None,
    }
    assert rows[-1]["languages"]["en"] == {"state": "available", "on": "2003-10-31"}
    assert {row["completes_with"] for row in rows} == {None}
    # The global --json works as well.
    assert board(database_url, "--json", "--as-of", "2004-06-01", "rule26") == rows


def test_filters_as_of_and_the_readable_table(database_url: str) -> None:
    sun_city = board(
        database_url,
        "--as-of",
        "2026-11-30",
        "rule26",
        "--meeting",
        "2003-sun-city",
        "--language",
        "ru",
        "--json",
    )
    assert [row["reference"] for row in sun_city] == SUN_CITY
    assert sun_city[0]["languages"]["ru"] == {"state": "in_translation", "on": "2026-11-26"}
    # Before Johannesburg nothing awaits formal adoption.
    assert board(database_url, "--as-of", "2003-04-01", "rule26", "--json") == []

    paged = run(database_url, "--as-of", "2004-06-01", "rule26", "--limit", "2", "--offset", "1")
    assert paged.returncode == 0, paged.stderr
    lines = paged.stdout.splitlines()
    assert lines[0].split() == [
        "reference",
        "en",
        "fr",
        "pt",
        "es",
        "ru",
        "completes_with",
        "title",
    ]
    assert lines[2].split()[:8] == [
        "2003-JHB-03",
        "available",
        "2003-04-30",
        "—",
        "—",
        "—",
        "—",
        "—",
    ]
    assert len(lines) == 4
    assert "decisions 2–3 of 21" in paged.stderr


def test_an_unknown_language_is_one_line_and_exit_2(database_url: str) -> None:
    result = run(database_url, "rule26", "--language", "de")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: Unknown language 'de'; expected one of: en, fr, pt, es, ru."
    ]
    assert result.stdout == ""
