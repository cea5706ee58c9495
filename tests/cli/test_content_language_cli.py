"""`plenary --lang L …`: titles and places in the user's language where the record has them,
and errors in it (one line, exit 2); titles recorded with `translation set --title`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


def run(
    url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def shown(url: str, *args: str, env: dict[str, str] | None = None) -> Any:
    result = run(url, "--json", *args, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_titles_and_places_in_the_users_language(database_url: str) -> None:
    rows = shown(database_url, "--lang", "ru", "--as-of", "2026-12-01", "decisions")
    assert rows[0]["title"] == "Окончательное продление льготного периода"
    held = shown(database_url, "--as-of", "2026-12-01", "meetings", env={"PLENARY_LANG": "pt-BR"})
    assert held[0]["place"] == "Joanesburgo, África do Sul"
    detail = shown(
        database_url, "--lang", "fr", "--as-of", "2026-12-01", "decision", "show", "2003-JHB-01"
    )
    assert detail["obligations"][0]["responsible"] == "Présidence"
    # Before the translations were prepared, and in English, the record as written.
    early = shown(database_url, "--lang", "ru", "--as-of", "2004-06-01", "decisions")
    assert early[0]["title"] == "Final extension of the tolerance period"


def test_an_error_is_one_line_in_the_users_language(database_url: str) -> None:
    result = run(database_url, "--lang", "fr", "decision", "show", "NOPE")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: Introuvable : décision 'NOPE'."]
    result = run(database_url, "decision", "show", "NOPE", env={"PLENARY_LANG": "ru"})
    assert result.returncode == 2 and "NOPE" in result.stderr and "No " not in result.stderr


def test_a_title_is_recorded_with_its_step(database_url: str, clerk: str) -> None:
    result = run(
        database_url,
        "--as",
        clerk,
        "translation",
        "set",
        "2003-SUN-02",
        "pt",
        "final",
        "--text",
        "Texto final.",
        "--title",
        "Título final",
        "--on",
        "2026-11-30",
    )
    assert result.returncode == 0, result.stderr
    rows = shown(database_url, "--lang", "pt", "--as-of", "2026-12-01", "decisions")
    assert {r["reference"]: r["title"] for r in rows}["2003-SUN-02"] == "Título final"
    refused = run(
        database_url,
        "--as",
        clerk,
        "translation",
        "set",
        "2003-SUN-02",
        "pt",
        "available",
        "--title",
        "Outro",
        "--on",
        "2026-12-01",
    )
    assert refused.returncode == 2 and "title" in refused.stderr
