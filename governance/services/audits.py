"""Reading the audit trail: the chain and its replay verified, the head, a record's history."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from governance import audit
from governance.db import transaction


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
