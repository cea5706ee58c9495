"""Deadlines set by decisions and whether they were met, are open or overdue on a date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance.db import transaction
from governance.models import Decision
from governance.rules.obligations import ObligationState
from governance.services import decisions, lookup
from governance.services.views import ObligationView


def list_deadlines(*, engine: Engine, on: date, state: str | None = None) -> list[ObligationView]:
    """Obligations of decisions adopted by ``on``, with their state on that date."""
    with transaction(engine) as session:
        wanted = lookup.choice(ObligationState, state, "deadline state") if state else None
        adopted = session.exec(
            select(Decision).where(
                col(Decision.adopted_on).is_not(None), col(Decision.adopted_on) <= on
            )
        ).all()
        rows = decisions.obligations_of(session, adopted, on)
        return [o for o in rows if wanted is None or o.state == wanted.value]
