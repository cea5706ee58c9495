"""The Record history page: the audit check names what was changed outside the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role

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
