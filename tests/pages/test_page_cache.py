"""Public page data is shared between sessions until the record changes, and never stale."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance import db
from governance.rules.permissions import Actor, Role
from governance.services import decisions
from ui import page_cache

CLERK = Actor("clerk", Role.SECRETARIAT)


def register(at: AppTest) -> list[str]:
    """The register's first column (its references), whatever the interface language."""
    return list(at.dataframe[0].value.iloc[:, 0])


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_the_same_question_is_answered_once_until_the_record_changes(
    database_url: str,
) -> None:
    engine = db.get_engine(database_url)
    asked = decisions.RegisterFilter(on=date(2004, 2, 2), status="awaiting_formal_adoption")
    first = page_cache.read(decisions.page_of_decisions, engine=engine, asked=asked, limit=5)
    with statements(engine) as seen:
        again = page_cache.read(decisions.page_of_decisions, engine=engine, asked=asked, limit=5)
    assert again == first and first.total > 5
    assert [s for s in seen if "decisionperiod" in s] == []
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1  # the head
    with statements(engine) as seen:
        other = page_cache.read(decisions.page_of_decisions, engine=engine, asked=asked, limit=6)
    assert len(other.rows) == 6 and [s for s in seen if "decisionperiod" in s]


@pytest.mark.signed(CLERK)
def test_a_write_shows_at_once_in_a_session_that_had_the_register_cached(
    open_page: Callable[..., AppTest], database_url: str
) -> None:
    engine = db.get_engine(database_url)
    reader = open_page("pages/views/decisions.py", as_of="2026-12-01", lang="en")
    assert "2026-TEST-01" not in register(reader)
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference="2026-TEST-01",
        title="A decision recorded while the page was open",
        kind="administrative_decision",
        procedure="plenary",
        adopted_on=date(2026, 11, 30),
        text="The Plenary decided.",
    )
    reader.run()
    assert "2026-TEST-01" in register(reader)
