"""Reading the audit trail: the chain and its replay verified, the head, a record's history."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import audit
from governance.db import transaction
from governance.models import AuditEntry


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
