"""`plenary instrument add|link` and `plenary instruments --json`, honouring --as-of."""

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


def test_instruments_json_as_of_a_date(database_url: str) -> None:
    shown = as_json(database_url, "--as-of", "2004-01-01", "instruments")
    assert [i["reference"] for i in shown] == [
        "S/RES/1343 (2001)",
        "A/RES/57/302",
        "WTO-GC-2003-05-15",
    ]
    resolution = shown[1]
    assert resolution["body"] == "unga"
    assert resolution["adopted_on"] == "2003-04-15"
    assert resolution["title"] == "The role of diamonds in fuelling conflict"
    assert resolution["source"] == "Letter ¶1; Report, Introduction ¶1"
    assert {"paragraph", "url", "note", "cited_by"} <= set(resolution)
    assert {"kind": "status_event", "target": "Liberia", "status_on": "2003-04-30"}.items() <= (
        shown[0]["cited_by"][1].items()
    )
    before = as_json(database_url, "--as-of", "2003-05-01", "instruments")
    assert [i["reference"] for i in before] == ["S/RES/1343 (2001)", "A/RES/57/302"]


def test_add_and_link_then_list(database_url: str) -> None:
    added = as_json(
        database_url,
        "instrument",
        "add",
        "A/RES/58/290",
        "--body",
        "unga",
        "--adopted-on",
        "2004-04-14",
        "--title",
        "The role of diamonds in fuelling conflict",
        "--paragraph",
        "Operative paragraph 1",
        "--source",
        "A/RES/58/290",
    )
    assert added["reference"] == "A/RES/58/290" and added["adopted_on"] == "2004-04-14"
    linked = as_json(
        database_url, "instrument", "link", "A/RES/58/290", "--decision", "2003-SUN-01"
    )
    assert linked["target"] == "2003-SUN-01"
    shown = as_json(database_url, "--as-of", "2004-05-01", "instruments")
    last = shown[-1]
    assert last["reference"] == "A/RES/58/290"
    assert [c["target"] for c in last["cited_by"]] == ["2003-SUN-01"]
    text = run(database_url, "--as-of", "2004-05-01", "instruments").stdout
    assert "A/RES/58/290" in text and "Liberia (2003-04-30)" in text


def test_refusals_are_one_line_and_store_nothing(database_url: str) -> None:
    bad = run(
        database_url,
        "instrument",
        "add",
        "X/1",
        "--body",
        "nato",
        "--adopted-on",
        "2004-01-01",
        "--title",
        "T",
        ok=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: Unknown body 'nato'")
    twice = run(
        database_url,
        "instrument",
        "add",
        "a/res/57/302",
        "--body",
        "unga",
        "--adopted-on",
        "2003-04-15",
        "--title",
        "T",
        ok=False,
    )
    assert twice.returncode == 2 and "already exists" in twice.stderr
    nothing = run(
        database_url,
        "instrument",
        "link",
        "A/RES/57/302",
        "--participant",
        "Liberia",
        "--status-on",
        "2003-05-02",
        ok=False,
    )
    assert "no change of status recorded on 2003-05-02" in nothing.stderr
    assert len(as_json(database_url, "instruments")) == 3


def test_audit_history_by_reference_and_name(database_url: str) -> None:
    as_json(
        database_url,
        "instrument",
        "link",
        "WTO-GC-2003-05-15",
        "--decision",
        "2003-SUN-12",
        "--note",
        "cited by the clerk",
    )
    entries = as_json(database_url, "audit", "history", "instrument", "wto-gc-2003-05-15")
    assert [(e["table"], e["actor"], e["operation"]) for e in entries] == [
        ("instrument", "system", "insert"),
        ("instrumentlink", "clerk", "insert"),
    ]
    link = entries[1]
    assert link["action"] == "record_instrument"
    assert link["action_label"] == "Record an external instrument"
    assert link["at"].endswith("+00:00")
    changes = {c["field"]: (c["label"], c["before"], c["after"]) for c in link["changes"]}
    assert changes["decision_id"] == ("Decision", "", "2003-SUN-12")
    assert changes["instrument_id"] == ("External instrument", "", "WTO-GC-2003-05-15")
    assert changes["note"] == ("Note", "", "cited by the clerk")
    text = run(database_url, "audit", "history", "participant", "Liberia").stdout
    assert text.startswith("Participant or organisation Liberia: 2 changes")
    assert "Change of status (2003-04-30)" in text
    assert "    Decision: — → 2003-JHB-09" in text
    assert " UTC · system" in text
    assert "    Status: — → Applicant" in text
    meeting = run(database_url, "audit", "history", "meeting", "2003-sun-city").stdout
    assert "Meeting 2003-sun-city" in meeting
    missing = run(database_url, "audit", "history", "decision", "3", ok=False)
    assert missing.returncode == 2 and "No decision named '3'" in missing.stderr
