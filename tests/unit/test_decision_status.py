"""Where a decision stands on a date: its procedure, ad referendum confirmation and Rule 26."""

from __future__ import annotations

from datetime import date

from governance.rules import written_procedure
from governance.rules.decision_status import (
    DecisionFacts,
    DecisionState,
    DecisionStatus,
    Procedure,
    decision_state,
)
from governance.rules.referendum import OpenPoint
from governance.rules.translation import VersionState, VersionStep
from governance.rules.written_procedure import Reply, ReplyKind

LANGUAGES = ("en", "fr", "pt", "es", "ru")
JOHANNESBURG = date(2003, 4, 30)
SUN_CITY = date(2003, 10, 31)


def available(language: str, on: date) -> list[VersionStep]:
    return [
        VersionStep(language, VersionState.FINAL, on),
        VersionStep(language, VersionState.AVAILABLE, on),
    ]


def all_available(
    on: date, last: str = "ru", last_on: date | None = None
) -> tuple[VersionStep, ...]:
    steps = [s for lang in LANGUAGES if lang != last for s in available(lang, on)]
    return (*steps, *available(last, last_on or on))


def plenary(adopted_on: date | None, steps: tuple[VersionStep, ...] = ()) -> DecisionFacts:
    return DecisionFacts(Procedure.PLENARY, adopted_on, steps)


# --- plenary decisions --------------------------------------------------------------------------


def test_a_decision_is_not_yet_taken_before_its_adoption_date():
    state = decision_state(plenary(SUN_CITY), LANGUAGES, date(2003, 10, 30))
    assert state == DecisionState(DecisionStatus.NOT_YET, None, None, None, (), LANGUAGES, 0)


def test_a_decision_with_no_adoption_date_is_not_yet_taken():
    assert decision_state(plenary(None), LANGUAGES, SUN_CITY).status is DecisionStatus.NOT_YET


def test_an_adopted_decision_awaits_formal_adoption_until_every_language_is_available():
    steps = tuple(s for lang in ("en", "fr") for s in available(lang, SUN_CITY))
    state = decision_state(plenary(SUN_CITY, steps), LANGUAGES, date(2003, 11, 1))
    assert state == DecisionState(
        status=DecisionStatus.AWAITING_FORMAL_ADOPTION,
        adopted_on=SUN_CITY,
        confirmed_on=None,
        formally_adopted_on=None,
        languages_available=("en", "fr"),
        languages_missing=("pt", "es", "ru"),
        open_points=0,
    )


def test_a_decision_is_formally_adopted_when_the_last_language_is_made_available():
    steps = all_available(date(2003, 11, 10), last="pt", last_on=date(2003, 12, 10))
    assert decision_state(plenary(SUN_CITY, steps), LANGUAGES, date(2003, 12, 9)).status is (
        DecisionStatus.AWAITING_FORMAL_ADOPTION
    )
    state = decision_state(plenary(SUN_CITY, steps), LANGUAGES, date(2003, 12, 10))
    assert state.status is DecisionStatus.FORMALLY_ADOPTED
    assert state.adopted_on == SUN_CITY
    assert state.formally_adopted_on == date(2003, 12, 10)
    assert state.languages_available == LANGUAGES
    assert state.languages_missing == ()


def test_a_machine_draft_leaves_a_decision_awaiting_formal_adoption():
    steps = (
        *[s for lang in LANGUAGES[:-1] for s in available(lang, SUN_CITY)],
        VersionStep("ru", VersionState.MACHINE_DRAFT, SUN_CITY),
    )
    state = decision_state(plenary(SUN_CITY, steps), LANGUAGES, date(2004, 1, 1))
    assert state.status is DecisionStatus.AWAITING_FORMAL_ADOPTION
    assert state.languages_missing == ("ru",)


# --- ad referendum ------------------------------------------------------------------------------

DECISION_MAKING = OpenPoint("decision_making", "The issue relating to Decision Making")


def ad_referendum(
    points: tuple[OpenPoint, ...] = (DECISION_MAKING,),
    confirmation: date | None = None,
    steps: tuple[VersionStep, ...] = (),
) -> DecisionFacts:
    return DecisionFacts(
        Procedure.AD_REFERENDUM, JOHANNESBURG, steps, open_points=points, confirmation=confirmation
    )


def test_rules_adopted_ad_referendum_stay_ad_referendum_while_a_point_is_open():
    state = decision_state(
        ad_referendum(steps=all_available(date(2003, 5, 15))), LANGUAGES, SUN_CITY
    )
    assert state.status is DecisionStatus.AD_REFERENDUM
    assert state.adopted_on == JOHANNESBURG
    assert state.confirmed_on is None
    assert state.formally_adopted_on is None
    assert state.open_points == 1


def test_resolving_the_open_point_confirms_the_rules_of_procedure():
    resolved = OpenPoint("decision_making", "Decision Making", SUN_CITY, "2003-SC-04")
    facts = ad_referendum((resolved,), steps=all_available(date(2003, 5, 15)))
    assert decision_state(facts, LANGUAGES, date(2003, 10, 30)).status is (
        DecisionStatus.AD_REFERENDUM
    )
    state = decision_state(facts, LANGUAGES, SUN_CITY)
    assert state.status is DecisionStatus.FORMALLY_ADOPTED
    assert state.confirmed_on == SUN_CITY
    assert state.open_points == 0


def test_formal_adoption_of_an_ad_referendum_text_is_not_before_its_confirmation():
    facts = ad_referendum(confirmation=SUN_CITY, steps=all_available(date(2003, 5, 15)))
    state = decision_state(facts, LANGUAGES, date(2004, 1, 1))
    assert state.formally_adopted_on == SUN_CITY
    assert state.adopted_on == JOHANNESBURG


def test_a_confirmed_ad_referendum_text_awaits_its_translations():
    state = decision_state(ad_referendum(confirmation=SUN_CITY), LANGUAGES, date(2004, 1, 1))
    assert state.status is DecisionStatus.AWAITING_FORMAL_ADOPTION
    assert state.confirmed_on == SUN_CITY
    assert state.open_points == 1


def test_translations_made_available_after_confirmation_set_the_formal_adoption_date():
    facts = ad_referendum(confirmation=SUN_CITY, steps=all_available(date(2003, 12, 1)))
    state = decision_state(facts, LANGUAGES, date(2004, 1, 1))
    assert state.formally_adopted_on == date(2003, 12, 1)


def test_an_ad_referendum_text_is_not_yet_taken_before_the_meeting_adopts_it():
    state = decision_state(ad_referendum(), LANGUAGES, date(2003, 4, 29))
    assert state.status is DecisionStatus.NOT_YET


# --- written procedure --------------------------------------------------------------------------

CIRCULATED = date(2003, 6, 1)
DEADLINE = date(2003, 6, 30)


def by_written_procedure(
    *replies: Reply, steps: tuple[VersionStep, ...] = (), adopted_on: date | None = None
) -> DecisionFacts:
    return DecisionFacts(
        Procedure.WRITTEN_PROCEDURE,
        adopted_on,
        steps,
        written=written_procedure.Procedure(CIRCULATED, DEADLINE, replies),
    )


def test_a_written_procedure_not_yet_recorded_is_not_yet_a_decision():
    facts = DecisionFacts(Procedure.WRITTEN_PROCEDURE, None)
    assert decision_state(facts, LANGUAGES, SUN_CITY).status is DecisionStatus.NOT_YET


def test_a_written_procedure_is_not_yet_a_decision_before_circulation():
    state = decision_state(by_written_procedure(), LANGUAGES, date(2003, 5, 31))
    assert state.status is DecisionStatus.NOT_YET


def test_a_written_procedure_is_pending_until_its_deadline():
    state = decision_state(by_written_procedure(), LANGUAGES, DEADLINE)
    assert state.status is DecisionStatus.PENDING
    assert state.adopted_on is None


def test_a_written_procedure_with_an_objection_is_not_adopted():
    objected = by_written_procedure(Reply("Canada", ReplyKind.OBJECTION, date(2003, 6, 10)))
    state = decision_state(objected, LANGUAGES, date(2003, 7, 1))
    assert state.status is DecisionStatus.NOT_ADOPTED
    assert state.adopted_on is None


def test_a_written_procedure_is_adopted_the_day_after_its_deadline_whatever_date_is_recorded():
    facts = by_written_procedure(adopted_on=CIRCULATED)
    state = decision_state(facts, LANGUAGES, date(2003, 7, 1))
    assert state.status is DecisionStatus.AWAITING_FORMAL_ADOPTION
    assert state.adopted_on == date(2003, 7, 1)


def test_a_written_procedure_is_formally_adopted_no_earlier_than_its_adoption():
    facts = by_written_procedure(steps=all_available(date(2003, 6, 15)))
    state = decision_state(facts, LANGUAGES, date(2003, 7, 1))
    assert state.status is DecisionStatus.FORMALLY_ADOPTED
    assert state.formally_adopted_on == date(2003, 7, 1)
