"""End to end: the real app under `streamlit run`, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import signed
from browsing import BROWSER, settle
from browsing import sign_in as _sign_in

pytestmark = BROWSER

PAGES = [
    ("", "Overview", "Canada"),
    ("decisions", "Decisions", "Final extension of the tolerance period"),
    ("communiques", "Communiqués", "Sun City"),
    ("chairs", "Chair and Vice Chair", "Russian Federation"),
    ("participants", "Participants and applicants", "Liberia"),
    ("meetings", "Meetings", "Sun City"),
    ("instruments", "External instruments", "57/302"),
    ("rule26", "Rule 26: what takes effect when", "2003-JHB-01"),
]


def test_every_page_renders_the_record_in_a_real_browser(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    for path, title, expected in PAGES:
        page.goto(f"{app_url}/{path}?lang=en&as_of=2004-06-01")
        settle(page)
        main = page.locator("[data-testid='stMain']")
        assert main.locator("h1").first.inner_text().strip() == title
        assert page.title().endswith(" · Plenary") and page.title() != "Plenary"
        assert expected in main.inner_text(), f"{expected!r} not on {path or 'overview'}"
        assert page.locator("[data-testid='stException']").count() == 0


def test_switching_language_keeps_the_page_and_the_date(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/chairs?lang=en&as_of=2004-06-01")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Français").click()
    settle(page)
    assert "/chairs" in page.url
    assert "lang=fr" in page.url and "as_of=2004-06-01" in page.url
    assert "Canada" in page.locator("[data-testid='stMain']").inner_text()
    assert page.title() == "Présidence · Plenary"  # the tab names the page, in French


def test_the_desk_refuses_anonymous_visitors_and_opens_after_sign_in(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import accounts

    signed.accounts(db.get_engine(database_url), Actor("admin", Role.ADMIN))
    accounts.add_user(
        engine=db.get_engine(database_url),
        actor=Actor("admin", Role.ADMIN),
        username="clerk",
        role="secretariat",
        password="correct horse battery",
    )
    page.goto(f"{app_url}/secretariat?lang=en&as_of=2004-06-01")
    settle(page)
    assert "Sign in first" in page.locator("[data-testid='stMain']").inner_text()
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_role("link", name="Secretariat desk").count() == 0  # not listed
    sidebar.get_by_text("Sign in").first.click()
    sidebar.get_by_role("textbox", name="User name").fill("clerk")
    sidebar.get_by_role("textbox", name="Password").fill("correct horse battery")
    sidebar.locator("[data-testid='stFormSubmitButton'] button").click()
    # The rerun may not have begun when the click returns: wait for its result.
    sidebar.get_by_text("Signed in as clerk").wait_for(timeout=30_000)
    settle(page)
    sidebar.get_by_role("link", name="Secretariat desk").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip() == "Secretariat desk"
    assert "Record the meeting" in main.inner_text()


def _session_cookie(page) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    """The sign-in cookie, once the page has asked the server for it."""
    for _ in range(50):
        found = [c for c in page.context.cookies() if c["name"] == "plenary_session"]
        if found:
            return found[0]  # type: ignore[return-value]
        page.wait_for_timeout(100)
    return None


def test_a_password_sign_in_survives_a_reload_and_a_new_tab_until_the_account_is_disabled(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import accounts

    sidebar = _sign_in(page, app_url, database_url)
    cookie = _session_cookie(page)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("plenary_session") == -1  # not for scripts
    page.reload()
    settle(page)
    assert "Signed in as clerk" in sidebar.inner_text()
    tab = page.context.new_page()
    tab.goto(f"{app_url}/secretariat?lang=en&as_of=2004-06-01")
    settle(tab)
    main = tab.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip() == "Secretariat desk"
    # An admin disables the account: the open tab's next action signs it out.
    accounts.disable_user(
        engine=db.get_engine(database_url), actor=Actor("admin", Role.ADMIN), username="clerk"
    )
    tab.locator("[data-testid='stSidebar']").get_by_role("link", name="Overview").click()
    tab.get_by_text("You have been signed out").wait_for(timeout=30_000)
    settle(tab)
    assert "Signed in as" not in tab.locator("[data-testid='stSidebar']").inner_text()
    tab.goto(f"{app_url}/secretariat?lang=en&as_of=2004-06-01")
    settle(tab)
    assert "Sign in first" in tab.locator("[data-testid='stMain']").inner_text()
    page.reload()
    settle(page)
    assert "Signed in as" not in sidebar.inner_text()


def test_sign_out_revokes_the_cookie_and_every_copy_of_it(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    sidebar = _sign_in(page, app_url, database_url)
    cookie = _session_cookie(page)
    assert cookie is not None
    sidebar.get_by_role("button", name="Sign out").click()
    sidebar.get_by_text("Signed in as clerk").wait_for(state="detached", timeout=30_000)
    settle(page)
    for _ in range(50):  # the page asks the server to clear it
        if not [c for c in page.context.cookies() if c["name"] == "plenary_session"]:
            break
        page.wait_for_timeout(100)
    assert not [c for c in page.context.cookies() if c["name"] == "plenary_session"]
    page.context.add_cookies([cookie])  # a copy kept from before the sign-out
    page.reload()
    settle(page)
    assert "Signed in as" not in sidebar.inner_text()
