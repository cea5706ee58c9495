"""The register: Participants, trading entities, Observers and applicants, as of a date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction, writing
from governance.models import Decision, Entity, StatusEvent
from governance.rules import participation
from governance.rules.errors import N_, DuplicateError, NotFoundError, ValidationError
from governance.rules.participation import EntityKind, Stage, Status
from governance.rules.permissions import Action, Actor
from governance.services import lookup
from governance.services.views import EntityView, StatusEventView


def events_of(session: Session, entity: Entity) -> list[participation.StatusEvent]:
    rows = session.exec(
        select(StatusEvent)
        .where(StatusEvent.entity_id == entity.id)
        .order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
    ).all()
    return [rule_event(r) for r in rows]


def rule_event(row: StatusEvent, decision: str | None = None) -> participation.StatusEvent:
    return participation.StatusEvent(
        on=row.effective_on,
        status=Status(row.status),
        stage=Stage(row.stage) if row.stage else None,
        blocked_reason=row.blocked_reason,
        decision=decision or (str(row.decision_id) if row.decision_id else None),
    )


def list_entities(
    *, engine: Engine, on: date, status: str | None = None, kind: str | None = None
) -> list[EntityView]:
    """Everyone with a standing on ``on``, optionally filtered by status and kind."""
    with transaction(engine) as session:
        wanted_status = lookup.choice(Status, status, "status") if status else None
        wanted_kind = lookup.choice(EntityKind, kind, "kind") if kind else None
        entities = session.exec(select(Entity).order_by(col(Entity.name))).all()
        rows = session.exec(
            select(StatusEvent).order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
        ).all()
        decisions = lookup.names_by_id(session, Decision, (r.decision_id for r in rows))
        by_entity: dict[int, list[StatusEvent]] = {}
        for row in rows:
            by_entity.setdefault(row.entity_id, []).append(row)
        result = []
        for entity in entities:
            assert entity.id is not None
            history = [r for r in by_entity.get(entity.id, []) if r.effective_on <= on]
            view = _entity_view(entity, history, decisions, on)
            if view is None:
                continue
            if wanted_status and view.status != wanted_status.value:
                continue
            if wanted_kind and view.kind != wanted_kind.value:
                continue
            result.append(view)
        return result


def get_entity(*, engine: Engine, name: str, on: date) -> EntityView:
    """One entity with its whole dated history up to ``on``."""
    with transaction(engine) as session:
        entity = lookup.entity(session, name)
        rows = [
            r
            for r in session.exec(
                select(StatusEvent)
                .where(StatusEvent.entity_id == entity.id)
                .order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
            ).all()
            if r.effective_on <= on
        ]
        decisions = lookup.names_by_id(session, Decision, (r.decision_id for r in rows))
        view = _entity_view(entity, rows, decisions, on)
        if view is None:
            raise ValidationError(
                N_("{name} has no recorded standing on {on}."), name=entity.name, on=on
            )
        return view


def _entity_view(
    entity: Entity, rows: list[StatusEvent], decisions: dict[int, str], on: date
) -> EntityView | None:
    standing = participation.standing_on([rule_event(r) for r in rows], on)
    if standing is None:
        return None
    history = tuple(
        StatusEventView(
            effective_on=r.effective_on,
            status=r.status,
            stage=r.stage,
            blocked_reason=r.blocked_reason,
            decision=decisions.get(r.decision_id) if r.decision_id else None,
            note=r.note,
            source=r.source,
        )
        for r in rows
    )
    return EntityView(
        name=entity.name,
        kind=entity.kind,
        status=standing.status.value,
        since=standing.since,
        stage=standing.stage.value if standing.stage else None,
        blocked_reason=standing.blocked_reason,
        note=entity.note,
        source=entity.source,
        history=history,
    )


def register_entity(
    *,
    engine: Engine,
    actor: Actor,
    name: str,
    kind: str,
    status: str,
    on: date,
    stage: str | None = None,
    blocked_reason: str | None = None,
    decision: str | None = None,
    note: str = "",
    source: str = "",
) -> EntityView:
    """Add a State, REIO, trading entity or Observer with its first status."""
    with writing(engine, actor, Action.REGISTER_ENTITY) as session:
        add_entity(session, name=name, kind=kind, note=note, source=source)
        add_status(
            session,
            name=name,
            status=status,
            on=on,
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            source=source,
        )
    return get_entity(engine=engine, name=name, on=on)


def change_status(
    *,
    engine: Engine,
    actor: Actor,
    name: str,
    status: str,
    on: date,
    stage: str | None = None,
    blocked_reason: str | None = None,
    decision: str | None = None,
    note: str = "",
    source: str = "",
) -> EntityView:
    """Record a dated change of an entity's status (or an applicant's stage or block)."""
    with writing(engine, actor, Action.CHANGE_STATUS) as session:
        add_status(
            session,
            name=name,
            status=status,
            on=on,
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            note=note,
            source=source,
        )
    return get_entity(engine=engine, name=name, on=on)


def add_entity(
    session: Session, *, name: str, kind: str, note: str = "", source: str = ""
) -> Entity:
    clean = name.strip()
    if not clean:
        raise ValidationError(N_("A name is required."))
    kind_enum = lookup.choice(EntityKind, kind, "kind")
    try:
        lookup.entity(session, clean)
    except NotFoundError:
        row = Entity(name=clean, kind=kind_enum.value, note=note, source=source)
        session.add(row)
        session.flush()
        return row
    raise DuplicateError(what="participant or organisation", name=clean)


def add_status(
    session: Session,
    *,
    name: str,
    status: str,
    on: date,
    stage: str | None = None,
    blocked_reason: str | None = None,
    decision: str | None = None,
    note: str = "",
    source: str = "",
    founding: bool = False,
) -> None:
    """Add a dated status event (``founding``: the body's founding record, loaded as shipped)."""
    entity = lookup.entity(session, name)
    decision_row = lookup.optional_decision(session, decision)
    new = participation.StatusEvent(
        on=on,
        status=lookup.choice(Status, status, "status"),
        stage=lookup.choice(Stage, stage, "stage") if stage else None,
        blocked_reason=(blocked_reason or "").strip() or None,
        decision=decision_row.reference if decision_row else None,
    )
    participation.check_event(
        EntityKind(entity.kind), events_of(session, entity), new, founding=founding
    )
    assert entity.id is not None
    session.add(
        StatusEvent(
            entity_id=entity.id,
            effective_on=on,
            status=new.status.value,
            stage=new.stage.value if new.stage else None,
            blocked_reason=new.blocked_reason,
            decision_id=decision_row.id if decision_row else None,
            note=note,
            source=source,
        )
    )
    session.flush()
