"""Desk forms as a clerk meets them: cleared after a save, the field in error outlined, typed
dates kept while the as-of date changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.errors import NotFoundError
from governance.rules.permissions import Actor, Role
from governance.services import meetings

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
PAGE = "pages/views/secretariat.py"


@pytest.fixture(autouse=True)
def working_on_1_february_2004(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-01")


def fill_meeting(at: AppTest, title: str = "Plenary meeting of the KPCS") -> None:
    at.text_input(key="meeting_code").input("2004-gatineau")
    at.text_input(key="meeting_title").input(title)
    at.text_input(key="meeting_place").input("Gatineau")
    at.date_input(key="meeting_starts_on").set_value(date(2004, 10, 27))
    at.date_input(key="meeting_ends_on").set_value(date(2004, 10, 29))


def outlined(at: AppTest) -> list[str]:
    """The widget keys the page outlines as in error (its injected style rules)."""
    styles = [str(getattr(e.proto, "body", "")) for e in at.get("html")]
    return [
        key
        for key in ("meeting_title", "meeting_code", "meeting_place")
        if any(f".st-key-{key} " in s for s in styles)
    ]


def test_a_saved_form_starts_afresh_and_says_what_was_saved(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2003-06-01", lang="en")
    fill_meeting(at)
    at.button(key="meeting_submit").click().run()
    assert not at.exception and not at.error
    assert len(at.success) == 1 and "2004-gatineau" in at.success[0].value
    assert meetings.get_meeting(engine=engine, code="2004-gatineau", on=date(2004, 11, 1))
    assert at.text_input(key="meeting_code").value == ""
    assert at.text_input(key="meeting_title").value == ""
    assert at.date_input(key="meeting_starts_on").value == date(2004, 2, 1)  # today again
    at.run()  # the message belongs to that save only
    assert not at.success


def test_a_refused_form_keeps_what_was_typed_and_outlines_the_field_in_error(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2003-06-01", lang="en")
    fill_meeting(at, title="T" * 301)
    at.button(key="meeting_submit").click().run()
    assert len(at.error) == 1 and "301" in at.error[0].value
    assert outlined(at) == ["meeting_title"]
    assert at.text_input(key="meeting_code").value == "2004-gatineau"
    assert at.date_input(key="meeting_starts_on").value == date(2004, 10, 27)
    with pytest.raises(NotFoundError):
        meetings.get_meeting(engine=engine, code="2004-gatineau", on=date(2004, 11, 1))


def test_typed_dates_survive_a_change_of_the_as_of_date(
    open_page: Callable[..., AppTest],
) -> None:
    """The form's date fields keep what the clerk typed (they do not follow the as-of date,
    and changing it does not redraw them as new widgets)."""
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2003-06-01", lang="en")
    fill_meeting(at, title="T" * 301)
    at.button(key="meeting_submit").click().run()  # refused: what was typed is kept
    at.sidebar.date_input(key="as_of_choice").set_value(date(2003, 12, 1)).run()
    assert not at.exception
    assert at.date_input(key="meeting_starts_on").value == date(2004, 10, 27)
    assert at.date_input(key="meeting_ends_on").value == date(2004, 10, 29)
    assert at.text_input(key="meeting_code").value == "2004-gatineau"
