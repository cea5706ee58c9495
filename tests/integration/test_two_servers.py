"""Two app servers on one database (what a secretariat that outgrows one process runs behind a
reverse proxy): a decision recorded at the desk of one is on the register of the other at that
session's next rerun. Real servers (``streamlit run`` subprocesses on 127.0.0.1) driven by
Playwright in Debian's Chromium; the database is a SQLite file, or PostgreSQL under
``.ci/with-postgres`` (so ``make test-db`` runs it there too: it is not marked ``browser``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import signed

from bench import harness
from governance import db
from governance.rules.permissions import Actor, Role
from governance.services import accounts

CHROMIUM = Path("/usr/bin/chromium")
AS_OF = "2004-06-01"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium not installed (apt-get install chromium); .ci/run installs it",
)


def settle(page: Any) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000
    )
    page.wait_for_timeout(300)


def register_size(page: Any) -> int:
    text = page.locator("[data-testid='stMain']").inner_text()
    found = re.search(r"Decisions [\d,]+–[\d,]+ of ([\d,]+)", text)  # the register's total
    assert found, text
    return int(found.group(1).replace(",", ""))


def test_a_write_on_one_server_is_on_the_other_at_its_next_rerun(
    database_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    engine = db.get_engine(database_url)
    signed.accounts(engine, Actor("admin", Role.ADMIN))
    accounts.add_user(
        engine=engine, actor=Actor("admin", Role.ADMIN), username="clerk",
        role="secretariat", password=signed.PASSWORD,
    )  # fmt: skip
    query = f"?lang=en&as_of={AS_OF}"
    with (
        harness.serve(database_url, tmp_path / "a") as (first, _),
        harness.serve(database_url, tmp_path / "b") as (second, _),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        reader = browser.new_context(locale="en-GB").new_page()
        reader.goto(f"{second}/decisions?lang=en")  # as of today: the desk's default date
        settle(reader)
        before = register_size(reader)

        clerk = browser.new_context(locale="en-GB").new_page()
        clerk.goto(f"{first}/{query}")
        settle(clerk)
        sidebar = clerk.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("Sign in").first.click()
        sidebar.get_by_role("textbox", name="User name").fill("clerk")
        sidebar.get_by_role("textbox", name="Password").fill(signed.PASSWORD)
        sidebar.locator("[data-testid='stFormSubmitButton'] button").click()
        sidebar.get_by_text("Signed in as clerk").wait_for(timeout=60_000)
        settle(clerk)
        sidebar.get_by_role("link", name="Secretariat desk").click()
        settle(clerk)
        clerk.get_by_role("tab", name="Decisions").click()
        form = clerk.locator("[data-testid='stForm']").filter(
            has_text="Record a decision adopted in Plenary"
        )
        form.get_by_role("textbox", name="Reference").fill("2004-TWO-01")
        form.get_by_role("textbox", name="Title").fill("Recorded on the first server")
        form.get_by_role("textbox", name="Text").fill("Decided on server A.")
        form.get_by_role("button", name="Record the decision").click()
        clerk.get_by_text("Decision 2004-TWO-01 recorded").wait_for(timeout=60_000)

        # The reader's session on the other server: its next rerun (navigating in the same
        # session, not a reload) shows the new decision.
        side = reader.locator("[data-testid='stSidebar']")
        side.get_by_role("link", name="Overview").click()
        settle(reader)
        side.get_by_role("link", name="Decisions").click()
        settle(reader)
        assert register_size(reader) == before + 1
        assert reader.locator("[data-testid='stException']").count() == 0
        browser.close()
