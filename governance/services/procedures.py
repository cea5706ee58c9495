"""Written procedures: circulation by the Chair and replies from Participants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, exists, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from governance import clock
from governance.db import transaction, writing
from governance.models import Decision, Entity, ProcedureReply, WrittenProcedure
from governance.rules import written_procedure
from governance.rules.decision_status import Procedure
from governance.rules.errors import N_, NotAParticipantError, ValidationError
from governance.rules.participation import Status, standing_on
from governance.rules.permissions import Action, Actor, Role
from governance.rules.written_procedure import ReplyKind
from governance.services import decisions, lookup
from governance.services.participants import events_of
from governance.services.views import ProcedureView, ReplyReceipt


def circulate(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    title: str,
    kind: str,
    text: str,
    circulated_on: date,
    deadline: date,
    working_group: str | None = None,
    source: str = "",
) -> ProcedureView:
    """The Chair circulates a proposal for decision by written procedure."""
    with writing(engine, actor, Action.CIRCULATE_PROCEDURE) as session:
        row = add_procedure(
            session,
            reference=reference,
            title=title,
            kind=kind,
            text=text,
            circulated_on=circulated_on,
            deadline=deadline,
            working_group=working_group,
            source=source,
        )
        return _view(session, row, circulated_on)


def add_procedure(
    session: Session,
    *,
    reference: str,
    title: str,
    kind: str,
    text: str,
    circulated_on: date,
    deadline: date,
    working_group: str | None = None,
    source: str = "",
) -> Decision:
    """Circulate a proposal inside the caller's transaction."""
    written_procedure.check_schedule(circulated_on, deadline)
    row = decisions.add_decision(
        session,
        reference=reference,
        title=title,
        kind=kind,
        procedure=Procedure.WRITTEN_PROCEDURE.value,
        adopted_on=None,
        text=text,
        working_group=working_group,
        source=source,
    )
    assert row.id is not None
    session.add(
        WrittenProcedure(decision_id=row.id, circulated_on=circulated_on, deadline=deadline)
    )
    session.flush()
    return row


def record_reply(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    participant: str,
    kind: str,
    received_on: date | None = None,
    note: str = "",
) -> ReplyReceipt:
    """Record a Participant's reply (support or objection). It is received today on the
    server's clock; only the secretariat may give an earlier ``received_on``, with a ``note``
    saying how it arrived. The audit entry keeps the recorded date and the real time."""
    with writing(engine, actor, Action.REPLY_TO_PROCEDURE, participant=participant) as session:
        row, entity, kind_enum, received, stored_note = add_reply(
            session,
            reference=reference,
            participant=participant,
            kind=kind,
            received_on=received_on,
            today=clock.today(),
            by_delegate=actor.role is Role.DELEGATE,
            note=note,
        )
        view = _view(session, row, received)
        return ReplyReceipt(
            reference=row.reference,
            title=row.title,
            participant=entity.name,
            kind=kind_enum.value,
            received_on=received,
            recorded_at=clock.now(),
            recorded_by=actor.username,
            note=stored_note,
            outcome=view.outcome,
        )


def add_reply(
    session: Session,
    *,
    reference: str,
    participant: str,
    kind: str,
    received_on: date | None,
    today: date,
    by_delegate: bool = False,
    note: str = "",
) -> tuple[Decision, Entity, ReplyKind, date, str]:
    """Store a reply inside the caller's transaction: received ``today`` unless an earlier
    ``received_on`` is allowed (:func:`written_procedure.received_on`), only from a Participant
    of that day, within the period, once. Returns the date it was recorded as received."""
    row = lookup.decision(session, reference)
    proc = _written(session, row)
    kind_enum = lookup.choice(ReplyKind, kind, "reply")
    entity = lookup.entity(session, participant)
    received_on = written_procedure.received_on(
        received_on, today=today, by_delegate=by_delegate, note=note
    )
    standing = standing_on(events_of(session, entity), received_on)
    if standing is None or standing.status is not Status.PARTICIPANT:
        raise NotAParticipantError(
            name=entity.name,
            on=received_on,
            status=standing.status.value if standing else "none",
        )
    current = decisions.written_of(decisions.load(session, [row]), row)
    assert current is not None and proc.id is not None and entity.id is not None
    written_procedure.check_reply(
        current, written_procedure.Reply(entity.name, kind_enum, received_on)
    )
    stored_note = note.strip()
    session.add(
        ProcedureReply(
            procedure_id=proc.id,
            entity_id=entity.id,
            kind=kind_enum.value,
            received_on=received_on,
            note=stored_note,
        )
    )
    session.flush()
    return row, entity, kind_enum, received_on, stored_note


def _written(session: Session, row: Decision) -> WrittenProcedure:
    proc = session.exec(
        select(WrittenProcedure).where(WrittenProcedure.decision_id == row.id)
    ).first()
    if proc is None:
        raise ValidationError(
            N_("{reference} is not a written procedure."), reference=row.reference
        )
    return proc


def _circulated(on: date, *, open_only: bool) -> Select[Decision, WrittenProcedure]:
    """Written procedures circulated by ``on``; with ``open_only`` those still pending on
    ``on``: deadline not passed and no objection received by then (the rule's
    :func:`written_procedure.result_on` in SQL)."""
    query = (
        select(Decision, WrittenProcedure)
        .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
        .where(
            col(Decision.procedure) == Procedure.WRITTEN_PROCEDURE.value,
            col(WrittenProcedure.circulated_on) <= on,
        )
    )
    if open_only:
        objected = exists(
            select(ProcedureReply.id).where(
                col(ProcedureReply.procedure_id) == col(WrittenProcedure.id),
                col(ProcedureReply.kind) == ReplyKind.OBJECTION.value,
                col(ProcedureReply.received_on) <= on,
            )
        )
        query = query.where(col(WrittenProcedure.deadline) >= on, ~objected)
    return query


def list_procedures(
    *,
    engine: Engine,
    on: date,
    open_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> list[ProcedureView]:
    """Written procedures circulated by ``on`` (only those pending then with ``open_only``),
    with their outcome on that date; by reference, or the latest circulated first; a page of
    ``limit`` from ``offset``. Two statements whatever the number of procedures (also none)."""
    query = _circulated(on, open_only=open_only)
    if newest_first:
        query = query.order_by(
            col(WrittenProcedure.circulated_on).desc(), col(Decision.reference).desc()
        )
    else:
        query = query.order_by(col(Decision.reference))
    if limit is not None or offset:
        query = query.limit(limit).offset(offset)
    with transaction(engine) as session:
        rows = session.exec(query).all()
        shown = query.with_only_columns(col(WrittenProcedure.id)).scalar_subquery()
        replies = _replies(session, col(ProcedureReply.procedure_id).in_(shown))
        return [_build(row, proc, replies.get(proc.id or -1, []), on) for row, proc in rows]


def count_procedures(*, engine: Engine, on: date, open_only: bool = False) -> int:
    """How many written procedures :func:`list_procedures` lists in all (one statement)."""
    query = select(func.count()).select_from(_circulated(on, open_only=open_only).subquery())
    with transaction(engine) as session:
        return session.exec(query).one()


def get_procedure(*, engine: Engine, reference: str, on: date) -> ProcedureView:
    with transaction(engine) as session:
        row = lookup.decision(session, reference)
        return _view(session, row, on)


def _replies(
    session: Session, which: ColumnElement[bool]
) -> dict[int, list[written_procedure.Reply]]:
    """The replies matching ``which``, by procedure id, in the order received."""
    rows = session.exec(
        select(ProcedureReply, Entity.name)
        .join(Entity, col(Entity.id) == col(ProcedureReply.entity_id))
        .where(which)
        .order_by(col(ProcedureReply.received_on), col(ProcedureReply.id))
    ).all()
    result: dict[int, list[written_procedure.Reply]] = {}
    for reply, name in rows:
        result.setdefault(reply.procedure_id, []).append(
            written_procedure.Reply(name, ReplyKind(reply.kind), reply.received_on, reply.note)
        )
    return result


def _build(
    row: Decision, proc: WrittenProcedure, replies: list[written_procedure.Reply], on: date
) -> ProcedureView:
    rule = written_procedure.Procedure(proc.circulated_on, proc.deadline, tuple(replies))
    return decisions.written_view(row, rule, on)


def _view(session: Session, row: Decision, on: date) -> ProcedureView:
    proc = _written(session, row)
    replies = _replies(session, col(ProcedureReply.procedure_id) == proc.id)
    return _build(row, proc, replies.get(proc.id or -1, []), on)
