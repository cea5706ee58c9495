"""No traceback reaches a visitor: out-of-range dates in a link are clamped with a notice, and a
page that fails shows one clear line in the visitor's language, keeping the navigation."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from governance.services import overview


@pytest.mark.parametrize(
    ("asked", "shown", "label"),
    [
        ("1899-01-01", date(1990, 1, 1), "1 January 1990"),
        ("2101-01-01", date(2100, 12, 31), "31 December 2100"),
    ],
)
def test_an_as_of_date_outside_the_record_is_clamped_with_a_notice(
    open_page: Callable[..., AppTest], asked: str, shown: date, label: str
) -> None:
    at = open_page(as_of=asked, lang="en")
    assert at.session_state["as_of"] == shown
    assert at.query_params["as_of"] == shown.isoformat()
    warnings = [w.value for w in at.warning]
    assert any(asked in w and f"shown as of {label}" in w for w in warnings), warnings
    for page in (
        "pages/views/chairs.py",
        "pages/views/decisions.py",
        "pages/views/participants.py",
    ):
        at.switch_page(page).run()
        assert not at.exception and not at.error, (page, at.exception)


def test_a_failing_page_shows_one_line_in_the_visitors_language_and_keeps_the_navigation(
    open_page: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(**_: object) -> None:
        raise ZeroDivisionError("a defect deep in the overview")

    monkeypatch.setattr(overview, "overview", broken)
    with caplog.at_level(logging.ERROR, logger="plenary.incident"):
        at = open_page(as_of="2004-06-01", lang="fr")
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Cette page n’a pas pu être affichée")
    assert "ZeroDivisionError" not in message and "Traceback" not in message
    reference = message.rsplit("référence ", 1)[1].rstrip(").")
    [record] = [r for r in caplog.records if reference in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError
    # The navigation is still there: another page opens normally.
    at.switch_page("pages/views/chairs.py").run()
    assert not at.exception and not at.error
