"""The register answered in SQL from stored decision periods says what the rules say, on every
day, after every kind of write — and keeps saying it when the periods are lost and refilled."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance import db
from governance.models import Decision, DecisionPeriod
from governance.rules.decision_status import DecisionStatus
from governance.rules.permissions import SYSTEM, Actor, Role
from governance.services import decisions, demo_data, lookup, procedures, record, translations
from governance.services.views import DecisionView
from governance.settings import get_settings

CLERK = Actor("clerk", Role.SECRETARIAT)


def by_the_rules(engine: Engine, on: date) -> list[DecisionView]:
    """The register computed the slow way: every decision's facts through the rules."""
    with Session(engine) as session:
        config = lookup.body_config(session)
        rows = session.exec(select(Decision).order_by(Decision.reference)).all()
        loaded = decisions.load(session, rows)
        views = [decisions.view(row, loaded, config.languages, on) for row in rows]
    return [v for v in views if v.status != DecisionStatus.NOT_YET.value]


def days_of(engine: Engine) -> list[date]:
    """Every day something happened, the day before and after, and a day far away."""
    with Session(engine) as session:
        starts = session.exec(select(DecisionPeriod.starts_on).distinct()).all()
    days = {d + timedelta(days=k) for d in starts if d != date.min for k in (-1, 0, 1)}
    return sorted(days | {date(2100, 1, 1)})


def test_the_2003_record_lists_on_every_day_what_the_rules_say(engine: Engine) -> None:
    for on in days_of(engine):
        assert decisions.list_decisions(engine=engine, on=on) == by_the_rules(engine, on), on


@pytest.mark.signed(CLERK)
def test_a_synthetic_history_lists_what_the_rules_say_after_every_kind_of_write(
    empty_database_url: str,
) -> None:
    engine = db.get_engine(empty_database_url)
    record.init_database(engine, get_settings(empty_database_url))
    demo_data.build(engine, scale=3, seed=5)
    days = days_of(engine)
    for on in days[:: max(1, len(days) // 60)]:
        assert decisions.list_decisions(engine=engine, on=on) == by_the_rules(engine, on), on


@pytest.mark.signed(CLERK)
def test_a_step_that_completes_rule_26_shows_in_the_register_at_once(engine: Engine) -> None:
    on = date(2026, 12, 1)
    waiting = decisions.list_decisions(engine=engine, on=on, status="awaiting_formal_adoption")
    target = waiting[0]
    for language in target.languages_missing:
        for state in ("final", "available"):
            translations.set_state(
                engine=engine,
                actor=CLERK,
                target=target.reference,
                language=language,
                state=state,
                on=on,
                text=f"{target.title} ({language})" if state == "final" else None,
            )
    (now,) = [
        d for d in decisions.list_decisions(engine=engine, on=on) if d.reference == target.reference
    ]
    assert now.status == DecisionStatus.FORMALLY_ADOPTED.value
    assert now.formally_adopted_on == on
    assert decisions.list_decisions(engine=engine, on=on) == by_the_rules(engine, on)
    before = on - timedelta(days=1)
    assert decisions.list_decisions(engine=engine, on=before) == by_the_rules(engine, before)


@pytest.mark.signed(CLERK)
def test_a_reply_and_the_deadline_move_a_written_procedure_in_the_register(
    engine: Engine,
) -> None:
    circulated, deadline = date(2026, 11, 20), date(2026, 11, 30)
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference="WP-2026-TEST",
        title="A proposal by written procedure",
        kind="administrative_decision",
        text="The Plenary agrees.",
        circulated_on=circulated,
        deadline=deadline,
    )

    def status(on: date) -> str | None:
        listed = decisions.list_decisions(engine=engine, on=on, procedure="written_procedure")
        return next((d.status for d in listed if d.reference == "WP-2026-TEST"), None)

    assert status(circulated - timedelta(days=1)) is None
    assert status(circulated) == DecisionStatus.PENDING.value
    assert status(deadline) == DecisionStatus.PENDING.value
    assert status(deadline + timedelta(days=1)) == DecisionStatus.AWAITING_FORMAL_ADOPTION.value
    for on in (circulated, deadline, deadline + timedelta(days=1)):
        assert decisions.list_decisions(engine=engine, on=on) == by_the_rules(engine, on)


def test_pages_and_the_count_agree_with_the_whole_list(engine: Engine) -> None:
    on = date(2026, 12, 1)
    whole = decisions.list_decisions(engine=engine, on=on)
    assert decisions.count_decisions(engine=engine, on=on) == len(whole) > 10
    pages = [
        decisions.list_decisions(engine=engine, on=on, limit=10, offset=start)
        for start in range(0, len(whole), 10)
    ]
    assert [d for page in pages for d in page] == whole
    assert all(len(page) == 10 for page in pages[:-1])
    ad_referendum = decisions.count_decisions(engine=engine, on=on, procedure="ad_referendum")
    assert ad_referendum == sum(1 for d in whole if d.procedure == "ad_referendum") > 0


def test_text_search_ignores_case_in_every_script(engine: Engine) -> None:
    on = date(2026, 12, 1)
    russian = decisions.list_decisions(engine=engine, on=on, text="ЛЬГОТНОГО ПЕРИОДА")
    assert "2003-JHB-01" in [d.reference for d in russian]  # its unofficial Russian version
    assert russian == decisions.list_decisions(engine=engine, on=on, text="льготного периода")
    assert decisions.list_decisions(engine=engine, on=on, text="100%_") == []


def test_periods_lost_are_refilled_from_the_rules_at_the_next_start(
    engine: Engine, database_url: str
) -> None:
    on = date(2004, 6, 1)
    expected = decisions.list_decisions(engine=engine, on=on)
    with db.audited(engine, SYSTEM.username, "test") as session:
        session.execute(delete(DecisionPeriod.__table__))  # type: ignore[attr-defined]
    assert decisions.list_decisions(engine=engine, on=on) == []
    record.init_database(engine, get_settings(database_url))
    assert decisions.list_decisions(engine=engine, on=on) == expected
    with Session(engine) as session:
        decided = session.exec(select(func.count()).select_from(Decision)).one()
        covered = session.exec(select(func.count(DecisionPeriod.decision_id.distinct()))).one()
    assert covered == decided
