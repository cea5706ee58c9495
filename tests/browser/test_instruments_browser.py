"""External instruments and the record history in a real browser: the page, Liberia's block
citing the embargo, and the desk recording an instrument."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from browsing import BROWSER, settle
from browsing import sign_in as _sign_in

pytestmark = BROWSER
SHOTS = os.environ.get("PLENARY_SCREENSHOTS")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_instruments_page_and_liberias_block(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/instruments?lang=en&as_of=2004-06-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip() == "External instruments"
    assert page.locator("[data-testid='stException']").count() == 0
    _shot(page, "instruments")
    page.goto(f"{app_url}/participants?lang=en&as_of=2004-06-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    text = main.inner_text()
    assert "External instruments cited" in text  # Liberia, the first applicant, is shown
    assert "S/RES/1343 (2001)" in text
    main.get_by_text("External instruments cited").scroll_into_view_if_needed()
    _shot(page, "participants")


def test_the_desk_records_an_instrument_and_the_history_reads_it(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    sidebar = _sign_in(page, app_url, database_url)
    sidebar.get_by_role("link", name="Secretariat desk").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("tab", name="External instruments").click()
    main.locator(".st-key-instrument_reference input").fill("A/RES/58/290")
    main.locator(".st-key-instrument_body").click()
    page.get_by_role("option", name="United Nations General Assembly").click()
    main.locator(".st-key-instrument_kind").click()
    page.get_by_role("option", name="Resolution").click()
    main.locator(".st-key-instrument_adopted_on input").fill("2004-04-14")
    main.locator(".st-key-instrument_adopted_on input").press("Enter")
    main.locator(".st-key-instrument_title input").fill("The role of diamonds in fuelling conflict")
    _shot(page, "desk")
    main.locator(".st-key-instrument_submit button").click()
    # The saved form starts afresh and says what it stored (after its rerun).
    main.get_by_text("A/RES/58/290 of 14 April 2004 recorded.").wait_for(timeout=30_000)
    settle(page)
    assert main.locator(".st-key-instrument_reference input").input_value() == ""
    assert page.locator("[data-testid='stException']").count() == 0
    from governance import db
    from governance.services import instruments

    stored = instruments.list_instruments(engine=db.get_engine(database_url), on=date.max)
    assert [(i.reference, i.body, i.adopted_on) for i in stored][-1] == (
        "A/RES/58/290",
        "unga",
        date(2004, 4, 14),
    )
    sidebar.get_by_role("link", name="Record history").click()
    settle(page)
    main.locator(".st-key-history_table").click()
    page.get_by_role("option", name="External instrument").click()
    main.get_by_text("External instrument", exact=True).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    settle(page)
    main.locator(".st-key-history_reference").click()
    page.get_by_role("option", name="A/RES/58/290").click()
    main.get_by_text("External instrument A/RES/58/290").wait_for(timeout=30_000)
    settle(page)
    _shot(page, "history")
    assert main.locator("[data-testid='stDataFrame']").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
