"""A signed-in session follows its account: disabled, re-passworded or given another role, it
is signed out on its next rerun, with a notice in the session's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import signed
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import accounts

ADMIN = Actor("admin", Role.ADMIN)
CLERK = Actor("clerk", Role.SECRETARIAT)
DESK = "pages/views/secretariat.py"
NOTICE = "You have been signed out: your account was disabled or changed. Sign in again."

pytestmark = pytest.mark.signed(ADMIN)


def _signed_out(at: AppTest) -> None:
    assert "actor" not in at.session_state
    assert any(NOTICE in w.value for w in at.warning)
    assert any("Sign in first" in e.value for e in at.error)  # the desk is closed to it now
    assert not at.tabs


@pytest.mark.parametrize(
    "change",
    [
        lambda engine: accounts.disable_user(engine=engine, actor=ADMIN, username="clerk"),
        lambda engine: accounts.set_password(
            engine=engine, actor=ADMIN, username="clerk", password="another long password"
        ),
        lambda engine: accounts.set_role(
            engine=engine, actor=ADMIN, username="clerk", role="delegate", participant="Japan"
        ),
    ],
    ids=["disabled", "re-passworded", "demoted"],
)
def test_a_session_whose_account_changed_is_signed_out_on_its_next_rerun(
    open_page: Callable[..., AppTest], engine: Engine, change: Callable[[Engine], object]
) -> None:
    at = open_page(DESK, actor=CLERK, as_of="2004-02-01", lang="en")
    assert at.title[0].value == "Secretariat desk" and not at.error
    change(engine)
    at.run()
    _signed_out(at)
    at.run()  # the notice is shown once
    assert not any(NOTICE in w.value for w in at.warning)


def test_a_session_whose_account_stands_stays_signed_in(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(DESK, actor=CLERK, as_of="2004-02-01", lang="en")
    signed.accounts(engine, Actor("other", Role.SECRETARIAT))
    accounts.disable_user(engine=engine, actor=ADMIN, username="other")  # someone else
    at.run()
    assert at.session_state["actor"][:2] == ("clerk", "secretariat")
    assert at.title[0].value == "Secretariat desk" and not at.warning


def test_the_accounts_page_disables_enables_and_changes_roles(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    signed.accounts(engine, CLERK)
    at = open_page("pages/views/accounts.py", actor=ADMIN, as_of="2004-02-01", lang="en")
    at.text_input(key="disable_user").input("admin")
    at.button(key="FormSubmitter:disable_form-Disable").click().run()
    assert any("cannot disable your own account" in e.value for e in at.error)
    at.text_input(key="disable_user").input("clerk")
    at.button(key="FormSubmitter:disable_form-Disable").click().run()
    assert any("Account clerk disabled." in s.value for s in at.success)
    at.text_input(key="enable_user").input("clerk")
    at.button(key="FormSubmitter:enable_form-Enable").click().run()
    assert any("Account clerk enabled." in s.value for s in at.success)
    at.text_input(key="role_user").input("admin")
    at.selectbox(key="role_role").set_value("secretariat")
    at.button(key="FormSubmitter:role_form-Change the role").click().run()
    assert any("last enabled admin" in e.value for e in at.error)
    at.text_input(key="role_user").input("clerk")
    at.selectbox(key="role_role").set_value("delegate")
    at.selectbox(key="role_participant").set_value("Japan")
    at.button(key="FormSubmitter:role_form-Change the role").click().run()
    assert any("clerk is now Delegate." in s.value for s in at.success)
    assert ("clerk", "delegate", "Japan", False) in accounts.list_users(engine=engine, actor=ADMIN)
