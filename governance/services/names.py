"""A Participant's name on a date: one entity, renamed in place (``EntityRename``).

``Entity.name`` is the newest name. On a date before a rename the entity was called by the
``former_name`` of the earliest rename after that date. Every view that shows a name for an
as-of date reads it through :func:`name_on` (a correlated subquery, so it costs no extra
statement) or :func:`name_of` (one row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from governance.models import Entity, EntityRename


def name_on(entity_id: Any, current_name: Any, on: date) -> Any:
    """SQL expression: the name in force on ``on`` of the entity whose id column is
    ``entity_id`` and whose newest name column is ``current_name`` (``Entity.name``)."""
    later = aliased(EntityRename)
    former = (
        select(later.former_name)
        .where(later.entity_id == entity_id, later.renamed_on > on)
        .order_by(col(later.renamed_on))
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(former, current_name)


def name_of(session: Session, entity: Entity, on: date) -> str:
    """The name ``entity`` bore on ``on``."""
    former = session.exec(
        select(EntityRename.former_name)
        .where(EntityRename.entity_id == entity.id, EntityRename.renamed_on > on)
        .order_by(col(EntityRename.renamed_on))
        .limit(1)
    ).first()
    return former if former is not None else entity.name


def entity_name_on(on: date) -> Any:
    """``name_on`` for the ``Entity`` table itself, labelled ``name`` for a select list."""
    return name_on(Entity.id, Entity.name, on).label("name")


def names_by_day(
    entities: Iterable[Entity], renames: Iterable[EntityRename]
) -> Callable[[int, date], str]:
    """For exports that hold every entity and rename already: ``(entity id, day)`` → the name
    borne that day, as :func:`name_on` computes it in SQL (the former name of the earliest
    rename after the day, else the newest name)."""
    newest = {e.id: e.name for e in entities}
    later: dict[int, list[EntityRename]] = {}
    for rename in sorted(renames, key=lambda r: r.renamed_on):
        later.setdefault(rename.entity_id, []).append(rename)

    def name(entity_id: int, day: date) -> str:
        after = next((r for r in later.get(entity_id, ()) if r.renamed_on > day), None)
        return after.former_name if after is not None else newest[entity_id]

    return name
