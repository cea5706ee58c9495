"""The audit trail: every change a writing transaction makes is appended, in that same
transaction, as a hash-chained entry (who, when, what, before → after).

Changes are captured generically from the SQLAlchemy session, so no service can forget to
record one; the chain is extended under a lock on its head row, so concurrent writers queue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel, col, select

from governance.models import AuditEntry, AuditHead

GENESIS = "0" * 64
PENDING = "audit_pending"
ACTOR = "audit_actor"
ACTION = "audit_action"
ORIGIN = "audit_origin"
SECRET_COLUMNS = {"password_hash"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _snapshot(obj: SQLModel, *, committed: bool) -> dict[str, Any]:
    state = inspect(obj)
    result: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        name = attr.key
        history = state.attrs[name].history
        if committed:
            value = (
                history.deleted[0]
                if history.deleted
                else (history.unchanged[0] if history.unchanged else getattr(obj, name))
            )
        else:
            value = getattr(obj, name)
        result[name] = "***" if name in SECRET_COLUMNS and value else _plain(value)
    return result


def _key(obj: SQLModel) -> str:
    state = inspect(obj)
    return ",".join(str(part) for part in state.mapper.primary_key_from_instance(obj))


@event.listens_for(OrmSession, "after_flush")
def _capture(session: OrmSession, _context: Any) -> None:
    """Note every insert, update and delete of a writing transaction (not reads)."""
    if ACTOR not in session.info:
        return
    pending: list[dict[str, Any]] = session.info.setdefault(PENDING, [])
    for operation, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, AuditEntry | AuditHead) or not isinstance(obj, SQLModel):
                continue
            if operation == "update" and not session.is_modified(obj):
                continue
            before = {} if operation == "insert" else _snapshot(obj, committed=True)
            after = {} if operation == "delete" else _snapshot(obj, committed=False)
            if operation == "update":
                changed = {k for k in after if after[k] != before.get(k)}
                before = {k: before[k] for k in changed}
                after = {k: after[k] for k in changed}
            pending.append(
                {
                    "table": obj.__tablename__,
                    "key": _key(obj),
                    "operation": operation,
                    "before": before,
                    "after": after,
                }
            )


@event.listens_for(OrmSession, "before_commit")
def _append(session: OrmSession) -> None:
    """Extend the chain with the transaction's changes, under a lock on the head row."""
    if ACTOR not in session.info:
        return
    session.flush()
    pending: list[dict[str, Any]] = session.info.pop(PENDING, [])
    if not pending:
        return
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    for change in pending:
        entry = AuditEntry(
            seq=head.seq + 1,
            at=at,
            actor=session.info[ACTOR],
            action=session.info[ACTION],
            table_name=change["table"],
            row_key=change["key"],
            operation=change["operation"],
            origin=session.info.get(ORIGIN, ""),
            before=_dump(change["before"]),
            after=_dump(change["after"]),
            prev_hash=head.hash,
            hash="",
        )
        entry.hash = entry_hash(entry)
        session.add(entry)
        head.seq, head.hash = entry.seq, entry.hash
    session.add(head)
    session.flush()


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False) if values else ""


def entry_hash(entry: AuditEntry) -> str:
    fields: list[Any] = [
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.table_name,
        entry.row_key,
        entry.operation,
        entry.before,
        entry.after,
        entry.prev_hash,
    ]
    if entry.origin:  # entries written before origins were recorded keep their hashes
        fields.append(entry.origin)
    content = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def start(session: Session, actor: str, action: str, *, origin: str = "") -> None:
    """Mark ``session`` as a writing transaction of ``actor`` doing ``action`` (from
    ``origin``, e.g. the CLI's OS user and host)."""
    session.info[ACTOR] = actor
    session.info[ACTION] = action
    session.info[ORIGIN] = origin


@dataclass(frozen=True)
class Verdict:
    entries: int
    ok: bool
    broken_at: int | None
    reason: str


def verify(session: Session) -> Verdict:
    """Recompute the chain; report the first entry that was altered, removed or reordered."""
    previous = GENESIS
    count = 0
    for expected_seq, entry in enumerate(_entries(session), start=1):
        count += 1
        if entry.seq != expected_seq:
            return Verdict(count, False, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous:
            return Verdict(
                count, False, entry.seq, f"entry {entry.seq} does not follow its predecessor"
            )
        if entry_hash(entry) != entry.hash:
            return Verdict(count, False, entry.seq, f"entry {entry.seq} was altered")
        previous = entry.hash
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != count or head.hash != previous):
        return Verdict(count, False, count + 1, f"entries after {count} are missing")
    return Verdict(count, True, None, "the chain is intact")


def _entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))


@dataclass(frozen=True)
class Change:
    seq: int
    at: str
    actor: str
    action: str
    operation: str
    before: dict[str, Any]
    after: dict[str, Any]


def history(session: Session, table: str, key: str) -> list[Change]:
    """Every recorded change of one row, oldest first."""
    rows = session.exec(
        select(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.row_key == key)
        .order_by(col(AuditEntry.seq))
    ).all()
    return [
        Change(
            r.seq,
            r.at,
            r.actor,
            r.action,
            r.operation,
            json.loads(r.before) if r.before else {},
            json.loads(r.after) if r.after else {},
        )
        for r in rows
    ]
