"""In the browser: the clerk renames the European Community at the desk; the Participants page
names it as it was called on the as-of date."""

from __future__ import annotations

from browsing import BROWSER, settle, sign_in

pytestmark = BROWSER


def test_the_clerk_renames_a_participant_and_the_register_follows_the_date(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    sidebar = sign_in(page, app_url, database_url)
    sidebar.get_by_role("link", name="Secretariat desk").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("tab", name="Register").click()
    settle(page)

    form = main.locator(".st-key-rename_form, [data-testid='stForm']").filter(
        has_text="Rename a Participant"
    )
    entity = form.locator(".st-key-rename_entity")
    entity.click()
    page.keyboard.type("European Community")
    page.get_by_role("option", name="European Community").click()
    form.locator(".st-key-rename_new_name input").fill("European Union")
    day = form.locator(".st-key-rename_on input")
    day.fill("2009-12-01")
    day.press("Escape")
    form.locator(".st-key-rename_note input").fill("Treaty of Lisbon in force")
    form.locator(".st-key-rename_submit button").click()
    settle(page)
    page.get_by_text("European Community is called European Union from 1 December 2009.").wait_for(
        timeout=30_000
    )

    page.goto(f"{app_url}/participants?lang=en&as_of=2009-11-30")
    settle(page)
    assert "Participants and applicants" in page.locator("[data-testid='stMain']").inner_text()
    search = page.locator(".st-key-participants_search input")
    search.fill("europe")
    search.press("Enter")
    settle(page)
    assert "1 entry" in page.locator("[data-testid='stMain']").inner_text()
    _first_cell_reads(page, "European Community")

    page.goto(f"{app_url}/participants?lang=en&as_of=2009-12-01")
    settle(page)
    search = page.locator(".st-key-participants_search input")
    search.fill("community")  # the former name finds it
    search.press("Enter")
    settle(page)
    assert "1 entry" in page.locator("[data-testid='stMain']").inner_text()
    _first_cell_reads(page, "European Union")


def _first_cell_reads(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The register's first cell (its one row's name) reads ``name`` once the grid, drawn on a
    canvas, has redrawn (its accessible cells hold the text)."""
    from playwright.sync_api import expect

    cell = page.locator("[data-testid='stDataFrame']").first.locator("[role='gridcell']").first
    expect(cell).to_have_text(name, timeout=30_000)
