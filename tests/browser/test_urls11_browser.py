"""A copied link to the Decisions page, opened in another browser, shows the same view."""

from __future__ import annotations

from browsing import BROWSER, settle

pytestmark = BROWSER


def choose(page, key: str, option: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(f".st-key-{key} [data-testid='stSelectbox']").click()
    page.keyboard.type(option)  # the list is virtualized: narrow it to the option
    page.get_by_role("option").filter(has_text=option).first.click()
    settle(page)


def test_a_copied_link_shows_the_same_decision_and_filter(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/decisions?lang=pt&as_of=2004-06-01")
    settle(page)
    choose(page, "decisions_meeting", "Sun City")
    choose(page, "decisions_detail", "2003-SUN-04")
    main = page.locator("[data-testid='stMain']")
    main.locator("h2").filter(has_text="2003-SUN-04").first.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('ref=2003-SUN-04')", timeout=30_000)
    link = page.url
    assert "meeting=2003-sun-city" in link and "lang=pt" in link
    main.get_by_text("1–12", exact=False).first.wait_for(timeout=30_000)

    other = page.context.browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        fresh = other.new_page()
        fresh.goto(link)
        settle(fresh)
        shown = fresh.locator("[data-testid='stMain']")
        shown.locator("h2").filter(has_text="2003-SUN-04").first.wait_for(timeout=30_000)
        # The meeting filter applied: Sun City's 12 decisions, not the register's 22.
        shown.get_by_text("1–12", exact=False).first.wait_for(timeout=30_000)
        assert "ref=2003-SUN-04" in fresh.url and "meeting=2003-sun-city" in fresh.url
    finally:
        other.close()
    # Another page does not inherit the Decisions page's filters.
    page.locator("[data-testid='stSidebarNav'] a[href*='/meetings']").first.click()
    settle(page)
    page.wait_for_function("() => location.pathname.endsWith('/meetings')", timeout=30_000)
    assert "ref=" not in page.url and "lang=pt" in page.url
