"""Office rotation: calendar-year terms, the Vice Chair succeeding, projected terms, departures."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules.errors import (
    DepartureNotAuthorizedError,
    OverlappingTermError,
    ReversedDatesError,
)
from governance.rules.rotation import (
    Holders,
    Office,
    RotationRule,
    Term,
    add_months,
    check_no_overlap,
    departure_reason,
    holder_on,
    holders_on,
    projected_terms,
    timeline,
    validate_new_term,
)

RULE = RotationRule(effective_from=date(2003, 10, 31))

SOUTH_AFRICA_CHAIR = Term(
    Office.CHAIR, "South Africa", date(2000, 5, 1), date(2003, 12, 31), decision="inception"
)
CANADA_CHAIR = Term(
    Office.CHAIR, "Canada", date(2004, 1, 1), date(2004, 12, 31), decision="2003-SC-05"
)
RUSSIA_VICE_CHAIR = Term(
    Office.VICE_CHAIR,
    "Russian Federation",
    date(2004, 1, 1),
    date(2004, 12, 31),
    decision="2003-SC-05",
)
KPCS_TERMS = [SOUTH_AFRICA_CHAIR, CANADA_CHAIR, RUSSIA_VICE_CHAIR]


def chair(
    holder: str,
    year: int,
    decision: str | None = None,
    departure: bool = False,
    projected: bool = False,
) -> Term:
    return Term(
        Office.CHAIR, holder, date(year, 1, 1), date(year, 12, 31), decision, departure, projected
    )


def vice_chair(holder: str, year: int, projected: bool = False) -> Term:
    return Term(
        Office.VICE_CHAIR, holder, date(year, 1, 1), date(year, 12, 31), projected=projected
    )


# --- add_months and the rule's calendar ---------------------------------------------------------


def test_add_months_moves_to_the_same_day_months_later():
    assert add_months(date(2004, 1, 1), 12) == date(2005, 1, 1)
    assert add_months(date(2003, 5, 15), 3) == date(2003, 8, 15)


def test_add_months_rolls_over_the_year():
    assert add_months(date(2003, 11, 30), 2) == date(2004, 1, 30)


def test_add_months_clamps_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2004, 1, 31), 1) == date(2004, 2, 29)
    assert add_months(date(2003, 1, 31), 1) == date(2003, 2, 28)


def test_add_months_goes_backwards_for_negative_months():
    assert add_months(date(2004, 1, 15), -1) == date(2003, 12, 15)


def test_a_standard_term_ends_on_the_last_day_of_the_calendar_year():
    assert RULE.standard_end(date(2004, 1, 1)) == date(2004, 12, 31)


def test_a_standard_term_starts_on_the_first_of_january():
    assert RULE.is_standard_start(date(2005, 1, 1))
    assert not RULE.is_standard_start(date(2000, 5, 1))


def test_term_length_and_start_come_from_the_rule_parameters():
    rule = RotationRule(term_months=6, term_start_month=7, term_start_day=1)
    assert rule.standard_end(date(2004, 7, 1)) == date(2004, 12, 31)
    assert rule.is_standard_start(date(2004, 7, 1))
    assert not rule.is_standard_start(date(2004, 1, 1))


# --- terms --------------------------------------------------------------------------------------


def test_a_term_covers_its_first_and_last_day_and_nothing_outside():
    assert CANADA_CHAIR.covers(date(2004, 1, 1))
    assert CANADA_CHAIR.covers(date(2004, 12, 31))
    assert not CANADA_CHAIR.covers(date(2003, 12, 31))
    assert not CANADA_CHAIR.covers(date(2005, 1, 1))


def test_consecutive_terms_do_not_overlap():
    assert not SOUTH_AFRICA_CHAIR.overlaps(CANADA_CHAIR)
    assert not CANADA_CHAIR.overlaps(SOUTH_AFRICA_CHAIR)


def test_terms_sharing_a_single_day_overlap():
    extended = Term(Office.CHAIR, "South Africa", date(2000, 5, 1), date(2004, 1, 1))
    assert extended.overlaps(CANADA_CHAIR)
    assert CANADA_CHAIR.overlaps(extended)


# --- check_no_overlap ---------------------------------------------------------------------------


def test_the_kpcs_terms_do_not_overlap():
    check_no_overlap(KPCS_TERMS)


def test_two_chairs_on_one_day_are_rejected():
    rival = Term(Office.CHAIR, "Botswana", date(2003, 7, 1), date(2004, 6, 30))
    with pytest.raises(OverlappingTermError) as raised:
        check_no_overlap([*KPCS_TERMS, rival])
    assert raised.value.params["office"] == "chair"


def test_an_overlap_hidden_behind_a_long_term_is_found():
    long = Term(Office.CHAIR, "A", date(2004, 1, 1), date(2010, 12, 31))
    with pytest.raises(OverlappingTermError):
        check_no_overlap([chair("C", 2008), long, chair("B", 2006)])


def test_a_chair_and_a_vice_chair_may_serve_on_the_same_days():
    check_no_overlap([CANADA_CHAIR, RUSSIA_VICE_CHAIR])


def test_no_terms_never_overlap():
    check_no_overlap([])


# --- departure_reason ---------------------------------------------------------------------------


def test_a_term_that_began_before_the_rule_took_effect_is_not_a_departure():
    assert departure_reason(SOUTH_AFRICA_CHAIR, [], RULE) is None


def test_a_calendar_year_term_follows_the_rule():
    assert departure_reason(CANADA_CHAIR, [SOUTH_AFRICA_CHAIR], RULE) is None
    assert departure_reason(RUSSIA_VICE_CHAIR, [CANADA_CHAIR], RULE) is None


def test_a_term_starting_other_than_on_the_first_of_january_departs_from_the_rule():
    term = Term(Office.CHAIR, "Canada", date(2004, 3, 1), date(2005, 2, 28))
    assert departure_reason(term, [], RULE) == "a term starts on 01-01"


def test_a_term_longer_than_twelve_months_departs_from_the_rule():
    extended = Term(Office.CHAIR, "Canada", date(2004, 1, 1), date(2005, 6, 30))
    assert departure_reason(extended, [], RULE) == "a term lasts 12 months"


def test_a_term_shorter_than_twelve_months_departs_from_the_rule():
    short = Term(Office.VICE_CHAIR, "Russian Federation", date(2004, 1, 1), date(2004, 6, 30))
    assert departure_reason(short, [], RULE) == "a term lasts 12 months"


def test_a_chair_other_than_the_outgoing_vice_chair_departs_from_the_rule():
    reason = departure_reason(chair("Botswana", 2005), KPCS_TERMS, RULE)
    assert reason == "the Vice Chair Russian Federation becomes Chair on 2005-01-01"


def test_the_outgoing_vice_chair_as_chair_the_following_year_follows_the_rule():
    assert departure_reason(chair("Russian Federation", 2005), KPCS_TERMS, RULE) is None


def test_a_projected_vice_chair_term_does_not_bind_the_succession():
    projected_vice = vice_chair("Russian Federation", 2004, projected=True)
    assert departure_reason(chair("Botswana", 2005), [projected_vice], RULE) is None


def test_a_vice_chair_who_did_not_complete_twelve_months_does_not_succeed():
    partial = Term(Office.VICE_CHAIR, "Russian Federation", date(2004, 7, 1), date(2004, 12, 31))
    assert departure_reason(chair("Botswana", 2005), [partial], RULE) is None


def test_a_vice_chair_whose_term_ended_earlier_does_not_succeed():
    assert departure_reason(chair("Botswana", 2006), KPCS_TERMS, RULE) is None


def test_without_the_succession_rule_any_holder_may_follow_the_vice_chair():
    rule = RotationRule(vice_chair_succeeds=False, effective_from=date(2003, 10, 31))
    assert departure_reason(chair("Botswana", 2005), KPCS_TERMS, rule) is None


def test_the_succession_rule_does_not_constrain_the_next_vice_chair():
    assert departure_reason(vice_chair("Botswana", 2005), KPCS_TERMS, RULE) is None


def test_without_an_effective_date_every_term_is_checked():
    rule = RotationRule()
    assert departure_reason(SOUTH_AFRICA_CHAIR, [], rule) == "a term starts on 01-01"


# --- validate_new_term --------------------------------------------------------------------------


def test_the_kpcs_terms_can_be_recorded_one_after_another():
    recorded: list[Term] = []
    for term in [*KPCS_TERMS, chair("Russian Federation", 2005)]:
        validate_new_term(term, recorded, RULE)
        recorded.append(term)


def test_a_term_ending_before_it_starts_is_rejected():
    reversed_term = Term(Office.CHAIR, "Canada", date(2004, 12, 31), date(2004, 1, 1))
    with pytest.raises(ReversedDatesError):
        validate_new_term(reversed_term, [], RULE)


def test_a_second_chair_for_a_year_already_chaired_is_rejected():
    with pytest.raises(OverlappingTermError) as raised:
        validate_new_term(chair("Botswana", 2004), KPCS_TERMS, RULE)
    assert raised.value.params["other"] == "Canada"
    assert raised.value.params["holder"] == "Botswana"


def test_a_second_vice_chair_for_a_year_is_rejected():
    with pytest.raises(OverlappingTermError):
        validate_new_term(vice_chair("Botswana", 2004), KPCS_TERMS, RULE)


def test_an_overlap_with_a_projected_term_is_not_an_overlap():
    projected = chair("Botswana", 2005, projected=True)
    validate_new_term(chair("Russian Federation", 2005), [*KPCS_TERMS, projected], RULE)


def test_a_departure_without_a_decision_is_rejected():
    with pytest.raises(DepartureNotAuthorizedError):
        validate_new_term(chair("Botswana", 2005), KPCS_TERMS, RULE)


def test_a_departure_flagged_without_citing_a_decision_is_rejected():
    with pytest.raises(DepartureNotAuthorizedError):
        validate_new_term(chair("Botswana", 2005, departure=True), KPCS_TERMS, RULE)


def test_a_decision_without_the_departure_flag_does_not_authorize_a_departure():
    with pytest.raises(DepartureNotAuthorizedError):
        validate_new_term(chair("Botswana", 2005, decision="2004-X-01"), KPCS_TERMS, RULE)


def test_a_departure_authorized_by_a_recorded_decision_is_accepted():
    extended = Term(
        Office.CHAIR,
        "Canada",
        date(2004, 1, 1),
        date(2005, 6, 30),
        decision="2004-X-01",
        departure=True,
    )
    validate_new_term(extended, [SOUTH_AFRICA_CHAIR, RUSSIA_VICE_CHAIR], RULE)


def test_the_departure_error_names_the_reason():
    with pytest.raises(DepartureNotAuthorizedError) as raised:
        validate_new_term(chair("Botswana", 2005), KPCS_TERMS, RULE)
    assert "Russian Federation" in raised.value.params["reason"]
    assert raised.value.code == "departure_not_authorized"


# --- projected_terms ----------------------------------------------------------------------------


def test_vice_chair_becomes_chair_the_following_year_as_projected_term():
    assert projected_terms(KPCS_TERMS, RULE) == [
        Term(
            Office.CHAIR,
            "Russian Federation",
            date(2005, 1, 1),
            date(2005, 12, 31),
            decision="2003-SC-05",
            projected=True,
        )
    ]


def test_no_projection_once_the_chair_for_that_year_is_confirmed():
    assert projected_terms([*KPCS_TERMS, chair("Russian Federation", 2005)], RULE) == []


def test_no_projection_over_a_confirmed_departing_chair():
    authorized = chair("Botswana", 2005, decision="2004-X-01", departure=True)
    assert projected_terms([*KPCS_TERMS, authorized], RULE) == []


def test_no_projection_without_the_succession_rule():
    assert projected_terms(KPCS_TERMS, RotationRule(vice_chair_succeeds=False)) == []


def test_a_projected_vice_chair_term_projects_nothing():
    assert projected_terms([vice_chair("Russian Federation", 2004, projected=True)], RULE) == []


def test_a_vice_chair_term_of_less_than_twelve_months_projects_nothing():
    partial = Term(Office.VICE_CHAIR, "Russian Federation", date(2004, 7, 1), date(2004, 12, 31))
    assert projected_terms([partial], RULE) == []


def test_a_projected_chair_term_lasts_a_standard_term_from_the_day_after_the_vice_chair():
    long_vice = Term(Office.VICE_CHAIR, "Botswana", date(2004, 1, 1), date(2005, 6, 30))
    (projected,) = projected_terms([long_vice], RULE)
    assert (projected.starts_on, projected.ends_on) == (date(2005, 7, 1), date(2006, 6, 30))


# --- timeline, holder_on, holders_on ------------------------------------------------------------


def test_the_timeline_lists_confirmed_and_projected_terms_by_office_then_start():
    assert [(t.office, t.holder, t.projected) for t in timeline(KPCS_TERMS, RULE)] == [
        (Office.CHAIR, "South Africa", False),
        (Office.CHAIR, "Canada", False),
        (Office.CHAIR, "Russian Federation", True),
        (Office.VICE_CHAIR, "Russian Federation", False),
    ]


def test_the_timeline_recomputes_projections_rather_than_trusting_stored_ones():
    stale = chair("Botswana", 2005, projected=True)
    holders = [t.holder for t in timeline([*KPCS_TERMS, stale], RULE) if t.projected]
    assert holders == ["Russian Federation"]


def test_nobody_holds_an_office_with_no_covering_term():
    assert holder_on(KPCS_TERMS, Office.VICE_CHAIR, date(2003, 6, 1)) is None


def test_holder_on_finds_the_covering_term_of_that_office():
    assert holder_on(KPCS_TERMS, Office.CHAIR, date(2004, 6, 1)) == CANADA_CHAIR
    assert holder_on(KPCS_TERMS, Office.VICE_CHAIR, date(2004, 6, 1)) == RUSSIA_VICE_CHAIR


def test_south_africa_chairs_in_2003_with_no_vice_chair():
    assert holders_on(KPCS_TERMS, RULE, date(2003, 6, 1)) == Holders(
        on=date(2003, 6, 1), chair=SOUTH_AFRICA_CHAIR, vice_chair=None
    )


def test_south_africa_chairs_from_the_inception_of_the_scheme():
    assert holders_on(KPCS_TERMS, RULE, date(2000, 5, 1)).chair == SOUTH_AFRICA_CHAIR
    assert holders_on(KPCS_TERMS, RULE, date(2000, 4, 30)).chair is None


def test_canada_chairs_and_the_russian_federation_is_vice_chair_in_2004():
    holders = holders_on(KPCS_TERMS, RULE, date(2004, 1, 1))
    assert holders.chair == CANADA_CHAIR
    assert holders.vice_chair == RUSSIA_VICE_CHAIR


def test_the_russian_federation_chairs_in_2005_as_a_projected_term():
    holders = holders_on(KPCS_TERMS, RULE, date(2005, 6, 1))
    assert holders.chair is not None
    assert holders.chair.holder == "Russian Federation"
    assert holders.chair.projected
    assert holders.vice_chair is None


def test_a_confirmed_chair_term_is_no_longer_marked_projected():
    confirmed = chair("Russian Federation", 2005, decision="2004-X-01")
    holders = holders_on([*KPCS_TERMS, confirmed], RULE, date(2005, 6, 1))
    assert holders.chair == confirmed


def test_nobody_holds_office_beyond_the_last_projected_term():
    assert holders_on(KPCS_TERMS, RULE, date(2006, 1, 1)) == Holders(
        on=date(2006, 1, 1), chair=None, vice_chair=None
    )
