"""Who sees what: anonymous visitors, a delegate, the secretariat, sign-in and the identity
provider's e-mail mapping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import signed
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.errors import DelegateReplyDateError, ReplyOutsidePeriodError
from governance.rules.permissions import Actor, Role
from governance.services import accounts, procedures

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")

ADMIN = Actor("admin", Role.ADMIN)
CLERK = Actor("clerk", Role.SECRETARIAT)
JAPAN = Actor("tokyo", Role.DELEGATE, "Japan")
PASSWORD = "correct horse battery"
pytestmark = pytest.mark.signed(ADMIN)


def test_anonymous_visitor_opening_the_desk_url_is_refused(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/secretariat.py", as_of="2004-02-01", lang="en")
    assert any("Sign in first" in e.value for e in at.error)
    assert not at.tabs and not at.main.text_input
    history = open_page("pages/views/history.py", as_of="2004-02-01", lang="en")
    assert any("Sign in first" in e.value for e in history.error)


def test_a_delegate_replies_for_their_own_participant_only(
    open_page: Callable[..., AppTest], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    signed.accounts(engine, CLERK)
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference="2004-WP-01",
        title="Admission",
        kind="other",
        text="The Chair proposes …",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    at = open_page("pages/views/replies.py", actor=JAPAN, as_of="2004-02-10", lang="en")
    assert at.title[0].value == "Reply to written procedures"
    labels = [r.label for r in at.radio]
    assert labels == ["Reply of Japan"]  # no way to choose another Participant
    assert not at.main.selectbox
    at.button(key="FormSubmitter:reply_2004-WP-01-Review the reply").click().run()
    assert [e.value for e in at.error] == ["Choose support or objection first."]  # no default
    at.radio[0].set_value("objection")
    at.button(key="FormSubmitter:reply_2004-WP-01-Review the reply").click().run()
    at.button(key="confirm_send_2004-WP-01").click().run()  # confirmed, then sent
    view = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 1))
    assert [(r.participant, r.kind, r.received_on) for r in view.replies] == [
        ("Japan", "objection", date(2004, 2, 10))
    ]
    assert view.outcome == "not_adopted"
    receipt = [s.value for s in at.success]
    assert any(
        s.startswith("Recorded: Objection from Japan to 2004-WP-01, received on 10 February 2004")
        and "by tokyo" in s
        for s in receipt
    ), receipt
    desk = open_page("pages/views/secretariat.py", actor=JAPAN, as_of="2004-02-10", lang="en")
    assert any("Sign in first" in e.value for e in desk.error)


def test_a_delegate_cannot_send_a_reply_into_the_past_by_viewing_an_earlier_date(
    open_page: Callable[..., AppTest], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The procedure closed (adopted) on 29 February 2004; today is later. Viewing the record as
    of a day inside the period offers no reply, and the service refuses a back-dated one."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-03-10")
    signed.accounts(engine, CLERK)
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference="2004-WP-01",
        title="Admission",
        kind="other",
        text="The Chair proposes …",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    at = open_page("pages/views/replies.py", actor=JAPAN, as_of="2004-02-10", lang="en")
    assert not at.radio and not at.main.button
    infos = [i.value for i in at.info]
    assert "No written procedure is open on this date." in infos
    assert any(i.startswith("Replies are received today (10 March 2004)") for i in infos)
    with pytest.raises(DelegateReplyDateError):
        procedures.record_reply(
            engine=engine,
            actor=JAPAN,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
            received_on=date(2004, 2, 10),
        )
    with pytest.raises(ReplyOutsidePeriodError):  # received today: after the deadline
        procedures.record_reply(
            engine=engine,
            actor=JAPAN,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
        )
    view = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 10))
    assert (view.outcome, view.replies) == ("adopted", ())


def test_signing_in_with_a_password_opens_the_desk(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    accounts.add_user(
        engine=engine, actor=ADMIN, username="clerk", role="secretariat", password=PASSWORD
    )
    at = open_page(as_of="2004-02-01", lang="en")
    assert not at.sidebar.text_input  # the form is built only once the expander is opened
    at.session_state["sign_in_open"] = True
    at.run()
    at.sidebar.text_input(key="sign_in_user").input("clerk")
    at.sidebar.text_input(key="sign_in_password").input("wrong password!")
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert any("Wrong user name or password" in e.value for e in at.error)
    assert "actor" not in at.session_state
    at.sidebar.text_input(key="sign_in_password").input(PASSWORD)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert at.session_state["actor"] == ("clerk", "secretariat", None, 1)
    at.switch_page("pages/views/secretariat.py").run()
    assert not at.error and at.title[0].value == "Secretariat desk"


def test_identity_provider_email_signs_in_the_mapped_account(
    database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_DATABASE_URL", database_url)
    accounts.add_user(
        engine=engine,
        actor=ADMIN,
        username="clerk",
        role="secretariat",
        password=PASSWORD,
        email="clerk@kimberleyprocess.example",
    )
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.user = {"is_logged_in": True, "email": "clerk@kimberleyprocess.example"}
    at.run()
    assert at.session_state["actor"] == ("clerk", "secretariat", None, 1)
    stranger = AppTest.from_file(ENTRY, default_timeout=60)
    stranger.user = {"is_logged_in": True, "email": "someone@example.org"}
    stranger.run()
    assert "actor" not in stranger.session_state
