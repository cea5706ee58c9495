"""Reading the audit trail: chain verification and a record's history."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from governance import audit
from governance.db import transaction


def verify(*, engine: Engine) -> audit.Verdict:
    with transaction(engine) as session:
        return audit.verify(session)


def history(*, engine: Engine, table: str, key: str) -> list[audit.Change]:
    with transaction(engine) as session:
        return audit.history(session, table, key)
