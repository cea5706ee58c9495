"""In a real browser: the page declares the interface language (``<html lang>``) and follows a
change of language; Participant names read in Russian and Portuguese."""

from __future__ import annotations

from browsing import BROWSER, settle

pytestmark = BROWSER


def document_language(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("() => document.documentElement.lang"))


def test_html_lang_is_the_interface_language(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    # The register is drawn on a canvas; the chosen entity's heading is text.
    page.goto(f"{app_url}/participants?lang=ru&as_of=2003-10-31&entity=Russian+Federation")
    settle(page)
    page.wait_for_function("() => document.documentElement.lang === 'ru'", timeout=30_000)
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("Российская Федерация").first.wait_for(timeout=30_000)

    # Another language chosen in the sidebar: the document follows.
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Português").click()
    settle(page)
    page.wait_for_function("() => document.documentElement.lang === 'pt'", timeout=30_000)
    assert document_language(page) == "pt"
    main.get_by_text("Federação Russa").first.wait_for(timeout=30_000)

    page.goto(f"{app_url}/overview?lang=pt&as_of=2004-06-01")
    settle(page)
    page.wait_for_function("() => document.documentElement.lang === 'pt'", timeout=30_000)
    main.get_by_text("Federação Russa").first.wait_for(timeout=30_000)
