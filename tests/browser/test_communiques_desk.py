"""In the browser: the secretariat records a meeting's communiqué at the desk, then reads it
on the Communiqués page."""

from __future__ import annotations

from datetime import date

import pytest
from browsing import BROWSER, settle, sign_in

pytestmark = BROWSER


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock says 1 November 2004 (set before the app starts)."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")


def test_the_secretariat_records_a_communique_and_reads_it(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import meetings

    sign_in(page, app_url, database_url)
    meetings.record_meeting(
        engine=db.get_engine(database_url),
        actor=Actor("clerk", Role.SECRETARIAT),
        code="2004-gatineau",
        title="Plenary meeting, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        host="Canada",
    )
    page.goto(f"{app_url}/secretariat?lang=en&as_of=2004-11-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("tab", name="Communiqués").click()
    form = main.locator("[data-testid='stForm']").filter(has_text="Record a communiqué")
    form.get_by_role("combobox").first.click()
    page.get_by_role("option", name="2004-gatineau — Plenary meeting, Gatineau").click()
    form.get_by_role("textbox", name="Code", exact=True).fill("2004-gatineau-communique")
    form.get_by_role("textbox", name="Title", exact=True).fill("Final Communiqué, Gatineau")
    form.get_by_role("textbox", name="Text in English").fill(
        "The Kimberley Process Plenary met in Gatineau.\n\nIt welcomed new Participants."
    )
    form.get_by_role("textbox", name="Note", exact=True).fill("Undated; issued on the last day.")
    form.get_by_role("textbox", name="Source", exact=True).fill("KP website")
    form.get_by_role("button", name="Record the communiqué").click()
    main.get_by_text("Communiqué 2004-gatineau-communique of 2004-gatineau recorded").wait_for(
        timeout=30_000
    )
    settle(page)

    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Communiqués").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("heading", name="Final Communiqué, Gatineau").wait_for(timeout=30_000)
    main.get_by_text("Final, made available on 1 November 2004.").wait_for(timeout=30_000)
    settle(page)
    shown = main.inner_text()
    assert "The Kimberley Process Plenary met in Gatineau." in shown
    assert "Final, made available on 1 November 2004." in shown
    assert "Note: Undated; issued on the last day." in shown
    assert "Source: KP website" in shown
