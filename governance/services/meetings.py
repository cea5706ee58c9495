"""Meetings, their reported figures and their communiqués."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import textnorm
from governance.db import transaction, writing
from governance.models import (
    Communique,
    Decision,
    Entity,
    EntityRename,
    Meeting,
    ReportedFigure,
    StatusEvent,
    TextVersion,
    VersionStep,
)
from governance.rules.errors import (
    N_,
    CommuniqueBeforeMeetingError,
    DuplicateError,
    NotFoundError,
    ReversedDatesError,
    UnknownMeetingEntityError,
    UnknownValueError,
    ValidationError,
)
from governance.rules.permissions import Action, Actor
from governance.rules.translation import VersionState
from governance.services import content, decisions, lookup, names, translations
from governance.services.views import CommuniqueView, FigureView, MeetingView

MEETING_KINDS = ("plenary", "intersessional", "working_group", "committee", "other")


def list_meetings(
    *,
    engine: Engine,
    on: date,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
    reading: str | None = None,
) -> list[MeetingView]:
    """Meetings that had begun by ``on``, oldest first (``newest_first``: the reverse), a window
    of ``limit`` from ``offset`` when given. Four statements whatever the number of meetings."""
    with transaction(engine) as session:
        order = col(Meeting.starts_on).desc() if newest_first else col(Meeting.starts_on)
        tie = col(Meeting.id).desc() if newest_first else col(Meeting.id)
        window = (
            select(Meeting.id)
            .where(Meeting.starts_on <= on)
            .order_by(order, tie)
            .offset(offset)
            .limit(limit)
        )
        rows = session.exec(
            select(Meeting).where(col(Meeting.id).in_(window)).order_by(order, tie)
        ).all()
        return _views(session, rows, window, on, reading)


def count_meetings(*, engine: Engine, on: date) -> int:
    """How many meetings had begun by ``on``."""
    with transaction(engine) as session:
        return session.exec(
            select(func.count()).select_from(Meeting).where(Meeting.starts_on <= on)
        ).one()


def last_and_next(
    *, engine: Engine, on: date, reading: str | None = None
) -> tuple[MeetingView | None, MeetingView | None]:
    """The last meeting begun by ``on`` and the first one after it: two indexed picks."""
    with transaction(engine) as session:
        last = session.exec(
            select(Meeting)
            .where(Meeting.starts_on <= on)
            .order_by(col(Meeting.starts_on).desc(), col(Meeting.id).desc())
            .limit(1)
        ).first()
        upcoming = session.exec(
            select(Meeting)
            .where(Meeting.starts_on > on)
            .order_by(col(Meeting.starts_on), col(Meeting.id))
            .limit(1)
        ).first()
        found = [m for m in (last, upcoming) if m is not None]
        views = {v.code: v for v in _views(session, found, [m.id for m in found], on, reading)}
        return (
            views[last.code] if last else None,
            views[upcoming.code] if upcoming else None,
        )


def get_meeting(*, engine: Engine, code: str, on: date, reading: str | None = None) -> MeetingView:
    with transaction(engine) as session:
        row = lookup.meeting(session, code)
        return _views(session, [row], [row.id], on, reading)[0]


def meeting_listed(
    *, engine: Engine, code: str, on: date, reading: str | None = None
) -> MeetingView | None:
    """One meeting begun by ``on`` (a link's choice), or None when there is none such."""
    with transaction(engine) as session:
        try:
            row = lookup.meeting(session, code)
        except NotFoundError:
            return None
        return _views(session, [row], [row.id], on, reading)[0] if row.starts_on <= on else None


def _views(
    session: Session,
    meetings: Sequence[Meeting],
    scope: Any,
    on: date,
    reading: str | None = None,
) -> list[MeetingView]:
    """Views of ``meetings``, whose ids ``scope`` selects (a subquery on the same filter, or a
    short list): one statement each for figures, communiqués and decision references; titles,
    places and labels in ``reading`` where the record has them."""
    if not meetings:
        return []
    reading = content.reading_for(session, reading)
    figures: dict[int, list[FigureView]] = {}
    for f, label in session.execute(
        select(
            ReportedFigure,
            content.rendered(
                "reportedfigure", ReportedFigure.id, "label", ReportedFigure.label, reading
            ),
        )
        .where(col(ReportedFigure.meeting_id).in_(scope))
        .order_by(col(ReportedFigure.meeting_id), col(ReportedFigure.id))
    ).all():
        figures.setdefault(f.meeting_id, []).append(FigureView(f.key, f.value, label, f.source))
    rendered = content.renderings_of(session, "meeting", scope, reading)
    communiques: dict[int, str] = {}
    for meeting_id, code in session.exec(
        select(Communique.meeting_id, Communique.code)
        .where(col(Communique.meeting_id).in_(scope), Communique.issued_on <= on)
        .order_by(col(Communique.issued_on).desc(), col(Communique.id).desc())
    ).all():
        communiques.setdefault(meeting_id, code)  # the latest issued, as .first() per meeting
    references: dict[int, list[str]] = {}
    for decided_at, reference in session.exec(
        select(Decision.meeting_id, Decision.reference)
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(col(Decision.meeting_id).in_(scope), Meeting.ends_on <= on)
        .order_by(col(Decision.reference))
    ).all():
        assert decided_at is not None
        references.setdefault(decided_at, []).append(reference)
    return [_view(m, figures, communiques, references, rendered) for m in meetings]


def _view(
    meeting: Meeting,
    figures: dict[int, list[FigureView]],
    communiques: dict[int, str],
    references: dict[int, list[str]],
    rendered: dict[tuple[int, str], str],
) -> MeetingView:
    assert meeting.id is not None
    title = rendered.get((meeting.id, "title"))
    return MeetingView(
        code=meeting.code,
        kind=meeting.kind,
        title=title or meeting.title,
        place=rendered.get((meeting.id, "place"), meeting.place),
        starts_on=meeting.starts_on,
        ends_on=meeting.ends_on,
        host=meeting.host,
        chair=meeting.chair,
        source=meeting.source,
        communique=communiques.get(meeting.id),
        figures=tuple(figures.get(meeting.id, ())),
        decisions=tuple(references.get(meeting.id, ())),
        note=meeting.note,
        title_translated=title is not None,
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
    note: str = "",
) -> MeetingView:
    """Record a meeting (with any figures it reported). Its host and chair, when given, are
    entities of the register under the name they bore when the meeting started; that name is
    stored."""
    with writing(engine, actor, Action.RECORD_MEETING) as session:
        row = add_meeting(
            session,
            code=code,
            title=title,
            place=place,
            starts_on=starts_on,
            ends_on=ends_on,
            kind=kind,
            host=registered_name(session, "host", host, starts_on),
            chair=registered_name(session, "chair", chair, starts_on),
            figures=figures,
            source=source,
            note=note,
        )
        return _views(session, [row], [row.id], ends_on)[0]


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
    note: str = "",
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
        note=note,
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


def registered_name(session: Session, field: str, name: str, on: date) -> str:
    """``name`` as the register spells it, if an entity bore it on ``on`` and had a standing by
    then (its current name or a former one in force on that date); "" for no name; otherwise
    :class:`UnknownMeetingEntityError` naming ``field``."""
    name = name.strip()
    if not name:
        return ""
    entity = lookup.find(session, Entity, Entity.name, name)
    if entity is None:
        former = session.exec(
            select(EntityRename.entity_id).where(EntityRename.former_name_key == textnorm.key(name))
        ).first()
        entity = session.get(Entity, former) if former is not None else None
    known = entity is not None and (
        session.exec(
            select(StatusEvent.id)
            .where(StatusEvent.entity_id == entity.id, StatusEvent.effective_on <= on)
            .limit(1)
        ).first()
        is not None
    )
    if entity is None or not known:
        raise UnknownMeetingEntityError(field=field, name=name, on=on)
    in_force = names.name_of(session, entity, on)
    if textnorm.key(in_force) != textnorm.key(name):
        raise UnknownMeetingEntityError(field=field, name=name, on=on)
    return in_force


def add_communique(
    session: Session,
    *,
    meeting: str,
    code: str,
    title: str,
    issued_on: date,
    text: str,
    source: str = "",
    note: str = "",
    available: bool = False,
    available_note: str = "Final communiqué issued",
) -> Communique:
    """A meeting's final communiqué: its source-language text final on the day it is issued
    and, with ``available``, made available that day (the 2003 loader and
    :func:`communiques.record_communique` alike; the demo data takes that step itself)."""
    meeting_row = lookup.meeting(session, meeting)
    config = lookup.body_config(session)
    code, title = code.strip(), title.strip()
    if not code or not title:
        raise ValidationError(N_("A communiqué needs a code and a title."))
    if issued_on < meeting_row.starts_on:
        raise CommuniqueBeforeMeetingError(
            meeting=meeting_row.code, issued_on=issued_on, starts_on=meeting_row.starts_on
        )
    if not text.strip():
        raise ValidationError(N_("A communiqué needs its text."))
    lookup.within_limit(text)
    if lookup.find(session, Communique, Communique.code, code) is not None:
        raise DuplicateError(what="communiqué", name=code)
    assert meeting_row.id is not None
    row = Communique(
        code=code,
        meeting_id=meeting_row.id,
        title=title,
        issued_on=issued_on,
        source=source,
        note=note,
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
    if available:
        session.add(
            VersionStep(
                version_id=version.id,
                state=VersionState.AVAILABLE.value,
                taken_on=issued_on,
                text=text,
                note=available_note,
            )
        )
    session.flush()
    return row


def get_communique(
    *, engine: Engine, code: str, on: date, reading: str | None = None
) -> CommuniqueView:
    """A communiqué with every language version as it stood on ``on`` and its decisions
    (their titles in ``reading`` where they have one)."""
    with transaction(engine) as session:
        return communique_view(session, lookup.communique(session, code), on, reading)


def communique_view(
    session: Session, row: Communique, on: date, reading: str | None = None
) -> CommuniqueView:
    config = lookup.body_config(session)
    meeting = session.get(Meeting, row.meeting_id)
    assert meeting is not None
    announced = session.exec(
        select(Decision).where(Decision.communique_id == row.id).order_by(col(Decision.reference))
    ).all()
    loaded = decisions.load(session, announced, on)
    return CommuniqueView(
        code=row.code,
        meeting=meeting.code,
        title=row.title,
        issued_on=row.issued_on,
        source=row.source,
        versions=translations.versions_on(session, row, config.languages, on),
        decisions=tuple(
            decisions.view(d, loaded, config.languages, on, reading) for d in announced
        ),
        note=row.note,
    )


def list_communiques(
    *,
    engine: Engine,
    on: date,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
    reading: str | None = None,
) -> list[tuple[str, str, date]]:
    """(code, title, issued_on) of communiqués issued by ``on``, oldest first (``newest_first``:
    the reverse), a window of ``limit`` from ``offset`` when given."""
    with transaction(engine) as session:
        order = col(Communique.issued_on).desc() if newest_first else col(Communique.issued_on)
        tie = col(Communique.id).desc() if newest_first else col(Communique.id)
        reading = content.reading_for(session, reading)
        title = content.communique_title(Communique.id, Communique.title, reading, on)
        rows = session.exec(
            select(col(Communique.code), title, col(Communique.issued_on))
            .where(Communique.issued_on <= on)
            .order_by(order, tie)
            .offset(offset)
            .limit(limit)
        ).all()
        return [(code, title, issued_on) for code, title, issued_on in rows]


def meeting_choices(
    *, engine: Engine, on: date, reading: str | None = None
) -> list[tuple[str, str, date, date]]:
    """(code, title, starts_on, ends_on) of the meetings begun by ``on``, oldest first: what a
    filter offers, in one query (titles in ``reading`` where the record has them)."""
    with transaction(engine) as session:
        reading = content.reading_for(session, reading)
        title = content.rendered("meeting", Meeting.id, "title", Meeting.title, reading)
        rows = session.exec(
            select(col(Meeting.code), title, col(Meeting.starts_on), col(Meeting.ends_on))
            .where(Meeting.starts_on <= on)
            .order_by(col(Meeting.starts_on), col(Meeting.id))
        ).all()
        return [(code, title, starts, ends) for code, title, starts, ends in rows]


def count_communiques(*, engine: Engine, on: date) -> int:
    """How many communiqués had been issued by ``on``."""
    with transaction(engine) as session:
        return session.exec(
            select(func.count()).select_from(Communique).where(Communique.issued_on <= on)
        ).one()


def communique_listed(
    *, engine: Engine, code: str, on: date, reading: str | None = None
) -> tuple[str, str, date] | None:
    """(code, title, issued_on) of one communiqué issued by ``on`` (a link's choice), or None."""
    with transaction(engine) as session:
        try:
            row = lookup.communique(session, code)
        except NotFoundError:
            return None
        if row.issued_on > on:
            return None
        view = communique_view(session, row, on) if reading else None
        title = view.title_in(reading)[0] if view and reading else row.title
        return (row.code, title, row.issued_on)
