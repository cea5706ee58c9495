"""Participation: who is a Participant, applicant, trading entity or Observer on a date.

A State or Regional Economic Integration Organisation becomes a Participant once the
Participation Committee finds that it meets the minimum requirements and the Chair confirms it:
an applicant is admitted only from the ``recommended`` stage and never while blocked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from governance.rules.errors import N_, OutOfOrderError, ValidationError


class EntityKind(StrEnum):
    STATE = "state"
    REIO = "reio"
    TRADING_ENTITY = "trading_entity"
    INDUSTRY = "industry"
    CIVIL_SOCIETY = "civil_society"


class Status(StrEnum):
    APPLICANT = "applicant"
    PARTICIPANT = "participant"
    TRADING_ENTITY = "trading_entity"
    OBSERVER = "observer"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class Stage(StrEnum):
    INTENT_DECLARED = "intent_declared"
    DOCUMENTATION_SUBMITTED = "documentation_submitted"
    UNDER_REVIEW = "under_review"
    RECOMMENDED = "recommended"


STATUSES_BY_KIND: dict[EntityKind, frozenset[Status]] = {
    EntityKind.STATE: frozenset(
        {Status.APPLICANT, Status.PARTICIPANT, Status.OBSERVER, Status.SUSPENDED, Status.WITHDRAWN}
    ),
    EntityKind.REIO: frozenset(
        {Status.APPLICANT, Status.PARTICIPANT, Status.OBSERVER, Status.SUSPENDED, Status.WITHDRAWN}
    ),
    EntityKind.TRADING_ENTITY: frozenset(
        {Status.TRADING_ENTITY, Status.OBSERVER, Status.SUSPENDED, Status.WITHDRAWN}
    ),
    EntityKind.INDUSTRY: frozenset({Status.OBSERVER, Status.WITHDRAWN}),
    EntityKind.CIVIL_SOCIETY: frozenset({Status.OBSERVER, Status.WITHDRAWN}),
}

NEXT_STATUSES: dict[Status | None, frozenset[Status]] = {
    None: frozenset({Status.APPLICANT, Status.PARTICIPANT, Status.TRADING_ENTITY, Status.OBSERVER}),
    Status.APPLICANT: frozenset(
        {Status.APPLICANT, Status.PARTICIPANT, Status.OBSERVER, Status.WITHDRAWN}
    ),
    Status.PARTICIPANT: frozenset({Status.SUSPENDED, Status.WITHDRAWN}),
    Status.TRADING_ENTITY: frozenset({Status.SUSPENDED, Status.WITHDRAWN}),
    Status.OBSERVER: frozenset({Status.APPLICANT, Status.WITHDRAWN}),
    Status.SUSPENDED: frozenset({Status.PARTICIPANT, Status.TRADING_ENTITY, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.APPLICANT, Status.OBSERVER}),
}

STAGE_ORDER = list(Stage)


@dataclass(frozen=True)
class StatusEvent:
    on: date
    status: Status
    stage: Stage | None = None
    blocked_reason: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class Standing:
    status: Status
    since: date
    stage: Stage | None
    blocked_reason: str | None
    last_change: date


def standing_on(events: Sequence[StatusEvent], on: date) -> Standing | None:
    """The entity's standing on ``on``; ``since`` is when the current status began."""
    past = [e for e in sorted(events, key=lambda e: e.on) if e.on <= on]
    if not past:
        return None
    last = past[-1]
    since = last.on
    for event in reversed(past):
        if event.status is not last.status:
            break
        since = event.on
    return Standing(last.status, since, last.stage, last.blocked_reason, last.on)


def check_event(
    kind: EntityKind, events: Sequence[StatusEvent], new: StatusEvent, *, founding: bool = False
) -> None:
    """Raise unless ``new`` may follow ``events`` for an entity of ``kind``.

    An entity recorded for the first time as a Participant is admitted by a decision, named
    explicitly — the path an applicant takes ends the same way. Only the body's founding
    record (``founding``: the Participants certified when the Scheme began) has none."""
    if new.status not in STATUSES_BY_KIND[kind]:
        raise ValidationError(
            N_("An entity of kind {kind} cannot have the status {status}."),
            kind=kind.value,
            status=new.status.value,
        )
    ordered = sorted(events, key=lambda e: e.on)
    if ordered and new.on < ordered[-1].on:
        raise OutOfOrderError(what=new.status.value, on=new.on, last=ordered[-1].on)
    current = ordered[-1] if ordered else None
    allowed = NEXT_STATUSES[current.status if current else None]
    if new.status not in allowed:
        raise ValidationError(
            N_("The status cannot change from {current} to {status}."),
            current=current.status.value if current else "none",
            status=new.status.value,
        )
    if new.status is Status.APPLICANT and new.stage is None:
        raise ValidationError(N_("An applicant needs a stage."))
    if new.status is not Status.APPLICANT and new.stage is not None:
        raise ValidationError(N_("Only applicants have a stage."))
    if current is not None and current.status is Status.APPLICANT:
        _check_admission(current, new)
    if current is None and new.status is Status.PARTICIPANT and not new.decision and not founding:
        raise ValidationError(
            N_(
                "A Participant is admitted by a decision: name it, or register an applicant "
                "and admit it once the Participation Committee recommends it."
            )
        )


def _check_admission(current: StatusEvent, new: StatusEvent) -> None:
    if new.status is Status.PARTICIPANT:
        if current.blocked_reason:
            raise ValidationError(
                N_("The application is blocked: {reason}"), reason=current.blocked_reason
            )
        if current.stage is not Stage.RECOMMENDED:
            raise ValidationError(
                N_(
                    "An applicant becomes a Participant only after the Participation "
                    "Committee recommends it."
                )
            )
        if not new.decision:
            raise ValidationError(N_("Admission needs the decision that confirms it."))
    # A blocked application does not advance, whether the new step keeps the block or lifts it:
    # lift the block first (at the same stage), then advance.
    if (
        new.status is Status.APPLICANT
        and current.blocked_reason
        and new.stage is not None
        and current.stage is not None
        and STAGE_ORDER.index(new.stage) > STAGE_ORDER.index(current.stage)
    ):
        raise ValidationError(
            N_("The application is blocked: lift the block at its stage before it advances.")
        )
