"""Backup and restore on real databases: a verbatim copy, or nothing at all."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbcheck import rechain
from sqlalchemy import func, inspect, select, table
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from sqlmodel import select as sql_select

from governance import audit, db
from governance.models import Decision
from governance.rules.errors import PlenaryError
from governance.rules.permissions import SYSTEM, Actor, PermissionDeniedError, Role
from governance.services import accounts, backup, decisions, meetings

CLERK = Actor("clerk", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
pytestmark = pytest.mark.signed(CLERK, ADMIN)
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


def _write_some(engine: Engine) -> None:
    """Audited writes, including a decision confirmed by a later one (a forward self-reference)."""
    meetings.record_meeting(
        engine=engine,
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        host="Canada",
        chair="Canada",
    )
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference="2004-GAT-01",
        title="Administrative decision",
        kind="administrative_decision",
        procedure="ad_referendum",
        adopted_on=date(2004, 10, 29),
        text="Adopted ad referendum — «texte» 日本",
        meeting="2004-gatineau",
        open_points=[("annex", "Annex to be agreed")],
    )
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference="2004-GAT-02",
        title="Confirming decision",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 10, 29),
        text="Confirms 2004-GAT-01.",
        meeting="2004-gatineau",
    )
    decisions.confirm_decision(
        engine=engine,
        actor=CLERK,
        reference="2004-GAT-01",
        confirmed_on=date(2004, 11, 30),
        by_decision="2004-GAT-02",
    )
    accounts.add_user(
        engine=engine, actor=ADMIN, username="root", role="admin", password="correct horse battery"
    )


def _rows(url: str) -> int:
    """Rows in every table but Alembic's (0 also when there is no schema at all)."""
    engine = db.get_engine(url)
    with engine.connect() as connection:
        names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
        return sum(
            connection.execute(select(func.count()).select_from(table(n))).scalar_one()
            for n in names
        )


@pytest.fixture
def source(engine: Engine) -> Engine:
    _write_some(engine)
    return engine


@pytest.fixture
def saved(source: Engine, tmp_path: Path) -> Path:
    path = tmp_path / "plenary-backup.json"
    backup.backup(engine=source, path=path)
    return path


def test_backup_then_restore_is_a_verbatim_copy(
    source: Engine, saved: Path, empty_database_url: str
) -> None:
    exported = backup.export_json(engine=source)
    assert exported == backup.export_json(engine=source)  # deterministic
    assert exported["format"] == "plenary-backup" and exported["format_version"] == 1
    assert {"account", "auditentry", "audithead"} <= set(exported["tables"])
    assert "alembic_version" not in exported["tables"]
    assert json.loads(saved.read_text(encoding="utf-8")) == exported
    decided = {d["reference"]: d for d in exported["tables"]["decision"]}
    assert decided["2004-GAT-01"]["confirmed_by_id"] == decided["2004-GAT-02"]["id"]
    assert decided["2004-GAT-01"]["id"] < decided["2004-GAT-02"]["id"]

    target = db.get_engine(empty_database_url)
    summary = backup.restore(engine=target, actor=SYSTEM, path=saved)
    assert summary.sha256 == exported["sha256"]
    assert summary.rows == sum(len(rows) for rows in exported["tables"].values())

    assert backup.export_json(engine=target) == exported
    with Session(target) as session:
        verdict = audit.verify(session)
    assert verdict.ok and verdict.entries == len(exported["tables"]["auditentry"]) > 0

    # The restored database goes on normally: new ids follow, the chain is extended.
    decisions.record_decision(
        engine=target,
        actor=CLERK,
        reference="2004-GAT-03",
        title="After the restore",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 10, 29),
        text="x",
        meeting="2004-gatineau",
    )
    with Session(target) as session:
        newest = session.exec(sql_select(Decision).order_by(col(Decision.id).desc())).first()
        assert newest is not None and newest.reference == "2004-GAT-03"
        assert newest.id == max(d["id"] for d in exported["tables"]["decision"]) + 1
        after = audit.verify(session)
    assert after.ok and after.entries > verdict.entries


def test_restore_into_a_database_with_rows_is_refused(saved: Path, database_url: str) -> None:
    target = db.get_engine(database_url)
    before = backup.export_json(engine=target)
    with pytest.raises(backup.DatabaseNotEmptyError):
        backup.restore(engine=target, actor=ADMIN, path=saved)
    assert backup.export_json(engine=target) == before


def test_restore_into_a_database_with_only_the_schema(saved: Path, empty_database_url: str) -> None:
    target = db.get_engine(empty_database_url)
    db.upgrade(target)
    backup.restore(engine=target, actor=ADMIN, path=saved)
    assert backup.export_json(engine=target)["sha256"] == json.loads(saved.read_text())["sha256"]


def _corrupt(saved: Path, how: str) -> None:
    raw = saved.read_bytes()
    document = json.loads(raw)
    if how == "flipped byte":
        at = raw.index(b"Gatineau, Canada")
        saved.write_bytes(raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :])
    elif how == "binary garbage":
        at = len(raw) // 2
        saved.write_bytes(raw[:at] + b"\xff\xfe" + raw[at + 2 :])
    elif how == "truncated":
        saved.write_bytes(raw[: len(raw) // 2])
    elif how == "edited with a stale checksum":
        document["tables"]["account"][0]["role"] = "admin"
        document["tables"]["account"][0]["username"] = "intruder"
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "no checksum":
        del document["sha256"]
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "wrong format":
        document["format"] = "something-else"
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "newer format version":
        document["format_version"] = 2
        document["sha256"] = backup.checksum(document)
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "other schema version":
        document["schema_version"] = "9999"
        document["sha256"] = backup.checksum(document)
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "a table missing":
        del document["tables"]["auditentry"]
        document["sha256"] = backup.checksum(document)
        saved.write_text(json.dumps(document), encoding="utf-8")
    elif how == "not an object":
        saved.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "missing":
        saved.unlink()
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize(
    ("how", "error"),
    [
        ("flipped byte", backup.BackupChecksumError),
        ("binary garbage", backup.BackupNotJsonError),
        ("truncated", backup.BackupNotJsonError),
        ("edited with a stale checksum", backup.BackupChecksumError),
        ("no checksum", backup.BackupFormatError),
        ("wrong format", backup.BackupFormatError),
        ("newer format version", backup.BackupFormatError),
        ("other schema version", backup.SchemaMismatchError),
        ("a table missing", backup.BackupFormatError),
        ("not an object", backup.BackupFormatError),
        ("missing", backup.BackupUnreadableError),
    ],
)
def test_a_damaged_file_is_refused_and_nothing_is_stored(
    saved: Path, empty_database_url: str, how: str, error: type[PlenaryError]
) -> None:
    _corrupt(saved, how)
    with pytest.raises(error) as raised:
        backup.restore(engine=db.get_engine(empty_database_url), actor=SYSTEM, path=saved)
    assert str(saved) in raised.value.message
    assert _rows(empty_database_url) == 0


def test_a_row_the_database_rejects_rolls_everything_back(
    saved: Path, empty_database_url: str
) -> None:
    document = json.loads(saved.read_text(encoding="utf-8"))
    tables = document["tables"]
    step = tables["versionstep"][-1]
    step["version_id"] = 999_999  # no such language version
    # The trail rewritten to match (so the backup verifies): only the database can refuse it.
    entry = next(
        e
        for e in tables["auditentry"]
        if (e["table_name"], e["row_key"], e["operation"])
        == ("versionstep", str(step["id"]), "insert")
    )
    entry["after"] = json.dumps({**json.loads(entry["after"]), "version_id": 999_999})
    head = rechain(tables["auditentry"])
    tables["audithead"][0].update(seq=head.seq, hash=head.hash)
    document["sha256"] = backup.checksum(document)
    saved.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(backup.RestoreFailedError):
        backup.restore(engine=db.get_engine(empty_database_url), actor=SYSTEM, path=saved)
    assert _rows(empty_database_url) == 0


@pytest.mark.parametrize(
    "actor",
    [Actor("clerk", Role.SECRETARIAT), Actor("delegate", Role.DELEGATE, "Canada")],
)
def test_only_an_admin_or_the_system_may_restore(
    saved: Path, empty_database_url: str, actor: Actor
) -> None:
    with pytest.raises(PermissionDeniedError):
        backup.restore(engine=db.get_engine(empty_database_url), actor=actor, path=saved)
    assert _rows(empty_database_url) == 0


def test_the_backup_file_is_replaced_whole_and_private(source: Engine, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "b.json"
    path.write_text("old", encoding="utf-8")
    summary = backup.backup(engine=source, path=path)
    assert json.loads(path.read_text(encoding="utf-8"))["sha256"] == summary.sha256
    assert path.stat().st_mode & 0o077 == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["b.json"]


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args], capture_output=True, text=True, timeout=120
    )


def test_cli_round_trip(
    source: Engine, database_url: str, empty_database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "cli-backup.json"
    made = _cli(database_url, "--json", "backup", str(path))
    assert made.returncode == 0, made.stderr
    summary: dict[str, Any] = json.loads(made.stdout)
    assert summary["sha256"] == backup.export_json(engine=source)["sha256"]

    # Into a database with rows (and accounts): --as an admin is needed, and it is refused.
    refused = _cli(database_url, "restore", str(path))
    assert refused.returncode == 2 and "may not do this" in refused.stderr
    refused = _cli(database_url, "--as", "root", "restore", str(path))
    assert refused.returncode == 2 and "not empty" in refused.stderr

    # A fresh server has no account: the restore runs as the system.
    restored = _cli(empty_database_url, "--json", "restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["sha256"] == summary["sha256"]
    target = db.get_engine(empty_database_url)
    assert backup.export_json(engine=target) == backup.export_json(engine=source)
    verified = _cli(empty_database_url, "--json", "audit", "verify")
    assert verified.returncode == 0 and json.loads(verified.stdout)["ok"] is True


def test_a_restore_waits_for_a_writer_in_progress(saved: Path, empty_database_url: str) -> None:
    """On PostgreSQL a restore queues on the writers' advisory lock (as every writer does: an
    open-data import checking "no record yet" cannot interleave with it), then goes in once
    the writer holding it commits. SQLite: BEGIN IMMEDIATE is already the one write lock."""
    import threading

    from sqlalchemy import text

    target = db.get_engine(empty_database_url)
    if target.dialect.name != "postgresql":
        pytest.skip("SQLite: BEGIN IMMEDIATE is the one write lock")
    db.upgrade(target)
    failed: list[BaseException] = []

    def restore() -> None:
        try:
            backup.restore(engine=target, actor=ADMIN, path=saved)
        except BaseException as error:  # reported below, on the test's thread
            failed.append(error)

    waiting = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = :key"
    )
    with db.serialized(target):  # a writer in progress, holding the lock
        worker = threading.Thread(target=restore)
        worker.start()
        with target.connect() as watcher:
            for _ in range(300):  # the restore reads and verifies the file first
                if watcher.execute(waiting, {"key": db.WRITER_LOCK_KEY}).scalar():
                    break
                worker.join(0.1)
            queued = watcher.execute(waiting, {"key": db.WRITER_LOCK_KEY}).scalar()
            stored = watcher.execute(text("SELECT count(*) FROM decision")).scalar()
        assert queued == 1 and worker.is_alive()  # waiting for the writer …
        assert stored == 0  # … before it wrote anything
    worker.join(60)
    assert not failed, failed
    assert backup.export_json(engine=target)["sha256"] == json.loads(saved.read_text())["sha256"]
