"""Offices as the rule and the record say: confirming a rule-following term, terms in office by
the rule, authorizing decisions checked, terms known once their decision is adopted."""

from __future__ import annotations

from datetime import date

import pytest
from dbcheck import count
from offices_history import EXTENSION, months, plenary_decision, record, reply, written
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.models import Entity, EntityRename, OfficeTerm
from governance.rules.errors import (
    DecisionAdoptedAfterTermError,
    DecisionCannotAuthorizeTermError,
    DecisionPendingForTermError,
    DecisionRejectedForTermError,
    NoTermByRuleError,
    NumberOutOfRangeError,
    TermAlreadyRecordedError,
)
from governance.rules.permissions import Actor, PermissionDeniedError, Role
from governance.services import offices

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = [pytest.mark.db, pytest.mark.signed(SECRETARIAT)]


def test_confirming_the_chair_for_2005_records_the_vice_chair_of_2004(engine: Engine) -> None:
    term = offices.confirm_term(
        engine=engine,
        actor=SECRETARIAT,
        office="chair",
        year=2005,
        note="Confirmed by the record",
        source="Report 2005 ¶3",
    )
    assert (term.office, term.holder, term.starts_on, term.ends_on, term.decision) == (
        "chair",
        "Russian Federation",
        date(2005, 1, 1),
        date(2005, 12, 31),
        None,
    )
    with Session(engine) as session:
        stored = session.exec(
            select(OfficeTerm).where(OfficeTerm.starts_on == date(2005, 1, 1))
        ).one()
    assert (stored.office, stored.departure, stored.note, stored.source) == (
        "chair",
        False,
        "Confirmed by the record",
        "Report 2005 ¶3",
    )
    in_2005 = offices.holders_on(engine=engine, on=date(2005, 6, 1))
    assert in_2005.chair is not None
    assert (in_2005.chair.holder, in_2005.chair.projected, in_2005.chair.by_rule) == (
        "Russian Federation",
        False,
        False,
    )


def test_confirming_with_a_decision_cites_it(engine: Engine) -> None:
    plenary_decision(engine, SECRETARIAT, "2004-GAB-09", date(2004, 11, 5))
    term = offices.confirm_term(
        engine=engine, actor=SECRETARIAT, office="chair", year=2005, decision="2004-GAB-09"
    )
    assert term.decision == "2004-GAB-09"
    in_2005 = offices.holders_on(engine=engine, on=date(2005, 6, 1))
    assert in_2005.chair is not None and in_2005.chair.decision == "2004-GAB-09"


def test_a_term_already_recorded_is_not_confirmed_twice(engine: Engine) -> None:
    offices.confirm_term(engine=engine, actor=SECRETARIAT, office="chair", year=2005)
    terms = count(engine, OfficeTerm)
    with pytest.raises(TermAlreadyRecordedError) as raised:
        offices.confirm_term(engine=engine, actor=SECRETARIAT, office="chair", year=2005)
    assert "Russian Federation" in raised.value.message
    with pytest.raises(TermAlreadyRecordedError):  # Canada's recorded term
        offices.confirm_term(engine=engine, actor=SECRETARIAT, office="chair", year=2004)
    assert count(engine, OfficeTerm) == terms


@pytest.mark.parametrize(("office", "year"), [("chair", 2006), ("vice_chair", 2005)])
def test_when_the_rule_gives_nobody_nothing_is_confirmed(
    engine: Engine, office: str, year: int
) -> None:
    terms = count(engine, OfficeTerm)
    with pytest.raises(NoTermByRuleError):
        offices.confirm_term(engine=engine, actor=SECRETARIAT, office=office, year=year)
    assert count(engine, OfficeTerm) == terms


def test_confirming_is_for_the_secretariat_and_a_year_in_range(engine: Engine) -> None:
    with pytest.raises(PermissionDeniedError):
        offices.confirm_term(
            engine=engine, actor=Actor("reader", Role.DELEGATE), office="chair", year=2005
        )
    with pytest.raises(NumberOutOfRangeError):
        offices.confirm_term(engine=engine, actor=SECRETARIAT, office="chair", year=12005)


def test_a_begun_term_that_follows_the_rule_is_in_office_by_the_rule(engine: Engine) -> None:
    before = offices.holders_on(engine=engine, on=date(2004, 12, 31))
    on_first_day = offices.holders_on(engine=engine, on=date(2005, 1, 1))
    in_2026 = offices.timeline(engine=engine, on=date(2026, 12, 2))
    late_2004 = offices.timeline(engine=engine, on=date(2004, 12, 31))
    assert before.chair is not None and before.chair.holder == "Canada"
    assert on_first_day.chair is not None
    assert (on_first_day.chair.projected, on_first_day.chair.by_rule) == (False, True)
    assert on_first_day.as_dict()["chair_by_rule"] is True
    russia_2005 = [(t.projected, t.by_rule) for t in in_2026 if t.starts_on == date(2005, 1, 1)]
    assert russia_2005 == [(False, True)]
    not_begun = [(t.projected, t.by_rule) for t in late_2004 if t.starts_on == date(2005, 1, 1)]
    assert not_begun == [(True, False)]


def test_an_unrelated_recommendation_cannot_select_a_vice_chair(engine: Engine) -> None:
    plenary_decision(engine, SECRETARIAT, "2004-STAT-01", date(2004, 11, 5), "recommendation")
    terms = count(engine, OfficeTerm)
    with pytest.raises(DecisionCannotAuthorizeTermError) as raised:
        offices.select_vice_chair(
            engine=engine, actor=SECRETARIAT, holder="Botswana", year=2005, decision="2004-STAT-01"
        )
    assert "2004-STAT-01" in raised.value.message
    assert count(engine, OfficeTerm) == terms


def test_a_decision_adopted_after_the_term_begins_cannot_select(engine: Engine) -> None:
    plenary_decision(engine, SECRETARIAT, "2005-GAB-01", date(2005, 2, 1))
    terms = count(engine, OfficeTerm)
    with pytest.raises(DecisionAdoptedAfterTermError):
        offices.select_vice_chair(
            engine=engine, actor=SECRETARIAT, holder="Botswana", year=2005, decision="2005-GAB-01"
        )
    assert count(engine, OfficeTerm) == terms


def test_a_written_procedure_objected_to_cannot_authorize_a_term(engine: Engine) -> None:
    written(engine, SECRETARIAT, "2004-WP-09", date(2004, 10, 1), date(2004, 10, 31))
    reply(engine, SECRETARIAT, "2004-WP-09", "Canada", "objection", date(2004, 10, 10))
    terms = count(engine, OfficeTerm)
    with pytest.raises(DecisionRejectedForTermError):
        offices.record_term(
            engine=engine,
            actor=SECRETARIAT,
            office="chair",
            holder="Canada",
            starts_on=date(2005, 1, 1),
            ends_on=date(2005, 6, 30),
            decision="2004-WP-09",
            departure=True,
        )
    assert count(engine, OfficeTerm) == terms


def test_a_pending_written_procedure_cannot_authorize_a_term(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-10-15")
    written(engine, SECRETARIAT, "2004-WP-10", date(2004, 10, 1), date(2004, 10, 31))
    terms = count(engine, OfficeTerm)
    with pytest.raises(DecisionPendingForTermError):
        offices.record_term(
            engine=engine,
            actor=SECRETARIAT,
            office="chair",
            holder="Canada",
            starts_on=date(2005, 1, 1),
            ends_on=date(2005, 6, 30),
            decision="2004-WP-10",
            departure=True,
        )
    assert count(engine, OfficeTerm) == terms


def test_a_written_procedure_adopted_after_the_term_begins_cannot_authorize_it(
    engine: Engine,
) -> None:
    written(engine, SECRETARIAT, "2005-WP-09", date(2005, 1, 10), date(2005, 1, 31))
    with pytest.raises(DecisionAdoptedAfterTermError) as raised:
        offices.record_term(
            engine=engine,
            actor=SECRETARIAT,
            office="chair",
            holder="Canada",
            starts_on=date(2005, 1, 1),
            ends_on=date(2005, 6, 30),
            decision="2005-WP-09",
            departure=True,
        )
    assert raised.value.params["adopted"] == date(2005, 2, 1)


def test_only_adopted_decisions_that_can_authorize_are_offered(engine: Engine) -> None:
    record(engine, SECRETARIAT)
    plenary_decision(engine, SECRETARIAT, "2005-STAT-01", date(2005, 11, 5), "recommendation")
    written(engine, SECRETARIAT, "2005-WP-02", date(2005, 10, 1), date(2005, 10, 31))
    reply(engine, SECRETARIAT, "2005-WP-02", "Canada", "objection", date(2005, 10, 10))
    offered = [c.code for c in offices.eligible_decisions(engine=engine, on=date(2005, 11, 15))]
    assert offered[:2] == [EXTENSION, "2004-GAB-01"]
    assert "2005-STAT-01" not in offered and "2005-WP-02" not in offered
    assert "2003-SUN-05" in offered
    in_october = [c.code for c in offices.eligible_decisions(engine=engine, on=date(2005, 10, 15))]
    assert EXTENSION not in in_october


def test_a_term_authorized_by_a_written_procedure_is_known_once_adopted(engine: Engine) -> None:
    record(engine, SECRETARIAT)

    def chair_2006(on: date) -> list[tuple[str, date, date, bool, bool, str | None]]:
        return [
            (t.holder, t.starts_on, t.ends_on, t.projected, t.by_rule, t.decision)
            for t in offices.timeline(engine=engine, on=on)
            if t.office == "chair" and t.starts_on == date(2006, 1, 1)
        ]

    # Before the procedure's outcome: Botswana, Vice Chair 2005, is Chair 2006 by the rule.
    assert chair_2006(date(2005, 10, 31)) == [
        ("Botswana", date(2006, 1, 1), date(2006, 12, 31), True, False, "2004-GAB-01")
    ]
    assert chair_2006(date(2005, 11, 1)) == [
        ("Botswana", date(2006, 1, 1), date(2007, 12, 31), False, False, EXTENSION)
    ]
    for on in (date(2006, 6, 1), date(2007, 6, 1), date(2021, 6, 1)):
        assert chair_2006(on) == [
            ("Botswana", date(2006, 1, 1), date(2007, 12, 31), False, False, EXTENSION)
        ]
    in_2007 = offices.holders_on(engine=engine, on=date(2007, 6, 1))
    assert in_2007.chair is not None
    assert (in_2007.chair.holder, in_2007.chair.decision, in_2007.chair.departure) == (
        "Botswana",
        EXTENSION,
        True,
    )


def test_holders_and_timeline_agree_on_every_month(engine: Engine) -> None:
    record(engine, SECRETARIAT)
    for on in months(date(2003, 1, 1), date(2010, 12, 31)):
        holders = offices.holders_on(engine=engine, on=on)
        covering = {
            t.office: t
            for t in offices.timeline(engine=engine, on=on)
            if t.starts_on <= on <= t.ends_on
        }
        for office, term in (("chair", holders.chair), ("vice_chair", holders.vice_chair)):
            assert term == covering.get(office), (on, office)


def test_as_of_june_2004_the_vice_chair_selected_in_november_is_not_known(engine: Engine) -> None:
    record(engine, SECRETARIAT)
    terms = offices.timeline(engine=engine, on=date(2004, 6, 1))
    assert "Botswana" not in {t.holder for t in terms}
    assert "Botswana" in {t.holder for t in offices.timeline(engine=engine, on=date(2004, 11, 5))}


def test_a_renamed_holder_is_named_as_on_the_date(engine: Engine) -> None:
    with Session(engine) as session:
        entity = session.exec(select(Entity).where(Entity.name == "Russian Federation")).one()
        assert entity.id is not None
        session.add(
            EntityRename(entity_id=entity.id, renamed_on=date(2005, 6, 1), former_name=entity.name)
        )
        entity.name = "Russia"
        session.add(entity)
        session.commit()
    march = offices.holders_on(engine=engine, on=date(2005, 3, 1))
    july = offices.holders_on(engine=engine, on=date(2005, 7, 1))
    assert march.chair is not None and march.chair.holder == "Russian Federation"
    assert july.chair is not None and july.chair.holder == "Russia"
    assert {t.holder for t in offices.timeline(engine=engine, on=date(2004, 6, 1))} == {
        "South Africa",
        "Canada",
        "Russian Federation",
    }
    # The rule still sees one holder across the rename.
    term = offices.confirm_term(engine=engine, actor=SECRETARIAT, office="chair", year=2005)
    assert term.holder == "Russia"
