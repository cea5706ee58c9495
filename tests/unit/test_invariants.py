"""Invariants of the rules, checked on generated histories."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from governance.rules import decision_status, referendum, rotation, translation, written_procedure
from governance.rules.errors import (
    DepartureNotAuthorizedError,
    InvalidTransitionError,
    OutOfOrderError,
    OverlappingTermError,
    ReversedDatesError,
)
from governance.rules.rotation import Office, RotationRule, Term
from governance.rules.translation import VersionState, VersionStep
from governance.rules.written_procedure import Outcome, Reply, ReplyKind

MODEST = settings(max_examples=200, deadline=None)

RULE = RotationRule(effective_from=date(2003, 10, 31))
HOLDERS = [
    "South Africa",
    "Canada",
    "Russian Federation",
    "Botswana",
    "India",
    "European Community",
]
LANGUAGES = ("en", "fr", "pt", "es", "ru")
PARTICIPANTS = ["Canada", "Botswana", "India", "Russian Federation", "South Africa", "Namibia"]

EARLIEST = date(2000, 1, 1)
LATEST = date(2012, 12, 31)
dates = st.dates(min_value=EARLIEST, max_value=LATEST)


# --- 1. never two holders of one office on a date -----------------------------------------------


@st.composite
def candidate_terms(draw: st.DrawFn) -> Term:
    standard_start = date(draw(st.integers(2000, 2010)), 1, 1)
    starts_on = standard_start if draw(st.booleans()) else draw(dates)
    if draw(st.booleans()):
        ends_on = RULE.standard_end(starts_on)
    else:
        ends_on = starts_on + timedelta(days=draw(st.integers(-30, 900)))
    return Term(
        office=draw(st.sampled_from(Office)),
        holder=draw(st.sampled_from(HOLDERS)),
        starts_on=starts_on,
        ends_on=ends_on,
        decision=draw(st.sampled_from([None, "D-1"])),
        departure=draw(st.booleans()),
    )


def accepted_terms(candidates: list[Term]) -> list[Term]:
    accepted: list[Term] = []
    for term in candidates:
        try:
            rotation.validate_new_term(term, accepted, RULE)
        except (ReversedDatesError, OverlappingTermError, DepartureNotAuthorizedError):
            continue
        accepted.append(term)
    return accepted


@MODEST
@given(st.lists(candidate_terms(), max_size=25), st.lists(dates, min_size=1, max_size=20))
def test_never_two_holders_of_one_office_on_a_date(candidates, asked):
    accepted = accepted_terms(candidates)
    every = rotation.timeline(accepted, RULE)
    rotation.check_no_overlap(accepted)
    rotation.check_no_overlap(every)
    for on in asked:
        holders = rotation.holders_on(accepted, RULE, on)
        for office, holder in (
            (Office.CHAIR, holders.chair),
            (Office.VICE_CHAIR, holders.vice_chair),
        ):
            confirmed = [t for t in accepted if t.office is office and t.covers(on)]
            covering = [t for t in every if t.office is office and t.covers(on)]
            assert len(confirmed) <= 1
            assert len(covering) <= 1
            assert holder == (covering[0] if covering else None)
            if confirmed:
                assert holder == confirmed[0]


@MODEST
@given(st.lists(candidate_terms(), max_size=25))
def test_a_projected_term_never_covers_a_day_of_a_confirmed_term_of_its_office(candidates):
    accepted = accepted_terms(candidates)
    for projected in rotation.projected_terms(accepted, RULE):
        assert projected.projected
        assert not any(t.office is projected.office and t.overlaps(projected) for t in accepted)


# --- 2. formal adoption never before every language is final and available ----------------------


FORWARD = {
    VersionState.MISSING: [VersionState.MACHINE_DRAFT, VersionState.IN_TRANSLATION],
    VersionState.MACHINE_DRAFT: [VersionState.IN_TRANSLATION, VersionState.FINAL],
    VersionState.IN_TRANSLATION: [VersionState.FINAL],
    VersionState.FINAL: [VersionState.AVAILABLE],
    VersionState.AVAILABLE: [VersionState.AVAILABLE],
}


@st.composite
def step_histories(draw: st.DrawFn) -> list[VersionStep]:
    """Histories built only from steps ``check_step`` accepts; most attempts move forward, some
    are arbitrary (and often rejected), and some are dated before the last step."""
    steps: list[VersionStep] = []
    day = draw(st.dates(min_value=date(2003, 1, 1), max_value=date(2004, 12, 31)))
    for _ in range(draw(st.integers(0, 50))):
        day += timedelta(days=draw(st.integers(-3, 20)))
        language = draw(st.sampled_from(LANGUAGES))
        current = translation.state_on(steps, language, date.max)
        if draw(st.integers(0, 3)):
            target = draw(st.sampled_from(FORWARD[current]))
        else:
            target = draw(st.sampled_from(VersionState))
        new = VersionStep(language, target, day)
        try:
            translation.check_step(steps, new)
        except (InvalidTransitionError, OutOfOrderError):
            continue
        steps.append(new)
    return steps


def available_steps(steps: list[VersionStep], language: str, on: date) -> list[VersionStep]:
    return [
        s
        for s in steps
        if s.language == language and s.state is VersionState.AVAILABLE and s.on <= on
    ]


@MODEST
@given(
    step_histories(),
    st.one_of(st.none(), st.dates(min_value=date(2002, 6, 1), max_value=date(2005, 6, 1))),
    st.lists(st.dates(min_value=date(2002, 6, 1), max_value=date(2007, 1, 1)), min_size=1),
)
def test_formal_adoption_never_before_every_language_is_final_and_available(
    steps, adopted_on, asked
):
    for on in asked:
        formal = translation.formal_adoption_date(adopted_on, steps, LANGUAGES, on)
        every_language_available = all(available_steps(steps, lang, on) for lang in LANGUAGES)
        if adopted_on is None or adopted_on > on or not every_language_available:
            assert formal is None
            continue
        assert formal is not None
        assert adopted_on <= formal <= on
        for lang in LANGUAGES:
            (made_available,) = available_steps(steps, lang, on)
            assert made_available.on <= formal
            assert translation.state_on(steps, lang, formal) is VersionState.AVAILABLE
        later = on + timedelta(days=365)
        assert translation.formal_adoption_date(adopted_on, steps, LANGUAGES, later) == formal


@MODEST
@given(step_histories(), st.dates(min_value=date(2002, 6, 1), max_value=date(2007, 1, 1)))
def test_a_language_counts_only_once_its_final_version_is_made_available(steps, on):
    counted = translation.languages_available(steps, LANGUAGES, on)
    for lang in LANGUAGES:
        state = translation.state_on(steps, lang, on)
        assert (lang in counted) == (state is VersionState.AVAILABLE)
        if state is VersionState.MACHINE_DRAFT:
            assert lang not in counted
    for lang in counted:
        history = translation.effective_steps(steps, lang)
        index = next(i for i, s in enumerate(history) if s.state is VersionState.AVAILABLE)
        assert index > 0
        assert history[index - 1].state is VersionState.FINAL


# --- 3. a written procedure's outcome follows from the clock and the replies ---------------------


@st.composite
def procedures(draw: st.DrawFn) -> written_procedure.Procedure:
    circulated_on = draw(st.dates(min_value=date(2003, 1, 1), max_value=date(2005, 12, 31)))
    deadline = circulated_on + timedelta(days=draw(st.integers(1, 60)))
    written_procedure.check_schedule(circulated_on, deadline)
    proc = written_procedure.Procedure(circulated_on, deadline)
    for _ in range(draw(st.integers(0, 10))):
        reply = Reply(
            draw(st.sampled_from(PARTICIPANTS)),
            draw(st.sampled_from(ReplyKind)),
            circulated_on + timedelta(days=draw(st.integers(-5, 70))),
        )
        try:
            written_procedure.check_reply(proc, reply)
        except (
            written_procedure.ReplyOutsidePeriodError,
            written_procedure.DuplicateReplyError,
            written_procedure.ReplyBeforeEarlierReplyError,
        ):
            continue
        proc = written_procedure.Procedure(circulated_on, deadline, (*proc.replies, reply))
    return proc


def days_around(proc: written_procedure.Procedure) -> list[date]:
    first = proc.circulated_on - timedelta(days=3)
    count = (proc.deadline - first).days + 6
    return [first + timedelta(days=n) for n in range(count)]


@MODEST
@given(procedures())
def test_a_written_procedure_with_an_objection_standing_at_the_deadline_is_never_adopted(proc):
    last: dict[str, Reply] = {}
    for reply in proc.replies:  # each Participant's last reply by the deadline counts
        if reply.received_on <= proc.deadline:
            last[reply.participant] = reply
    objections = [r for r in last.values() if r.kind is ReplyKind.OBJECTION]
    for on in days_around(proc):
        result = written_procedure.result_on(proc, on)
        if on < proc.circulated_on:
            assert result.outcome is Outcome.NOT_CIRCULATED
        elif on <= proc.deadline:
            assert result.outcome is Outcome.PENDING
            assert result.decided_on is None
        elif objections:
            assert result.outcome is Outcome.NOT_ADOPTED
            assert result.decided_on == proc.deadline + timedelta(days=1)
        else:
            assert result.outcome is Outcome.ADOPTED
            assert result.decided_on == proc.deadline + timedelta(days=1)


@MODEST
@given(procedures())
def test_without_an_objection_adopted_exactly_on_the_dates_after_the_deadline(proc):
    silent = written_procedure.Procedure(
        proc.circulated_on,
        proc.deadline,
        tuple(r for r in proc.replies if r.kind is ReplyKind.SUPPORT),
    )
    for on in days_around(silent):
        outcome = written_procedure.result_on(silent, on).outcome
        assert (outcome is Outcome.ADOPTED) == (on > silent.deadline)
        assert (outcome is Outcome.PENDING) == (silent.circulated_on <= on <= silent.deadline)


# --- the past does not change when asked about later -------------------------------------------


@st.composite
def open_points(draw: st.DrawFn) -> referendum.OpenPoint:
    resolved_on = draw(st.one_of(st.none(), dates))
    return referendum.OpenPoint(
        draw(st.text(min_size=1, max_size=5)), "point", resolved_on, "D" if resolved_on else None
    )


@MODEST
@given(
    st.lists(open_points(), max_size=4),
    st.one_of(st.none(), dates),
    dates,
    st.integers(0, 2000),
)
def test_an_ad_referendum_confirmation_date_never_changes_once_confirmed(
    points, confirmation, on, later_by
):
    confirmed = referendum.confirmed_on(points, confirmation, on)
    later = referendum.confirmed_on(points, confirmation, on + timedelta(days=later_by))
    if confirmed is not None:
        assert confirmed <= on
        assert later == confirmed


@MODEST
@given(
    step_histories(),
    st.sampled_from(decision_status.Procedure),
    st.dates(min_value=date(2003, 1, 1), max_value=date(2004, 12, 31)),
    st.lists(open_points(), max_size=3),
    st.one_of(st.none(), dates),
    procedures(),
    st.dates(min_value=date(2002, 6, 1), max_value=date(2007, 1, 1)),
)
def test_a_decision_is_formally_adopted_only_with_every_language_available(
    steps, procedure, adopted_on, points, confirmation, written, on
):
    facts = decision_status.DecisionFacts(
        procedure, adopted_on, tuple(steps), tuple(points), confirmation, written
    )
    state = decision_status.decision_state(facts, LANGUAGES, on)
    assert set(state.languages_available) | set(state.languages_missing) == set(LANGUAGES)
    if state.status is decision_status.DecisionStatus.FORMALLY_ADOPTED:
        assert state.formally_adopted_on is not None
        assert state.adopted_on is not None
        assert state.adopted_on <= state.formally_adopted_on <= on
        assert state.languages_missing == ()
        if state.confirmed_on is not None:
            assert state.confirmed_on <= state.formally_adopted_on
    else:
        assert state.formally_adopted_on is None


# --- the stored timeline says what the rule says, on every day -----------------------------------


@MODEST
@given(
    step_histories(),
    st.sampled_from(decision_status.Procedure),
    st.one_of(st.none(), st.dates(min_value=date(2003, 1, 1), max_value=date(2004, 12, 31))),
    st.lists(open_points(), max_size=3),
    st.one_of(st.none(), dates),
    st.one_of(st.none(), procedures()),
    st.lists(st.dates(min_value=date(1999, 1, 1), max_value=date(2013, 6, 1)), max_size=30),
)
def test_the_timeline_gives_the_rules_state_on_every_day(
    steps, procedure, adopted_on, points, confirmation, written, asked
):
    facts = decision_status.DecisionFacts(
        procedure, adopted_on, tuple(steps), tuple(points), confirmation, written
    )
    spans = decision_status.timeline(facts, LANGUAGES)
    assert spans[0][0] == date.min
    assert all(a[0] < b[0] and a[1] != b[1] for a, b in itertools.pairwise(spans))
    changes = decision_status.change_dates(facts)
    # every day asked, every change date and the day before each
    days = [*asked, *changes, *(d - timedelta(days=1) for d in changes)]
    for on in days:
        picked = [state for start, state in spans if start <= on][-1]
        assert picked == decision_status.decision_state(facts, LANGUAGES, on), on
