"""Rule 26: a decision is formally adopted once every official language is final and available."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules.errors import InvalidTransitionError, OutOfOrderError
from governance.rules.translation import (
    ALLOWED_STEPS,
    VersionState,
    VersionStep,
    available_on,
    check_step,
    formal_adoption_date,
    languages_available,
    state_on,
)

LANGUAGES = ("en", "fr", "pt", "es", "ru")
SUN_CITY = date(2003, 10, 31)

MISSING = VersionState.MISSING
MACHINE_DRAFT = VersionState.MACHINE_DRAFT
IN_TRANSLATION = VersionState.IN_TRANSLATION
FINAL = VersionState.FINAL
AVAILABLE = VersionState.AVAILABLE


def made_available(language: str, final_on: date, available: date) -> list[VersionStep]:
    return [VersionStep(language, FINAL, final_on), VersionStep(language, AVAILABLE, available)]


def all_available(on: date) -> list[VersionStep]:
    return [step for lang in LANGUAGES for step in made_available(lang, on, on)]


# --- state_on -----------------------------------------------------------------------------------


def test_a_version_with_no_steps_is_missing():
    assert state_on([], "fr", SUN_CITY) is MISSING


def test_a_version_is_in_the_state_of_its_last_step_by_the_date():
    steps = [
        VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 1)),
        VersionStep("fr", IN_TRANSLATION, date(2003, 11, 10)),
        VersionStep("fr", FINAL, date(2003, 12, 1)),
    ]
    assert state_on(steps, "fr", date(2003, 10, 31)) is MISSING
    assert state_on(steps, "fr", date(2003, 11, 1)) is MACHINE_DRAFT
    assert state_on(steps, "fr", date(2003, 11, 30)) is IN_TRANSLATION
    assert state_on(steps, "fr", date(2004, 1, 1)) is FINAL


def test_state_on_does_not_depend_on_the_order_steps_are_given_in():
    steps = [
        VersionStep("ru", FINAL, date(2003, 12, 1)),
        VersionStep("ru", IN_TRANSLATION, date(2003, 11, 10)),
    ]
    assert state_on(steps, "ru", date(2003, 12, 31)) is FINAL


def test_the_steps_of_another_language_do_not_change_a_version():
    steps = [VersionStep("en", FINAL, SUN_CITY)]
    assert state_on(steps, "es", date(2004, 1, 1)) is MISSING


# --- available_on -------------------------------------------------------------------------------


def test_a_version_made_available_reports_the_date_it_was_made_available():
    steps = made_available("pt", date(2003, 12, 1), date(2003, 12, 5))
    assert available_on(steps, "pt", date(2003, 12, 5)) == date(2003, 12, 5)
    assert available_on(steps, "pt", date(2004, 6, 1)) == date(2003, 12, 5)


def test_a_version_is_not_available_before_the_day_it_is_made_available():
    steps = made_available("pt", date(2003, 12, 1), date(2003, 12, 5))
    assert available_on(steps, "pt", date(2003, 12, 4)) is None


def test_a_final_version_not_yet_made_available_is_not_available():
    assert available_on([VersionStep("es", FINAL, SUN_CITY)], "es", date(2004, 1, 1)) is None


def test_availability_in_one_language_says_nothing_of_another():
    assert available_on(made_available("en", SUN_CITY, SUN_CITY), "fr", date(2004, 1, 1)) is None


# --- check_step ---------------------------------------------------------------------------------

TRANSITIONS = [(current, target) for current in VersionState for target in VersionState]


def history_reaching(state: VersionState, language: str = "fr") -> list[VersionStep]:
    path = {
        MISSING: [],
        MACHINE_DRAFT: [MACHINE_DRAFT],
        IN_TRANSLATION: [IN_TRANSLATION],
        FINAL: [FINAL],
        AVAILABLE: [FINAL, AVAILABLE],
    }[state]
    return [VersionStep(language, s, date(2003, 11, 1)) for s in path]


@pytest.mark.parametrize(("current", "target"), TRANSITIONS)
def test_only_the_allowed_steps_can_follow_a_state(current, target):
    history = history_reaching(current)
    step = VersionStep("fr", target, date(2003, 11, 2))
    if target in ALLOWED_STEPS[current]:
        check_step(history, step)
    else:
        with pytest.raises(InvalidTransitionError):
            check_step(history, step)


def test_a_missing_version_cannot_be_made_available_without_a_final_text():
    with pytest.raises(InvalidTransitionError) as raised:
        check_step([], VersionStep("ru", AVAILABLE, SUN_CITY))
    assert raised.value.params == {"language": "ru", "current": "missing", "target": "available"}


def test_a_machine_draft_can_be_discarded():
    check_step(history_reaching(MACHINE_DRAFT), VersionStep("fr", MISSING, date(2003, 11, 2)))


def test_a_final_version_is_corrected_by_a_new_final_not_reopened():
    check_step(history_reaching(FINAL), VersionStep("fr", FINAL, date(2003, 11, 2)))
    with pytest.raises(InvalidTransitionError):
        check_step(history_reaching(FINAL), VersionStep("fr", IN_TRANSLATION, date(2003, 11, 2)))


def test_a_final_version_cannot_fall_back_to_a_machine_draft():
    with pytest.raises(InvalidTransitionError):
        check_step(history_reaching(FINAL), VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 2)))


def test_a_version_once_made_available_is_not_withdrawn():
    for target in VersionState:
        with pytest.raises(InvalidTransitionError):
            check_step(history_reaching(AVAILABLE), VersionStep("fr", target, date(2004, 1, 1)))


def test_a_version_in_translation_cannot_go_back_to_a_machine_draft():
    with pytest.raises(InvalidTransitionError):
        check_step(
            history_reaching(IN_TRANSLATION), VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 2))
        )


def test_a_step_may_be_recorded_after_the_fact_when_the_history_stays_legal():
    history = history_reaching(IN_TRANSLATION)
    backfilled = VersionStep("fr", FINAL, date(2003, 10, 31))
    check_step(history, backfilled)
    # The in-translation step dated after the version became final no longer changes it.
    assert state_on([*history, backfilled], "fr", date(2003, 12, 1)) is FINAL


def test_a_backdated_step_that_breaks_a_later_step_is_rejected():
    history = [
        VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 1)),
        VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 5)),
    ]
    with pytest.raises(OutOfOrderError) as raised:
        check_step(history, VersionStep("fr", IN_TRANSLATION, date(2003, 11, 3)))
    assert raised.value.params["last"] == date(2003, 11, 5)


def test_two_steps_on_the_same_day_are_in_order():
    check_step(history_reaching(FINAL), VersionStep("fr", AVAILABLE, date(2003, 11, 1)))


def test_the_next_step_depends_only_on_the_history_of_its_own_language():
    english_available = made_available("en", SUN_CITY, date(2003, 11, 5))
    check_step(english_available, VersionStep("fr", MACHINE_DRAFT, date(2003, 11, 1)))
    with pytest.raises(InvalidTransitionError):
        check_step(english_available, VersionStep("fr", AVAILABLE, date(2003, 11, 6)))


def test_the_last_step_is_found_whatever_order_the_history_is_given_in():
    history = [
        VersionStep("es", FINAL, date(2003, 12, 1)),
        VersionStep("es", IN_TRANSLATION, date(2003, 11, 1)),
    ]
    check_step(history, VersionStep("es", AVAILABLE, date(2003, 12, 2)))


# --- languages_available ------------------------------------------------------------------------


def test_languages_available_lists_the_languages_made_available_by_the_date_in_order():
    steps = [
        *made_available("ru", SUN_CITY, date(2003, 12, 1)),
        *made_available("en", SUN_CITY, SUN_CITY),
        VersionStep("fr", FINAL, SUN_CITY),
    ]
    assert languages_available(steps, LANGUAGES, date(2003, 11, 15)) == ["en"]
    assert languages_available(steps, LANGUAGES, date(2003, 12, 1)) == ["en", "ru"]


# --- formal_adoption_date -----------------------------------------------------------------------


def test_a_decision_not_adopted_is_not_formally_adopted():
    assert formal_adoption_date(None, all_available(SUN_CITY), LANGUAGES, date(2004, 1, 1)) is None


def test_a_decision_is_not_formally_adopted_before_it_is_adopted():
    steps = all_available(date(2003, 10, 1))
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, date(2003, 10, 30)) is None


def test_a_decision_is_not_formally_adopted_while_one_language_is_not_available():
    steps = [s for s in all_available(date(2003, 11, 10)) if s.language != "pt"]
    steps.append(VersionStep("pt", FINAL, date(2003, 11, 10)))
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, date(2004, 6, 1)) is None


def test_formal_adoption_is_on_the_day_the_last_language_is_made_available():
    steps = [
        *made_available("en", SUN_CITY, SUN_CITY),
        *made_available("fr", date(2003, 11, 20), date(2003, 11, 21)),
        *made_available("pt", date(2003, 12, 1), date(2003, 12, 10)),
        *made_available("es", date(2003, 11, 15), date(2003, 11, 16)),
        *made_available("ru", date(2003, 11, 25), date(2003, 11, 26)),
    ]
    last_available = date(2003, 12, 10)
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, date(2003, 12, 9)) is None
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, last_available) == last_available
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, date(2004, 6, 1)) == last_available


def test_formal_adoption_is_never_before_the_adoption_date():
    steps = all_available(date(2003, 10, 1))
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, SUN_CITY) == SUN_CITY


def test_a_machine_draft_never_counts_towards_formal_adoption():
    steps = [s for s in all_available(SUN_CITY) if s.language != "ru"]
    steps.append(VersionStep("ru", MACHINE_DRAFT, SUN_CITY))
    assert formal_adoption_date(SUN_CITY, steps, LANGUAGES, date(2004, 6, 1)) is None
    assert "ru" not in languages_available(steps, LANGUAGES, date(2004, 6, 1))


def test_formal_adoption_needs_only_the_languages_asked_about():
    steps = made_available("en", SUN_CITY, date(2003, 11, 3))
    assert formal_adoption_date(SUN_CITY, steps, ["en"], date(2004, 1, 1)) == date(2003, 11, 3)
