"""The schema is upgraded by `plenary init` (and the app's start) only: any other command against
a database whose schema is missing or behind says so in one line, and changes nothing. A
command imports only what it runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from governance import db
from governance.rules.errors import SchemaMissingError, SchemaOutdatedError

PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


def plenary(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=120
    )


def _upgrade_to(url: str, revision: str) -> None:
    from alembic import command

    engine = db.get_engine(url)
    config = db.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_the_schema_revision_constant_is_the_newest_migration() -> None:
    """Moving SCHEMA_REVISION is part of adding a migration."""
    head = ScriptDirectory(str(db.MIGRATIONS_DIR)).get_current_head()
    assert head == db.SCHEMA_REVISION


def test_check_schema_on_a_missing_a_behind_and_a_current_schema(empty_database_url: str) -> None:
    engine = db.get_engine(empty_database_url)
    with pytest.raises(SchemaMissingError):
        db.check_schema(engine)
    _upgrade_to(empty_database_url, "0003")
    with pytest.raises(SchemaOutdatedError) as behind:
        db.check_schema(engine)
    assert behind.value.params == {"found": "0003", "expected": db.SCHEMA_REVISION}
    db.upgrade(engine)
    db.check_schema(engine)
    assert db.schema_revision(engine) == db.SCHEMA_REVISION


def test_a_command_on_a_database_without_schema_says_run_init_and_creates_nothing(
    empty_database_url: str,
) -> None:
    for command in (["chair"], ["--as", "clerk", "decisions"], ["demo-data", "--scale", "1"]):
        result = plenary(empty_database_url, *command)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
        assert "run `plenary init`" in result.stderr
    assert inspect(db.get_engine(empty_database_url)).get_table_names() == []
    assert json.loads(plenary(empty_database_url, "--json", "init").stdout)["loaded"] is True
    chair = json.loads(plenary(empty_database_url, "--json", "chair", "--on", "2004-06-01").stdout)
    assert chair["chair"] == "Canada"


def test_a_command_on_a_schema_behind_says_run_init_and_leaves_it(
    empty_database_url: str,
) -> None:
    _upgrade_to(empty_database_url, "0003")
    result = plenary(empty_database_url, "chair")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "revision 0003" in result.stderr and "run `plenary init`" in result.stderr
    assert db.schema_revision(db.get_engine(empty_database_url)) == "0003"
    assert plenary(empty_database_url, "init").returncode == 0
    assert db.schema_revision(db.get_engine(empty_database_url)) == db.SCHEMA_REVISION


HEAVY = (
    "alembic",
    "babel",
    "deep_translator",
    "requests",
    "argon2",
    "streamlit",
    "governance.machine_translation",
    "governance.i18n",
    "governance.services.decisions",
    "governance.services.translations",
    "governance.services.accounts",
    "governance.services.record",
)

PROBE = """
import json, sys
from governance.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exited:
    assert not exited.code, exited.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def test_reading_the_chair_imports_only_what_it_runs(database_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--database-url", database_url, "--json", "chair"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "chair" in json.loads(result.stdout)
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert "governance.services.offices" in loaded
    assert [m for m in HEAVY if m in loaded] == []
