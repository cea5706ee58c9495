"""Decision-making out of sessions by written procedure (agreed at Johannesburg, April 2003).

The Chair circulates a proposal with a deadline. Replies are accepted up to and including the
deadline day, and a Participant may change its reply until then: its last reply counts. The
outcome is decided at the deadline on those last replies: an objection standing at the deadline
breaks silence and the proposal is not adopted; support and silence do not, and the proposal is
adopted on the day after the deadline. The outcome is derived from the clock and the replies
whenever it is asked for.
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
    ReplyBeforeEarlierReplyError,
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
    """The day after the deadline, when the outcome is known (adopted or not)."""
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
    """A reply is received within the period (circulation day to deadline inclusive). A
    Participant that replied already changes its reply: to the other position (the same one
    again changes nothing and is refused), on or after the day of the reply it replaces."""
    if not procedure.circulated_on <= reply.received_on <= procedure.deadline:
        raise ReplyOutsidePeriodError(
            on=reply.received_on,
            circulated_on=procedure.circulated_on,
            deadline=procedure.deadline,
        )
    earlier = current_reply(procedure, reply.participant)
    if earlier is None:
        return
    if earlier.kind is reply.kind:
        raise DuplicateReplyError(
            participant=reply.participant, kind=earlier.kind.value, on=earlier.received_on
        )
    if reply.received_on < earlier.received_on:
        raise ReplyBeforeEarlierReplyError(
            participant=reply.participant, on=reply.received_on, earlier=earlier.received_on
        )


def current_reply(procedure: Procedure, participant: str) -> Reply | None:
    """The reply of ``participant`` that counts: its last one."""
    found = [r for r in procedure.replies if r.participant == participant]
    return found[-1] if found else None


def last_replies(replies: Sequence[Reply]) -> list[Reply]:
    """Each Participant's last reply (in the order given, later entries replacing earlier)."""
    last: dict[str, Reply] = {}
    for reply in replies:
        last.pop(reply.participant, None)
        last[reply.participant] = reply
    return sorted(last.values(), key=lambda r: r.received_on)


def adoption_date(procedure: Procedure) -> date:
    return procedure.deadline + timedelta(days=1)


def result_on(procedure: Procedure, on: date) -> Result:
    """The outcome of ``procedure`` as it stands on ``on``: pending up to the deadline
    (objections received so far are counted, but a Participant may still change its reply),
    then decided on each Participant's last reply received by the deadline."""
    if on < procedure.circulated_on:
        return Result(Outcome.NOT_CIRCULATED, None, 0, 0)
    known = last_replies(
        [r for r in procedure.replies if r.received_on <= min(on, procedure.deadline)]
    )
    supports = sum(1 for r in known if r.kind is ReplyKind.SUPPORT)
    objections = sum(1 for r in known if r.kind is ReplyKind.OBJECTION)
    if on <= procedure.deadline:
        return Result(Outcome.PENDING, None, supports, objections)
    outcome = Outcome.NOT_ADOPTED if objections else Outcome.ADOPTED
    return Result(outcome, adoption_date(procedure), supports, objections)


def replies_on(procedure: Procedure, on: date) -> Sequence[Reply]:
    """The replies that count on ``on``: each Participant's last one received by then."""
    return last_replies([r for r in procedure.replies if r.received_on <= on])
