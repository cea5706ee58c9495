"""Office rotation: who holds the Chair and the Vice Chair on a date.

The rule (Rules of Procedure as amended at Sun City, October 2003): terms are calendar years;
the Vice Chair, on completion of twelve months in office, becomes Chair the following year.
Terms that follow from the rule but are not yet confirmed are *projected* until they begin, and
*in office by the rule* from their first day. A term that departs from the rule is accepted only
when it cites the decision that authorizes it; a decision selects or authorizes a term only if
it is of a kind that can (:data:`AUTHORIZING_KINDS`) and adopted on or before the term begins.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from governance.rules.errors import (
    DecisionAdoptedAfterTermError,
    DecisionCannotAuthorizeTermError,
    DecisionNotAdoptedForTermError,
    DecisionPendingForTermError,
    DecisionRejectedForTermError,
    DepartureNotAuthorizedError,
    NoTermByRuleError,
    OverlappingTermError,
    ReversedDatesError,
    TermAlreadyRecordedError,
)


class Office(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"


@dataclass(frozen=True)
class RotationRule:
    """The body's rotation parameters (read from data, not code)."""

    term_months: int = 12
    term_start_month: int = 1
    term_start_day: int = 1
    vice_chair_succeeds: bool = True
    effective_from: date | None = None
    """Terms that start before this date predate the rule and are not checked against it."""

    def standard_end(self, starts_on: date) -> date:
        return add_months(starts_on, self.term_months) - timedelta(days=1)

    def is_standard_start(self, starts_on: date) -> bool:
        return (starts_on.month, starts_on.day) == (self.term_start_month, self.term_start_day)


@dataclass(frozen=True)
class Term:
    office: Office
    holder: str
    starts_on: date
    ends_on: date
    decision: str | None = None
    """Reference of the decision behind the term (selection, or authority for a departure)."""
    departure: bool = False
    projected: bool = False

    def covers(self, on: date) -> bool:
        return self.starts_on <= on <= self.ends_on

    def overlaps(self, other: Term) -> bool:
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on


@dataclass(frozen=True)
class Holders:
    on: date
    chair: Term | None
    vice_chair: Term | None


def add_months(d: date, months: int) -> date:
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def check_no_overlap(terms: Iterable[Term]) -> None:
    """Raise :class:`OverlappingTermError` if two terms of one office share a day."""
    by_office: dict[Office, list[Term]] = {}
    for term in terms:
        by_office.setdefault(term.office, []).append(term)
    for office_terms in by_office.values():
        ordered = sorted(office_terms, key=lambda t: t.starts_on)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.overlaps(later):
                raise _overlap(later, earlier)


def _overlap(term: Term, other: Term) -> OverlappingTermError:
    return OverlappingTermError(
        office=term.office.value,
        holder=term.holder,
        start=term.starts_on,
        end=term.ends_on,
        other=other.holder,
        other_start=other.starts_on,
        other_end=other.ends_on,
    )


def departure_reason(term: Term, existing: Sequence[Term], rule: RotationRule) -> str | None:
    """Why ``term`` departs from the rotation rule, or ``None`` if it follows it."""
    if rule.effective_from is not None and term.starts_on < rule.effective_from:
        return None
    if not rule.is_standard_start(term.starts_on):
        return f"a term starts on {rule.term_start_day:02d}-{rule.term_start_month:02d}"
    if term.ends_on != rule.standard_end(term.starts_on):
        return f"a term lasts {rule.term_months} months"
    if term.office is Office.CHAIR and rule.vice_chair_succeeds:
        successor = _successor_of_vice_chair(existing, term.starts_on, rule)
        if successor is not None and successor != term.holder:
            return f"the Vice Chair {successor} becomes Chair on {term.starts_on}"
    return None


def _successor_of_vice_chair(
    existing: Sequence[Term], starts_on: date, rule: RotationRule
) -> str | None:
    for vice in existing:
        if (
            vice.office is Office.VICE_CHAIR
            and not vice.projected
            and vice.ends_on + timedelta(days=1) == starts_on
            and _completes_term(vice, rule)
        ):
            return vice.holder
    return None


def _completes_term(term: Term, rule: RotationRule) -> bool:
    return add_months(term.starts_on, rule.term_months) <= term.ends_on + timedelta(days=1)


def validate_new_term(term: Term, existing: Sequence[Term], rule: RotationRule) -> None:
    """Check a term before it is recorded beside ``existing`` confirmed terms."""
    if term.ends_on < term.starts_on:
        raise ReversedDatesError(what=term.office.value, start=term.starts_on, end=term.ends_on)
    for other in existing:
        if other.office is term.office and not other.projected and other.overlaps(term):
            raise _overlap(term, other)
    reason = departure_reason(term, existing, rule)
    if reason is not None and not (term.departure and term.decision):
        raise DepartureNotAuthorizedError(reason=reason)


def projected_terms(terms: Sequence[Term], rule: RotationRule) -> list[Term]:
    """Chair terms that follow from confirmed Vice Chair terms and are not yet confirmed."""
    if not rule.vice_chair_succeeds:
        return []
    confirmed_chairs = [t for t in terms if t.office is Office.CHAIR and not t.projected]
    projected: list[Term] = []
    for vice in terms:
        if (
            vice.office is not Office.VICE_CHAIR
            or vice.projected
            or not _completes_term(vice, rule)
        ):
            continue
        starts_on = vice.ends_on + timedelta(days=1)
        candidate = Term(
            office=Office.CHAIR,
            holder=vice.holder,
            starts_on=starts_on,
            ends_on=rule.standard_end(starts_on),
            decision=vice.decision,
            projected=True,
        )
        if not any(chair.overlaps(candidate) for chair in confirmed_chairs):
            projected.append(candidate)
    return projected


def timeline(terms: Sequence[Term], rule: RotationRule) -> list[Term]:
    """Confirmed and projected terms, ordered by office then start."""
    confirmed = [replace(t, projected=False) for t in terms if not t.projected]
    every = confirmed + projected_terms(confirmed, rule)
    return sorted(every, key=lambda t: (t.office.value, t.starts_on))


def holder_on(terms: Iterable[Term], office: Office, on: date) -> Term | None:
    for term in terms:
        if term.office is office and term.covers(on):
            return term
    return None


def holders_on(terms: Sequence[Term], rule: RotationRule, on: date) -> Holders:
    """Who holds each office on ``on``, projected terms included and marked."""
    every = timeline(terms, rule)
    return Holders(
        on=on,
        chair=holder_on(every, Office.CHAIR, on),
        vice_chair=holder_on(every, Office.VICE_CHAIR, on),
    )


class Standing(StrEnum):
    """How a term stands on a date."""

    CONFIRMED = "confirmed"
    BY_RULE = "by_rule"
    """Follows from the rule, not confirmed, and has begun: the holder is in office by the rule."""
    PROJECTED = "projected"
    """Follows from the rule, not confirmed, and has not begun yet."""


def standing_on(term: Term, on: date) -> Standing:
    if not term.projected:
        return Standing.CONFIRMED
    return Standing.BY_RULE if term.starts_on <= on else Standing.PROJECTED


def term_by_rule(terms: Sequence[Term], office: Office, year: int, rule: RotationRule) -> Term:
    """The term of ``office`` the rule gives for ``year``, to be confirmed: refused when a term
    of that office is already recorded for the year or when the rule gives nobody."""
    starts_on = date(year, rule.term_start_month, rule.term_start_day)
    ends_on = rule.standard_end(starts_on)
    for other in terms:
        if (
            other.office is office
            and not other.projected
            and other.starts_on <= ends_on
            and starts_on <= other.ends_on
        ):
            raise TermAlreadyRecordedError(
                office=office.value,
                year=year,
                holder=other.holder,
                start=other.starts_on,
                end=other.ends_on,
            )
    for candidate in timeline(terms, rule):
        if candidate.projected and candidate.office is office and candidate.starts_on == starts_on:
            return replace(candidate, projected=False, decision=None)
    raise NoTermByRuleError(office=office.value, year=year)


class DecisionOutcome(StrEnum):
    """Where a decision stands as far as a term is concerned."""

    ADOPTED = "adopted"
    PENDING = "pending"
    REJECTED = "rejected"
    NOT_YET = "not_yet"


AUTHORIZING_KINDS = frozenset(
    {"office_selection", "administrative_decision", "rules_of_procedure", "rules_amendment"}
)
"""Decision kinds that can select an office holder or authorize a departure from the rule (a
written procedure is a way of adopting one of these, not a kind of its own)."""


def check_authority(
    reference: str,
    kind: str,
    outcome: DecisionOutcome,
    adopted_on: date | None,
    starts_on: date,
) -> None:
    """A decision selects or authorizes a term beginning on ``starts_on`` only if it is of an
    authorizing kind and adopted on or before that day (a written procedure: its outcome)."""
    if kind not in AUTHORIZING_KINDS:
        raise DecisionCannotAuthorizeTermError(reference=reference)
    if outcome is DecisionOutcome.PENDING:
        raise DecisionPendingForTermError(reference=reference)
    if outcome is DecisionOutcome.REJECTED:
        raise DecisionRejectedForTermError(reference=reference)
    if outcome is not DecisionOutcome.ADOPTED or adopted_on is None:
        raise DecisionNotAdoptedForTermError(reference=reference, start=starts_on)
    if adopted_on > starts_on:
        raise DecisionAdoptedAfterTermError(
            reference=reference, adopted=adopted_on, start=starts_on
        )
