"""Meetings, their reported figures and their communiqués."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction, writing
from governance.models import (
    Communique,
    Decision,
    Meeting,
    ReportedFigure,
    TextVersion,
    VersionStep,
)
from governance.rules.errors import (
    N_,
    DuplicateError,
    NotFoundError,
    ReversedDatesError,
    UnknownValueError,
    ValidationError,
)
from governance.rules.permissions import Action, Actor
from governance.rules.translation import VersionState
from governance.services import decisions, lookup, translations
from governance.services.views import CommuniqueView, FigureView, MeetingView

MEETING_KINDS = ("plenary", "intersessional", "working_group", "committee", "other")


def list_meetings(*, engine: Engine, on: date) -> list[MeetingView]:
    """Meetings that had begun by ``on``, oldest first."""
    with transaction(engine) as session:
        rows = session.exec(
            select(Meeting).where(Meeting.starts_on <= on).order_by(col(Meeting.starts_on))
        ).all()
        return [_view(session, m, on) for m in rows]


def get_meeting(*, engine: Engine, code: str, on: date) -> MeetingView:
    with transaction(engine) as session:
        return _view(session, lookup.meeting(session, code), on)


def _view(session: Session, meeting: Meeting, on: date) -> MeetingView:
    figures = session.exec(
        select(ReportedFigure)
        .where(ReportedFigure.meeting_id == meeting.id)
        .order_by(col(ReportedFigure.id))
    ).all()
    communique = session.exec(
        select(Communique).where(Communique.meeting_id == meeting.id, Communique.issued_on <= on)
    ).first()
    references = session.exec(
        select(Decision.reference)
        .where(Decision.meeting_id == meeting.id)
        .order_by(col(Decision.reference))
    ).all()
    return MeetingView(
        code=meeting.code,
        kind=meeting.kind,
        title=meeting.title,
        place=meeting.place,
        starts_on=meeting.starts_on,
        ends_on=meeting.ends_on,
        host=meeting.host,
        chair=meeting.chair,
        source=meeting.source,
        communique=communique.code if communique else None,
        figures=tuple(FigureView(f.key, f.value, f.label, f.source) for f in figures),
        decisions=tuple(references) if meeting.ends_on <= on else (),
    )


def record_meeting(
    *,
    engine: Engine,
    actor: Actor,
    code: str,
    title: str,
    place: str,
    starts_on: date,
    ends_on: date,
    kind: str = "plenary",
    host: str = "",
    chair: str = "",
    figures: Sequence[tuple[str, int, str]] = (),
    source: str = "",
) -> MeetingView:
    """Record a meeting (with any figures it reported)."""
    with writing(engine, actor, Action.RECORD_MEETING) as session:
        row = add_meeting(
            session,
            code=code,
            title=title,
            place=place,
            starts_on=starts_on,
            ends_on=ends_on,
            kind=kind,
            host=host,
            chair=chair,
            figures=figures,
            source=source,
        )
        return _view(session, row, ends_on)


def add_meeting(
    session: Session,
    *,
    code: str,
    title: str,
    place: str,
    starts_on: date,
    ends_on: date,
    kind: str = "plenary",
    host: str = "",
    chair: str = "",
    figures: Sequence[tuple[str, int, str]] = (),
    source: str = "",
    figure_sources: Sequence[str] = (),
) -> Meeting:
    code = code.strip()
    if not code or not title.strip() or not place.strip():
        raise ValidationError(N_("A meeting needs a code, a title and a place."))
    if kind not in MEETING_KINDS:
        raise UnknownValueError(what="meeting kind", value=kind, allowed=", ".join(MEETING_KINDS))
    if ends_on < starts_on:
        raise ReversedDatesError(what=code, start=starts_on, end=ends_on)
    try:
        lookup.meeting(session, code)
    except NotFoundError:
        pass
    else:
        raise DuplicateError(what="meeting", name=code)
    row = Meeting(
        code=code,
        kind=kind,
        title=title.strip(),
        place=place.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        host=host,
        chair=chair,
        source=source,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    keys = [key.strip() for key, _, _ in figures]
    if any(not k for k in keys) or len(set(keys)) != len(keys):
        raise ValidationError(N_("Each reported figure needs its own key."))
    for i, (key, value, label) in enumerate(figures):
        if value < 0:
            raise ValidationError(N_("Figure {key} cannot be negative."), key=key)
        session.add(
            ReportedFigure(
                meeting_id=row.id,
                key=key,
                value=value,
                label=label,
                source=figure_sources[i] if i < len(figure_sources) else source,
            )
        )
    session.flush()
    return row


def add_communique(
    session: Session,
    *,
    meeting: str,
    code: str,
    title: str,
    issued_on: date,
    text: str,
    source: str = "",
) -> Communique:
    """A meeting's final communiqué, its source-language text final on the day it is issued."""
    meeting_row = lookup.meeting(session, meeting)
    config = lookup.body_config(session)
    if issued_on < meeting_row.starts_on:
        raise ValidationError(N_("A communiqué cannot be issued before its meeting starts."))
    if not text.strip():
        raise ValidationError(N_("A communiqué needs its text."))
    lookup.within_limit(text)
    assert meeting_row.id is not None
    row = Communique(
        code=code, meeting_id=meeting_row.id, title=title, issued_on=issued_on, source=source
    )
    session.add(row)
    session.flush()
    version = TextVersion(communique_id=row.id, language=config.source_language, text=text)
    session.add(version)
    session.flush()
    assert version.id is not None
    session.add(
        VersionStep(
            version_id=version.id, state=VersionState.FINAL.value, taken_on=issued_on, text=text
        )
    )
    session.flush()
    return row


def get_communique(*, engine: Engine, code: str, on: date) -> CommuniqueView:
    """A communiqué with every language version as it stood on ``on`` and its decisions."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        row = lookup.communique(session, code)
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None
        announced = session.exec(
            select(Decision)
            .where(Decision.communique_id == row.id)
            .order_by(col(Decision.reference))
        ).all()
        loaded = decisions.load(session, announced)
        return CommuniqueView(
            code=row.code,
            meeting=meeting.code,
            title=row.title,
            issued_on=row.issued_on,
            source=row.source,
            versions=translations.versions_on(session, row, config.languages, on),
            decisions=tuple(decisions.view(d, loaded, config.languages, on) for d in announced),
        )


def list_communiques(*, engine: Engine, on: date) -> list[tuple[str, str, date]]:
    """(code, title, issued_on) of communiqués issued by ``on``."""
    with transaction(engine) as session:
        rows = session.exec(
            select(Communique).where(Communique.issued_on <= on).order_by(col(Communique.issued_on))
        ).all()
        return [(c.code, c.title, c.issued_on) for c in rows]


def meeting_choices(*, engine: Engine, on: date) -> list[tuple[str, str, date, date]]:
    """(code, title, starts_on, ends_on) of the meetings begun by ``on``, oldest first: what a
    filter offers, in one query."""
    with transaction(engine) as session:
        rows = session.exec(
            select(
                col(Meeting.code), col(Meeting.title), col(Meeting.starts_on), col(Meeting.ends_on)
            )
            .where(Meeting.starts_on <= on)
            .order_by(col(Meeting.starts_on), col(Meeting.id))
        ).all()
        return [(code, title, starts, ends) for code, title, starts, ends in rows]
