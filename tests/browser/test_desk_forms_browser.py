"""In the browser, where a form keeps what it shows unless the server sets a new value: a saved
desk form starts afresh, a refused one keeps what was typed."""

from __future__ import annotations

from browsing import BROWSER, settle, sign_in

pytestmark = BROWSER


def test_a_saved_form_is_emptied_on_screen_and_a_refused_one_is_kept(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    sidebar = sign_in(page, app_url, database_url)
    sidebar.get_by_role("link", name="Secretariat desk").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")

    def key(name: str):  # type: ignore[no-untyped-def]
        return main.locator(f".st-key-{name}")

    def fill_meeting(code: str, title: str) -> None:
        key("meeting_code").locator("input").fill(code)
        key("meeting_title").locator("input").fill(title)
        key("meeting_place").locator("input").fill("Gatineau, Canada")
        for name, day in (("meeting_starts_on", "2004-10-27"), ("meeting_ends_on", "2004-10-29")):
            field = key(name).locator("input")
            field.fill(day)
            field.press("Escape")
        key("meeting_host").click()
        page.keyboard.type("Canad")
        page.get_by_role("option", name="Canada", exact=True).click()
        key("meeting_note").locator("input").fill("Dates as announced")

    fill_meeting("2004-gatineau", "T" * 301)
    key("meeting_submit").locator("button").click()
    settle(page)
    main.get_by_text("at most 300 are accepted").wait_for(timeout=30_000)
    assert key("meeting_code").locator("input").input_value() == "2004-gatineau"
    assert key("meeting_host").locator("input").input_value() == "Canada"

    key("meeting_title").locator("input").fill("Plenary meeting, Gatineau")
    key("meeting_submit").locator("button").click()
    settle(page)
    main.get_by_text("Meeting 2004-gatineau recorded").wait_for(timeout=30_000)
    for name in ("meeting_code", "meeting_title", "meeting_place", "meeting_note"):
        assert key(name).locator("input").input_value() == "", name
    assert key("meeting_host").locator("input").input_value() == ""
    assert key("meeting_starts_on").locator("input").input_value() != "2004-10-27"
