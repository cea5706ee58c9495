"""A delegate, in a real browser: reads the proposal's text, replies, confirms, sees the receipt,
and after the deadline the outcome."""

from __future__ import annotations

from datetime import date

import pytest
import signed
from browsing import BROWSER, settle

pytestmark = BROWSER

TEXT = "The Chair proposes that the Plenary admit the applicant as a Participant."
REFERENCE = "2004-WP-01"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock (read by the app under `streamlit run`) inside the period."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")


def _delegate(database_url: str) -> None:
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import accounts, procedures

    engine = db.get_engine(database_url)
    admin, clerk = Actor("admin", Role.ADMIN), Actor("clerk", Role.SECRETARIAT)
    signed.accounts(engine, admin, clerk)
    procedures.circulate(
        engine=engine,
        actor=clerk,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    accounts.add_user(
        engine=engine,
        actor=admin,
        username="tokyo",
        role="delegate",
        password=signed.PASSWORD,
        participant="Japan",
    )


def test_a_delegate_reads_the_proposal_replies_with_confirmation_and_sees_the_receipt(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    from governance import db
    from governance.services import procedures

    _delegate(database_url)
    page.goto(f"{app_url}/?lang=en")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Sign in").first.click()
    sidebar.get_by_role("textbox", name="User name").fill("tokyo")
    sidebar.get_by_role("textbox", name="Password").fill(signed.PASSWORD)
    sidebar.locator("[data-testid='stFormSubmitButton'] button").click()
    sidebar.get_by_text("Signed in as tokyo").wait_for(timeout=30_000)
    settle(page)
    sidebar.get_by_role("link", name="Reply to written procedures").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip() == "Reply to written procedures"
    assert TEXT in main.inner_text()  # the proposal is read before replying

    main.get_by_text("Objection", exact=True).click()
    main.get_by_role("button", name="Review the reply").click()
    # The rerun may not have begun when the click returns: wait for its result.
    main.get_by_role("button", name="Confirm and send").wait_for(timeout=30_000)
    settle(page)
    assert "not adopted by written procedure" in main.inner_text()
    engine = db.get_engine(database_url)
    view = procedures.get_procedure(engine=engine, reference=REFERENCE, on=date(2004, 2, 10))
    assert view.replies == ()  # nothing sent before the confirmation

    main.get_by_role("button", name="Confirm and send").click()
    main.get_by_text("Recorded: Objection from Japan to 2004-WP-01").wait_for(timeout=30_000)
    settle(page)
    text = main.inner_text()
    assert "received on 10 February 2004" in text and "by tokyo" in text
    assert "Japan replied on 10 February 2004: Objection." in text
    view = procedures.get_procedure(engine=engine, reference=REFERENCE, on=date(2004, 2, 10))
    assert [(r.participant, r.kind) for r in view.replies] == [("Japan", "objection")]
    assert page.locator("[data-testid='stException']").count() == 0
