"""Deadlines set by decisions: open until due, then met, overdue or closed."""

from __future__ import annotations

from datetime import date

from governance.rules.obligations import ObligationKind, ObligationState, obligation_state

# Johannesburg: Participation Committee recommendation by 31 July 2003; documentation by 31 May.
DUE = date(2003, 7, 31)
DELIVERABLE = ObligationKind.DELIVERABLE
CUTOFF = ObligationKind.CUTOFF


def test_a_deliverable_is_open_until_its_due_date_inclusive():
    assert obligation_state(DELIVERABLE, DUE, None, date(2003, 5, 1)) is ObligationState.OPEN
    assert obligation_state(DELIVERABLE, DUE, None, DUE) is ObligationState.OPEN


def test_a_deliverable_not_met_by_its_due_date_is_overdue():
    assert obligation_state(DELIVERABLE, DUE, None, date(2003, 8, 1)) is ObligationState.OVERDUE


def test_a_deliverable_is_met_from_the_day_it_is_met():
    met = date(2003, 7, 20)
    assert obligation_state(DELIVERABLE, DUE, met, date(2003, 7, 19)) is ObligationState.OPEN
    assert obligation_state(DELIVERABLE, DUE, met, met) is ObligationState.MET
    assert obligation_state(DELIVERABLE, DUE, met, date(2004, 1, 1)) is ObligationState.MET


def test_a_deliverable_met_late_is_overdue_until_it_is_met():
    met = date(2003, 8, 15)
    assert obligation_state(DELIVERABLE, DUE, met, date(2003, 8, 14)) is ObligationState.OVERDUE
    assert obligation_state(DELIVERABLE, DUE, met, met) is ObligationState.MET


def test_a_cutoff_is_open_until_its_date_inclusive_then_closed():
    cutoff = date(2003, 5, 31)
    assert obligation_state(CUTOFF, cutoff, None, cutoff) is ObligationState.OPEN
    assert obligation_state(CUTOFF, cutoff, None, date(2003, 6, 1)) is ObligationState.CLOSED


def test_a_cutoff_marked_met_is_met():
    cutoff = date(2003, 5, 31)
    assert obligation_state(CUTOFF, cutoff, date(2003, 5, 20), date(2003, 6, 1)) is (
        ObligationState.MET
    )
