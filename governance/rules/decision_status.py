"""Where a decision stands on a date, combining its procedure, ad referendum and Rule 26."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from governance.rules import referendum, translation, written_procedure
from governance.rules.written_procedure import Outcome


class Procedure(StrEnum):
    PLENARY = "plenary"
    AD_REFERENDUM = "ad_referendum"
    WRITTEN_PROCEDURE = "written_procedure"


class DecisionKind(StrEnum):
    ADMINISTRATIVE_DECISION = "administrative_decision"
    RULES_OF_PROCEDURE = "rules_of_procedure"
    RULES_AMENDMENT = "rules_amendment"
    TERMS_OF_REFERENCE = "terms_of_reference"
    RECOMMENDATION = "recommendation"
    QUESTIONNAIRE = "questionnaire"
    REVIEW_MISSION = "review_mission"
    PARTICIPATION = "participation"
    OFFICE_SELECTION = "office_selection"
    MEETING = "meeting"
    MANDATE = "mandate"
    UNDERSTANDING = "understanding"
    OTHER = "other"


class DecisionStatus(StrEnum):
    NOT_YET = "not_yet"
    PENDING = "pending"
    NOT_ADOPTED = "not_adopted"
    AD_REFERENDUM = "adopted_ad_referendum"
    AWAITING_FORMAL_ADOPTION = "awaiting_formal_adoption"
    FORMALLY_ADOPTED = "formally_adopted"


@dataclass(frozen=True)
class DecisionFacts:
    procedure: Procedure
    adopted_on: date | None
    """Meeting adoption date (plenary, ad referendum); ignored for written procedures."""
    steps: tuple[translation.VersionStep, ...] = ()
    open_points: tuple[referendum.OpenPoint, ...] = ()
    confirmation: date | None = None
    written: written_procedure.Procedure | None = None


@dataclass(frozen=True)
class DecisionState:
    status: DecisionStatus
    adopted_on: date | None
    confirmed_on: date | None
    formally_adopted_on: date | None
    languages_available: tuple[str, ...]
    languages_missing: tuple[str, ...]
    open_points: int


def decision_state(facts: DecisionFacts, languages: Sequence[str], on: date) -> DecisionState:
    """Rule 26 applied on ``on``: formally adopted only once every language is available."""
    available = tuple(translation.languages_available(facts.steps, languages, on))
    missing = tuple(lang for lang in languages if lang not in available)
    open_count = len(referendum.open_points_on(facts.open_points, on))

    def state(
        status: DecisionStatus,
        adopted: date | None = None,
        confirmed: date | None = None,
        formal: date | None = None,
    ) -> DecisionState:
        return DecisionState(status, adopted, confirmed, formal, available, missing, open_count)

    adopted_on = facts.adopted_on
    if facts.procedure is Procedure.WRITTEN_PROCEDURE:
        if facts.written is None:
            return state(DecisionStatus.NOT_YET)
        result = written_procedure.result_on(facts.written, on)
        if result.outcome is Outcome.NOT_CIRCULATED:
            return state(DecisionStatus.NOT_YET)
        if result.outcome is Outcome.PENDING:
            return state(DecisionStatus.PENDING)
        if result.outcome is Outcome.NOT_ADOPTED:
            return state(DecisionStatus.NOT_ADOPTED)
        adopted_on = result.decided_on
    if adopted_on is None or adopted_on > on:
        return state(DecisionStatus.NOT_YET)
    effective = adopted_on
    confirmed = None
    if facts.procedure is Procedure.AD_REFERENDUM:
        confirmed = referendum.confirmed_on(facts.open_points, facts.confirmation, on)
        if confirmed is None:
            return state(DecisionStatus.AD_REFERENDUM, adopted_on)
        effective = max(adopted_on, confirmed)
    formal = translation.formal_adoption_date(effective, facts.steps, languages, on)
    if formal is None:
        return state(DecisionStatus.AWAITING_FORMAL_ADOPTION, adopted_on, confirmed)
    return state(DecisionStatus.FORMALLY_ADOPTED, adopted_on, confirmed, formal)


def change_dates(facts: DecisionFacts) -> list[date]:
    """Every date on which ``facts`` can change the decision's state. The rules only ever ask
    whether a fact's date is on or before the day asked about, so between two of these dates
    the state stays the same."""
    days = {step.on for step in facts.steps}
    days |= {p.resolved_on for p in facts.open_points if p.resolved_on is not None}
    days |= {d for d in (facts.adopted_on, facts.confirmation) if d is not None}
    if facts.written is not None:
        days |= {facts.written.circulated_on, written_procedure.adoption_date(facts.written)}
        days |= {r.received_on for r in facts.written.replies}
    return sorted(days)


def timeline(facts: DecisionFacts, languages: Sequence[str]) -> list[tuple[date, DecisionState]]:
    """The decision's state through time: ``(from, state)`` pairs, the first from
    ``date.min``, each holding until the next — :func:`decision_state` on every day, stated once
    per change so that "the state on a day" can be picked by a database."""
    spans = [(date.min, decision_state(facts, languages, date.min))]
    for day in change_dates(facts):
        state = decision_state(facts, languages, day)
        if state != spans[-1][1]:
            spans.append((day, state))
    return spans
