"""Reading a test database back: row counts and a full dump to compare before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

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
