"""The Overview's reported participation and the register-vs-report comparison, from the data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.db import transaction
from governance.models import Meeting, ReportedFigure
from governance.services import overview

pytestmark = pytest.mark.db


def test_before_any_meeting_nothing_is_reported(engine: Engine) -> None:
    view = overview.overview(engine=engine, on=date(2003, 4, 29))
    assert view.reported is None and not view.states_discrepancy


def test_johannesburg_reports_51_states_and_one_reio_while_none_is_certified(
    engine: Engine,
) -> None:
    view = overview.overview(engine=engine, on=date(2003, 6, 1))
    assert view.reported is not None
    assert (view.reported.states, view.reported.reios) == (51, 1)
    assert view.reported.source == "Annex 1 ¶1" and "Johannesburg" in view.reported.meeting
    assert (view.participants, view.certified_states) == (0, 0)
    assert not view.states_discrepancy


def test_after_sun_city_44_certified_states_against_45_reported(engine: Engine) -> None:
    view = overview.overview(engine=engine, on=date(2004, 6, 1))
    assert view.reported is not None and "Sun City" in view.reported.meeting
    assert (view.reported.states, view.reported.source) == (45, "Annex 2 ¶2")
    assert (view.participants, view.certified_states) == (45, 44)
    assert view.states_discrepancy


def test_a_later_meeting_that_reports_the_registers_count_ends_the_note(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        meeting = Meeting(
            code="2004-test",
            kind="plenary",
            title="Test Plenary",
            place="Nowhere",
            starts_on=date(2004, 3, 1),
            ends_on=date(2004, 3, 2),
        )
        session.add(meeting)
        session.flush()
        assert meeting.id is not None
        session.add(
            ReportedFigure(meeting_id=meeting.id, key="participating_states", value=44, source="X")
        )
        session.commit()
    view = overview.overview(engine=engine, on=date(2004, 6, 1))
    assert view.reported is not None
    assert (view.reported.meeting, view.reported.states, view.reported.reios) == (
        "Test Plenary",
        44,
        None,
    )
    assert not view.states_discrepancy
    # before the new meeting ends, Sun City's figure still stands
    assert overview.overview(engine=engine, on=date(2004, 3, 1)).states_discrepancy


def test_the_figures_read_are_the_ones_stored(engine: Engine) -> None:
    with transaction(engine) as session:
        stored = session.exec(
            select(ReportedFigure.value).where(ReportedFigure.key == "participating_states")
        ).all()
    assert sorted(stored) == [45, 51]
