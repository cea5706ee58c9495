"""AppTest fixtures: the real entry point against a database of its own holding the record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import signed
from streamlit.testing.v1 import AppTest

from governance import db
from governance.rules.permissions import Actor, Role

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture
def open_page(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open ``page`` (e.g. "pages/views/decisions.py") through the entry point."""
    monkeypatch.setenv("PLENARY_DATABASE_URL", database_url)

    def _open(page: str | None = None, actor: Actor | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(ENTRY, default_timeout=60)
        if actor is not None:  # signed in (the account is created if the test has none)
            at.session_state["actor"] = signed.session_of(db.get_engine(database_url), actor)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page)
            at.run()
        assert not at.exception, at.exception
        return at

    return _open
