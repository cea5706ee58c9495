"""Decision-making out of sessions by written procedure (agreed at Johannesburg, April 2003).

The Chair circulates a proposal with a deadline. A written objection received by the deadline
breaks silence and the proposal is not adopted; support and silence do not. Replies are
accepted up to and including the deadline day, so the proposal is adopted on the day after the
deadline. The outcome is derived from the clock and the replies whenever it is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from governance.rules.errors import (
    BackdatedReplyNoteError,
    DeadlineBeforeCirculationError,
    DelegateReplyDateError,
    DuplicateReplyError,
    ReplyOutsidePeriodError,
)
from governance.rules.past import check_past


class ReplyKind(StrEnum):
    SUPPORT = "support"
    OBJECTION = "objection"


class Outcome(StrEnum):
    NOT_CIRCULATED = "not_circulated"
    PENDING = "pending"
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"


@dataclass(frozen=True)
class Reply:
    participant: str
    kind: ReplyKind
    received_on: date
    note: str = ""
    """How a reply recorded with an earlier date arrived (note verbale, e-mail)."""


@dataclass(frozen=True)
class Procedure:
    circulated_on: date
    deadline: date
    replies: tuple[Reply, ...] = ()


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    decided_on: date | None
    """Adoption date, or the date silence was broken."""
    supports: int
    objections: int


def check_schedule(circulated_on: date, deadline: date) -> None:
    if deadline <= circulated_on:
        raise DeadlineBeforeCirculationError(deadline=deadline, circulated_on=circulated_on)


def received_on(claimed: date | None, *, today: date, by_delegate: bool, note: str) -> date:
    """The date a reply is recorded as received. A delegate's reply arrives the day it is sent:
    the server's ``today``. Only the secretariat records a reply received earlier (a note
    verbale, an e-mail), and then says how in ``note``; nobody records one from the future."""
    if claimed is None or claimed == today:
        return today
    if by_delegate:
        raise DelegateReplyDateError(today=today)
    check_past("received_on", claimed, today=today)
    if not note.strip():
        raise BackdatedReplyNoteError(received_on=claimed)
    return claimed


def check_reply(procedure: Procedure, reply: Reply) -> None:
    if not procedure.circulated_on <= reply.received_on <= procedure.deadline:
        raise ReplyOutsidePeriodError(
            on=reply.received_on,
            circulated_on=procedure.circulated_on,
            deadline=procedure.deadline,
        )
    for earlier in procedure.replies:
        if earlier.participant == reply.participant:
            raise DuplicateReplyError(
                participant=reply.participant, kind=earlier.kind.value, on=earlier.received_on
            )


def adoption_date(procedure: Procedure) -> date:
    return procedure.deadline + timedelta(days=1)


def result_on(procedure: Procedure, on: date) -> Result:
    """The outcome of ``procedure`` as it stands on ``on``."""
    known = [r for r in procedure.replies if r.received_on <= min(on, procedure.deadline)]
    supports = sum(1 for r in known if r.kind is ReplyKind.SUPPORT)
    objections = sorted(r.received_on for r in known if r.kind is ReplyKind.OBJECTION)
    if on < procedure.circulated_on:
        return Result(Outcome.NOT_CIRCULATED, None, 0, 0)
    if objections:
        return Result(Outcome.NOT_ADOPTED, objections[0], supports, len(objections))
    if on > procedure.deadline:
        return Result(Outcome.ADOPTED, adoption_date(procedure), supports, 0)
    return Result(Outcome.PENDING, None, supports, 0)


def replies_on(procedure: Procedure, on: date) -> Sequence[Reply]:
    return [r for r in procedure.replies if r.received_on <= on]
