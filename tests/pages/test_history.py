"""The Record history page: the audit check names what was changed outside the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import audits, decisions

CLERK = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(CLERK)


def _verify(open_page: Callable[..., AppTest]) -> AppTest:
    at = open_page("pages/views/history.py", actor=CLERK, as_of="2004-02-01", lang="en")
    at.button(key="history_verify").click().run()
    assert not at.exception, at.exception
    return at


def test_an_intact_record_is_reported_intact(open_page: Callable[..., AppTest]) -> None:
    at = _verify(open_page)
    assert any("is intact" in s.value for s in at.success)
    assert not at.error


def test_a_title_edited_in_sql_is_shown_by_table_record_and_field(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    decision = SQLModel.metadata.tables["decision"]
    with engine.begin() as connection:
        connection.execute(update(decision).where(decision.c.id == 1).values(title="Forged"))
    at = _verify(open_page)
    assert any("1 record differs" in e.value for e in at.error)
    assert not at.success
    shown = at.dataframe[0].value
    assert shown.to_dict("records") == [
        {"Kind of record": "decision", "Record number": "1", "Field": "title", "Change": "changed"}
    ]


def test_a_long_history_is_shown_a_page_at_a_time_with_its_total(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    for n in range(55):
        current = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date.max)
        decisions.edit_decision(
            engine=engine,
            actor=CLERK,
            reference="2003-SUN-04",
            expected_version=current.decision.version,
            title=f"Canada selected as Chair for 2004 ({n})",
        )
    every = audits.readable_history(
        engine=engine, kind="decision", name="2003-SUN-04", limit=1000
    ).changes
    at = open_page("pages/views/history.py", actor=CLERK, as_of="2004-02-01", lang="en")
    at.selectbox(key="history_table").set_value("decision").run()
    at.text_input(key="history_search").input("sun-04").run()
    at.selectbox(key="history_reference").set_value("2003-SUN-04").run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    assert shown["Entry"].unique().tolist() == [c.seq for c in every[:50]]
    assert any(c.value == f"1–50 of {len(every)}" for c in at.caption)
    at.number_input(key="history_page").set_value(2).run()
    shown = at.dataframe[0].value
    assert shown["Entry"].unique().tolist() == [c.seq for c in every[50:100]]
    assert any(c.value == f"51–{min(100, len(every))} of {len(every)}" for c in at.caption)
    # Another record starts again at its first page.
    at.selectbox(key="history_table").set_value("meeting").run()
    at.selectbox(key="history_reference").set_value("2003-johannesburg").run()
    assert not at.exception, at.exception
    meeting = audits.readable_history(engine=engine, kind="meeting", name="2003-johannesburg")
    assert at.dataframe[0].value["Entry"].unique().tolist() == [c.seq for c in meeting.changes]
