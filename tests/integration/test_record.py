"""The embedded 2003 record, loaded through the services, answers as the report says."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance import db
from governance.models import Decision, Entity
from governance.services import (
    bodies,
    deadlines,
    decisions,
    meetings,
    offices,
    participants,
    record,
)
from governance.settings import get_settings


def test_init_loads_the_record_once_and_is_idempotent(empty_database_url: str) -> None:
    engine = db.get_engine(empty_database_url)
    settings = get_settings(empty_database_url)
    assert record.init_database(engine, settings) is True
    assert record.init_database(engine, settings) is False
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Decision)).one() == 22
        assert session.exec(select(func.count()).select_from(Entity)).one() == 49


def test_chair_and_vice_chair_on_dates_from_the_record(engine: Engine) -> None:
    assert offices.holders_on(engine=engine, on=date(2003, 6, 1)).as_dict() == {
        "on": "2003-06-01",
        "chair": "South Africa",
        "vice_chair": None,
        "chair_projected": False,
        "vice_chair_projected": False,
        "chair_by_rule": False,
        "vice_chair_by_rule": False,
    }
    assert offices.holders_on(engine=engine, on=date(2004, 6, 1)).as_dict() == {
        "on": "2004-06-01",
        "chair": "Canada",
        "vice_chair": "Russian Federation",
        "chair_projected": False,
        "vice_chair_projected": False,
        "chair_by_rule": False,
        "vice_chair_by_rule": False,
    }
    in_2005 = offices.holders_on(engine=engine, on=date(2005, 6, 1))
    assert in_2005.chair is not None and in_2005.chair.holder == "Russian Federation"
    assert in_2005.chair.by_rule and not in_2005.chair.projected
    assert in_2005.chair.decision == "2003-SUN-05"
    assert in_2005.vice_chair is None
    assert offices.holders_on(engine=engine, on=date(1999, 1, 1)).chair is None


def test_timeline_marks_only_the_2005_chair_as_following_the_rule(engine: Engine) -> None:
    terms = offices.timeline(engine=engine)
    assert [(t.office, t.holder, t.starts_on.year, t.projected, t.by_rule) for t in terms] == [
        ("chair", "South Africa", 2000, False, False),
        ("chair", "Canada", 2004, False, False),
        ("chair", "Russian Federation", 2005, False, True),
        ("vice_chair", "Russian Federation", 2004, False, False),
    ]
    in_2004 = offices.timeline(engine=engine, on=date(2004, 6, 1))
    assert [(t.holder, t.projected, t.by_rule) for t in in_2004 if t.starts_on.year == 2005] == [
        ("Russian Federation", True, False)
    ]


def test_the_list_certified_on_31_october_2003(engine: Engine) -> None:
    certified = participants.list_entities(
        engine=engine, on=date(2003, 10, 31), status="participant"
    )
    names = [p.name for p in certified]
    # The report's numbered list has 45 entries: 44 States and the European Community
    # (the Sun City communiqué speaks of 45 States; that figure is kept as reported).
    assert len(names) == 45
    assert {"Brazil", "Romania", "Togo", "European Community", "Cote D' Ivoire"} <= set(names)
    assert sum(1 for p in certified if p.kind == "reio") == 1
    assert all(p.since == date(2003, 10, 31) for p in certified)
    assert (
        participants.list_entities(engine=engine, on=date(2003, 10, 30), status="participant") == []
    )


def test_chinese_taipei_observers_and_liberia(engine: Engine) -> None:
    on = date(2003, 11, 1)
    taipei = participants.get_entity(engine=engine, name="chinese taipei", on=on)
    assert (taipei.kind, taipei.status, taipei.since) == (
        "trading_entity",
        "trading_entity",
        date(2003, 5, 10),
    )
    observers = {
        p.name for p in participants.list_entities(engine=engine, on=on, status="observer")
    }
    assert observers == {"World Diamond Council", "Civil society organisations"}
    liberia = participants.get_entity(engine=engine, name="Liberia", on=on)
    assert liberia.status == "applicant" and liberia.stage == "intent_declared"
    assert liberia.blocked_reason and "embargo" in liberia.blocked_reason
    assert liberia.history[0].decision == "2003-JHB-09"


def test_every_decision_with_its_procedure_and_rule_26_status(engine: Engine) -> None:
    listed = decisions.list_decisions(engine=engine, on=date(2004, 6, 1))
    assert len(listed) == 22
    by_ref = {d.reference: d for d in listed}
    assert by_ref["2003-JHB-02"].procedure == "ad_referendum"
    assert by_ref["2003-JHB-02"].status == "adopted_ad_referendum"
    assert by_ref["2003-JHB-02"].open_points == 1
    assert {d.procedure for r, d in by_ref.items() if r != "2003-JHB-02"} == {"plenary"}
    sun_city = decisions.list_decisions(engine=engine, on=date(2004, 6, 1), meeting="2003-sun-city")
    assert len(sun_city) == 12
    for d in sun_city:
        assert d.formally_adopted_on is None
        assert d.status == "awaiting_formal_adoption"
        assert d.languages_available == ("en",)
        assert d.languages_missing == ("fr", "pt", "es", "ru")


def test_decisions_do_not_exist_before_their_meeting(engine: Engine) -> None:
    assert decisions.list_decisions(engine=engine, on=date(2003, 4, 29)) == []
    assert len(decisions.list_decisions(engine=engine, on=date(2003, 4, 30))) == 10


def test_decision_filters(engine: Engine) -> None:
    on = date(2004, 1, 1)
    ad_ref = decisions.list_decisions(engine=engine, on=on, procedure="ad_referendum")
    assert [d.reference for d in ad_ref] == ["2003-JHB-02"]
    found = decisions.list_decisions(engine=engine, on=on, text="world customs")
    assert [d.reference for d in found] == ["2003-SUN-11"]
    assert decisions.list_decisions(engine=engine, on=on, language="fr") == []
    assert (
        len(decisions.list_decisions(engine=engine, on=on, status="awaiting_formal_adoption")) == 21
    )


def test_deadlines_of_the_tolerance_period_on_dates(engine: Engine) -> None:
    may = {o.title: o.state for o in deadlines.list_deadlines(engine=engine, on=date(2003, 5, 1))}
    assert may["Chair issues an updated list of Participants"] == "open"
    assert may["Participants submit relevant documentation"] == "open"
    july = {o.title: o.state for o in deadlines.list_deadlines(engine=engine, on=date(2003, 7, 1))}
    assert july["Participants submit relevant documentation"] == "closed"
    assert july["Review mission to the Central African Republic takes place"] == "met"
    assert july["Chair issues a revised list of Participants"] == "overdue"
    later = deadlines.list_deadlines(engine=engine, on=date(2004, 1, 1), state="open")
    assert [o.due_on for o in later] == [date(2006, 7, 31)]
    assert deadlines.list_deadlines(engine=engine, on=date(2003, 4, 1)) == []


def test_meetings_with_reported_figures_and_communiques(engine: Engine) -> None:
    held = meetings.list_meetings(engine=engine, on=date(2003, 12, 31))
    assert [m.code for m in held] == ["2003-johannesburg", "2003-sun-city"]
    sun_city = held[1]
    figures = {f.key: f.value for f in sun_city.figures}
    assert figures == {"participating_states": 45, "participating_reios": 1, "applicant_states": 20}
    assert sun_city.communique == "2003-sun-city-communique"
    assert len(sun_city.decisions) == 12
    communique = meetings.get_communique(
        engine=engine, code="2003-johannesburg-communique", on=date(2003, 5, 1)
    )
    english = communique.versions[0]
    assert (english.language, english.state, english.available_on) == (
        "en",
        "available",
        date(2003, 4, 30),
    )
    assert "Fifty-one (51) states" in english.text
    assert [v.state for v in communique.versions[1:]] == ["missing"] * 4
    assert len(communique.decisions) == 10


def test_working_groups_and_the_car_review_mission(engine: Engine) -> None:
    groups = {g.code: g for g in bodies.list_working_groups(engine=engine, on=date(2003, 12, 31))}
    assert set(groups) == {
        "rules-of-procedure",
        "monitoring",
        "statistics",
        "diamond-experts",
        "participation-committee",
    }
    assert groups["statistics"].decisions == ("2003-JHB-05", "2003-JHB-06", "2003-SUN-09")
    assert "participation-committee" not in {
        g.code for g in bodies.list_working_groups(engine=engine, on=date(2003, 4, 1))
    }
    (mission,) = bodies.list_review_missions(engine=engine, on=date(2003, 12, 31))
    assert (mission.target, mission.starts_on, mission.ends_on) == (
        "Central African Republic",
        date(2003, 6, 8),
        date(2003, 6, 15),
    )
    assert (mission.decision, mission.report_considered_at) == ("2003-JHB-08", "2003-sun-city")
    assert bodies.list_review_missions(engine=engine, on=date(2003, 6, 1)) == []
    assert bodies.get_body(engine=engine).official_languages == ("en", "fr", "pt", "es", "ru")


def test_timeline_as_of_a_date_shows_only_terms_decided_by_then(engine: Engine) -> None:
    before_sun_city = offices.timeline(engine=engine, on=date(2003, 6, 1))
    assert [(t.holder, t.projected) for t in before_sun_city] == [("South Africa", False)]
    after = offices.timeline(engine=engine, on=date(2003, 10, 31))
    assert len(after) == 4
