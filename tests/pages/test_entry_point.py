"""The entry point's own cost: a public visitor's rerun sends no SQL (the sign-in form, and the
question whether an admin exists, only while the sign-in expander is open); a signed-in
visitor's account is re-read at every rerun, once."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import signed
from sqlalchemy import event
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import accounts

ROOT = Path(__file__).resolve().parents[2]
CLERK = Actor("clerk", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)


@pytest.fixture
def around_empty_pages(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], AppTest]:
    """The entry point as it is, with every page it lists an empty script."""
    monkeypatch.setenv("PLENARY_DATABASE_URL", database_url)
    shutil.copy(ROOT / "streamlit_app.py", tmp_path / "streamlit_app.py")
    (tmp_path / "pages" / "views").mkdir(parents=True)
    for page in (ROOT / "pages" / "views").glob("*.py"):
        (tmp_path / "pages" / "views" / page.name).write_text("")
    return lambda: AppTest.from_file(str(tmp_path / "streamlit_app.py"), default_timeout=60)


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_public_rerun_sends_no_sql(
    around_empty_pages: Callable[[], AppTest], engine: Engine
) -> None:
    at = around_empty_pages()
    at.run()
    assert not at.exception
    with statements(engine) as sent:
        for _ in range(3):
            at.run()
            assert not at.exception
    assert sent == []
    assert not at.sidebar.text_input  # no sign-in form while the expander is closed


def test_the_open_sign_in_expander_says_while_no_admin_exists(
    around_empty_pages: Callable[[], AppTest], engine: Engine
) -> None:
    at = around_empty_pages()
    at.run()
    at.session_state["sign_in_open"] = True
    at.run()
    assert [t.key for t in at.sidebar.text_input] == ["sign_in_user", "sign_in_password"]
    assert any("first admin account" in i.value for i in at.sidebar.info)
    signed.accounts(engine, ADMIN)
    at.run()
    assert not any("first admin account" in i.value for i in at.sidebar.info)


@pytest.mark.signed(CLERK, ADMIN)
def test_a_signed_in_rerun_rereads_the_account_once(
    around_empty_pages: Callable[[], AppTest], engine: Engine
) -> None:
    at = around_empty_pages()
    at.session_state["actor"] = signed.session_of(engine, CLERK)
    at.run()
    with statements(engine) as sent:
        at.run()
    assert len([s for s in sent if "FROM account" in s]) == 1
    assert not at.exception and at.session_state["actor"][0] == "clerk"
    accounts.disable_user(engine=engine, actor=ADMIN, username="clerk")
    at.run()
    assert "actor" not in at.session_state  # signed out at the next rerun


def test_the_page_gets_the_context_the_entry_point_resolved(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    """The page run by the entry point does not resolve the context (nor re-read the account)
    a second time: the entry point hands it over."""
    at = open_page("pages/views/chairs.py", actor=CLERK, as_of="2004-06-01", lang="en")
    with statements(engine) as sent:
        at.run()
    account_reads = [s for s in sent if "FROM account" in s]
    assert len(account_reads) == 1, account_reads
    assert "resolved_context" not in at.session_state
