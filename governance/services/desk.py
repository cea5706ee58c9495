"""What the Secretariat desk's forms may act on: the few rows eligible for each, chosen in SQL.

Each function is one read transaction with one or two statements whatever the size of the record,
returns plain tuples, and is bounded by ``limit`` (newest first) where the answer could otherwise
grow with the years. The filters restate rules of ``governance.rules`` in SQL (written procedure
open from circulation to the deadline inclusive; a version made available is never withdrawn; an
ad referendum decision stands until confirmed as a whole or its last open point is resolved); the
tests check each against the rules applied to the whole record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect, and_, distinct, exists, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import textnorm
from governance.db import transaction
from governance.models import (
    Communique,
    Decision,
    Entity,
    Meeting,
    OpenPoint,
    ProcedureReply,
    StatusEvent,
    TextVersion,
    VersionStep,
    WorkingGroup,
    WrittenProcedure,
)
from governance.rules.decision_status import Procedure
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import lookup, names, translations
from governance.services.views import Choice, LanguageVersionView, ReplyView

LIMIT = 50
"""How many choices a select box offers by default (the newest); older ones are found by text."""


@dataclass(frozen=True)
class PointChoice:
    reference: str
    key: str
    description: str


@dataclass(frozen=True)
class TargetChoice:
    """A decision or communiqué with a language version still to be made available."""

    code: str
    title: str
    communique: bool
    missing: tuple[str, ...]
    """The official languages not yet made available on the date asked about."""


@dataclass(frozen=True)
class EntityChoice:
    name: str
    status: str


@dataclass(frozen=True)
class OpenProcedure:
    """A written procedure open for replies, with one Participant's reply if it sent one."""

    reference: str
    title: str
    circulated_on: date
    deadline: date
    reply: ReplyView | None


def _known_on(on: date) -> ColumnElement[bool]:
    """Decisions known on ``on`` (status other than "not yet"): adopted in a meeting by then, or
    circulated by written procedure by then. Needs the outer join to WrittenProcedure."""
    return or_(
        and_(
            col(Decision.procedure) != Procedure.WRITTEN_PROCEDURE.value,
            col(Decision.adopted_on) <= on,
        ),
        and_(
            col(Decision.procedure) == Procedure.WRITTEN_PROCEDURE.value,
            col(WrittenProcedure.circulated_on) <= on,
        ),
    )


def _dated() -> ColumnElement[date]:
    """A decision's date for ordering: adopted on, or circulated on."""
    return func.coalesce(col(Decision.adopted_on), col(WrittenProcedure.circulated_on))


def _matching(needle: str | None) -> ColumnElement[bool] | None:
    text = (needle or "").strip()
    if not text:
        return None
    return or_(
        col(Decision.reference).icontains(text, autoescape=True),
        col(Decision.title).icontains(text, autoescape=True),
    )


def decisions(
    *, engine: Engine, on: date | None, text: str | None = None, limit: int = LIMIT
) -> list[Choice]:
    """Decisions known on ``on`` (every decision when ``on`` is None), newest first, whose
    reference or title contains ``text`` (case-insensitive), at most ``limit``."""
    query = select(Decision.reference, Decision.title).outerjoin(
        WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id)
    )
    if on is not None:
        query = query.where(_known_on(on))
    matching = _matching(text)
    if matching is not None:
        query = query.where(matching)
    query = query.order_by(_dated().desc().nulls_last(), col(Decision.reference).desc())
    with transaction(engine) as session:
        return [Choice(r, t) for r, t in session.exec(query.limit(limit)).all()]


def open_points(*, engine: Engine, on: date, limit: int = LIMIT) -> list[PointChoice]:
    """Open points not resolved yet, of decisions adopted ad referendum by ``on`` and not
    confirmed as a whole by then; newest decisions first."""
    query = (
        select(Decision.reference, OpenPoint.key, OpenPoint.description)
        .join(Decision, col(Decision.id) == col(OpenPoint.decision_id))
        .where(
            col(OpenPoint.resolved_on).is_(None),
            col(Decision.procedure) == Procedure.AD_REFERENDUM.value,
            col(Decision.adopted_on) <= on,
            or_(col(Decision.confirmed_on).is_(None), col(Decision.confirmed_on) > on),
        )
        .order_by(
            col(Decision.adopted_on).desc(), col(Decision.reference).desc(), col(OpenPoint.id)
        )
        .limit(limit)
    )
    with transaction(engine) as session:
        return [PointChoice(r, k, d) for r, k, d in session.exec(query).all()]


def awaiting_confirmation(*, engine: Engine, on: date, limit: int = LIMIT) -> list[Choice]:
    """Decisions adopted ad referendum and not confirmed on ``on`` (status "adopted ad
    referendum"): neither confirmed as a whole by then nor with every open point resolved by
    then (a decision without open points waits for a confirmation as a whole)."""
    points = select(OpenPoint.id).where(col(OpenPoint.decision_id) == col(Decision.id))
    still_open = points.where(
        or_(col(OpenPoint.resolved_on).is_(None), col(OpenPoint.resolved_on) > on)
    )
    query = (
        select(Decision.reference, Decision.title)
        .where(
            col(Decision.procedure) == Procedure.AD_REFERENDUM.value,
            col(Decision.adopted_on) <= on,
            or_(col(Decision.confirmed_on).is_(None), col(Decision.confirmed_on) > on),
            or_(~exists(points), exists(still_open)),
        )
        .order_by(col(Decision.adopted_on).desc(), col(Decision.reference).desc())
        .limit(limit)
    )
    with transaction(engine) as session:
        return [Choice(r, t) for r, t in session.exec(query).all()]


def _available_languages(
    owner: ColumnElement[bool], on: date, languages: tuple[str, ...]
) -> ScalarSelect[int]:
    """How many official languages of the owner (a correlated condition on TextVersion) were
    made available by ``on``: a version made available is never withdrawn (Rule 26)."""
    return (
        select(func.count(distinct(col(TextVersion.language))))
        .join(VersionStep, col(VersionStep.version_id) == col(TextVersion.id))
        .where(
            owner,
            col(TextVersion.language).in_(languages),
            col(VersionStep.state) == VersionState.AVAILABLE.value,
            col(VersionStep.taken_on) <= on,
        )
        .scalar_subquery()
    )


def untranslated(
    *, engine: Engine, on: date, text: str | None = None, limit: int = LIMIT
) -> list[TargetChoice]:
    """Decisions known on ``on`` (proposals not adopted left out) and communiqués issued by
    then with an official language version not yet made available on ``on``: the ``limit``
    recorded last of each (so the database walks back from the newest row and stops there),
    newest first."""
    with transaction(engine) as session:
        languages = lookup.body_config(session).languages
        decision_available = _available_languages(
            col(TextVersion.decision_id) == col(Decision.id), on, languages
        )
        objected = exists(
            select(ProcedureReply.id).where(
                col(ProcedureReply.procedure_id) == col(WrittenProcedure.id),
                col(ProcedureReply.kind) == ReplyKind.OBJECTION.value,
                col(ProcedureReply.received_on) <= on,
                col(ProcedureReply.received_on) <= col(WrittenProcedure.deadline),
            )
        )
        query = (
            select(col(Decision.id), col(Decision.reference), col(Decision.title), _dated())
            .outerjoin(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
            .where(_known_on(on), ~objected, decision_available < len(languages))
        )
        matching = _matching(text)
        if matching is not None:
            query = query.where(matching)
        found: list[tuple[date, int, str, str, bool]] = [
            (when, i or 0, r, t, False)
            for i, r, t, when in session.exec(
                query.order_by(col(Decision.id).desc()).limit(limit)
            ).all()
        ]
        communique_available = _available_languages(
            col(TextVersion.communique_id) == col(Communique.id), on, languages
        )
        communiques = select(
            col(Communique.id),
            col(Communique.code),
            col(Communique.title),
            col(Communique.issued_on),
        )
        communiques = communiques.where(
            col(Communique.issued_on) <= on,
            communique_available < len(languages),
        )
        if text and text.strip():
            communiques = communiques.where(
                or_(
                    col(Communique.code).icontains(text.strip(), autoescape=True),
                    col(Communique.title).icontains(text.strip(), autoescape=True),
                )
            )
        found += [
            (when, i or 0, c, t, True)
            for i, c, t, when in session.exec(
                communiques.order_by(col(Communique.id).desc()).limit(limit)
            ).all()
        ]
        found.sort(key=lambda f: (f[0], f[2]), reverse=True)
        found = found[:limit]
        available = _languages_available(session, found, on)
        return [
            TargetChoice(
                code,
                title,
                is_communique,
                tuple(lang for lang in languages if lang not in done),
            )
            for _when, i, code, title, is_communique in found
            for done in [available.get((is_communique, i), set())]
        ]


def _languages_available(
    session: Session, found: list[tuple[date, int, str, str, bool]], on: date
) -> dict[tuple[bool, int], set[str]]:
    """(is communiqué, id) → languages made available by ``on``, for the targets found (one
    statement; the IN list is bounded by the limit)."""
    decision_ids = [i for _w, i, _c, _t, is_c in found if not is_c]
    communique_ids = [i for _w, i, _c, _t, is_c in found if is_c]
    if not found:
        return {}
    rows = session.exec(
        select(TextVersion.decision_id, TextVersion.communique_id, TextVersion.language)
        .join(VersionStep, col(VersionStep.version_id) == col(TextVersion.id))
        .where(
            or_(
                col(TextVersion.decision_id).in_(decision_ids),
                col(TextVersion.communique_id).in_(communique_ids),
            ),
            col(VersionStep.state) == VersionState.AVAILABLE.value,
            col(VersionStep.taken_on) <= on,
        )
    ).all()
    result: dict[tuple[bool, int], set[str]] = {}
    for decision_id, communique_id, language in rows:
        owner = (False, decision_id) if decision_id is not None else (True, communique_id or 0)
        result.setdefault(owner, set()).add(language)
    return result


def language_version(
    *, engine: Engine, target: str, language: str, on: date
) -> LanguageVersionView | None:
    """One language version of a decision (by reference) or communiqué (by code) as it stood
    on ``on``; None when there is no such decision or communiqué."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lookup.language(config, language)
        # Both looked up, so the statements sent do not depend on which it is.
        decision = lookup.find(session, Decision, Decision.reference, target)
        communique = lookup.find(session, Communique, Communique.code, target)
        owner = decision or communique
        if owner is None:
            return None
        versions = translations.versions_on(session, owner, (language,), on)
        return versions[0]


@dataclass(frozen=True)
class Editable:
    """What the correction form shows of a decision, and the version it was read at."""

    reference: str
    title: str
    kind: str
    version: int


def editable(*, engine: Engine, reference: str) -> Editable | None:
    """A decision's title, kind and edit version (None: no such decision); one statement."""
    with transaction(engine) as session:
        row = lookup.find(session, Decision, Decision.reference, reference)
        return Editable(row.reference, row.title, row.kind, row.version) if row else None


def open_procedures(*, engine: Engine, on: date, limit: int = LIMIT) -> list[Choice]:
    """Written procedures open for replies on ``on`` (circulated by then, deadline not passed),
    the nearest deadline first."""
    query = (
        select(Decision.reference, Decision.title)
        .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
        .where(col(WrittenProcedure.circulated_on) <= on, col(WrittenProcedure.deadline) >= on)
        .order_by(col(WrittenProcedure.deadline), col(Decision.reference))
        .limit(limit)
    )
    with transaction(engine) as session:
        return [Choice(r, t) for r, t in session.exec(query).all()]


def open_for(*, engine: Engine, on: date, participant: str) -> list[OpenProcedure]:
    """Written procedures open for replies on ``on``, each with ``participant``'s reply if any
    (one statement), the nearest deadline first."""
    key = textnorm.key(participant)
    reply = (
        select(ProcedureReply)
        .join(Entity, col(Entity.id) == col(ProcedureReply.entity_id))
        .where(col(Entity.name_key) == key)
        .subquery()
    )
    query = (
        sa_select(
            col(Decision.reference),
            col(Decision.title),
            col(WrittenProcedure.circulated_on),
            col(WrittenProcedure.deadline),
            reply.c.kind,
            reply.c.received_on,
            reply.c.note,
        )
        .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
        .outerjoin(reply, reply.c.procedure_id == col(WrittenProcedure.id))
        .where(col(WrittenProcedure.circulated_on) <= on, col(WrittenProcedure.deadline) >= on)
        .order_by(col(WrittenProcedure.deadline), col(Decision.reference))
    )
    with transaction(engine) as session:
        rows = session.execute(query).all()
        return [
            OpenProcedure(
                reference,
                title,
                circulated_on,
                deadline,
                ReplyView(participant, kind, received_on, note or "") if kind else None,
            )
            for reference, title, circulated_on, deadline, kind, received_on, note in rows
        ]


def meetings(*, engine: Engine, limit: int = LIMIT) -> list[Choice]:
    """Meetings, the latest first (a decision is recorded for a recent one)."""
    query = (
        select(Meeting.code, Meeting.title)
        .order_by(col(Meeting.starts_on).desc(), col(Meeting.code).desc())
        .limit(limit)
    )
    with transaction(engine) as session:
        return [Choice(c, t) for c, t in session.exec(query).all()]


def working_groups(*, engine: Engine, on: date) -> list[Choice]:
    """Working groups and committees established by ``on`` (or of unknown date), by name."""
    query = (
        select(WorkingGroup.code, WorkingGroup.name)
        .where(
            or_(col(WorkingGroup.established_on).is_(None), col(WorkingGroup.established_on) <= on)
        )
        .order_by(col(WorkingGroup.name))
    )
    with transaction(engine) as session:
        return [Choice(c, n) for c, n in session.exec(query).all()]


def entities(*, engine: Engine, on: date, status: str | None = None) -> list[EntityChoice]:
    """Everyone with a standing on ``on`` and that standing's status (the last status event by
    then, ties in recording order), by name; only ``status`` when given."""
    latest = (
        select(StatusEvent.id)
        .where(col(StatusEvent.entity_id) == col(Entity.id), col(StatusEvent.effective_on) <= on)
        .order_by(col(StatusEvent.effective_on).desc(), col(StatusEvent.id).desc())
        .limit(1)
        .correlate(Entity)
        .scalar_subquery()
    )
    name = names.name_on(Entity.id, Entity.name, on)  # the name in force on ``on``
    query = (
        select(name, StatusEvent.status)
        .join(StatusEvent, col(StatusEvent.id) == latest)
        .order_by(name)
    )
    if status is not None:
        query = query.where(col(StatusEvent.status) == status)
    with transaction(engine) as session:
        return [EntityChoice(n, s) for n, s in session.exec(query).all()]
