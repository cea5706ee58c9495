"""The register: Participants, trading entities, Observers and applicants, as of a date."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import case, func, or_, union
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from governance import clock, participant_names, textnorm
from governance.db import transaction, writing
from governance.models import Decision, DecisionPeriod, Entity, EntityRename, StatusEvent
from governance.rules import participation
from governance.rules.errors import (
    N_,
    DuplicateError,
    NameTakenError,
    NotFoundError,
    RenameBeforeStandingError,
    RenameDecisionError,
    RenameOrderError,
    SameNameError,
    ValidationError,
)
from governance.rules.participation import EntityKind, Stage, Status
from governance.rules.past import check_past
from governance.rules.permissions import Action, Actor
from governance.services import lookup, names
from governance.services.views import EntityView, RenameView, StatusEventView


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


def count_with_states(session: Session, *, on: date, status: str) -> tuple[int, int]:
    """How many entities have ``status`` on ``on``, and how many of them are States: one
    statement."""
    scope = standing_filter(on, status).add_columns(col(Entity.kind).label("kind")).subquery()
    states = func.coalesce(func.sum(case((scope.c.kind == EntityKind.STATE.value, 1), else_=0)), 0)
    total, of_states = session.exec(select(func.count(), states).select_from(scope)).one()
    return int(total), int(of_states)


def count_entities(session: Session, *, on: date, status: str | None = None) -> int:
    """How many entities have ``status`` on ``on`` (their latest status event): one statement."""
    return session.exec(
        select(func.count()).select_from(standing_filter(on, status).subquery())
    ).one()


def matching(search: str, shown_as: Collection[str] = ()) -> Any:
    """Condition: the entity's current or a former name contains ``search`` (compared by
    :func:`textnorm.key`: case, width and spacing ignored), or is one of the recorded names in
    ``shown_as`` (those whose name in the reader's language matched)."""
    wanted = textnorm.key(search)
    return or_(
        col(Entity.name_key).contains(wanted, autoescape=True),
        col(Entity.name).in_(shown_as),
        col(Entity.id).in_(
            select(EntityRename.entity_id).where(
                or_(
                    col(EntityRename.former_name_key).contains(wanted, autoescape=True),
                    col(EntityRename.former_name).in_(shown_as),
                )
            )
        ),
    )


def _shown_as(session: Session, search: str, reading: str) -> set[str]:
    """The recorded names (current or former) whose name in ``reading`` contains ``search``:
    one light statement, only for a search in another language than the record's."""
    recorded = session.scalars(union(select(Entity.name), select(EntityRename.former_name))).all()
    return participant_names.matching(search, reading, recorded)


def standings(
    session: Session,
    *,
    on: date,
    status: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    shown_as: Collection[str] = (),
) -> list[EntityView]:
    """Everyone in scope (see :func:`standing_filter`) with the standing the rule gives them, by
    the name in force on ``on``, without history. One statement: for each entity only the
    events the rule needs — the trailing run of its current status (from its last event of
    another status on) — and its name that day (a correlated subquery). ``search``: only
    those whose current or a former name contains it."""
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
    name = names.name_on(Entity.id, Entity.name, on)
    query = (
        select(Entity, StatusEvent, name)
        .join(latest, col(latest.entity_id) == col(Entity.id))
        .join(StatusEvent, col(StatusEvent.entity_id) == col(Entity.id))
        .where(
            col(latest.id) == latest_event_id(Entity.id, on),
            StatusEvent.effective_on <= on,
            col(StatusEvent.effective_on) >= func.coalesce(boundary, date.min),
        )
        .order_by(name, col(Entity.id), col(StatusEvent.effective_on), col(StatusEvent.id))
    )
    if status:
        query = query.where(latest.status == status)
    if kind:
        query = query.where(Entity.kind == kind)
    if search and search.strip():
        query = query.where(matching(search, shown_as))
    runs: dict[int, tuple[Entity, str, list[StatusEvent]]] = {}
    for entity, event, name_then in session.exec(query).all():
        assert entity.id is not None
        runs.setdefault(entity.id, (entity, name_then, []))[2].append(event)
    return [
        view
        for entity, name_then, run in runs.values()
        if (view := _entity_view(entity, name_then, run, {}, on, with_history=False)) is not None
    ]


def list_entities(
    *,
    engine: Engine,
    on: date,
    status: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    reading: str | None = None,
) -> list[EntityView]:
    """Everyone with a standing on ``on``, optionally filtered by status and kind and by a
    piece of their current or a former name, by the name they bore on ``on`` (standing only:
    :func:`get_entity` gives one entity's history). With ``reading``, the search also finds
    a name as shown in that language (Allemagne, Германия)."""
    with transaction(engine) as session:
        wanted_status = lookup.choice(Status, status, "status") if status else None
        wanted_kind = lookup.choice(EntityKind, kind, "kind") if kind else None
        localized = bool(search and search.strip() and reading in participant_names.LANGUAGES)
        return standings(
            session,
            on=on,
            status=wanted_status.value if wanted_status else None,
            kind=wanted_kind.value if wanted_kind else None,
            search=search,
            shown_as=_shown_as(session, search or "", reading or "") if localized else (),
        )


def entity_names(*, engine: Engine, on: date) -> list[str]:
    """The names (in force on ``on``) of everyone with a standing on ``on``, by name: one
    light statement."""
    name = names.name_on(Entity.id, Entity.name, on)
    with transaction(engine) as session:
        return list(
            session.exec(
                select(name).where(col(Entity.id).in_(standing_filter(on))).order_by(name)
            ).all()
        )


def name_on(*, engine: Engine, name: str, on: date) -> str:
    """The name borne on ``on`` by the entity called ``name`` (now or formerly)."""
    with transaction(engine) as session:
        return names.name_of(session, lookup.entity(session, name), on)


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
        name = names.name_of(session, entity, on)
        view = _entity_view(
            entity,
            name,
            [r for r, _ in rows],
            decisions,
            on,
            renames=renames_of(session, entity, on),
        )
        if view is None:
            raise ValidationError(N_("{name} has no recorded standing on {on}."), name=name, on=on)
        return view


def renames_of(session: Session, entity: Entity, on: date) -> tuple[RenameView, ...]:
    """``entity``'s changes of name up to ``on``, oldest first: one statement."""
    rows = session.exec(
        select(EntityRename, Decision.reference)
        .outerjoin(Decision, col(Decision.id) == col(EntityRename.decision_id))
        .where(EntityRename.entity_id == entity.id)
        .order_by(col(EntityRename.renamed_on))
    ).all()
    if not rows:
        return ()
    later = [r.former_name for r, _ in rows[1:]] + [entity.name]
    return tuple(
        RenameView(
            renamed_on=r.renamed_on,
            former_name=r.former_name,
            new_name=new_name,
            decision=reference,
            note=r.note,
            source=r.source,
        )
        for (r, reference), new_name in zip(rows, later, strict=True)
        if r.renamed_on <= on
    )


def _entity_view(
    entity: Entity,
    name: str,
    rows: list[StatusEvent],
    decisions: dict[int, str],
    on: date,
    *,
    with_history: bool = True,
    renames: tuple[RenameView, ...] = (),
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
        name=name,
        kind=entity.kind,
        status=standing.status.value,
        since=standing.since,
        stage=standing.stage.value if standing.stage else None,
        blocked_reason=standing.blocked_reason,
        note=entity.note,
        source=entity.source,
        history=history,
        renames=renames,
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


def rename_entity(
    *,
    engine: Engine,
    actor: Actor,
    name: str,
    new_name: str,
    on: date,
    decision: str | None = None,
    note: str = "",
    source: str = "",
) -> EntityView:
    """Rename an entity in place from ``on``: ``Entity.name`` becomes ``new_name`` and the name
    it had is kept, dated, as a former name (``EntityRename``) — one entity, so its status
    history and terms of office run on across the rename, and every view reads the name in
    force on its date (:mod:`governance.services.names`)."""
    with writing(engine, actor, Action.RENAME_ENTITY) as session:
        if not name.strip():
            raise ValidationError(N_("Choose the Participant to rename."), field="entity")
        entity = lookup.entity(session, name)
        assert entity.id is not None
        clean = new_name.strip()
        if not clean:
            raise ValidationError(N_("A name is required."), field="new_name")
        check_past("on", on, today=clock.today())
        wanted = textnorm.key(clean)
        if wanted == textnorm.key(entity.name):
            raise SameNameError(name=entity.name, new_name=clean, field="new_name")
        other = session.exec(
            select(Entity.name).where(
                col(Entity.id) != entity.id,
                or_(
                    col(Entity.name_key) == wanted,
                    col(Entity.id).in_(
                        select(EntityRename.entity_id).where(EntityRename.former_name_key == wanted)
                    ),
                ),
            )
        ).first()
        if other is not None:
            raise NameTakenError(new_name=clean, other=other, field="new_name")
        earlier = session.exec(
            select(func.max(EntityRename.renamed_on)).where(EntityRename.entity_id == entity.id)
        ).one()
        if earlier is not None and on <= earlier:
            raise RenameOrderError(name=entity.name, earlier=earlier, field="on")
        first = session.exec(
            select(func.min(StatusEvent.effective_on)).where(StatusEvent.entity_id == entity.id)
        ).one()
        if first is None or on < first:
            raise RenameBeforeStandingError(name=entity.name, first=first or on, field="on")
        decision_row = lookup.optional_decision(session, decision)
        if decision_row is not None:
            adopted = session.exec(
                select(func.min(DecisionPeriod.adopted_on)).where(
                    DecisionPeriod.decision_id == decision_row.id,
                    col(DecisionPeriod.adopted_on).is_not(None),
                )
            ).one()
            if adopted is None or adopted > on:
                raise RenameDecisionError(reference=decision_row.reference, on=on, field="decision")
        session.add(
            EntityRename(
                entity_id=entity.id,
                renamed_on=on,
                former_name=entity.name,
                decision_id=decision_row.id if decision_row else None,
                note=note.strip(),
                source=source.strip(),
            )
        )
        entity.name = clean
        session.add(entity)
        session.flush()
    return get_entity(engine=engine, name=clean, on=on)
