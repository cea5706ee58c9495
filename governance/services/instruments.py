"""External instruments: the acts of other bodies that frame the Plenary's work (UN General
Assembly and Security Council resolutions, a WTO waiver …) and what in the record cites them —
a decision, a Participant, or one of its changes of status."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import clock, labels, textnorm
from governance.db import transaction, writing
from governance.models import (
    Decision,
    Entity,
    EntityRename,
    Instrument,
    InstrumentLink,
    StatusEvent,
)
from governance.rules.errors import (
    DuplicateCitationError,
    DuplicateError,
    InstrumentTargetError,
    NotFoundError,
    RequiredFieldError,
    StatusEventNotFoundError,
    UnknownValueError,
)
from governance.rules.past import check_past
from governance.rules.permissions import Action, Actor
from governance.services import lookup
from governance.services.names import name_on
from governance.services.views import Choice, CitationView, InstrumentView


def _required(value: str, field: str, label: str) -> str:
    clean = value.strip()
    if not clean:
        raise RequiredFieldError(label=label, field=field)
    return clean


def _code(mapping: dict[str, str], value: str, field: str, what: str) -> str:
    code = value.strip().lower()
    if code not in mapping:
        raise UnknownValueError(what=what, value=value, allowed=", ".join(mapping), field=field)
    return code


def find(session: Session, reference: str) -> Instrument:
    found = lookup.find(session, Instrument, Instrument.reference, reference)
    if found is None:
        raise NotFoundError(what="instrument", name=reference)
    return found


def add_instrument(
    session: Session,
    *,
    reference: str,
    body: str,
    adopted_on: date,
    title: str,
    kind: str = "resolution",
    paragraph: str = "",
    url: str = "",
    note: str = "",
    source: str = "",
    today: date | None = None,
) -> Instrument:
    """Add one instrument in ``session``: refused when its reference is taken (case, width and
    spacing ignored), its body or kind is unknown, or it is dated after today."""
    clean = _required(reference, "reference", "a reference")
    body_code = _code(labels.INSTRUMENT_BODY, body, "body", "body")
    kind_code = _code(labels.INSTRUMENT_KIND, kind, "kind", "kind of instrument")
    check_past("adopted_on", adopted_on, today=today or clock.today())
    clean_title = _required(title, "title", "a title")
    if lookup.find(session, Instrument, Instrument.reference, clean) is not None:
        raise DuplicateError(what="instrument", name=clean, field="reference")
    row = Instrument(
        reference=clean,
        body=body_code,
        kind=kind_code,
        adopted_on=adopted_on,
        title=clean_title,
        paragraph=lookup.within_limit(paragraph.strip()),
        url=url.strip(),
        note=lookup.within_limit(note.strip()),
        source=source.strip(),
    )
    session.add(row)
    session.flush()
    return row


def add_link(
    session: Session,
    *,
    reference: str,
    decision: str | None = None,
    participant: str | None = None,
    status_on: date | None = None,
    note: str = "",
    source: str = "",
) -> InstrumentLink:
    """Link an instrument to exactly one of: a decision, a Participant, or the Participant's
    change of status on ``status_on`` (the latest recorded that day)."""
    decision, participant = (decision or "").strip() or None, (participant or "").strip() or None
    if (decision is None) == (participant is None) or (status_on is not None and decision):
        raise InstrumentTargetError()
    instrument = find(session, reference)
    assert instrument.id is not None
    link = InstrumentLink(instrument_id=instrument.id, note=note.strip(), source=source.strip())
    duplicate: Any
    if decision is not None:
        row = lookup.decision(session, decision)
        link.decision_id = row.id
        target = row.reference
        duplicate = col(InstrumentLink.decision_id) == row.id
    else:
        assert participant is not None
        entity = lookup.entity(session, participant)
        link.entity_id = entity.id
        target = entity.name
        duplicate = and_(
            col(InstrumentLink.entity_id) == entity.id,
            col(InstrumentLink.status_event_id).is_(None),
        )
        if status_on is not None:
            event = session.exec(
                select(StatusEvent)
                .where(StatusEvent.entity_id == entity.id, StatusEvent.effective_on == status_on)
                .order_by(col(StatusEvent.id).desc())
            ).first()
            if event is None:
                raise StatusEventNotFoundError(
                    participant=entity.name, on=status_on, field="status_on"
                )
            link.status_event_id = event.id
            target = f"{entity.name} ({status_on.isoformat()})"
            duplicate = col(InstrumentLink.status_event_id) == event.id
    taken = session.exec(
        select(InstrumentLink.id).where(InstrumentLink.instrument_id == instrument.id, duplicate)
    ).first()
    if taken is not None:
        raise DuplicateCitationError(instrument=instrument.reference, target=target)
    session.add(link)
    session.flush()
    return link


def record_instrument(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    body: str,
    adopted_on: date,
    title: str,
    kind: str = "resolution",
    paragraph: str = "",
    url: str = "",
    note: str = "",
    source: str = "",
) -> InstrumentView:
    """Record an external instrument (one transaction; nothing stored on a refusal)."""
    with writing(engine, actor, Action.RECORD_INSTRUMENT) as session:
        row = add_instrument(
            session,
            reference=reference,
            body=body,
            adopted_on=adopted_on,
            title=title,
            kind=kind,
            paragraph=paragraph,
            url=url,
            note=note,
            source=source,
        )
        return _view(row, ())


def link_instrument(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    decision: str | None = None,
    participant: str | None = None,
    status_on: date | None = None,
    note: str = "",
    source: str = "",
) -> CitationView:
    """Link an instrument to a decision, a Participant or its change of status on a date."""
    with writing(engine, actor, Action.RECORD_INSTRUMENT) as session:
        link = add_link(
            session,
            reference=reference,
            decision=decision,
            participant=participant,
            status_on=status_on,
            note=note,
            source=source,
        )
        rows = session.execute(_citations(date.max).where(InstrumentLink.id == link.id)).all()
        return _citation(rows[0])


# --- reads -------------------------------------------------------------------------------------


def _citations(on: date) -> Any:
    """Links with their instrument and what they cite (decision reference, the entity's name in
    force on ``on``, the date of the change of status), instruments adopted by ``on`` only."""
    return (
        sa_select(
            Instrument,
            InstrumentLink,
            col(Decision.reference),
            name_on(Entity.id, Entity.name, on),
            col(StatusEvent.effective_on),
        )
        .join(InstrumentLink, col(InstrumentLink.instrument_id) == Instrument.id)
        .outerjoin(Decision, col(Decision.id) == InstrumentLink.decision_id)
        .outerjoin(StatusEvent, col(StatusEvent.id) == InstrumentLink.status_event_id)
        .outerjoin(
            Entity,
            col(Entity.id) == func.coalesce(InstrumentLink.entity_id, StatusEvent.entity_id),
        )
        .where(col(Instrument.adopted_on) <= on)
        .where(
            or_(
                col(InstrumentLink.decision_id).is_(None),
                col(Decision.adopted_on).is_(None),
                col(Decision.adopted_on) <= on,
            )
        )
        .where(
            or_(col(InstrumentLink.status_event_id).is_(None), col(StatusEvent.effective_on) <= on)
        )
        .order_by(col(Instrument.adopted_on), col(Instrument.reference), col(InstrumentLink.id))
    )


def _citation(row: Any) -> CitationView:
    instrument, link, reference, name, status_on = row
    if link.decision_id is not None:
        kind, target = "decision", reference
    elif link.status_event_id is not None:
        kind, target = "status_event", name
    else:
        kind, target = "participant", name
    return CitationView(
        instrument=instrument.reference,
        body=instrument.body,
        kind=instrument.kind,
        adopted_on=instrument.adopted_on,
        title=instrument.title,
        paragraph=instrument.paragraph,
        instrument_source=instrument.source,
        target_kind=kind,
        target=target or "",
        status_on=status_on,
        note=link.note,
        source=link.source,
    )


def _view(row: Instrument, cited: tuple[CitationView, ...]) -> InstrumentView:
    return InstrumentView(
        reference=row.reference,
        body=row.body,
        kind=row.kind,
        adopted_on=row.adopted_on,
        title=row.title,
        paragraph=row.paragraph,
        url=row.url,
        note=row.note,
        source=row.source,
        cited_by=cited,
    )


def list_instruments(
    *, engine: Engine, on: date, limit: int = 50, offset: int = 0
) -> list[InstrumentView]:
    """Instruments known on ``on`` (adopted by then), oldest first, ``limit`` from ``offset``,
    each with what cites it on that date: two statements, whatever the size of the register."""
    with transaction(engine) as session:
        rows = session.exec(
            select(Instrument)
            .where(Instrument.adopted_on <= on)
            .order_by(col(Instrument.adopted_on), col(Instrument.reference))
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r.id for r in rows]
        cited: dict[int, list[CitationView]] = {}
        if ids:
            for found in session.execute(
                _citations(on).where(col(InstrumentLink.instrument_id).in_(ids))
            ).all():
                cited.setdefault(found[1].instrument_id, []).append(_citation(found))
        return [_view(r, tuple(cited.get(r.id or 0, ()))) for r in rows]


def count_instruments(*, engine: Engine, on: date) -> int:
    with transaction(engine) as session:
        return session.exec(
            select(func.count()).select_from(Instrument).where(Instrument.adopted_on <= on)
        ).one()


def cited_by(
    *, engine: Engine, on: date, decision: str | None = None, entity: str | None = None
) -> list[CitationView]:
    """The instruments (adopted by ``on``) a decision or an entity cites — the entity's own
    links and those of its changes of status up to ``on``; one statement. ``entity`` may be
    any name it has borne."""
    if (decision is None) == (entity is None):
        raise InstrumentTargetError()
    query = _citations(on)
    if decision is not None:
        query = query.where(Decision.reference_key == textnorm.key(decision))
    else:
        key = textnorm.key(entity or "")
        former = select(EntityRename.entity_id).where(EntityRename.former_name_key == key)
        query = query.where(or_(col(Entity.name_key) == key, col(Entity.id).in_(former)))
    with transaction(engine) as session:
        return [_citation(row) for row in session.execute(query).all()]


def choices(*, engine: Engine, text: str | None = None, limit: int = 30) -> list[Choice]:
    """Instruments for a desk form, newest first, whose reference or title contains ``text``."""
    query = select(Instrument.reference, Instrument.title)
    if text and text.strip():
        pattern = f"%{text.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Instrument.reference).like(pattern),
                func.lower(Instrument.title).like(pattern),
            )
        )
    query = query.order_by(col(Instrument.adopted_on).desc(), col(Instrument.id).desc())
    with transaction(engine) as session:
        return [Choice(code, title) for code, title in session.exec(query.limit(limit)).all()]
