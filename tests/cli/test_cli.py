"""The `plenary` console script, run as a user would, against a real database."""

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


def test_init_then_chair_on_dates(empty_database_url: str) -> None:
    assert as_json(empty_database_url, "init")["loaded"] is True
    assert as_json(empty_database_url, "init")["loaded"] is False
    assert as_json(empty_database_url, "chair", "--on", "2004-06-01") == {
        "on": "2004-06-01",
        "chair": "Canada",
        "vice_chair": "Russian Federation",
        "chair_projected": False,
        "vice_chair_projected": False,
        "chair_by_rule": False,
        "vice_chair_by_rule": False,
    }
    assert as_json(empty_database_url, "chair", "--on", "2003-06-01")["chair"] == "South Africa"
    in_2005 = as_json(empty_database_url, "--as-of", "2005-06-01", "chair")
    assert (in_2005["chair"], in_2005["chair_projected"], in_2005["chair_by_rule"]) == (
        "Russian Federation",
        False,
        True,
    )


def test_participants_and_readable_table(database_url: str) -> None:
    listed = as_json(database_url, "participants", "--on", "2003-10-31", "--status", "participant")
    assert len(listed) == 45
    assert {"name", "kind", "status", "since"} <= set(listed[0])
    taipei = as_json(database_url, "participants", "--on", "2003-10-31", "--kind", "trading_entity")
    assert [(p["name"], p["status"]) for p in taipei] == [("Chinese Taipei", "trading_entity")]
    table = run(database_url, "participants", "--on", "2003-10-31", "--status", "observer").stdout
    assert "World Diamond Council" in table and "observer" in table.splitlines()[2]


def test_decisions_and_rule_26_through_the_cli(database_url: str) -> None:
    listed = as_json(
        database_url, "--as-of", "2004-06-01", "decisions", "--meeting", "2003-sun-city"
    )
    assert len(listed) == 12
    for d in listed:
        assert {
            "reference",
            "title",
            "procedure",
            "status",
            "adopted_on",
            "formally_adopted_on",
            "languages_available",
            "meeting",
        } <= set(d)
        assert d["formally_adopted_on"] is None and d["meeting"] == "2003-sun-city"
    dates = {"fr": "2004-02-10", "pt": "2004-03-05", "es": "2004-02-20", "ru": "2004-02-28"}
    for lang, available in dates.items():
        run(
            database_url,
            "translation",
            "set",
            "2003-SUN-12",
            lang,
            "final",
            "--on",
            "2004-01-15",
            "--text",
            f"Rule 26 ({lang})",
        )
        run(database_url, "translation", "set", "2003-SUN-12", lang, "available", "--on", available)
    after = as_json(
        database_url, "--as-of", "2004-06-01", "decisions", "--meeting", "2003-sun-city"
    )
    rule26 = next(d for d in after if d["reference"] == "2003-SUN-12")
    assert rule26["formally_adopted_on"] == "2004-03-05"
    assert rule26["status"] == "formally_adopted"
    assert sorted(rule26["languages_available"]) == ["en", "es", "fr", "pt", "ru"]
    ad_ref = as_json(
        database_url, "--as-of", "2004-06-01", "decisions", "--procedure", "ad_referendum"
    )
    assert [d["reference"] for d in ad_ref] == ["2003-JHB-02"]


def test_written_procedure_outcome_follows_the_as_of_date(database_url: str) -> None:
    run(
        database_url,
        "procedure",
        "circulate",
        "2004-WP-01",
        "--title",
        "Admission of Ghana",
        "--text",
        "The Chair proposes to admit Ghana.",
        "--circulated-on",
        "2004-02-01",
        "--deadline",
        "2004-02-29",
    )
    run(
        database_url,
        "procedure",
        "circulate",
        "2004-WP-02",
        "--title",
        "Statistics questionnaire",
        "--text",
        "The Chair proposes ...",
        "--circulated-on",
        "2004-02-01",
        "--deadline",
        "2004-02-29",
    )
    back_dated = ("--on", "2004-02-10", "--note", "note verbale of 10 February 2004")
    run(database_url, "procedure", "reply", "2004-WP-02", "Japan", "objection", *back_dated)
    run(database_url, "procedure", "reply", "2004-WP-01", "Canada", "support", *back_dated)

    def outcome(reference: str, on: str) -> str:
        return str(as_json(database_url, "--as-of", on, "procedure", "show", reference)["outcome"])

    assert outcome("2004-WP-01", "2004-02-15") == "pending"
    assert outcome("2004-WP-01", "2004-03-01") == "adopted"
    assert outcome("2004-WP-02", "2004-02-09") == "pending"
    assert outcome("2004-WP-02", "2004-03-01") == "not_adopted"


def test_deadlines_meetings_and_offices(database_url: str) -> None:
    may = as_json(database_url, "deadlines", "--on", "2003-05-01")
    assert {d["state"] for d in may} == {"open"} and len(may) == 7
    meetings = as_json(database_url, "--as-of", "2003-12-31", "meetings")
    assert [m["code"] for m in meetings] == ["2003-johannesburg", "2003-sun-city"]
    run(
        database_url,
        "meeting",
        "add",
        "2004-gatineau",
        "--title",
        "Plenary",
        "--place",
        "Gatineau",
        "--starts-on",
        "2004-10-27",
        "--ends-on",
        "2004-10-29",
    )
    run(
        database_url,
        "decision",
        "add",
        "2004-GAT-01",
        "--title",
        "Vice Chair 2005",
        "--kind",
        "office_selection",
        "--procedure",
        "plenary",
        "--adopted-on",
        "2004-10-29",
        "--meeting",
        "2004-gatineau",
        "--text",
        "Selected ...",
    )
    run(
        database_url,
        "office",
        "vice-chair",
        "Botswana",
        "--year",
        "2005",
        "--decision",
        "2004-GAT-01",
    )
    assert as_json(database_url, "chair", "--on", "2005-06-01")["vice_chair"] == "Botswana"
    terms = as_json(database_url, "terms")
    assert ("chair", "Botswana", False, True) in {
        (t["office"], t["holder"], t["projected"], t["by_rule"]) for t in terms
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("translation", "set", "2003-SUN-01", "de", "final", "--text", "x"),
            "Unknown language 'de'",
        ),
        (
            (
                "procedure",
                "circulate",
                "X-1",
                "--title",
                "t",
                "--text",
                "x",
                "--circulated-on",
                "2004-02-01",
                "--deadline",
                "2004-01-01",
            ),
            "must be after the circulation date",
        ),
        (
            ("procedure", "reply", "2003-SUN-01", "Japan", "support", "--on", "2004-01-01"),
            "not a written procedure",
        ),
        (
            ("office", "term", "chair", "India", "--starts-on", "2005-01-01"),
            "departs from the rotation rule",
        ),
        (("chair", "--on", "2004-13-01"), "Invalid value"),
    ],
)
def test_errors_go_to_stderr_with_non_zero_status_and_change_nothing(
    database_url: str, args: tuple[str, ...], message: str
) -> None:
    before = run(database_url, "--json", "--as-of", "2005-06-01", "decisions").stdout
    result = run(database_url, *args, ok=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert result.stdout == ""
    assert run(database_url, "--json", "--as-of", "2005-06-01", "decisions").stdout == before


def test_the_register_is_listed_a_page_at_a_time_with_its_total(database_url: str) -> None:
    whole = as_json(database_url, "--as-of", "2004-06-01", "decisions", "--limit", "0")
    assert len(whole) == 22
    first = run(database_url, "--json", "--as-of", "2004-06-01", "decisions", "--limit", "10")
    assert [d["reference"] for d in json.loads(first.stdout)] == [
        d["reference"] for d in whole[:10]
    ]
    assert "decisions 1–10 of 22" in first.stderr
    last = as_json(
        database_url, "--as-of", "2004-06-01", "decisions", "--limit", "10", "--offset", "20"
    )
    assert [d["reference"] for d in last] == [d["reference"] for d in whole[20:]]
    refused = run(database_url, "decisions", "--limit", "-1", ok=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
