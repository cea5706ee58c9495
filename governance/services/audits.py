"""Reading the audit trail: the chain and its replay verified, the head, a record's history (as
stored, and as a person reads it: by reference or name, per field before → after)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, and_, cast, func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from governance import audit, textnorm
from governance.db import transaction
from governance.models import (
    AuditEntry,
    Communique,
    Decision,
    Entity,
    EntityRename,
    Instrument,
    InstrumentLink,
    Meeting,
    Obligation,
    OfficeTerm,
    OpenPoint,
    ProcedureReply,
    ReportedFigure,
    StatusEvent,
    TextVersion,
    User,
    VersionStep,
    WorkingGroup,
    WrittenProcedure,
)
from governance.rules.errors import NotFoundError, UnknownValueError
from governance.services import lookup


def verify(*, engine: Engine, head: audit.Head | None = None) -> audit.Verdict:
    """The chain (up to ``head``, if given, hashing to it) and every audited table replayed from
    the trail; one consistent snapshot (REPEATABLE READ on PostgreSQL)."""
    with transaction(engine) as session:
        if engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return audit.verify(session, head=head)


def head(*, engine: Engine) -> audit.Head:
    """The chain's current head (to publish or keep elsewhere)."""
    with transaction(engine) as session:
        return audit.current_head(session)


def history(*, engine: Engine, table: str, key: str) -> list[audit.Change]:
    with transaction(engine) as session:
        return audit.history(session, table, key)


@dataclass(frozen=True)
class HistoryPage:
    """A page of one record's history (oldest first) and how many changes it has in all."""

    total: int
    changes: tuple[audit.Change, ...]


def history_page(
    *, engine: Engine, table: str, key: str, limit: int = 50, offset: int = 0
) -> HistoryPage:
    """``limit`` changes of one record from ``offset`` (oldest first) and the total: two
    indexed statements, whatever the length of the trail."""
    which = (col(AuditEntry.table_name) == table, col(AuditEntry.row_key) == key)
    with transaction(engine) as session:
        total = session.exec(select(func.count()).select_from(AuditEntry).where(*which)).one()
        rows = session.exec(
            select(AuditEntry)
            .where(*which)
            .order_by(col(AuditEntry.seq))
            .limit(limit)
            .offset(offset)
        ).all()
        return HistoryPage(total, tuple(_change(r) for r in rows))


def _change(row: AuditEntry) -> audit.Change:
    return audit.Change(
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.operation,
        json.loads(row.before) if row.before else {},
        json.loads(row.after) if row.after else {},
        row.origin,
    )


# --- a record's history a person can read ------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field of one change: its column, and the value before and after, as a person reads
    them (a referenced record by its reference or name, nothing as an empty string)."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ReadableChange:
    seq: int
    at: datetime
    """The real time of the change, UTC."""
    actor: str
    origin: str
    action: str
    """The action's code (``labels.AUDIT_ACTION`` gives its label)."""
    operation: str
    """``insert``, ``update`` or ``delete``."""
    table: str
    """The kind of row changed: the record itself or a part of it (``labels.AUDIT_TABLE``)."""
    part: str
    """Which part, for a row other than the record itself (a language, a date, a key)."""
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ReadableHistory:
    kind: str
    name: str
    """The record's reference or name as stored."""
    total: int
    changes: tuple[ReadableChange, ...]


RECORD_KINDS: dict[str, tuple[type[SQLModel], Any]] = {
    "decision": (Decision, Decision.reference),
    "participant": (Entity, Entity.name),
    "meeting": (Meeting, Meeting.code),
    "communique": (Communique, Communique.code),
    "instrument": (Instrument, Instrument.reference),
    "account": (User, User.username),
}
"""What a history can be asked of, and the column that names it."""


def _parts(kind: str, record_id: int) -> list[tuple[str, Any]]:
    """The rows that belong to a record: (table, a select of their ids as audit row keys)."""

    def keys(model: Any, *where: Any) -> Any:
        return select(cast(model.id, String)).where(*where)

    def ids(model: Any, *where: Any) -> Any:
        return select(model.id).where(*where)

    parts: list[tuple[Any, Any]] = []
    if kind in ("decision", "communique"):
        owner = TextVersion.decision_id if kind == "decision" else TextVersion.communique_id
        versions = ids(TextVersion, owner == record_id)
        parts += [
            (TextVersion, (owner == record_id,)),
            (VersionStep, (col(VersionStep.version_id).in_(versions),)),
        ]
    if kind == "decision":
        procedures = ids(WrittenProcedure, WrittenProcedure.decision_id == record_id)
        parts += [
            (OpenPoint, (OpenPoint.decision_id == record_id,)),
            (Obligation, (Obligation.decision_id == record_id,)),
            (WrittenProcedure, (WrittenProcedure.decision_id == record_id,)),
            (ProcedureReply, (col(ProcedureReply.procedure_id).in_(procedures),)),
        ]
    elif kind == "participant":
        parts += [
            (StatusEvent, (StatusEvent.entity_id == record_id,)),
            (EntityRename, (EntityRename.entity_id == record_id,)),
            (OfficeTerm, (OfficeTerm.entity_id == record_id,)),
        ]
    elif kind == "meeting":
        parts += [(ReportedFigure, (ReportedFigure.meeting_id == record_id,))]
    elif kind == "instrument":
        parts += [(InstrumentLink, (InstrumentLink.instrument_id == record_id,))]
    return [(str(model.__tablename__), keys(model, *where)) for model, where in parts]


_WHAT = {
    "participant": "participant or organisation",
    "communique": "communiqué",
    "account": "user",
}
"""A kind of record as the errors name it (``labels.ERROR_PARAMETERS``)."""


def _find_record(session: Session, kind: str, name: str) -> tuple[int, str]:
    if kind not in RECORD_KINDS:
        raise UnknownValueError(what="kind of record", value=kind, allowed=", ".join(RECORD_KINDS))
    model, column = RECORD_KINDS[kind]
    found: Any = lookup.find(session, model, column, name)
    if found is None and kind == "participant":  # a name it bore before a rename
        found = session.exec(
            select(Entity)
            .join(EntityRename, col(EntityRename.entity_id) == Entity.id)
            .where(EntityRename.former_name_key == textnorm.key(name))
        ).first()
    if found is None:
        raise NotFoundError(what=_WHAT.get(kind, kind), name=name)
    return int(found.id), str(getattr(found, column.key))


def find_records(*, engine: Engine, kind: str, text: str = "", limit: int = 30) -> list[str]:
    """References or names of records of ``kind`` containing ``text`` (newest first), for a
    chooser: one statement."""
    if kind not in RECORD_KINDS:
        raise UnknownValueError(what="kind of record", value=kind, allowed=", ".join(RECORD_KINDS))
    model, column = RECORD_KINDS[kind]
    query = select(column)
    if text.strip():
        pattern = f"%{text.strip().lower()}%"
        matching: Any = func.lower(column).like(pattern)
        if kind == "decision":
            matching = matching | func.lower(Decision.title).like(pattern)
        query = query.where(matching)
    query = query.order_by(col(model.id).desc()).limit(limit)  # type: ignore[attr-defined]
    with transaction(engine) as session:
        return [str(value) for value in session.exec(query).all()]


def readable_history(
    *, engine: Engine, kind: str, name: str, limit: int = 50, offset: int = 0
) -> ReadableHistory:
    """The history of one record found by its reference or name (``kind``: decision,
    participant, meeting, communique, instrument, account) with the rows that belong to it (a
    decision's language versions and procedure, a Participant's changes of status …), oldest
    first, ``limit`` changes from ``offset``: each with the account, the real UTC time, the
    action, and per changed field the value before and after, referenced records by their
    reference or name. A fixed number of statements, whatever the length of the trail."""
    with transaction(engine) as session:
        record_id, shown = _find_record(session, kind, name)
        table = str(RECORD_KINDS[kind][0].__tablename__)
        which = or_(
            and_(col(AuditEntry.table_name) == table, col(AuditEntry.row_key) == str(record_id)),
            *(
                and_(col(AuditEntry.table_name) == part, col(AuditEntry.row_key).in_(ids))
                for part, ids in _parts(kind, record_id)
            ),
        )
        total = session.exec(select(func.count()).select_from(AuditEntry).where(which)).one()
        rows = session.exec(
            select(AuditEntry)
            .where(which)
            .order_by(col(AuditEntry.seq))
            .limit(limit)
            .offset(offset)
        ).all()
        changes = [_change(r) for r in rows]
        names = _referenced(session, changes)
        readable = tuple(
            _readable(row.table_name, table, change, names)
            for row, change in zip(rows, changes, strict=True)
        )
        return ReadableHistory(kind, shown, total, readable)


HIDDEN_FIELDS = frozenset({"id"})
SECRET_SHOWN = "••••"


def _hidden(field: str) -> bool:
    return field in HIDDEN_FIELDS or field.endswith("_key")


def _plain_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def _readable(
    table: str, record_table: str, change: audit.Change, names: dict[str, dict[str, str]]
) -> ReadableChange:
    def shown(field: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if field in audit.SECRET_COLUMNS:
            return SECRET_SHOWN
        target = REFERENCES.get(field)
        if target is not None:
            return names.get(target, {}).get(str(value), f"#{value}")
        return _plain_value(value)

    fields = []
    for field in dict.fromkeys([*change.before, *change.after]):
        if _hidden(field) or (field == "version" and change.operation == "insert"):
            continue
        before = shown(field, change.before.get(field))
        after = shown(field, change.after.get(field))
        if before != after:
            fields.append(FieldChange(field, before, after))
    values = change.after or change.before
    return ReadableChange(
        seq=change.seq,
        at=datetime.fromisoformat(change.at).astimezone(UTC),
        actor=change.actor,
        origin=change.origin,
        action=change.action,
        operation=change.operation,
        table=table,
        part="" if table == record_table else _part(table, values),
        fields=tuple(fields),
    )


def _part(table: str, values: dict[str, Any]) -> str:
    """A few words telling one part of a record from another of its kind."""
    for field in ("language", "state", "taken_on", "effective_on", "renamed_on", "key", "title"):
        if values.get(field):
            parts = [str(values[field])]
            if field == "state" and values.get("taken_on"):
                parts.append(str(values["taken_on"]))
            return " ".join(parts)
    return ""


REFERENCES: dict[str, str] = {
    "meeting_id": "meeting",
    "report_meeting_id": "meeting",
    "decision_id": "decision",
    "confirmed_by_id": "decision",
    "resolved_by_id": "decision",
    "communique_id": "communique",
    "entity_id": "entity",
    "target_id": "entity",
    "participant_id": "entity",
    "working_group_id": "workinggroup",
    "instrument_id": "instrument",
    "procedure_id": "writtenprocedure",
    "version_id": "textversion",
    "status_event_id": "statusevent",
}
"""Foreign-key columns and the kind of row they point to (shown by its reference or name)."""


def _referenced(session: Session, changes: list[audit.Change]) -> dict[str, dict[str, str]]:
    """For every kind of row referenced by ``changes``, id → reference or name: one statement
    per kind referenced."""
    wanted: dict[str, set[int]] = {}
    for change in changes:
        for values in (change.before, change.after):
            for field, value in values.items():
                target = REFERENCES.get(field)
                if target is not None and isinstance(value, int):
                    wanted.setdefault(target, set()).add(value)
    found: dict[str, dict[str, str]] = {}
    for target, ids in wanted.items():
        query = _NAMES[target]().where(_ID[target].in_(ids))
        found[target] = {str(i): str(label) for i, label in session.exec(query).all()}
    return found


_ID: dict[str, Any] = {
    "meeting": col(Meeting.id),
    "decision": col(Decision.id),
    "communique": col(Communique.id),
    "entity": col(Entity.id),
    "workinggroup": col(WorkingGroup.id),
    "instrument": col(Instrument.id),
    "writtenprocedure": col(WrittenProcedure.id),
    "textversion": col(TextVersion.id),
    "statusevent": col(StatusEvent.id),
}

_NAMES: dict[str, Callable[[], Any]] = {
    "meeting": lambda: select(Meeting.id, Meeting.code),
    "decision": lambda: select(Decision.id, Decision.reference),
    "communique": lambda: select(Communique.id, Communique.code),
    "entity": lambda: select(Entity.id, Entity.name),
    "workinggroup": lambda: select(WorkingGroup.id, WorkingGroup.code),
    "instrument": lambda: select(Instrument.id, Instrument.reference),
    "writtenprocedure": lambda: select(WrittenProcedure.id, Decision.reference).join(
        Decision, col(Decision.id) == WrittenProcedure.decision_id
    ),
    "textversion": lambda: (
        select(
            TextVersion.id,
            func.coalesce(Decision.reference, Communique.code, "")
            + " ("
            + TextVersion.language
            + ")",
        )
        .outerjoin(Decision, col(Decision.id) == TextVersion.decision_id)
        .outerjoin(Communique, col(Communique.id) == TextVersion.communique_id)
    ),
    "statusevent": lambda: select(
        StatusEvent.id, Entity.name + " (" + cast(StatusEvent.effective_on, String) + ")"
    ).join(Entity, col(Entity.id) == StatusEvent.entity_id),
}
