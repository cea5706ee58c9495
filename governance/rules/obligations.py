"""Deadlines and obligations set by decisions, and their state on a date."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ObligationKind(StrEnum):
    DELIVERABLE = "deliverable"
    """Something to be done by the due date."""
    CUTOFF = "cutoff"
    """A closing date for submissions: open until it passes, then closed."""


class ObligationState(StrEnum):
    OPEN = "open"
    MET = "met"
    OVERDUE = "overdue"
    CLOSED = "closed"


def obligation_state(
    kind: ObligationKind, due_on: date, met_on: date | None, on: date
) -> ObligationState:
    if met_on is not None and met_on <= on:
        return ObligationState.MET
    if on <= due_on:
        return ObligationState.OPEN
    return ObligationState.CLOSED if kind is ObligationKind.CUTOFF else ObligationState.OVERDUE
