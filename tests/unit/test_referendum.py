"""Ad referendum: adopted subject to confirmation, confirmed as a whole or point by point."""

from __future__ import annotations

from datetime import date

from governance.rules.referendum import OpenPoint, confirmed_on, open_points_on

JOHANNESBURG = date(2003, 4, 30)
SUN_CITY = date(2003, 10, 31)

DECISION_MAKING = OpenPoint("decision_making", "The issue relating to Decision Making")
RESOLVED_AT_SUN_CITY = OpenPoint(
    "decision_making",
    "The issue relating to Decision Making",
    resolved_on=SUN_CITY,
    resolved_by="2003-SC-04",
)


def test_an_unresolved_point_is_open_on_every_date():
    assert not DECISION_MAKING.resolved_by_date(date(2010, 1, 1))
    assert open_points_on([DECISION_MAKING], date(2010, 1, 1)) == [DECISION_MAKING]


def test_a_point_is_open_until_the_day_it_is_resolved():
    assert not RESOLVED_AT_SUN_CITY.resolved_by_date(date(2003, 10, 30))
    assert RESOLVED_AT_SUN_CITY.resolved_by_date(SUN_CITY)
    assert open_points_on([RESOLVED_AT_SUN_CITY], date(2003, 10, 30)) == [RESOLVED_AT_SUN_CITY]
    assert open_points_on([RESOLVED_AT_SUN_CITY], SUN_CITY) == []


def test_only_the_unresolved_points_remain_open():
    other = OpenPoint("other", "Another point")
    assert open_points_on([RESOLVED_AT_SUN_CITY, other], date(2004, 1, 1)) == [other]


def test_an_ad_referendum_adoption_with_open_points_is_not_confirmed():
    assert confirmed_on([DECISION_MAKING], None, date(2004, 1, 1)) is None


def test_an_ad_referendum_adoption_without_points_needs_an_explicit_confirmation():
    assert confirmed_on([], None, date(2004, 1, 1)) is None


def test_a_confirming_decision_confirms_the_whole_text_despite_open_points():
    assert confirmed_on([DECISION_MAKING], SUN_CITY, date(2004, 1, 1)) == SUN_CITY


def test_a_confirmation_does_not_count_before_its_date():
    assert confirmed_on([DECISION_MAKING], SUN_CITY, date(2003, 10, 30)) is None


def test_resolving_the_last_open_point_confirms_the_adoption_on_that_day():
    assert confirmed_on([RESOLVED_AT_SUN_CITY], None, date(2003, 10, 30)) is None
    assert confirmed_on([RESOLVED_AT_SUN_CITY], None, SUN_CITY) == SUN_CITY


def test_confirmation_comes_with_the_last_of_several_points_resolved():
    first = OpenPoint("a", "A", resolved_on=date(2003, 6, 1), resolved_by="W-1")
    assert confirmed_on([first, RESOLVED_AT_SUN_CITY], None, date(2003, 7, 1)) is None
    assert confirmed_on([first, RESOLVED_AT_SUN_CITY], None, date(2004, 1, 1)) == SUN_CITY


def test_an_earlier_confirmation_prevails_over_points_resolved_later():
    assert confirmed_on([RESOLVED_AT_SUN_CITY], date(2003, 6, 1), date(2004, 1, 1)) == date(
        2003, 6, 1
    )


def test_the_confirmation_date_does_not_move_when_a_later_confirmation_is_recorded():
    later_confirmation = date(2004, 3, 1)
    assert confirmed_on([RESOLVED_AT_SUN_CITY], later_confirmation, date(2003, 12, 1)) == SUN_CITY
    assert confirmed_on([RESOLVED_AT_SUN_CITY], later_confirmation, date(2004, 6, 1)) == SUN_CITY
