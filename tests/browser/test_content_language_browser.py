"""Readers in Portuguese and Russian meet the record's content in their language in the browser,
and a copied link (filters, decision, language of the text) reproduces the view elsewhere."""

from __future__ import annotations

from browsing import BROWSER, settle

pytestmark = BROWSER

AS_OF = "2026-12-01"  # after the record's unofficial translations were prepared


def choose(page, key: str, option: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(f".st-key-{key} [data-testid='stSelectbox']").click()
    page.keyboard.type(option)  # the list is virtualized: narrow it to the option
    page.get_by_role("option").filter(has_text=option).first.click()
    settle(page)


def test_an_observer_in_portuguese_shares_a_decision_read_in_russian(  # type: ignore[no-untyped-def]
    page, app_url: str
) -> None:
    page.goto(f"{app_url}/decisions?lang=pt&as_of={AS_OF}")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    # The meeting filter offers the meetings by their Portuguese titles.
    choose(page, "decisions_meeting", "Reunião Plenária do Processo de Kimberley, Sun City")
    choose(page, "decisions_detail", "2003-SUN-04")
    main.locator("h2").filter(has_text="Canadá escolhido como Presidente para 2004").first.wait_for(
        timeout=30_000
    )
    choose(page, "decisions_text_language", "Русский")
    main.get_by_text("Избрание Канады Председателем на 2004 год").first.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('content=ru')", timeout=30_000)
    link = page.url
    assert "ref=2003-SUN-04" in link and "meeting=2003-sun-city" in link and "lang=pt" in link

    other = page.context.browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        fresh = other.new_page()
        fresh.goto(link)
        settle(fresh)
        shown = fresh.locator("[data-testid='stMain']")
        shown.locator("h2").filter(
            has_text="Canadá escolhido como Presidente para 2004"
        ).first.wait_for(timeout=30_000)
        shown.get_by_text("Избрание Канады Председателем на 2004 год").first.wait_for(
            timeout=30_000
        )
        shown.get_by_text("1–12", exact=False).first.wait_for(timeout=30_000)
    finally:
        other.close()


def test_a_delegate_in_russian_reads_meetings_and_the_overview(  # type: ignore[no-untyped-def]
    page, app_url: str
) -> None:
    page.goto(f"{app_url}/meetings?lang=ru&as_of={AS_OF}&meeting=2003-johannesburg")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.locator("h2").filter(
        has_text="Пленарное заседание Кимберлийского процесса, Йоханнесбург"
    ).first.wait_for(timeout=30_000)
    # the caption under the heading (the table's cells are drawn on a canvas: hidden in the DOM)
    main.locator("[data-testid='stCaptionContainer']").filter(
        has_text="Йоханнесбург, Южная Африка"
    ).first.wait_for(timeout=30_000)
    page.goto(f"{app_url}/?lang=ru&as_of=2003-07-01")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("Система сертификации Кимберлийского процесса").first.wait_for(timeout=30_000)
    assert "Kimberley Process Certification Scheme" not in main.inner_text()


def test_a_long_status_wraps_instead_of_ending_in_an_ellipsis(  # type: ignore[no-untyped-def]
    page, app_url: str
) -> None:
    page.goto(f"{app_url}/decisions?lang=fr&as_of={AS_OF}&ref=2003-JHB-02")
    settle(page)
    status = page.locator("[data-testid='stMetricValue']").first
    status.get_by_text("Adoptée ad referendum, en attente de confirmation").wait_for(timeout=30_000)
    box = status.evaluate(
        "e => ({scroll: e.scrollWidth, client: e.clientWidth, height: e.clientHeight,"
        " line: parseFloat(getComputedStyle(e).fontSize),"
        " ellipsis: [e, ...e.querySelectorAll('*')].some("
        "   n => getComputedStyle(n).textOverflow === 'ellipsis')})"
    )
    assert not box["ellipsis"]
    assert box["scroll"] <= box["client"] + 1  # nothing runs past the column
    assert box["height"] > 1.5 * box["line"]  # the status takes more than one line
