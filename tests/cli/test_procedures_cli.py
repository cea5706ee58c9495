"""`plenary procedure circulate --note/--source`, `procedure reply` (changed until the deadline,
`--csv` in bulk, all or nothing) and `procedure tally`, run as a user would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
pytestmark = pytest.mark.usefixtures("clerk")
REFERENCE = "2004-WP-01"


def run(url: str, *args: str, today: str = "2004-02-12", ok: bool = True) -> Any:
    result = subprocess.run(
        [PLENARY, "--database-url", url, "--as", "clerk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PLENARY_TODAY": today},
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def as_json(url: str, *args: str, today: str = "2004-02-12") -> Any:
    return json.loads(run(url, "--json", *args, today=today).stdout)


def circulate(url: str) -> Any:
    return as_json(
        url,
        "procedure",
        "circulate",
        REFERENCE,
        "--title",
        "Admission of an applicant",
        "--text",
        "The Chair proposes …",
        "--circulated-on",
        "2004-02-01",
        "--deadline",
        "2004-02-29",
        "--source",
        "Chair's letter of 1 February 2004",
        "--note",
        "date of circulation approximate",
    )


def test_circulate_with_source_and_note(database_url: str) -> None:
    shown = circulate(database_url)
    assert (shown["source"], shown["note"]) == (
        "Chair's letter of 1 February 2004",
        "date of circulation approximate",
    )


def test_circulate_makes_the_english_text_available_on_the_date_given(database_url: str) -> None:
    as_json(
        database_url,
        "procedure",
        "circulate",
        "2004-WP-09",
        "--title",
        "Annual reports",
        "--text",
        "The Chair proposes …",
        "--circulated-on",
        "2004-02-01",
        "--deadline",
        "2004-02-29",
        "--available-on",
        "2004-02-02",
    )
    shown = as_json(database_url, "--as-of", "2004-02-02", "decision", "show", "2004-WP-09")
    english = next(v for v in shown["versions"] if v["language"] == "en")
    assert (english["state"], english["available_on"]) == ("available", "2004-02-02")
    earlier = as_json(database_url, "--as-of", "2004-02-01", "decision", "show", "2004-WP-09")
    assert next(v for v in earlier["versions"] if v["language"] == "en")["state"] == "final"


def test_a_reply_is_changed_until_the_deadline_and_the_last_counts(database_url: str) -> None:
    circulate(database_url)
    first = as_json(database_url, "procedure", "reply", REFERENCE, "Japan", "objection")
    assert (first["kind"], first["replaced"]) == ("objection", None)
    changed = as_json(
        database_url, "procedure", "reply", REFERENCE, "Japan", "support", today="2004-02-20"
    )
    assert changed["replaced"]["kind"] == "objection"
    shown = as_json(database_url, "--as-of", "2004-03-01", "procedure", "show", REFERENCE)
    assert (shown["outcome"], shown["supports"], shown["objections"]) == ("adopted", 1, 0)
    late = run(
        database_url,
        "procedure",
        "reply",
        REFERENCE,
        "Japan",
        "objection",
        today="2004-03-01",
        ok=False,
    )
    assert late.returncode == 2 and "outside the procedure's period" in late.stderr


def test_replies_from_a_csv_all_or_nothing(database_url: str, tmp_path: Path) -> None:
    circulate(database_url)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Participant,position,date\nCanada,support,2004-02-03\nAtlantis,objection,2004-02-04\n"
        "India,maybe,\n",
        encoding="utf-8",
    )
    refused = run(
        database_url,
        "procedure",
        "reply",
        REFERENCE,
        "--csv",
        str(bad),
        "--note",
        "e-mail",
        ok=False,
    )
    assert refused.returncode == 2
    assert "row 3: No participant or organisation named 'Atlantis'" in refused.stderr
    assert "row 4: Unknown reply 'maybe'" in refused.stderr
    assert as_json(database_url, "procedure", "show", REFERENCE)["replies"] == []
    good = tmp_path / "good.csv"
    good.write_text(
        "Participant,position,date,note\nCanada,support,2004-02-03,note verbale\n"
        "India,objection,2004-02-04,\n",
        encoding="utf-8",
    )
    done = as_json(
        database_url, "procedure", "reply", REFERENCE, "--csv", str(good), "--note", "e-mail"
    )
    assert [(r["participant"], r["kind"], r["note"]) for r in done["receipts"]] == [
        ("Canada", "support", "note verbale"),
        ("India", "objection", "e-mail"),
    ]
    table = run(database_url, "procedure", "reply", REFERENCE, "--csv", str(good), ok=False)
    assert table.returncode == 2 and "already replied" in table.stderr


def test_the_reported_tally(database_url: str) -> None:
    circulate(database_url)
    run(database_url, "procedure", "reply", REFERENCE, "Canada", "support")
    shown = as_json(
        database_url,
        "procedure",
        "tally",
        REFERENCE,
        "--supports",
        "40",
        "--objections",
        "0",
        "--source",
        "Chair's report of 10 March 2004",
        today="2004-03-10",
    )
    assert (shown["reported_supports"], shown["reported_objections"], shown["supports"]) == (
        40,
        0,
        1,
    )
    assert shown["outcome"] == "adopted"
    refused = run(
        database_url,
        "procedure",
        "tally",
        REFERENCE,
        "--supports",
        "40",
        "--objections",
        "2",
        "--source",
        "report",
        ok=False,
    )
    assert refused.returncode == 2 and "no objecting Participant's reply" in refused.stderr
