"""The audit trail: every change a writing transaction makes is appended, in that same
transaction, as a hash-chained entry (who, when, what, before → after).

Changes are captured generically from the SQLAlchemy session, so no service can forget to
record one; the chain is extended under a lock on its head row, so concurrent writers queue.

:func:`verify` proves two things. The *chain*: every entry hashes to what it says and follows
its predecessor, up to the head (and, given a published head ``SEQ:HASH``, entry SEQ is the one
published). The *replay*: every audited table rebuilt from the trail (inserts, updates, deletes
in order) equals the live table, row by row and column by column, so a row changed, added or
deleted outside the services is reported as (table, id, field).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Table, event, inspect
from sqlalchemy import select as core_select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, SQLModel, col, select

from governance import textnorm
from governance.models import AuditEntry, AuditHead
from governance.rules.errors import BadHeadError
from governance.storable import UNCHECKED_TABLES

GENESIS = "0" * 64
PENDING = "audit_pending"
ACTOR = "audit_actor"
ACTION = "audit_action"
ORIGIN = "audit_origin"
SECRET_COLUMNS = {"password_hash"}
"""Captured as a digest of the value (``sha256:<hex>``), never the value itself: enough to
prove the stored value is the one the services wrote. Entries written before digests were
captured hold ``***`` and leave the column unchecked."""
LEGACY_SECRET = "***"
BATCH = 1000
"""Rows fetched at a time while the trail or a table is streamed."""
OPERATIONAL_COLUMNS: dict[str, frozenset[str]] = {
    "account": frozenset({"failed_attempts", "locked_until"}),
}
"""Sign-in counters: operational state, like the ``signinthrottle`` table, not part of the
record; the replay does not compare them."""


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
        result[name] = secret_digest(value) if name in SECRET_COLUMNS else _plain(value)
    return result


def secret_digest(value: Any) -> Any:
    """What the trail keeps of a secret column: a digest of a non-empty value."""
    if not value:
        return _plain(value)
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()


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
    rows: list[dict[str, Any]] = []
    for change in pending:
        entry: dict[str, Any] = {
            "seq": head.seq + 1,
            "at": at,
            "actor": session.info[ACTOR],
            "action": session.info[ACTION],
            "table_name": change["table"],
            "row_key": change["key"],
            "operation": change["operation"],
            "origin": session.info.get(ORIGIN, ""),
            "before": _dump(change["before"]),
            "after": _dump(change["after"]),
            "prev_hash": head.hash,
        }
        entry["hash"] = entry_hash(entry)
        rows.append(entry)
        head.seq, head.hash = entry["seq"], entry["hash"]
    # One executemany, not one ORM INSERT per entry (the ORM inserts SQLite rows one by one
    # to read their ids back; nothing needs these ids).
    session.execute(AuditEntry.__table__.insert(), rows)  # type: ignore[attr-defined]
    session.add(head)
    session.flush()


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False) if values else ""


HASHED = (
    "seq",
    "at",
    "actor",
    "action",
    "table_name",
    "row_key",
    "operation",
    "before",
    "after",
    "prev_hash",
)
"""The fields an entry's hash covers, in order (then ``origin`` when it is not empty)."""


def entry_hash(entry: AuditEntry | Mapping[str, Any]) -> str:
    """The hash of an entry (a stored row, or the same fields as a mapping)."""
    if isinstance(entry, AuditEntry):
        values: Mapping[str, Any] = {name: getattr(entry, name) for name in (*HASHED, "origin")}
    else:
        values = entry
    fields: list[Any] = [values[name] for name in HASHED]
    if values.get("origin"):  # entries written before origins were recorded keep their hashes
        fields.append(values["origin"])
    content = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def start(session: Session, actor: str, action: str, *, origin: str = "") -> None:
    """Mark ``session`` as a writing transaction of ``actor`` doing ``action`` (from
    ``origin``, e.g. the CLI's OS user and host)."""
    session.info[ACTOR] = actor
    session.info[ACTION] = action
    session.info[ORIGIN] = origin


# --- the head ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """A point of the chain: entry ``seq`` and its hash (``0`` and the genesis hash when the
    trail is empty). Published or kept elsewhere, it proves later that the trail up to ``seq``
    was not rewritten."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


def parse_head(text: str) -> Head:
    """``SEQ:HASH`` as printed by ``plenary audit head``; a named error otherwise."""
    seq, colon, digest = text.strip().partition(":")
    digest = digest.lower()
    if not (colon and seq.isascii() and seq.isdigit() and len(digest) == 64):
        raise BadHeadError(value=text)
    if not all(ch in "0123456789abcdef" for ch in digest):
        raise BadHeadError(value=text)
    return Head(int(seq), digest)


def current_head(session: Session) -> Head:
    head = session.get(AuditHead, 1)
    return Head(head.seq, head.hash) if head is not None else Head(0, GENESIS)


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A live row that differs from the trail's replay: ``field`` is the column changed, or
    ``*`` for a whole row ``added`` or ``deleted`` outside the services."""

    table: str
    key: str
    field: str
    kind: str

    def __str__(self) -> str:
        if self.kind == "changed":
            return f"{self.table} {self.key} {self.field}: changed outside the services"
        return f"{self.table} {self.key}: {self.kind} outside the services"


@dataclass(frozen=True)
class Verdict:
    entries: int
    ok: bool
    broken_at: int | None
    """The first entry of the chain that is altered, missing or not the one published."""
    reason: str
    head: str = ""
    """The current head, ``SEQ:HASH``."""
    differences: tuple[Difference, ...] = field(default=())
    """Every row changed, added or deleted outside the services."""


def verify(session: Session, *, head: Head | None = None, replay: bool = True) -> Verdict:
    """Recompute the chain (and check that entry ``head.seq`` hashes to ``head.hash``), then
    replay the trail against the live tables. Both stream: the trail and each table are read in
    batches, and only one table's replayed rows are held at a time."""
    entries = session.execute(
        core_select(_AUDIT).order_by(_AUDIT.c.seq), execution_options={"yield_per": BATCH}
    )
    stored = session.get(AuditHead, 1)
    count, broken_at, reason = check_chain(
        (row._mapping for row in entries),
        Head(stored.seq, stored.hash) if stored is not None else None,
        head,
    )
    differences: tuple[Difference, ...] = ()
    if replay:
        trail = session.execute(
            core_select(
                _AUDIT.c.table_name, _AUDIT.c.row_key, _AUDIT.c.operation, _AUDIT.c.after
            ).order_by(_AUDIT.c.table_name, _AUDIT.c.seq),
            execution_options={"yield_per": BATCH},
        )

        def rows_of(table: Table) -> Iterator[Mapping[Any, Any]]:
            query = core_select(table).order_by(*table.primary_key.columns)
            for row in session.execute(query, execution_options={"yield_per": BATCH}):
                yield row._mapping

        differences = tuple(replay_trail((tuple(row) for row in trail), rows_of))
    return _verdict(count, broken_at, reason, current_head(session), differences)


def verify_tables(
    tables: Mapping[str, list[dict[str, Any]]], *, head: Head | None = None
) -> Verdict:
    """:func:`verify` for a database held as rows (a backup's ``tables``), before it is stored."""
    try:
        entries = sorted(tables["auditentry"], key=itemgetter("seq"))
        heads = [row for row in tables["audithead"] if row["id"] == 1]
        stored = Head(heads[0]["seq"], heads[0]["hash"]) if heads else None
        count, broken_at, reason = check_chain(entries, stored, head)
        trail = sorted(entries, key=itemgetter("table_name", "seq"))
        differences = tuple(
            replay_trail(
                ((e["table_name"], e["row_key"], e["operation"], e["after"]) for e in trail),
                lambda table: tables[table.name],
            )
        )
    except (KeyError, TypeError, ValueError) as error:  # rows of the wrong shape or type
        return Verdict(0, False, None, f"the audit trail cannot be read ({error!r})")
    return _verdict(count, broken_at, reason, stored or Head(0, GENESIS), differences)


def _verdict(
    count: int,
    broken_at: int | None,
    reason: str,
    head: Head,
    differences: tuple[Difference, ...],
) -> Verdict:
    if not reason and differences:
        more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
        reason = f"{differences[0]}{more}"
    ok = not reason
    return Verdict(
        count,
        ok,
        broken_at,
        reason or "the chain is intact and every table matches its replay",
        str(head),
        differences,
    )


def check_chain(
    entries: Iterable[Mapping[Any, Any]], stored: Head | None, pin: Head | None = None
) -> tuple[int, int | None, str]:
    """(entries read, first broken entry, why) of entries in ``seq`` order; ``stored`` is the
    head row, ``pin`` a head published earlier. An intact chain gives ``(n, None, "")``."""
    previous = GENESIS
    count = 0
    for expected_seq, entry in enumerate(entries, start=1):
        count += 1
        seq = entry["seq"]
        if seq != expected_seq:
            return count, expected_seq, f"entry {expected_seq} is missing"
        if entry["prev_hash"] != previous:
            return count, seq, f"entry {seq} does not follow its predecessor"
        if entry_hash(entry) != entry["hash"]:
            return count, seq, f"entry {seq} was altered"
        if pin is not None and seq == pin.seq and entry["hash"] != pin.hash:
            return (
                count,
                seq,
                f"entry {seq} is not the one of the head given: the trail was rewritten",
            )
        previous = entry["hash"]
    if stored is not None and (stored.seq != count or stored.hash != previous):
        return count, count + 1, f"entries after {count} are missing"
    if pin is not None and (pin.seq > count or (pin.seq == 0 and pin.hash != GENESIS)):
        return count, count + 1, f"the trail ends at entry {count}, before the head given ({pin})"
    return count, None, ""


_AUDIT: Table = SQLModel.metadata.tables["auditentry"]
_MISSING = object()


def _models() -> dict[str, type[SQLModel]]:
    from governance import models

    return {
        str(value.__tablename__): value
        for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, SQLModel) and hasattr(value, "__table__")
    }


def audited_tables() -> dict[str, Table]:
    """Every table on the trail (the trail itself and the sign-in throttle are not)."""
    return {t.name: t for t in SQLModel.metadata.sorted_tables if t.name not in UNCHECKED_TABLES}


def replay_trail(
    entries: Iterable[tuple[str, str, str, str]],
    rows_of: Callable[[Table], Iterable[Mapping[Any, Any]]],
) -> Iterator[Difference]:
    """Rebuild every audited table from ``entries`` — (table, row key, operation, after JSON),
    grouped by table and in ``seq`` order within it — and compare it with ``rows_of(table)``."""
    tables = audited_tables()
    models = _models()
    done: set[str] = set()
    for name, group in groupby(entries, key=itemgetter(0)):
        table = tables.get(name)
        if table is None:
            continue  # a table not audited on purpose
        if name in done:
            raise ValueError(f"the trail of {name} is not grouped")
        done.add(name)
        replayed = _Replayed(table, models.get(name))
        replayed.apply(group)
        yield from replayed.compare(rows_of(table))
    for name in sorted(set(tables) - done):
        yield from _Replayed(tables[name], models.get(name)).compare(rows_of(tables[name]))


class _Replayed:
    """One table as the trail says it is: row key → column → value (long free text as a
    digest, secrets as the trail keeps them)."""

    def __init__(self, table: Table, model: type[SQLModel] | None) -> None:
        self.table = table
        self.rows: dict[str, dict[str, Any]] = {}
        self.orphans: set[str] = set()
        """Rows updated on the trail that it never inserted."""
        skipped = OPERATIONAL_COLUMNS.get(table.name, frozenset())
        self.columns = [c for c in table.columns if c.name not in skipped]
        self.compact = {
            c.name
            for c in table.columns
            if getattr(c.type, "length", 0) is None and c.name not in SECRET_COLUMNS
        }
        keys: dict[str, str] = getattr(model, "KEYS", {}) if model is not None else {}
        self.derived = {target: source for source, target in keys.items()}

    def _value(self, name: str, value: Any) -> Any:
        """Long free text held as a digest (a tuple, so no stored string can pass for one)."""
        if name in self.compact and isinstance(value, str) and len(value) > 64:
            return ("blake2b", hashlib.blake2b(value.encode("utf-8"), digest_size=16).digest())
        return value

    def apply(self, entries: Iterable[tuple[str, str, str, str]]) -> None:
        for _table, key, operation, after in entries:
            if operation == "delete":
                self.rows.pop(key, None)
                self.orphans.discard(key)
                continue
            values = json.loads(after) if after else {}
            for long in self.compact.intersection(values):
                values[long] = self._value(long, values[long])
            if operation == "insert":
                self.rows[key] = values
                self.orphans.discard(key)
            else:
                if key not in self.rows:
                    self.orphans.add(key)
                self.rows.setdefault(key, {}).update(values)

    def compare(self, live: Iterable[Mapping[Any, Any]]) -> Iterator[Difference]:
        name = self.table.name
        keys = list(self.table.primary_key.columns)
        for row in live:
            key = ",".join(str(row[c.name]) for c in keys)
            expected = self.rows.pop(key, None)
            if expected is None or key in self.orphans:
                yield Difference(name, key, "*", "added")
                continue
            for column in self.columns:
                wanted = self._expected(column, expected)
                if wanted is _MISSING:
                    continue
                value = row[column.name]
                if value == wanted and column.name not in SECRET_COLUMNS:
                    continue  # most values: stored as captured, nothing to convert
                if wanted != self._live(column, value):
                    yield Difference(name, key, column.name, "changed")
        for key in sorted(self.rows, key=_natural):
            yield Difference(name, key, "*", "deleted")

    def _live(self, column: Column[Any], value: Any) -> Any:
        plain = _plain(value)
        if column.name in SECRET_COLUMNS:
            plain = secret_digest(plain)
        return self._value(column.name, plain)

    def _expected(self, column: Column[Any], expected: dict[str, Any]) -> Any:
        """The value the trail gives ``column``. A column it never captured for this row was
        added by a migration after the row's last change: the migration set its server default,
        or the comparison key of its source column; anything else cannot be checked."""
        if column.name in expected:
            value = expected[column.name]
            if column.name in SECRET_COLUMNS and value == LEGACY_SECRET:
                return _MISSING
            return value
        source = self.derived.get(column.name)
        if source is not None:
            if source not in expected:
                return _MISSING
            value = expected[source]
            return textnorm.key(value) if isinstance(value, str) else value
        default = getattr(column.server_default, "arg", None)
        if isinstance(default, str):
            try:
                kind = column.type.python_type
            except NotImplementedError:
                return default
            if kind is int:
                return int(default)
            if kind is bool:
                return default.lower() in {"1", "true"}
            return default
        return _MISSING


def _natural(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)


@dataclass(frozen=True)
class Change:
    seq: int
    at: str
    actor: str
    action: str
    operation: str
    before: dict[str, Any]
    after: dict[str, Any]
    origin: str = ""


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
            r.origin,
        )
        for r in rows
    ]
