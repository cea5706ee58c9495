"""Finding rows by their public keys inside a service's session; raises NotFoundError."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from governance import storable, textnorm
from governance.models import (
    Body,
    Communique,
    Decision,
    Entity,
    EntityRename,
    Meeting,
    WorkingGroup,
)
from governance.rules.errors import (
    AmbiguousFormerNameError,
    NotFoundError,
    TextTooLongError,
    UnknownValueError,
)
from governance.rules.rotation import RotationRule
from governance.services import names
from governance.settings import get_settings

E = TypeVar("E", bound=StrEnum)


BODY_CONFIG = "plenary_body_config"


@dataclass(frozen=True)
class BodyConfig:
    code: str
    name: str
    languages: tuple[str, ...]
    source_language: str
    rule: RotationRule
    rule_text: str
    rule_source: str


def body_config(session: Session) -> BodyConfig:
    """The body's parameters, read once per session (no service changes them once loaded)."""
    cached = session.info.get(BODY_CONFIG)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    body = session.exec(select(Body)).first()
    if body is None:
        raise NotFoundError(what="body", name="(database not initialised: run `plenary init`)")
    config = session.info[BODY_CONFIG] = BodyConfig(
        code=body.code,
        name=body.name,
        languages=tuple(body.official_languages.split(",")),
        source_language=body.source_language,
        rule=RotationRule(
            term_months=body.term_months,
            term_start_month=body.term_start_month,
            term_start_day=body.term_start_day,
            vice_chair_succeeds=body.rotation_rule == "vice_chair_succeeds",
            effective_from=body.rule_effective_from,
        ),
        rule_text=body.rule_text,
        rule_source=body.rule_source,
    )
    return config


M = TypeVar("M", bound=SQLModel)


def find(
    session: Session, model: type[M], column: Any, value: str, *, for_update: bool = False
) -> M | None:
    """The row whose ``column`` has the same comparison key as ``value`` (:func:`textnorm.key`:
    case, width, invisible characters and spacing ignored) — one indexed look-up."""
    storable.check_text(column.key, value, multiline=False)
    key_column = getattr(model, "KEYS", {}).get(column.key)
    query = (
        select(model).where(getattr(model, key_column) == textnorm.key(value))
        if key_column
        else select(model).where(column == value.strip())
    )
    return session.exec(query.with_for_update() if for_update else query).first()


def entity(session: Session, name: str) -> Entity:
    """The entity called ``name`` now, or else the one entity that bore ``name`` before a
    rename (``EntityRename.former_name``): a command taking a Participant's name accepts its
    former name too."""
    found = find(session, Entity, Entity.name, name)
    if found is not None:
        return found
    found = former_bearer(session, name)
    if found is None:
        raise NotFoundError(what="participant or organisation", name=name)
    return found


def former_bearer(session: Session, name: str) -> Entity | None:
    """The one entity that bore ``name`` before a rename (None if none did; an error if
    several did) — one indexed statement."""
    storable.check_text("name", name, multiline=False)
    bearers = session.exec(
        select(Entity)
        .where(
            col(Entity.id).in_(
                select(EntityRename.entity_id).where(
                    EntityRename.former_name_key == textnorm.key(name)
                )
            )
        )
        .order_by(col(Entity.name))
        .limit(2)
    ).all()
    if len(bearers) > 1:
        raise AmbiguousFormerNameError(name=name, entities=", ".join(e.name for e in bearers))
    return bearers[0] if bearers else None


def decision(session: Session, reference: str, *, for_update: bool = False) -> Decision:
    found = find(session, Decision, Decision.reference, reference, for_update=for_update)
    if found is None:
        raise NotFoundError(what="decision", name=reference)
    return found


def optional_decision(session: Session, reference: str | None) -> Decision | None:
    return decision(session, reference) if reference else None


def meeting(session: Session, code: str) -> Meeting:
    found = find(session, Meeting, Meeting.code, code)
    if found is None:
        raise NotFoundError(what="meeting", name=code)
    return found


def communique(session: Session, code: str) -> Communique:
    found = find(session, Communique, Communique.code, code)
    if found is None:
        raise NotFoundError(what="communiqué", name=code)
    return found


def working_group(session: Session, code: str) -> WorkingGroup:
    found = find(session, WorkingGroup, WorkingGroup.code, code)
    if found is None:
        raise NotFoundError(what="working group", name=code)
    return found


def choice(kind: type[E], value: str, what: str) -> E:
    """Parse ``value`` as a member of ``kind`` or raise a clear error."""
    try:
        return kind(value)
    except ValueError:
        raise UnknownValueError(
            what=what, value=value, allowed=", ".join(m.value for m in kind)
        ) from None


def language(config: BodyConfig, code: str) -> str:
    if code not in config.languages:
        raise UnknownValueError(what="language", value=code, allowed=", ".join(config.languages))
    return code


def names_by_id(
    session: Session,
    model: type[Entity] | type[Decision],
    ids: Iterable[int | None],
    *,
    on: date | None = None,
) -> dict[int, str]:
    """Names (entities; with ``on``, the name in force that day) or references (decisions)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    if model is Entity:
        name = Entity.name if on is None else names.name_on(Entity.id, Entity.name, on)
        rows = session.exec(select(Entity.id, name).where(col(Entity.id).in_(wanted)))
        return {i: n for i, n in rows if i is not None}
    decisions = session.exec(select(Decision).where(col(Decision.id).in_(wanted)))
    return {d.id: d.reference for d in decisions if d.id is not None}


def within_limit(text: str) -> str:
    """``text`` unchanged, or :class:`TextTooLongError` past the configured size limit."""
    limit = get_settings().max_text
    if len(text) > limit:
        raise TextTooLongError(length=len(text), limit=limit)
    return text
