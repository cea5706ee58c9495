"""Participation: statuses by kind of entity, applicant stages, blocks and admission."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules.errors import OutOfOrderError, ValidationError
from governance.rules.participation import (
    NEXT_STATUSES,
    STATUSES_BY_KIND,
    EntityKind,
    Stage,
    Standing,
    Status,
    StatusEvent,
    check_event,
    standing_on,
)

JOHANNESBURG = date(2003, 4, 30)
SUN_CITY = date(2003, 10, 31)
EMBARGO = "UN Security Council embargo on trade in diamonds with Liberia"

STATE = EntityKind.STATE
APPLICANT = Status.APPLICANT
PARTICIPANT = Status.PARTICIPANT


def applicant(
    on: date, stage: Stage, blocked_reason: str | None = None, decision: str | None = None
) -> StatusEvent:
    return StatusEvent(on, APPLICANT, stage, blocked_reason, decision)


RECOMMENDED_BRAZIL = [
    applicant(date(2003, 3, 1), Stage.INTENT_DECLARED),
    applicant(date(2003, 5, 31), Stage.DOCUMENTATION_SUBMITTED),
    applicant(date(2003, 7, 31), Stage.RECOMMENDED),
]
BLOCKED_LIBERIA = [applicant(JOHANNESBURG, Stage.INTENT_DECLARED, EMBARGO, "2003-JHB-09")]


# --- standing_on --------------------------------------------------------------------------------


def test_an_entity_has_no_standing_before_its_first_event():
    assert standing_on(RECOMMENDED_BRAZIL, date(2003, 2, 28)) is None
    assert standing_on([], SUN_CITY) is None


def test_an_applicant_stands_at_its_latest_stage_and_has_been_an_applicant_since_it_declared():
    assert standing_on(RECOMMENDED_BRAZIL, date(2003, 6, 1)) == Standing(
        status=APPLICANT,
        since=date(2003, 3, 1),
        stage=Stage.DOCUMENTATION_SUBMITTED,
        blocked_reason=None,
        last_change=date(2003, 5, 31),
    )


def test_a_participant_is_a_participant_since_its_admission():
    events = [*RECOMMENDED_BRAZIL, StatusEvent(SUN_CITY, PARTICIPANT, decision="2003-SC-02")]
    standing = standing_on(events, date(2004, 1, 1))
    assert standing == Standing(PARTICIPANT, SUN_CITY, None, None, SUN_CITY)


def test_a_blocked_application_reports_why_it_is_blocked():
    standing = standing_on(BLOCKED_LIBERIA, SUN_CITY)
    assert standing is not None
    assert standing.blocked_reason == EMBARGO


def test_standing_does_not_depend_on_the_order_events_are_given_in():
    assert standing_on(list(reversed(RECOMMENDED_BRAZIL)), SUN_CITY) == standing_on(
        RECOMMENDED_BRAZIL, SUN_CITY
    )


def test_a_status_regained_counts_from_when_it_was_regained():
    events = [
        StatusEvent(date(2000, 5, 1), PARTICIPANT),
        StatusEvent(date(2003, 1, 1), Status.SUSPENDED),
        StatusEvent(date(2003, 6, 1), PARTICIPANT),
    ]
    standing = standing_on(events, SUN_CITY)
    assert standing is not None
    assert standing.since == date(2003, 6, 1)


# --- check_event: kinds and transitions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status"), [(kind, status) for kind in EntityKind for status in Status]
)
def test_an_entity_can_only_have_the_statuses_of_its_kind(kind, status):
    first = [StatusEvent(date(2000, 1, 1), Status.OBSERVER)]
    new = StatusEvent(
        date(2003, 1, 1), status, Stage.INTENT_DECLARED if status is APPLICANT else None
    )
    if status in STATUSES_BY_KIND[kind]:
        try:
            check_event(kind, first, new)
        except ValidationError as error:
            assert "cannot have the status" not in str(error)
    else:
        with pytest.raises(ValidationError, match="cannot have the status"):
            check_event(kind, first, new)


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current in [None, *Status] for target in Status],
)
def test_a_status_can_only_change_along_the_allowed_transitions(current, target):
    kind = EntityKind.TRADING_ENTITY if Status.TRADING_ENTITY in (current, target) else STATE
    if target not in STATUSES_BY_KIND[kind]:
        return
    events = (
        []
        if current is None
        else [
            StatusEvent(
                date(2003, 1, 1),
                current,
                Stage.RECOMMENDED if current is APPLICANT else None,
            )
        ]
    )
    new = StatusEvent(
        date(2003, 6, 1),
        target,
        Stage.INTENT_DECLARED if target is APPLICANT else None,
        decision="D-1",
    )
    if target in NEXT_STATUSES[current]:
        check_event(kind, events, new)
    else:
        with pytest.raises(ValidationError, match="status cannot change"):
            check_event(kind, events, new)


def test_a_founding_participant_is_a_participant_from_its_first_event():
    check_event(STATE, [], StatusEvent(date(2000, 5, 1), PARTICIPANT), founding=True)


def test_a_new_participant_is_admitted_by_a_named_decision():
    with pytest.raises(ValidationError, match="A Participant is admitted by a decision"):
        check_event(STATE, [], StatusEvent(date(2004, 5, 1), PARTICIPANT))
    check_event(STATE, [], StatusEvent(date(2004, 5, 1), PARTICIPANT, decision="2004-WP-01"))


def test_chinese_taipei_is_recorded_as_a_trading_entity():
    check_event(
        EntityKind.TRADING_ENTITY, [], StatusEvent(date(2003, 5, 10), Status.TRADING_ENTITY)
    )


def test_a_rough_diamond_trading_entity_cannot_become_a_participant():
    with pytest.raises(ValidationError):
        check_event(EntityKind.TRADING_ENTITY, [], StatusEvent(date(2003, 5, 10), PARTICIPANT))


def test_the_world_diamond_council_attends_as_an_observer():
    check_event(EntityKind.INDUSTRY, [], StatusEvent(date(2000, 5, 1), Status.OBSERVER))


def test_civil_society_cannot_apply_to_participate():
    observer = [StatusEvent(date(2000, 5, 1), Status.OBSERVER)]
    with pytest.raises(ValidationError):
        check_event(EntityKind.CIVIL_SOCIETY, observer, applicant(SUN_CITY, Stage.INTENT_DECLARED))


def test_the_european_community_can_be_a_participant():
    check_event(EntityKind.REIO, [], StatusEvent(date(2003, 1, 1), PARTICIPANT), founding=True)


def test_an_event_dated_before_the_last_event_is_rejected():
    with pytest.raises(OutOfOrderError):
        check_event(STATE, RECOMMENDED_BRAZIL, applicant(date(2003, 7, 30), Stage.RECOMMENDED))


def test_an_event_on_the_day_of_the_last_event_is_in_order():
    check_event(
        STATE, RECOMMENDED_BRAZIL, StatusEvent(date(2003, 7, 31), PARTICIPANT, decision="D")
    )


def test_a_participant_cannot_go_back_to_being_an_applicant():
    with pytest.raises(ValidationError):
        check_event(
            STATE,
            [StatusEvent(date(2000, 5, 1), PARTICIPANT)],
            applicant(SUN_CITY, Stage.INTENT_DECLARED),
        )


def test_a_withdrawn_state_may_apply_again():
    events = [
        StatusEvent(date(2000, 5, 1), PARTICIPANT),
        StatusEvent(date(2002, 1, 1), Status.WITHDRAWN),
    ]
    check_event(STATE, events, applicant(SUN_CITY, Stage.INTENT_DECLARED))


# --- check_event: stages ------------------------------------------------------------------------


def test_an_applicant_needs_a_stage():
    with pytest.raises(ValidationError, match="needs a stage"):
        check_event(STATE, [], StatusEvent(JOHANNESBURG, APPLICANT))


def test_only_applicants_have_a_stage():
    with pytest.raises(ValidationError, match="Only applicants"):
        check_event(STATE, [], StatusEvent(JOHANNESBURG, PARTICIPANT, Stage.RECOMMENDED))


def test_an_applicant_advances_through_the_stages():
    events: list[StatusEvent] = []
    for day, stage in enumerate(Stage, start=1):
        new = applicant(date(2003, 5, day), stage)
        check_event(STATE, events, new)
        events.append(new)


# --- check_event: admission ---------------------------------------------------------------------


def test_a_recommended_applicant_becomes_a_participant_when_the_chair_confirms_it():
    check_event(
        STATE, RECOMMENDED_BRAZIL, StatusEvent(SUN_CITY, PARTICIPANT, decision="2003-SC-02")
    )


def test_admission_needs_the_decision_that_confirms_it():
    with pytest.raises(ValidationError, match="Admission needs the decision"):
        check_event(STATE, RECOMMENDED_BRAZIL, StatusEvent(SUN_CITY, PARTICIPANT))


@pytest.mark.parametrize(
    "stage", [Stage.INTENT_DECLARED, Stage.DOCUMENTATION_SUBMITTED, Stage.UNDER_REVIEW]
)
def test_an_applicant_is_not_admitted_before_the_participation_committee_recommends_it(stage):
    with pytest.raises(ValidationError, match="Participation Committee recommends"):
        check_event(
            STATE,
            [applicant(JOHANNESBURG, stage)],
            StatusEvent(SUN_CITY, PARTICIPANT, decision="2003-SC-02"),
        )


def test_a_blocked_application_cannot_lead_to_admission():
    blocked = [applicant(JOHANNESBURG, Stage.RECOMMENDED, EMBARGO)]
    with pytest.raises(ValidationError, match="blocked"):
        check_event(STATE, blocked, StatusEvent(SUN_CITY, PARTICIPANT, decision="2003-SC-02"))


def test_a_blocked_application_cannot_advance_when_the_block_is_lifted_in_the_same_step():
    with pytest.raises(ValidationError, match="lift the block"):
        check_event(STATE, BLOCKED_LIBERIA, applicant(SUN_CITY, Stage.DOCUMENTATION_SUBMITTED))


def test_a_blocked_application_cannot_advance_while_the_block_stands():
    with pytest.raises(ValidationError, match="lift the block"):
        check_event(STATE, BLOCKED_LIBERIA, applicant(SUN_CITY, Stage.UNDER_REVIEW, EMBARGO, "D-2"))


def test_a_block_can_be_lifted_at_the_same_stage_and_the_application_then_advances():
    lifted = applicant(date(2004, 1, 1), Stage.INTENT_DECLARED, decision="2004-X-01")
    check_event(STATE, BLOCKED_LIBERIA, lifted)
    advanced = applicant(date(2004, 2, 1), Stage.DOCUMENTATION_SUBMITTED)
    check_event(STATE, [*BLOCKED_LIBERIA, lifted], advanced)


def test_a_blocked_application_may_stay_blocked_at_its_stage():
    check_event(STATE, BLOCKED_LIBERIA, applicant(SUN_CITY, Stage.INTENT_DECLARED, EMBARGO))


def test_a_blocked_applicant_may_withdraw():
    check_event(STATE, BLOCKED_LIBERIA, StatusEvent(SUN_CITY, Status.WITHDRAWN))
