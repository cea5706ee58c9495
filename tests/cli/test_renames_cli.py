"""`plenary participant rename`, run as a user would: one entity whose name depends on the
date, in `participants --on`/`--as-of`, `participant show` and `participants --search`."""

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


def run(url: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [PLENARY, "--database-url", url, "--as", "clerk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PLENARY_TODAY": "2026-12-02"},
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def as_json(url: str, *args: str) -> Any:
    return json.loads(run(url, "--json", *args).stdout)


def names(url: str, *args: str) -> list[str]:
    return [row["name"] for row in as_json(url, "participants", *args)]


def test_rename_keeps_one_entity_whose_name_depends_on_the_date(database_url: str) -> None:
    count = len(names(database_url, "--on", "2009-11-30"))
    renamed = as_json(
        database_url,
        "participant",
        "rename",
        "European Community",
        "European Union",
        "--on",
        "2009-12-01",
        "--decision",
        "2003-SUN-04",
        "--note",
        "Treaty of Lisbon in force",
        "--source",
        "OJ C 306",
    )
    assert renamed["name"] == "European Union"
    assert renamed["renames"] == [
        {
            "renamed_on": "2009-12-01",
            "former_name": "European Community",
            "new_name": "European Union",
            "decision": "2003-SUN-04",
            "note": "Treaty of Lisbon in force",
            "source": "OJ C 306",
        }
    ]

    before = names(database_url, "--on", "2009-11-30")
    assert "European Community" in before and "European Union" not in before
    after = names(database_url, "--on", "2009-12-01")
    assert "European Union" in after and "European Community" not in after
    assert len(before) == len(after) == count
    as_of = [r["name"] for r in as_json(database_url, "--as-of", "2009-11-30", "participants")]
    assert "European Community" in as_of and "European Union" not in as_of

    # `participant show` by either name, as of either date; one status history.
    then = as_json(database_url, "participant", "show", "European Union", "--on", "2009-11-30")
    now = as_json(
        database_url, "--as-of", "2010-01-01", "participant", "show", "European Community"
    )
    assert then["name"] == "European Community" and now["name"] == "European Union"
    assert then["history"] == now["history"] and then["since"] == "2003-10-31"
    assert then["renames"] == [] and len(now["renames"]) == 1

    # Search by the former name.
    found = names(database_url, "--on", "2010-01-01", "--search", "community")
    assert found == ["European Union"]

    # The readable output lists the name history too.
    shown = run(database_url, "participant", "show", "European Union", "--on", "2010-01-01").stdout
    assert "European Community" in shown and "2009-12-01" in shown


def test_a_bad_rename_is_one_line_and_stores_nothing(database_url: str) -> None:
    future = run(
        database_url,
        "participant",
        "rename",
        "European Community",
        "European Union",
        "--on",
        "2027-01-01",
        ok=False,
    )
    assert future.returncode != 0
    assert "after today" in future.stderr and "Traceback" not in future.stderr
    taken = run(
        database_url,
        "participant",
        "rename",
        "European Community",
        "Japan",
        "--on",
        "2009-12-01",
        ok=False,
    )
    assert taken.returncode != 0 and "Japan" in taken.stderr
    unknown = run(
        database_url, "participant", "rename", "Atlantis", "X", "--on", "2009-12-01", ok=False
    )
    assert unknown.returncode != 0 and "Atlantis" in unknown.stderr
    assert "European Community" in names(database_url, "--on", "2010-01-01")
