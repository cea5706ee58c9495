"""The landing page's picture of the record as of a date, and participation over time."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction
from governance.models import (
    Decision,
    Meeting,
    OfficeTerm,
    ProcedureReply,
    ReportedFigure,
    StatusEvent,
    VersionStep,
    WrittenProcedure,
)
from governance.rules import participation
from governance.rules.participation import Status
from governance.services import (
    bodies,
    content,
    deadlines,
    decisions,
    meetings,
    offices,
    participants,
    procedures,
)
from governance.services.views import (
    CountPoint,
    DecisionView,
    OverviewView,
    ProcedureView,
    ReportedParticipationView,
)

STATES, REIOS = "participating_states", "participating_reios"
"""The keys of the reported figures that count participation (``ReportedFigure.key``)."""

SHOWN = 25
"""Rows the Overview shows of each list that grows with the record (with its total)."""


def overview(*, engine: Engine, on: date, reading: str | None = None) -> OverviewView:
    """Chair and Vice Chair, meetings, decisions awaiting formal adoption, open procedures,
    open and overdue deadlines and applicants in progress, all as of ``on``.

    A fixed number of statements whatever the size of the record: every list is filtered in
    SQL, and those that grow with the years are cut to :data:`SHOWN` rows with their total.
    Titles, names and labels in ``reading`` where the record has them."""
    last_meeting, next_meeting = meetings.last_and_next(engine=engine, on=on, reading=reading)
    awaiting, awaiting_total = _decisions(engine, on, "awaiting_formal_adoption", reading)
    confirming, confirming_total = _decisions(engine, on, "adopted_ad_referendum", reading)
    holders, last_ends = offices.holders_and_last_ends(engine=engine, on=on)
    vacant = [
        o
        for o, term in (("chair", holders.chair), ("vice_chair", holders.vice_chair))
        if term is None
    ]
    last_term_ends = {o: last_ends[o] for o in vacant if o in last_ends}
    with transaction(engine) as session:
        participant_count, certified_states = participants.count_with_states(
            session, on=on, status=Status.PARTICIPANT.value
        )
        first, last = _recorded_span(session)
        shown_deadlines, deadlines_total = deadlines.open_and_overdue(
            session, on=on, limit=SHOWN, reading=reading
        )
        return OverviewView(
            on=on,
            body=bodies.get_body(engine=engine, reading=reading),
            holders=holders,
            last_meeting=last_meeting,
            next_meeting=next_meeting,
            awaiting_formal_adoption=awaiting,
            awaiting_confirmation=confirming,
            open_procedures=tuple(open_procedures(session, on=on)),
            deadlines=tuple(shown_deadlines),
            applicants=tuple(participants.standings(session, on=on, status=Status.APPLICANT.value)),
            participants=participant_count,
            first_recorded=first,
            last_recorded=last,
            awaiting_formal_adoption_total=awaiting_total,
            awaiting_confirmation_total=confirming_total,
            deadlines_total=deadlines_total,
            reported=reported_participation(session, on=on, reading=reading),
            certified_states=certified_states,
            last_term_ends=last_term_ends,
        )


def reported_participation(
    session: Session, *, on: date, reading: str | None = None
) -> ReportedParticipationView | None:
    """The participation figures of the latest meeting ended on or before ``on`` that reported
    how many States take part (with its figure for REIOs, if any): one statement, through the
    indexes on ``Meeting.ends_on`` and ``ReportedFigure.meeting_id``."""
    latest = (
        select(Meeting.id)
        .join(ReportedFigure, col(ReportedFigure.meeting_id) == col(Meeting.id))
        .where(ReportedFigure.key == STATES, col(Meeting.ends_on) <= on)
        .order_by(col(Meeting.ends_on).desc(), col(Meeting.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = session.exec(
        select(Meeting, ReportedFigure)
        .join(ReportedFigure, col(ReportedFigure.meeting_id) == col(Meeting.id))
        .where(col(Meeting.id) == latest, col(ReportedFigure.key).in_((STATES, REIOS)))
    ).all()
    if not rows:
        return None
    meeting = rows[0][0]
    figures = {figure.key: figure for _, figure in rows}
    reios = figures.get(REIOS)
    assert meeting.id is not None
    rendered = content.renderings_of(
        session, "meeting", [meeting.id], content.reading_for(session, reading)
    )
    return ReportedParticipationView(
        meeting=rendered.get((meeting.id, "title"), meeting.title),
        place=rendered.get((meeting.id, "place"), meeting.place),
        ends_on=meeting.ends_on,
        states=figures[STATES].value,
        reios=reios.value if reios else None,
        source=figures[STATES].source,
    )


def _decisions(
    engine: Engine, on: date, status: str, reading: str | None
) -> tuple[tuple[DecisionView, ...], int]:
    """The first :data:`SHOWN` decisions with ``status`` on ``on``, and how many there are."""
    asked = decisions.RegisterFilter(on, status=status, reading=reading)
    page = decisions.page_of_decisions(engine=engine, asked=asked, limit=SHOWN)
    return page.rows, page.total


def open_procedures(session: Session, *, on: date) -> list[ProcedureView]:
    """Written procedures open on ``on``: the same views as the procedures register's."""
    return procedures.open_on(session, on)


def recorded_span(*, engine: Engine) -> tuple[date | None, date | None]:
    """The first and the last date on which anything in the record happened."""
    with transaction(engine) as session:
        return _recorded_span(session)


def _recorded_span(session: Session) -> tuple[date | None, date | None]:
    """One statement of indexed minima and maxima (drafts, machine or in translation, are work
    in progress, not events of the record)."""
    spans = [
        _span(Meeting.starts_on, Meeting.ends_on),
        _span(Decision.adopted_on, Decision.adopted_on),
        _span(StatusEvent.effective_on, StatusEvent.effective_on),
        _span(
            VersionStep.taken_on,
            VersionStep.taken_on,
            col(VersionStep.state).in_(("final", "available")),
        ),
        _span(WrittenProcedure.circulated_on, WrittenProcedure.deadline),
        _span(ProcedureReply.received_on, ProcedureReply.received_on),
        _span(OfficeTerm.starts_on, OfficeTerm.starts_on),
    ]
    row = session.exec(select(*(part for pair in spans for part in pair))).one()
    known = [_as_date(d) for d in row if d is not None]
    return (min(known), max(known)) if known else (None, None)


def _span(first: Any, last: Any, *where: Any) -> tuple[Any, Any]:
    return (
        select(func.min(first)).where(*where).scalar_subquery(),
        select(func.max(last)).where(*where).scalar_subquery(),
    )


def _as_date(value: Any) -> date:
    """A scalar subquery's date (SQLite hands it back as text: the column type is not kept)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def participant_counts(*, engine: Engine, until: date | None = None) -> list[CountPoint]:
    """How many Participants there were after each dated change of status (up to ``until``).

    One statement and one pass over the status events in date order: on each date, only the
    entities whose events fall on it can change standing, so only theirs is asked of the rule
    (:func:`participation.standing_on` over that entity's events so far)."""
    query = select(StatusEvent).order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
    if until is not None:
        query = query.where(StatusEvent.effective_on <= until)
    with transaction(engine) as session:
        rows = session.exec(query).all()
    history: dict[int, list[participation.StatusEvent]] = {}
    counted: set[int] = set()
    points: list[CountPoint] = []
    for day, events in groupby(rows, key=lambda r: r.effective_on):
        changed = set()
        for r in events:
            history.setdefault(r.entity_id, []).append(participants.rule_event(r))
            changed.add(r.entity_id)
        for entity_id in changed:
            standing = participation.standing_on(history[entity_id], day)
            if standing is not None and standing.status is Status.PARTICIPANT:
                counted.add(entity_id)
            else:
                counted.discard(entity_id)
        points.append(CountPoint(day, len(counted)))
    return points
