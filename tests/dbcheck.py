"""Reading a test database back: row counts and a full dump to compare before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from governance import audit
from governance.models import AuditEntry


def count(engine: Engine, model: type[SQLModel]) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def audit_count(engine: Engine) -> int:
    return count(engine, AuditEntry)


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with engine.connect() as connection:
        return {
            t.name: [
                tuple(row) for row in connection.execute(select(t).order_by(*t.primary_key.columns))
            ]
            for t in SQLModel.metadata.sorted_tables
        }


def rechain(entries: list[dict[str, Any]]) -> audit.Head:
    """Recompute every hash of a trail held as rows (a backup's), in ``seq`` order, and return
    the new head: what someone crafting a backup can do to hide an edit from the chain check."""
    previous = audit.GENESIS
    for entry in sorted(entries, key=lambda e: int(e["seq"])):
        entry["prev_hash"] = previous
        entry["hash"] = previous = audit.entry_hash(entry)
    return audit.Head(len(entries), previous)
