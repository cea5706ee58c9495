"""What browser tests share: where Chromium is, the marks that skip without it, waiting for
a rerun to end, signing a secretariat account in."""

from __future__ import annotations

from pathlib import Path

import pytest
import signed

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Chromium not installed (apt-get install chromium); .ci/run installs it",
    ),
]


def settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    page.wait_for_timeout(300)


def sign_in(page, app_url: str, database_url: str):  # type: ignore[no-untyped-def]
    """A clerk account, signed in by password in ``page``; its sidebar."""
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import accounts

    engine = db.get_engine(database_url)
    signed.accounts(engine, Actor("admin", Role.ADMIN))
    accounts.add_user(
        engine=engine,
        actor=Actor("admin", Role.ADMIN),
        username="clerk",
        role="secretariat",
        password=signed.PASSWORD,
    )
    page.goto(f"{app_url}/?lang=en&as_of=2004-06-01")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Sign in").first.click()
    sidebar.get_by_role("textbox", name="User name").fill("clerk")
    sidebar.get_by_role("textbox", name="Password").fill(signed.PASSWORD)
    sidebar.locator("[data-testid='stFormSubmitButton'] button").click()
    sidebar.get_by_text("Signed in as clerk").wait_for(timeout=30_000)
    settle(page)
    return sidebar
