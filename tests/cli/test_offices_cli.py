"""`plenary chair`, `plenary terms` and `plenary office confirm`: the record as of --as-of."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import offices_history
import pytest
from offices_history import EXTENSION, record
from sqlalchemy.engine import Engine

from governance import db
from governance.rules.permissions import Actor, Role

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = [pytest.mark.usefixtures("clerk"), pytest.mark.signed(SECRETARIAT)]


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
def history(database_url: str) -> str:
    record(db.get_engine(database_url), SECRETARIAT)
    return database_url


def test_chair_and_terms_as_of_june_2004_leave_out_the_november_selection(history: str) -> None:
    june = as_json(history, "--as-of", "2004-06-01", "chair")
    assert (june["chair"], june["vice_chair"]) == ("Canada", "Russian Federation")
    terms = as_json(history, "--as-of", "2004-06-01", "terms")
    assert "Botswana" not in {t["holder"] for t in terms}
    assert [(t["office"], t["holder"]) for t in terms] == [
        ("chair", "South Africa"),
        ("chair", "Canada"),
        ("chair", "Russian Federation"),
        ("vice_chair", "Russian Federation"),
    ]
    later = as_json(history, "--as-of", "2004-11-05", "terms")
    assert ("vice_chair", "Botswana", "2005-01-01") in {
        (t["office"], t["holder"], t["starts_on"]) for t in later
    }
    # A future as-of date: the 2005 Vice Chair is in the record, and --on overrides --as-of.
    assert (
        as_json(history, "--as-of", "2004-06-01", "chair", "--on", "2005-06-01")["vice_chair"]
        == "Botswana"
    )


def test_chair_says_in_office_by_the_rule_and_terms_show_the_written_procedure(
    history: str,
) -> None:
    in_2005 = as_json(history, "--as-of", "2005-06-01", "chair")
    assert (in_2005["chair"], in_2005["chair_projected"], in_2005["chair_by_rule"]) == (
        "Russian Federation",
        False,
        True,
    )
    in_2021 = as_json(history, "--as-of", "2021-06-01", "terms")
    extended = [t for t in in_2021 if t["decision"] == EXTENSION]
    assert [(t["holder"], t["starts_on"], t["ends_on"]) for t in extended] == [
        ("Botswana", "2006-01-01", "2007-12-31")
    ]
    table = run(history, "--as-of", "2005-06-01", "terms").stdout
    assert "by_rule" in table.splitlines()[0]
    in_2007 = as_json(history, "--as-of", "2007-06-01", "chair")
    assert (in_2007["chair"], in_2007["chair_by_rule"]) == ("Botswana", False)


def test_office_confirm_records_the_rule_s_term(database_url: str, engine: Engine) -> None:
    confirmed = as_json(
        database_url, "office", "confirm", "chair", "2005", "--note", "As the rule gives",
        "--source", "Report 2005",
    )  # fmt: skip
    assert (confirmed["holder"], confirmed["starts_on"], confirmed["ends_on"]) == (
        "Russian Federation",
        "2005-01-01",
        "2005-12-31",
    )
    assert (confirmed["note"], confirmed["source"], confirmed["decision"]) == (
        "As the rule gives",
        "Report 2005",
        None,
    )
    in_2005 = as_json(database_url, "--as-of", "2005-06-01", "chair")
    assert (in_2005["chair_projected"], in_2005["chair_by_rule"]) == (False, False)
    again = run(database_url, "office", "confirm", "chair", "2005", ok=False)
    assert again.returncode != 0
    assert "already recorded" in again.stderr and "Traceback" not in again.stderr
    nobody = run(database_url, "office", "confirm", "chair", "2006", ok=False)
    assert nobody.returncode != 0 and "gives nobody" in nobody.stderr


def test_office_confirm_refuses_an_unrelated_decision(database_url: str) -> None:
    refused = run(
        database_url, "office", "confirm", "chair", "2005", "--decision", "2003-JHB-05", ok=False
    )
    assert refused.returncode != 0
    assert "2003-JHB-05" in refused.stderr and "cannot select" in refused.stderr
    assert as_json(database_url, "--as-of", "2005-06-01", "chair")["chair_by_rule"] is True


def test_every_read_command_answers_as_of_a_date(database_url: str) -> None:
    """Each read command takes --as-of: run as of 1 June 2003, nothing adopted later shows."""
    early = ("--as-of", "2003-06-01")
    assert "2003-SUN-05" not in {d["reference"] for d in as_json(database_url, *early, "decisions")}
    assert "2003-sun-city" not in {m["code"] for m in as_json(database_url, *early, "meetings")}
    assert as_json(database_url, *early, "chair")["chair"] == "South Africa"
    assert {t["holder"] for t in as_json(database_url, *early, "terms")} == {"South Africa"}
    for command in (["procedures"], ["groups"], ["missions"], ["deadlines"], ["participants"]):
        run(database_url, *early, *command)


def test_office_term_needs_departure_said_and_an_adopted_decision(database_url: str) -> None:
    engine = db.get_engine(database_url)
    offices_history.written(
        engine, SECRETARIAT, "2004-WP-01", date(2004, 10, 1), date(2004, 10, 31)
    )
    args = ["office", "term", "chair", "Canada", "--starts-on", "2005-01-01"]
    args += ["--ends-on", "2005-06-30", "--decision", "2004-WP-01", "--source", "Report ¶2"]
    refused = run(database_url, *args, ok=False)
    assert refused.returncode != 0 and "departs from the rotation rule" in refused.stderr
    recorded = as_json(database_url, *args, "--departure")
    assert (recorded["holder"], recorded["departure"], recorded["source"]) == (
        "Canada",
        True,
        "Report ¶2",
    )
    in_2005 = as_json(database_url, "--as-of", "2005-03-01", "chair")
    assert (in_2005["chair"], in_2005["chair_by_rule"]) == ("Canada", False)
    # As of the circulation, the procedure's outcome is not known: nor is the term.
    before = as_json(database_url, "--as-of", "2004-10-15", "terms")
    assert "2004-WP-01" not in {t["decision"] for t in before}
