"""The register: Participants, trading entities, Observers and applicants, as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
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


def latest_event_id(entity_id: Any, on: date) -> Any:
    """Correlated subquery: the id of the entity's last status event on or before ``on`` (the
    order :func:`participation.standing_on` reads them in: by date, then as recorded)."""
    later = aliased(StatusEvent)
    return (
        select(later.id)
        .where(later.entity_id == entity_id, later.effective_on <= on)
        .order_by(col(later.effective_on).desc(), col(later.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def standing_filter(on: date, status: str | None = None, kind: str | None = None) -> Any:
    """Select of ``Entity.id`` for everyone with a standing on ``on`` whose latest status is
    ``status`` and whose kind is ``kind`` (when given) — the scope of a register query."""
    query = (
        select(Entity.id)
        .join(StatusEvent, col(StatusEvent.entity_id) == col(Entity.id))
        .where(col(StatusEvent.id) == latest_event_id(Entity.id, on))
    )
    if status:
        query = query.where(StatusEvent.status == status)
    if kind:
        query = query.where(Entity.kind == kind)
    return query


def count_entities(session: Session, *, on: date, status: str | None = None) -> int:
    """How many entities have ``status`` on ``on`` (their latest status event): one statement."""
    return session.exec(
        select(func.count()).select_from(standing_filter(on, status).subquery())
    ).one()


def standings(
    session: Session, *, on: date, status: str | None = None, kind: str | None = None
) -> list[EntityView]:
    """Everyone in scope (see :func:`standing_filter`) with the standing the rule gives them, by
    name, without history. One statement: for each entity only the events the rule needs —
    the trailing run of its current status (from its last event of another status on)."""
    latest = aliased(StatusEvent, name="latest")
    differing = aliased(StatusEvent, name="differing")
    boundary = (
        select(func.max(differing.effective_on))
        .where(
            differing.entity_id == latest.entity_id,
            differing.effective_on <= on,
            differing.status != latest.status,
        )
        .scalar_subquery()
    )
    query = (
        select(Entity, StatusEvent)
        .join(latest, col(latest.entity_id) == col(Entity.id))
        .join(StatusEvent, col(StatusEvent.entity_id) == col(Entity.id))
        .where(
            col(latest.id) == latest_event_id(Entity.id, on),
            StatusEvent.effective_on <= on,
            col(StatusEvent.effective_on) >= func.coalesce(boundary, date.min),
        )
        .order_by(
            col(Entity.name), col(Entity.id), col(StatusEvent.effective_on), col(StatusEvent.id)
        )
    )
    if status:
        query = query.where(latest.status == status)
    if kind:
        query = query.where(Entity.kind == kind)
    runs: dict[int, tuple[Entity, list[StatusEvent]]] = {}
    for entity, event in session.exec(query).all():
        assert entity.id is not None
        runs.setdefault(entity.id, (entity, []))[1].append(event)
    return [
        view
        for entity, run in runs.values()
        if (view := _entity_view(entity, run, {}, on, with_history=False)) is not None
    ]


def list_entities(
    *, engine: Engine, on: date, status: str | None = None, kind: str | None = None
) -> list[EntityView]:
    """Everyone with a standing on ``on``, optionally filtered by status and kind, by name
    (standing only: :func:`get_entity` gives one entity's history)."""
    with transaction(engine) as session:
        wanted_status = lookup.choice(Status, status, "status") if status else None
        wanted_kind = lookup.choice(EntityKind, kind, "kind") if kind else None
        return standings(
            session,
            on=on,
            status=wanted_status.value if wanted_status else None,
            kind=wanted_kind.value if wanted_kind else None,
        )


def entity_names(*, engine: Engine, on: date) -> list[str]:
    """The names of everyone with a standing on ``on``, by name: one light statement."""
    with transaction(engine) as session:
        return list(
            session.exec(
                select(Entity.name)
                .where(col(Entity.id).in_(standing_filter(on)))
                .order_by(col(Entity.name))
            ).all()
        )


def get_entity(*, engine: Engine, name: str, on: date) -> EntityView:
    """One entity with its whole dated history up to ``on``."""
    with transaction(engine) as session:
        entity = lookup.entity(session, name)
        rows = session.exec(
            select(StatusEvent, Decision.reference)
            .outerjoin(Decision, col(Decision.id) == col(StatusEvent.decision_id))
            .where(StatusEvent.entity_id == entity.id, StatusEvent.effective_on <= on)
            .order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
        ).all()
        decisions = {r.decision_id: ref for r, ref in rows if r.decision_id and ref}
        view = _entity_view(entity, [r for r, _ in rows], decisions, on)
        if view is None:
            raise ValidationError(
                N_("{name} has no recorded standing on {on}."), name=entity.name, on=on
            )
        return view


def _entity_view(
    entity: Entity,
    rows: list[StatusEvent],
    decisions: dict[int, str],
    on: date,
    *,
    with_history: bool = True,
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
        for r in (rows if with_history else ())
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
