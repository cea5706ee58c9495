"""Deadlines set by decisions and whether they were met, are open or overdue on a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import glossary
from governance.db import transaction
from governance.models import Decision, Obligation
from governance.rules import obligations
from governance.rules.obligations import ObligationKind, ObligationState
from governance.services import content, lookup
from governance.services.views import ObligationView


def list_deadlines(
    *, engine: Engine, on: date, state: str | None = None, reading: str | None = None
) -> list[ObligationView]:
    """Obligations of decisions adopted by ``on``, with their state on that date, by due date.
    One statement (obligations joined to their decisions); the rule gives each state."""
    with transaction(engine) as session:
        wanted = lookup.choice(ObligationState, state, "deadline state") if state else None
        reading = content.reading_for(session, reading)
        rows = session.execute(
            _adopted(select(*columns(reading), Decision.reference), on).order_by(
                col(Obligation.due_on), col(Obligation.id)
            )
        ).all()
        views = [view(o, reference, on, title, who, reading) for o, title, who, reference in rows]
        return [o for o in views if wanted is None or o.state == wanted.value]


def open_and_overdue(
    session: Session, *, on: date, limit: int, reading: str | None = None
) -> tuple[list[ObligationView], int]:
    """Up to ``limit`` obligations open or overdue on ``on`` — open ones first, soonest due
    first, then overdue ones, latest due first — and how many there are in all.

    The SQL filter is :func:`obligations.obligation_state` read backwards (not met by ``on``;
    due on or after ``on``, or past due and not a cut-off); the rule still names each state."""
    pending = and_(
        or_(col(Obligation.met_on).is_(None), col(Obligation.met_on) > on),
        or_(col(Obligation.due_on) >= on, col(Obligation.kind) != ObligationKind.CUTOFF.value),
    )
    total = session.exec(
        _adopted(select(func.count()).select_from(Obligation), on).where(pending)
    ).one()
    still_open = col(Obligation.due_on) >= on
    reading = content.reading_for(session, reading)
    rows = session.execute(
        _adopted(select(*columns(reading), Decision.reference), on)
        .where(pending)
        .order_by(
            case((still_open, 0), else_=1),
            case((still_open, col(Obligation.due_on)), else_=None),
            col(Obligation.due_on).desc(),
            col(Obligation.id),
        )
        .limit(limit)
    ).all()
    views = [view(o, reference, on, title, who, reading) for o, title, who, reference in rows]
    return [v for v in views if v.state in ("open", "overdue")], total


def _adopted(query: Any, on: date) -> Any:
    """``query`` narrowed to obligations of decisions adopted by ``on``."""
    return query.join(Decision, col(Decision.id) == col(Obligation.decision_id)).where(
        col(Decision.adopted_on).is_not(None), col(Decision.adopted_on) <= on
    )


def columns(reading: str | None) -> tuple[Any, Any, Any]:
    """An obligation, what is due and who is responsible in ``reading`` (None where the record
    has no such rendering), for a select list."""
    return (
        Obligation,
        content.rendered("obligation", Obligation.id, "title", Obligation.title, reading),
        content.rendered("obligation", Obligation.id, "responsible", literal(None), reading),
    )


def view(
    o: Obligation, reference: str, on: date, title: str, who: str | None, reading: str | None
) -> ObligationView:
    """An obligation as it stands on ``on``; who is responsible from its rendering, else the
    glossary's form of the English ("Chair", "Participation Committee"), else as recorded."""
    return ObligationView(
        title=title,
        decision=reference,
        kind=o.kind,
        due_on=o.due_on,
        responsible=who or glossary.rendering(o.responsible, reading),
        state=obligations.obligation_state(ObligationKind(o.kind), o.due_on, o.met_on, on).value,
        met_on=o.met_on if o.met_on and o.met_on <= on else None,
        source=o.source,
    )
