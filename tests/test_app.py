"""The entry point renders the Chair from the database (Streamlit AppTest, real SQLite file)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(database_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLENARY_DATABASE_URL", database_url)
    at = AppTest.from_file("../streamlit_app.py", default_timeout=60)
    at.run()
    return at


def test_shows_chair_and_vice_chair_on_the_chosen_date(app: AppTest) -> None:
    app.sidebar.date_input[0].set_value(date(2004, 6, 1)).run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Chair": "Canada", "Vice Chair": "Russian Federation"}
    app.sidebar.date_input[0].set_value(date(2005, 6, 1)).run()
    assert {m.label: m.value for m in app.metric} == {
        "Chair": "Russian Federation (projected)",
        "Vice Chair": "—",
    }
    app.sidebar.date_input[0].set_value(date(2003, 6, 1)).run()
    assert {m.label: m.value for m in app.metric}["Chair"] == "South Africa"
