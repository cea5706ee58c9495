"""Integrity that can be proven: `audit verify` replays the trail against the live tables and
names every row changed, added or deleted outside the services; a published head exposes a
consistent rewrite of the trail's tail; `restore` refuses a crafted backup; the SQLite file is
private; CLI writes record the operating-system user and host."""

from __future__ import annotations

import getpass
import json
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbcheck import rechain
from sqlalchemy import Connection, delete, insert, select, text, update
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

from governance import audit, db
from governance.models import AuditEntry, Meeting
from governance.rules.errors import BackupTamperedError
from governance.rules.permissions import SYSTEM, Actor, Role
from governance.services import accounts, audits, backup, meetings, procedures

CLERK = Actor("clerk", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
pytestmark = pytest.mark.signed(CLERK, ADMIN)
PASSWORD = "correct horse battery"
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
T = SQLModel.metadata.tables
DERIVED = "decisionperiod"
"""Derived from the decision's facts: whoever deletes a decision in SQL deletes these too."""


def _cli(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )


def _verify(url: str, *args: str) -> tuple[int, dict[str, Any]]:
    done = _cli(url, "--json", "audit", "verify", *args)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout)


def _found(verdict: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {(d["table"], d["key"], d["field"], d["kind"]) for d in verdict["differences"]}


def _sql(engine: Engine, change: Callable[[Connection], Any]) -> Any:
    """A change made behind the services' back, straight in SQL."""
    with engine.begin() as connection:
        return change(connection)


def _users(engine: Engine) -> tuple[int, int]:
    accounts.add_user(engine=engine, actor=ADMIN, username="alice", role="admin", password=PASSWORD)
    accounts.add_user(
        engine=engine, actor=ADMIN, username="bob", role="secretariat", password="another secret"
    )
    with engine.connect() as connection:
        ids = dict(connection.execute(select(T["account"].c.username, T["account"].c.id)).all())
    return ids["alice"], ids["bob"]


# --- a clean record ----------------------------------------------------------------------------


def test_a_freshly_loaded_record_verifies_clean(database_url: str, engine: Engine) -> None:
    """The 2003 record is loaded through the services, so every row of it is on the trail."""
    code, verdict = _verify(database_url)
    assert code == 0, verdict
    assert verdict["ok"] is True and verdict["differences"] == []
    assert verdict["entries"] > 400
    head = audits.head(engine=engine)
    assert verdict["head"] == f"{head.seq}:{head.hash}" and head.seq == verdict["entries"]


def test_writes_through_every_kind_of_service_still_verify(engine: Engine) -> None:
    alice, _bob = _users(engine)
    accounts.set_password(engine=engine, actor=ADMIN, username="bob", password="a new secret!")
    accounts.disable_user(engine=engine, actor=ADMIN, username="bob")
    meetings.record_meeting(
        engine=engine,
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary",
        place="Gatineau",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
    )
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference="2004-WP-01",
        title="A proposal",
        kind="other",
        text="Proposal text. " * 40,  # long free text: compared as a digest
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    verdict = audits.verify(engine=engine)
    assert verdict.ok, verdict.reason
    assert verdict.differences == ()
    assert alice


# --- direct changes to the data ----------------------------------------------------------------


def test_a_title_edited_in_sql_is_named(database_url: str, engine: Engine) -> None:
    decision_id = _sql(
        engine,
        lambda c: c.execute(select(T["decision"].c.id).order_by(T["decision"].c.id)).first()[0],
    )
    _sql(
        engine,
        lambda c: c.execute(
            update(T["decision"]).where(T["decision"].c.id == decision_id).values(title="Forged")
        ),
    )
    code, verdict = _verify(database_url)
    assert code == 1 and verdict["ok"] is False
    assert _found(verdict) == {("decision", str(decision_id), "title", "changed")}
    plain = _cli(database_url, "audit", "verify")
    assert plain.returncode == 1
    assert f"decision {decision_id} title: changed" in plain.stdout


def test_a_decision_deleted_in_sql_is_named(database_url: str, engine: Engine) -> None:
    """A decision nothing else refers to but its own language versions, deleted with them."""

    def remove(c: Connection) -> tuple[int, list[int], list[int]]:
        referring = [
            fk.parent
            for t in SQLModel.metadata.sorted_tables
            for fk in t.foreign_keys
            if fk.column.table.name == "decision" and t.name not in ("textversion", DERIVED)
        ]
        used = {v for column in referring for v in c.execute(select(column)).scalars()}
        decision_id = next(
            i
            for i in c.execute(select(T["decision"].c.id).order_by(T["decision"].c.id)).scalars()
            if i not in used
        )
        versions = list(
            c.execute(
                select(T["textversion"].c.id).where(T["textversion"].c.decision_id == decision_id)
            ).scalars()
        )
        steps = list(
            c.execute(
                select(T["versionstep"].c.id).where(T["versionstep"].c.version_id.in_(versions))
            ).scalars()
        )
        c.execute(delete(T[DERIVED]).where(T[DERIVED].c.decision_id == decision_id))
        c.execute(delete(T["versionstep"]).where(T["versionstep"].c.id.in_(steps)))
        c.execute(delete(T["textversion"]).where(T["textversion"].c.id.in_(versions)))
        c.execute(delete(T["decision"]).where(T["decision"].c.id == decision_id))
        return decision_id, versions, steps

    decision_id, versions, steps = _sql(engine, remove)
    code, verdict = _verify(database_url)
    assert code == 1
    assert _found(verdict) == {
        ("decision", str(decision_id), "*", "deleted"),
        *{("textversion", str(v), "*", "deleted") for v in versions},
        *{("versionstep", str(s), "*", "deleted") for s in steps},
    }


def test_a_reply_inserted_in_sql_is_named(database_url: str, engine: Engine) -> None:
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference="2004-WP-01",
        title="A proposal",
        kind="other",
        text="Proposal.",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )

    def forge(c: Connection) -> int:
        procedure_id = c.execute(select(T["writtenprocedure"].c.id)).scalar_one()
        canada = c.execute(
            select(T["entity"].c.id).where(T["entity"].c.name == "Canada")
        ).scalar_one()
        return int(
            c.execute(
                insert(T["procedurereply"])
                .values(
                    procedure_id=procedure_id,
                    entity_id=canada,
                    kind="objection",
                    received_on=date(2004, 2, 10),
                    note="",
                )
                .returning(T["procedurereply"].c.id)
            ).scalar_one()
        )

    reply_id = _sql(engine, forge)
    code, verdict = _verify(database_url)
    assert code == 1
    assert _found(verdict) == {("procedurereply", str(reply_id), "*", "added")}


def test_a_role_raised_to_admin_in_sql_is_named(database_url: str, engine: Engine) -> None:
    _alice, clerk = _users(engine)
    _sql(
        engine,
        lambda c: c.execute(
            update(T["account"]).where(T["account"].c.id == clerk).values(role="admin")
        ),
    )
    code, verdict = _verify(database_url)
    assert code == 1
    assert _found(verdict) == {("account", str(clerk), "role", "changed")}


def test_a_password_hash_copied_over_another_is_named(database_url: str, engine: Engine) -> None:
    alice, clerk = _users(engine)

    def copy(c: Connection) -> None:
        known = c.execute(
            select(T["account"].c.password_hash).where(T["account"].c.id == clerk)
        ).scalar_one()
        c.execute(
            update(T["account"]).where(T["account"].c.id == alice).values(password_hash=known)
        )

    _sql(engine, copy)
    code, verdict = _verify(database_url)
    assert code == 1
    assert _found(verdict) == {("account", str(alice), "password_hash", "changed")}
    # The trail keeps a digest of each hash, never the hash itself.
    with engine.connect() as connection:
        hashes = connection.execute(select(T["account"].c.password_hash)).scalars().all()
        trail = connection.execute(select(T["auditentry"].c.after)).scalars().all()
    assert not any(h in entry for h in hashes for entry in trail)


def test_every_change_at_once_is_listed(engine: Engine) -> None:
    _alice, clerk = _users(engine)
    with engine.begin() as c:
        c.execute(update(T["account"]).where(T["account"].c.id == clerk).values(role="admin"))
        c.execute(update(T["meeting"]).where(T["meeting"].c.id == 1).values(place="Elsewhere"))
        c.execute(update(T["entity"]).where(T["entity"].c.id == 2).values(kind="reio", note="x"))
    verdict = audits.verify(engine=engine)
    assert not verdict.ok and verdict.broken_at is None
    assert {(d.table, d.key, d.field) for d in verdict.differences} == {
        ("account", str(clerk), "role"),
        ("meeting", "1", "place"),
        ("entity", "2", "kind"),
        ("entity", "2", "note"),
    }
    assert verdict.reason.startswith("account") and "3 more" in verdict.reason


def test_tables_not_audited_on_purpose_are_skipped(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(insert(T["signinthrottle"]).values(key="someone", failures=3))
        c.execute(update(T["account"]).values(failed_attempts=2))
    assert audits.verify(engine=engine).ok


# --- the trail's tail rewritten with its head --------------------------------------------------


def test_a_consistent_rewrite_of_the_tail_is_caught_only_with_the_published_head(
    database_url: str, engine: Engine
) -> None:
    meetings.record_meeting(
        engine=engine,
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary",
        place="Gatineau",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
    )
    published = _cli(database_url, "audit", "head")
    assert published.returncode == 0
    head = published.stdout.strip()
    seq = int(head.split(":")[0])
    assert audit.parse_head(head) == audits.head(engine=engine)

    # The meeting's place changed, and the trail and its head rewritten to match.
    with engine.begin() as c:
        meeting_id = c.execute(
            select(Meeting.id).where(Meeting.code == "2004-gatineau")  # type: ignore[arg-type]
        ).scalar_one()
        c.execute(update(T["meeting"]).where(T["meeting"].c.id == meeting_id).values(place="Oslo"))
        entry = c.execute(
            select(T["auditentry"]).where(
                T["auditentry"].c.table_name == "meeting",
                T["auditentry"].c.row_key == str(meeting_id),
            )
        ).one()
        after = json.loads(entry.after)
        after["place"] = "Oslo"
        c.execute(
            update(T["auditentry"])
            .where(T["auditentry"].c.seq == entry.seq)
            .values(after=json.dumps(after, sort_keys=True, ensure_ascii=False))
        )
        _rechain_database(c, entry.seq)

    code, verdict = _verify(database_url)
    assert code == 0 and verdict["ok"] is True, verdict  # consistent: the chain alone passes
    code, verdict = _verify(database_url, "--head", head)
    assert code == 1 and verdict["ok"] is False
    assert verdict["broken_at"] == seq and "rewritten" in verdict["reason"]

    # A head beyond the end of the trail: the trail was cut.
    code, verdict = _verify(database_url, "--head", f"{seq + 5}:{'a' * 64}")
    assert code == 1 and verdict["broken_at"] == seq + 1
    # A malformed head: one line, exit 2.
    bad = _cli(database_url, "audit", "verify", "--head", "12:zz")
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_the_published_head_verifies_while_the_trail_grows(database_url: str) -> None:
    head = _cli(database_url, "audit", "head").stdout.strip()
    with_json = json.loads(_cli(database_url, "--json", "audit", "head").stdout)
    assert with_json["head"] == head == f"{with_json['seq']}:{with_json['hash']}"
    meetings.record_meeting(
        engine=db.get_engine(database_url),
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary",
        place="Gatineau",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
    )
    code, verdict = _verify(database_url, "--head", head)
    assert code == 0, verdict
    assert verdict["head"] != head


def _rechain_database(c: Connection, start: int) -> None:
    """Recompute every hash from entry ``start`` on, and the head: what an attacker holding the
    database can do to hide a change from the chain check."""
    table = T["auditentry"]
    previous = c.execute(select(table.c.hash).where(table.c.seq == start - 1)).scalar_one()
    for row in c.execute(select(table).where(table.c.seq >= start).order_by(table.c.seq)).all():
        values = {**row._mapping, "prev_hash": previous}
        digest = audit.entry_hash(values)
        c.execute(
            update(table).where(table.c.seq == row.seq).values(prev_hash=previous, hash=digest)
        )
        previous = digest
    c.execute(update(T["audithead"]).values(hash=previous))


# --- restore refuses a crafted backup ----------------------------------------------------------


def _rows(url: str) -> int:
    engine = db.get_engine(url)
    with engine.connect() as connection:
        names = [t.name for t in SQLModel.metadata.sorted_tables]
        return sum(
            connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
            for name in names
            if connection.dialect.has_table(connection, name)
        )


def _craft(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["tables"])
    document["sha256"] = backup.checksum(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def _escalate(tables: dict[str, Any]) -> None:
    bob = next(row for row in tables["account"] if row["username"] == "bob")
    bob["role"] = "admin"


def _bob(path: Path) -> int:
    """The id of the secretariat account "bob" in a backup."""
    tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    return int(next(row["id"] for row in tables["account"] if row["username"] == "bob"))


def _break_chain(tables: dict[str, Any]) -> None:
    del tables["auditentry"][len(tables["auditentry"]) // 2]


def _alter_entry(tables: dict[str, Any]) -> None:
    tables["auditentry"][3]["actor"] = "mallory"


def _escalate_and_rechain(tables: dict[str, Any]) -> None:
    """The role escalated, the trail's entry for it and every later hash rewritten: only a head
    kept from the source can tell."""
    _escalate(tables)
    clerk = next(row for row in tables["account"] if row["username"] == "bob")
    entries = sorted(tables["auditentry"], key=lambda e: e["seq"])
    insert_entry = next(
        e
        for e in entries
        if e["table_name"] == "account"
        and e["row_key"] == str(clerk["id"])
        and e["operation"] == "insert"
    )
    after = json.loads(insert_entry["after"])
    after["role"] = "admin"
    insert_entry["after"] = json.dumps(after, sort_keys=True, ensure_ascii=False)
    head = rechain(entries)
    tables["audithead"][0].update(seq=head.seq, hash=head.hash)


@pytest.fixture
def saved(engine: Engine, tmp_path: Path) -> Path:
    _users(engine)
    path = tmp_path / "plenary-backup.json"
    backup.backup(engine=engine, path=path)
    return path


@pytest.mark.parametrize(
    ("craft", "named"),
    [
        (_escalate, "account {bob} role: changed outside the services"),
        (_break_chain, "is missing"),
        (_alter_entry, "entry 4 was altered"),
    ],
)
def test_restore_refuses_a_crafted_backup_and_stores_nothing(
    saved: Path, empty_database_url: str, craft: Callable[[dict[str, Any]], None], named: str
) -> None:
    named = named.format(bob=_bob(saved))
    _craft(saved, craft)
    with pytest.raises(BackupTamperedError) as refused:
        backup.restore(engine=db.get_engine(empty_database_url), actor=SYSTEM, path=saved)
    assert named in refused.value.message and str(saved) in refused.value.message
    assert _rows(empty_database_url) == 0


def test_restore_from_the_cli_refuses_in_one_line(saved: Path, empty_database_url: str) -> None:
    bob = _bob(saved)
    _craft(saved, _escalate)
    refused = _cli(empty_database_url, "restore", str(saved))
    assert refused.returncode == 2, refused.stderr
    assert (
        refused.stderr.startswith("error: The backup") and f"account {bob} role" in refused.stderr
    )
    assert len(refused.stderr.strip().splitlines()) == 1
    assert _rows(empty_database_url) == 0


def test_a_backup_rewritten_consistently_is_refused_against_the_kept_head(
    engine: Engine, saved: Path, empty_database_url: str
) -> None:
    kept = audits.head(engine=engine)
    _craft(saved, _escalate_and_rechain)
    target = db.get_engine(empty_database_url)
    with pytest.raises(BackupTamperedError, match="rewritten"):
        backup.restore(engine=target, actor=SYSTEM, path=saved, head=kept)
    assert _rows(empty_database_url) == 0
    # Without the head, the rewrite is consistent: the chain and the replay both hold.
    backup.restore(engine=target, actor=SYSTEM, path=saved)
    assert audits.verify(engine=target).ok


def test_an_intact_backup_restores_and_verifies_against_its_head(
    engine: Engine, saved: Path, empty_database_url: str
) -> None:
    kept = audits.head(engine=engine)
    target = db.get_engine(empty_database_url)
    backup.restore(engine=target, actor=SYSTEM, path=saved, head=kept)
    verdict = audits.verify(engine=target, head=kept)
    assert verdict.ok and verdict.head == str(kept)


# --- the legacy trail and the migrations' backfills --------------------------------------------


def test_entries_from_before_digests_and_keys_still_replay(engine: Engine) -> None:
    """Entries written before password digests (``***``) and before the comparison keys and
    versions existed (columns a migration added with a default or a key) replay clean."""
    _users(engine)
    added_later = {"reference_key", "name_key", "code_key", "username_key", "email_key"}
    added_later |= {"version", "credential_version"}
    with engine.begin() as c:
        table = T["auditentry"]
        for row in c.execute(select(table).where(table.c.operation == "insert")).all():
            after = json.loads(row.after)
            legacy = {k: v for k, v in after.items() if k not in added_later}
            if "password_hash" in legacy:
                legacy["password_hash"] = audit.LEGACY_SECRET
            c.execute(
                update(table)
                .where(table.c.seq == row.seq)
                .values(after=json.dumps(legacy, sort_keys=True, ensure_ascii=False))
            )
        _rechain_all(c)
    verdict = audits.verify(engine=engine)
    assert verdict.ok, verdict.reason
    # What a migration filled in is still checked: a key or a version edited in SQL is named.
    with engine.begin() as c:
        c.execute(update(T["decision"]).where(T["decision"].c.id == 1).values(version=7))
        c.execute(update(T["entity"]).where(T["entity"].c.id == 1).values(name_key="forged"))
    verdict = audits.verify(engine=engine)
    assert {(d.table, d.key, d.field) for d in verdict.differences} == {
        ("decision", "1", "version"),
        ("entity", "1", "name_key"),
    }


def _rechain_all(c: Connection) -> None:
    table = T["auditentry"]
    previous = audit.GENESIS
    for row in c.execute(select(table).order_by(table.c.seq)).all():
        digest = audit.entry_hash({**row._mapping, "prev_hash": previous})
        c.execute(
            update(table).where(table.c.seq == row.seq).values(prev_hash=previous, hash=digest)
        )
        previous = digest
    c.execute(update(T["audithead"]).values(hash=previous))


def test_a_database_upgraded_from_an_older_schema_replays_clean(
    empty_database_url: str,
) -> None:
    """Rows written (with their entries) at schema 0003 gain their comparison keys and
    credential versions from migration 0004, without an entry: the replay accepts exactly what
    the migration filled in."""
    from alembic import command

    engine = db.get_engine(empty_database_url)
    config = db.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    rows = [
        (
            "entity",
            1,
            {"id": 1, "name": "Côte d'Ivoire", "kind": "state", "note": "", "source": ""},
        ),
        (
            "account",
            1,
            {
                "id": 1,
                "username": "Admin",
                "email": "Admin@Example.org",
                "role": "admin",
                "participant_id": None,
                "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$forged",
                "disabled": False,
                "failed_attempts": 0,
                "locked_until": None,
            },
        ),
    ]
    previous = audit.GENESIS
    with engine.begin() as c:
        for seq, (table, key, values) in enumerate(rows, start=1):
            names = ", ".join(values)
            c.execute(text(f"INSERT INTO {table} ({names}) VALUES (:{', :'.join(values)})"), values)
            captured = {
                k: (audit.LEGACY_SECRET if k == "password_hash" else v) for k, v in values.items()
            }
            entry = {
                "seq": seq,
                "at": "2026-11-28T00:00:00.000000+00:00",
                "actor": "system",
                "action": "load_record",
                "table_name": table,
                "row_key": str(key),
                "operation": "insert",
                "before": "",
                "after": json.dumps(captured, sort_keys=True, ensure_ascii=False),
                "prev_hash": previous,
            }
            entry["hash"] = previous = audit.entry_hash(entry)
            columns = ", ".join(entry)
            c.execute(
                text(f"INSERT INTO auditentry ({columns}) VALUES (:{', :'.join(entry)})"), entry
            )
        c.execute(text("INSERT INTO audithead (id, seq, hash) VALUES (1, 2, :h)"), {"h": previous})
    db.upgrade(engine)
    verdict = audits.verify(engine=engine)
    assert verdict.ok, verdict.reason
    with engine.begin() as c:
        c.execute(update(T["account"]).values(username_key="root", credential_version=3))
    verdict = audits.verify(engine=engine)
    assert {(d.table, d.field) for d in verdict.differences} == {
        ("account", "username_key"),
        ("account", "credential_version"),
    }


# --- the file is private; the CLI says who and where -------------------------------------------


def test_the_sqlite_file_and_its_folder_are_created_private(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'deeper' / 'plenary.sqlite3'}"
    engine = db.get_engine(url)
    try:
        db.upgrade(engine)
        with engine.connect() as connection:  # WAL and shared-memory files exist while open
            connection.execute(text("SELECT 1"))
            path = Path(make_url(url).database or "")
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            for sidecar in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
        assert stat.S_IMODE((tmp_path / "new" / "deeper").stat().st_mode) == 0o700
    finally:
        db.dispose_engine(url)


def test_cli_writes_record_the_operating_system_user_and_host(database_url: str) -> None:
    def run(*args: str, stdin: str | None = None) -> None:
        done = _cli(database_url, *args, stdin=stdin)
        assert done.returncode == 0, done.stderr

    run(
        "--as",
        "admin",
        "user",
        "add",
        "registrar",
        "--role",
        "secretariat",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    run(
        "--as",
        "registrar",
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
    where = f"{getpass.getuser()}@{socket.gethostname()}"
    engine = db.get_engine(database_url)
    with engine.connect() as connection:
        origins = dict(
            connection.execute(
                select(AuditEntry.table_name, AuditEntry.origin).where(  # type: ignore[call-overload]
                    AuditEntry.table_name.in_(["account", "meeting"])  # type: ignore[attr-defined]
                )
            ).all()
        )
    assert origins == {"account": where, "meeting": where}
    shown = _cli(database_url, "--json", "audit", "history", "meeting", "2004-gatineau")
    assert json.loads(shown.stdout)[0]["origin"] == where
    assert audits.verify(engine=engine).ok
