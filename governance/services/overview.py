"""The landing page's picture of the record as of a date, and participation over time."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction
from governance.models import (
    Decision,
    Meeting,
    OfficeTerm,
    ProcedureReply,
    StatusEvent,
    VersionStep,
    WrittenProcedure,
)
from governance.rules import participation
from governance.rules.participation import Status
from governance.services import (
    bodies,
    deadlines,
    decisions,
    meetings,
    offices,
    participants,
    procedures,
)
from governance.services.views import CountPoint, OverviewView


def overview(*, engine: Engine, on: date) -> OverviewView:
    """Chair and Vice Chair, meetings, decisions awaiting formal adoption, open procedures,
    open and overdue deadlines and applicants in progress, all as of ``on``."""
    held = meetings.list_meetings(engine=engine, on=date.max)
    past = [m for m in held if m.starts_on <= on]
    upcoming = [m for m in held if m.starts_on > on]
    listed = decisions.list_decisions(engine=engine, on=on)
    entities = participants.list_entities(engine=engine, on=on)
    first, last = recorded_span(engine=engine)
    return OverviewView(
        on=on,
        body=bodies.get_body(engine=engine),
        holders=offices.holders_on(engine=engine, on=on),
        last_meeting=past[-1] if past else None,
        next_meeting=upcoming[0] if upcoming else None,
        awaiting_formal_adoption=tuple(d for d in listed if d.status == "awaiting_formal_adoption"),
        awaiting_confirmation=tuple(d for d in listed if d.status == "adopted_ad_referendum"),
        open_procedures=tuple(procedures.list_procedures(engine=engine, on=on, open_only=True)),
        deadlines=tuple(
            o
            for o in deadlines.list_deadlines(engine=engine, on=on)
            if o.state in ("open", "overdue")
        ),
        applicants=tuple(e for e in entities if e.status == Status.APPLICANT.value),
        participants=sum(1 for e in entities if e.status == Status.PARTICIPANT.value),
        first_recorded=first,
        last_recorded=last,
    )


def recorded_span(*, engine: Engine) -> tuple[date | None, date | None]:
    """The first and the last date on which anything in the record happened."""
    with transaction(engine) as session:
        dates = [
            *_span(session, Meeting.starts_on, Meeting.ends_on),
            *_span(session, Decision.adopted_on, Decision.adopted_on),
            *_span(session, StatusEvent.effective_on, StatusEvent.effective_on),
            *_span(
                session,
                VersionStep.taken_on,
                VersionStep.taken_on,
                col(VersionStep.state).in_(("final", "available")),
            ),
            *_span(session, WrittenProcedure.circulated_on, WrittenProcedure.deadline),
            *_span(session, ProcedureReply.received_on, ProcedureReply.received_on),
            *_span(session, OfficeTerm.starts_on, OfficeTerm.starts_on),
        ]
        known = [d for d in dates if d is not None]
        return (min(known), max(known)) if known else (None, None)


def _span(session: Session, first: Any, last: Any, *where: Any) -> tuple[date | None, date | None]:
    """Drafts (machine or in translation) are work in progress, not events of the record."""
    low, high = session.exec(select(func.min(first), func.max(last)).where(*where)).one()
    return cast(date | None, low), cast(date | None, high)


def participant_counts(*, engine: Engine) -> list[CountPoint]:
    """How many Participants there were after each dated change of status."""
    with transaction(engine) as session:
        rows = session.exec(
            select(StatusEvent).order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
        ).all()
        history: dict[int, list[participation.StatusEvent]] = {}
        points: list[CountPoint] = []
        for day in sorted({r.effective_on for r in rows}):
            for r in (r for r in rows if r.effective_on == day):
                history.setdefault(r.entity_id, []).append(participants.rule_event(r))
            count = 0
            for events in history.values():
                standing = participation.standing_on(events, day)
                if standing is not None and standing.status is Status.PARTICIPANT:
                    count += 1
            points.append(CountPoint(day, count))
        return points
