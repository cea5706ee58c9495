"""Written procedures: circulation by the Chair and replies from Participants."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from governance import clock
from governance.db import transaction, writing
from governance.models import (
    AuditEntry,
    Decision,
    Entity,
    ProcedureReply,
    TextVersion,
    VersionStep,
    WrittenProcedure,
)
from governance.rules import written_procedure
from governance.rules.decision_status import Procedure
from governance.rules.errors import (
    N_,
    NotAParticipantError,
    PlenaryError,
    ProcedureTallyError,
    ReplyFileError,
    ReplyRowError,
    ReplyRowsError,
    TallyBelowNamedRepliesError,
    TallyObjectionUnnamedError,
    ValidationError,
)
from governance.rules.participation import Status, standing_on
from governance.rules.permissions import Action, Actor, Role
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import decisions, lookup, translations
from governance.services.names import name_of, name_on
from governance.services.participants import events_of
from governance.services.views import (
    DelegateProcedure,
    EarlierReply,
    ProcedureView,
    ProposalText,
    ReplyImport,
    ReplyReceipt,
    ReplyView,
)


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
    note: str = "",
    available_on: date | None = None,
) -> ProcedureView:
    """The Chair circulates a proposal for decision by written procedure (``source``: where the
    record has it; ``note``: anything approximate about it). With ``available_on``, the English
    text is made available to all Participants that day (a Rule 26 step); without, it is not
    yet."""
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
            note=note,
        )
        if available_on is not None:
            # The text as circulated is final in English; made available, it counts for Rule 26.
            translations.add_step(
                session,
                target=row.reference,
                language=lookup.body_config(session).source_language,
                state=VersionState.FINAL.value,
                on=circulated_on,
                note="As circulated",
            )
            decisions.make_available(
                session, reference=row.reference, on=available_on, note="Circulated"
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
    note: str = "",
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
        WrittenProcedure(
            decision_id=row.id,
            circulated_on=circulated_on,
            deadline=deadline,
            source=source.strip(),
            note=note.strip(),
        )
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
    """Record a Participant's reply (support or objection), or change the one it sent: until
    the deadline the last reply counts (the audit trail keeps every earlier one). It is received
    today on the server's clock; only the secretariat may give an earlier ``received_on``, with a
    ``note`` saying how it arrived. The audit entry keeps the recorded date and the real time."""
    with writing(engine, actor, Action.REPLY_TO_PROCEDURE, participant=participant) as session:
        return _receipt(
            session,
            actor,
            add_reply(
                session,
                reference=reference,
                participant=participant,
                kind=kind,
                received_on=received_on,
                today=clock.today(),
                by_delegate=actor.role is Role.DELEGATE,
                note=note,
            ),
        )


def _receipt(session: Session, actor: Actor, stored: StoredReply) -> ReplyReceipt:
    row, entity, kind_enum, received, stored_note, replaced = stored
    view = _view(session, row, received)
    return ReplyReceipt(
        reference=row.reference,
        title=row.title,
        participant=name_of(session, entity, received),
        kind=kind_enum.value,
        received_on=received,
        recorded_at=clock.now(),
        recorded_by=actor.username,
        note=stored_note,
        outcome=view.outcome,
        replaced=replaced,
    )


StoredReply = tuple[Decision, Entity, ReplyKind, date, str, ReplyView | None]
"""What :func:`add_reply` stored: the decision, the Participant, the reply, the date it was
received, its note, and the reply it replaced (if any)."""


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
) -> StoredReply:
    """Store a reply inside the caller's transaction: received ``today`` unless an earlier
    ``received_on`` is allowed (:func:`written_procedure.received_on`), only from a Participant
    of that day, within the period. A Participant that replied already changes its reply (the
    one row is updated; the audit trail keeps the reply it replaced)."""
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
            name=name_of(session, entity, received_on),
            on=received_on,
            status=standing.status.value if standing else "none",
        )
    current = decisions.written_of(decisions.load(session, [row]), row)
    assert current is not None and proc.id is not None and entity.id is not None
    written_procedure.check_reply(
        current, written_procedure.Reply(entity.name, kind_enum, received_on)
    )
    stored_note = note.strip()
    existing = session.exec(
        select(ProcedureReply).where(
            ProcedureReply.procedure_id == proc.id, ProcedureReply.entity_id == entity.id
        )
    ).first()
    replaced = None
    if existing is None:
        session.add(
            ProcedureReply(
                procedure_id=proc.id,
                entity_id=entity.id,
                kind=kind_enum.value,
                received_on=received_on,
                note=stored_note,
            )
        )
    else:
        replaced = ReplyView(
            name_of(session, entity, existing.received_on),
            existing.kind,
            existing.received_on,
            existing.note,
        )
        existing.kind = kind_enum.value
        existing.received_on = received_on
        existing.note = stored_note
        session.add(existing)
    session.flush()
    return row, entity, kind_enum, received_on, stored_note, replaced


# --- the tally the record reports, and replies in bulk -------------------------------------------


def record_tally(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    supports: int,
    objections: int,
    source: str,
    note: str = "",
) -> ProcedureView:
    """Record the tally of a written procedure as the record reports it ("40 supports, no
    objection by the deadline"), beside the named replies the secretariat has. The outcome stays
    decided on the named replies, so a reported objection needs the objecting reply recorded,
    and the tally cannot count fewer replies than are named."""
    with writing(engine, actor, Action.RECORD_PROCEDURE_TALLY) as session:
        row = lookup.decision(session, reference)
        proc = _written(session, row)
        if supports < 0 or objections < 0 or not source.strip():
            raise ProcedureTallyError()
        named = _view(session, row, proc.deadline)
        if supports < named.supports or objections < named.objections:
            raise TallyBelowNamedRepliesError(
                supports=supports,
                objections=objections,
                named_supports=named.supports,
                named_objections=named.objections,
            )
        if objections and not named.objections:
            raise TallyObjectionUnnamedError(objections=objections)
        proc.reported_supports = supports
        proc.reported_objections = objections
        proc.source = source.strip()
        if note.strip():
            proc.note = note.strip()
        session.add(proc)
        session.flush()
        return _view(session, row, clock.today())


COLUMNS = ("participant", "position", "date")
"""The columns of a file of replies (any case, in any order); ``note`` may follow."""


def record_replies(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    csv_text: str,
    note: str = "",
) -> ReplyImport:
    """Record the replies of a CSV file (columns Participant, position, date; an optional note
    column, else ``note`` for every back-dated row): every row is checked first, and either all
    are recorded or, if any row is wrong, none (:class:`ReplyRowsError` names each wrong row,
    counting the header as row 1). A Participant named twice changes its reply (the later row
    counts)."""
    rows = _parse_replies(csv_text)
    with writing(engine, actor, Action.RECORD_PROCEDURE_TALLY) as session:
        row = lookup.decision(session, reference)  # about the whole file, not one row
        _written(session, row)
        today = clock.today()
        receipts: list[ReplyReceipt] = []
        problems: list[ReplyRowError] = []
        for number, values in rows:
            try:
                stored = add_reply(
                    session,
                    reference=reference,
                    participant=values.get("participant", ""),
                    kind=values.get("position", "").strip().casefold(),
                    received_on=_row_date(values.get("date", "")),
                    today=today,
                    note=values.get("note", "").strip() or note,
                )
            except PlenaryError as error:
                problems.append(ReplyRowError(row=number, problem=error))
                continue
            receipts.append(_receipt(session, actor, stored))
        if problems:
            raise ReplyRowsError(errors=tuple(problems))
        return ReplyImport(
            reference=row.reference,
            receipts=tuple(receipts),
            outcome=_view(session, row, today).outcome,
        )


def _parse_replies(text: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV of replies, numbered as a spreadsheet shows them (header: row 1)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise ReplyFileError() from None
    names = [h.strip().casefold() for h in header]
    if not set(COLUMNS) <= set(names) or len(set(names)) != len(names):
        raise ReplyFileError()
    result = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        result.append(
            (reader.line_num, dict(zip(names, (v.strip() for v in values), strict=False)))
        )
    if not result:
        raise ReplyFileError()
    return result


def _row_date(value: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            N_("{value!r} is not a date (YYYY-MM-DD)."), value=value.strip()
        ) from None


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
    ``on``: the deadline not passed (an objection can still be changed until then; the rule's
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
        query = query.where(col(WrittenProcedure.deadline) >= on)
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
        return views_of(session, query, on)


def views_of(
    session: Session, query: Select[Decision, WrittenProcedure], on: date
) -> list[ProcedureView]:
    """The procedures ``query`` selects, as on ``on``, with their replies: two statements."""
    rows = session.exec(query).all()
    shown = query.with_only_columns(col(WrittenProcedure.id)).scalar_subquery()
    replies = _replies(session, col(ProcedureReply.procedure_id).in_(shown), on)
    return [_build(row, proc, replies.get(proc.id or -1, []), on) for row, proc in rows]


def open_on(session: Session, on: date) -> list[ProcedureView]:
    """Written procedures open for replies on ``on``, by reference (the Overview's list)."""
    return views_of(session, _circulated(on, open_only=True).order_by(col(Decision.reference)), on)


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
    session: Session, which: ColumnElement[bool], on: date
) -> dict[int, list[written_procedure.Reply]]:
    """The replies matching ``which``, by procedure id, in the order received; each Participant
    named as it was called on ``on`` (the date viewed, like every other view)."""
    rows = session.exec(
        select(ProcedureReply, name_on(col(Entity.id), col(Entity.name), on))
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
    return replace(
        decisions.written_view(row, rule, on),
        reported_supports=proc.reported_supports,
        reported_objections=proc.reported_objections,
        note=proc.note,
        source=proc.source,
    )


def _view(session: Session, row: Decision, on: date) -> ProcedureView:
    proc = _written(session, row)
    replies = _replies(session, col(ProcedureReply.procedure_id) == proc.id, on)
    return _build(row, proc, replies.get(proc.id or -1, []), on)


# --- what a delegate reads -----------------------------------------------------------------------


def proposal(*, engine: Engine, reference: str, language: str, on: date) -> ProposalText:
    """The proposal of a written procedure in ``language`` as it stood on ``on``: that
    language's version when one exists by then, else the source language's (the text as
    circulated when no version was made final)."""
    with transaction(engine) as session:
        row = lookup.decision(session, reference)
        _written(session, row)
        return _proposals(session, [row], language, on)[row.id or -1]


def _proposals(
    session: Session, rows: Sequence[Decision], language: str, on: date
) -> dict[int, ProposalText]:
    """:func:`proposal` for several decisions: two statements whatever their number."""
    config = lookup.body_config(session)
    ids = [r.id for r in rows if r.id is not None]
    versions = session.exec(select(TextVersion).where(col(TextVersion.decision_id).in_(ids))).all()
    steps = session.exec(
        select(TextVersion, VersionStep)
        .join(VersionStep, col(VersionStep.version_id) == col(TextVersion.id))
        .where(col(TextVersion.decision_id).in_(ids))
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    ).all()
    result = {}
    for decision_id in ids:
        own = [v for v in versions if v.decision_id == decision_id]
        shown = decisions.versions_view(
            own, [(v, s) for v, s in steps if v.decision_id == decision_id], config.languages, on
        )
        by_language = {v.language: v for v in shown}
        wanted = by_language.get(language)
        source = by_language.get(config.source_language)
        if wanted is not None and wanted.state != "missing" and wanted.text:
            found = ProposalText(language, language, wanted.text, wanted.state, wanted.title)
        elif source is not None and source.state != "missing" and source.text:
            found = ProposalText(config.source_language, language, source.text, source.state)
        else:
            circulated = next((v.text for v in own if v.language == config.source_language), "")
            found = ProposalText(config.source_language, language, circulated, "circulated")
        result[decision_id] = found
    return result


def for_participant(
    *, engine: Engine, participant: str, on: date, language: str, limit: int = 20
) -> list[DelegateProcedure]:
    """The written procedures a Participant's delegate sees on ``on``: those open for replies
    and those it replied to (the latest ``limit``), each with the proposal in ``language`` (else
    the source language), the Participant's reply that counts, the earlier replies it replaced
    and the outcome. A fixed number of statements whatever the record holds."""
    with transaction(engine) as session:
        entity = lookup.entity(session, participant)
        mine = (
            select(ProcedureReply.procedure_id)
            .where(ProcedureReply.entity_id == entity.id)
            .scalar_subquery()
        )
        query = (
            select(Decision, WrittenProcedure)
            .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
            .where(
                col(WrittenProcedure.circulated_on) <= on,
                or_(col(WrittenProcedure.deadline) >= on, col(WrittenProcedure.id).in_(mine)),
            )
            .order_by(col(WrittenProcedure.deadline).desc(), col(Decision.reference))
            .limit(limit)
        )
        rows = session.exec(query).all()
        proc_ids = [p.id for _, p in rows if p.id is not None]
        replies = _replies(session, col(ProcedureReply.procedure_id).in_(proc_ids), on)
        own = session.exec(
            select(
                ProcedureReply,
                name_on(col(Entity.id), col(Entity.name), on),
            )
            .join(Entity, col(Entity.id) == col(ProcedureReply.entity_id))
            .where(
                col(ProcedureReply.procedure_id).in_(proc_ids),
                ProcedureReply.entity_id == entity.id,
            )
        ).all()
        earlier = _earlier_replies(session, [r.id for r, _ in own if r.id is not None])
        texts = _proposals(session, [d for d, _ in rows], language, on)
        by_procedure = {r.procedure_id: (r, name) for r, name in own}
        result = []
        for row, proc in rows:
            reply, name = by_procedure.get(proc.id or -1, (None, ""))
            shown = reply if reply is not None and reply.received_on <= on else None
            result.append(
                DelegateProcedure(
                    procedure=_build(row, proc, replies.get(proc.id or -1, []), on),
                    proposal=texts[row.id or -1],
                    reply=None
                    if shown is None
                    else ReplyView(name, shown.kind, shown.received_on, shown.note),
                    earlier=() if shown is None else earlier.get(shown.id or -1, ()),
                    open=proc.circulated_on <= on <= proc.deadline,
                )
            )
        # Open ones first (nearest deadline first), then those decided (latest first).
        return sorted(result, key=lambda d: (not d.open, _order(d)))


def _order(item: DelegateProcedure) -> int:
    ordinal = item.procedure.deadline.toordinal()
    return ordinal if item.open else -ordinal


def _earlier_replies(
    session: Session, reply_ids: Sequence[int]
) -> dict[int, tuple[EarlierReply, ...]]:
    """The replies each of these reply rows replaced, from the audit trail (an insert, then
    one update per change): one statement."""
    if not reply_ids:
        return {}
    entries = session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == ProcedureReply.__tablename__,
            col(AuditEntry.row_key).in_([str(i) for i in reply_ids]),
        )
        .order_by(col(AuditEntry.seq))
    ).all()
    result: dict[int, tuple[EarlierReply, ...]] = {}
    states: dict[str, tuple[dict[str, object], str, str]] = {}
    for entry in entries:
        after = json.loads(entry.after) if entry.after else {}
        if entry.operation == "insert":
            states[entry.row_key] = (after, entry.at, entry.actor)
        elif entry.operation == "update" and entry.row_key in states:
            state, at, actor = states[entry.row_key]
            if {"kind", "received_on"} & set(after):
                key = int(entry.row_key)
                result[key] = (
                    *result.get(key, ()),
                    EarlierReply(
                        str(state.get("kind", "")),
                        date.fromisoformat(str(state.get("received_on"))),
                        str(state.get("note") or ""),
                        at,
                        actor,
                    ),
                )
            states[entry.row_key] = ({**state, **after}, entry.at, entry.actor)
    return result
