"""The decision page's Akoma Ntoso download in a real browser: the chosen decision in the chosen
text language, a file that parses with lxml and validates against akomantoso30.xsd."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import BROWSER, settle
from lxml import etree

from governance.akn import schema

pytestmark = BROWSER
NS = {"a": schema.NAMESPACE}


def download(page, tmp_path: Path, name: str, key: str) -> tuple[str, etree._Element]:  # type: ignore[no-untyped-def]
    """Click the Akoma Ntoso download button (widget key ``key``); the suggested file name and
    the file, parsed and checked against the schema."""
    button = page.locator(f".st-key-{key} button").first
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as caught:
        button.click()
    saved = tmp_path / name
    caught.value.save_as(saved)
    root = etree.parse(str(saved), etree.XMLParser(no_network=True)).getroot()
    assert schema.errors(root) == []
    return caught.value.suggested_filename, root


def test_the_decision_page_downloads_the_chosen_language_as_akoma_ntoso(  # type: ignore[no-untyped-def]
    page, app_url: str, tmp_path: Path
) -> None:
    page.goto(f"{app_url}/decisions?lang=en&as_of=2026-12-01&ref=2003-JHB-02")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.get_by_text("2003-JHB-02 — Rules of Procedure").first.wait_for(timeout=30_000)

    name, root = download(page, tmp_path, "english.xml", "decisions_akn")
    assert name == "2003-JHB-02.eng.xml"
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "eng"
    assert root.find(".//a:docNumber", NS).text == "2003-JHB-02"
    assert root.find(".//a:FRBRauthoritative", NS).get("value") == "true"

    # Another text language chosen on the page: its own document, an unofficial translation.
    main.get_by_text("Language of the text").wait_for()
    boxes = main.locator("[data-testid='stSelectbox']")
    boxes.last.click()
    page.get_by_role("option", name="Русский").click()
    settle(page)
    name, root = download(page, tmp_path, "russian.xml", "decisions_akn")
    assert name == "2003-JHB-02.rus.xml"
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "rus"
    assert root.find(".//a:FRBRauthoritative", NS).get("value") == "false"
    assert root.find(".//a:mainBody", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    events = {e.get("eId"): e.get("date") for e in root.iterfind(".//a:eventRef", NS)}
    assert events["evt_adoption"] == "2003-04-30"


@pytest.mark.parametrize("lang", ["pt"])
def test_the_communique_page_downloads_its_akoma_ntoso(  # type: ignore[no-untyped-def]
    page, app_url: str, tmp_path: Path, lang: str
) -> None:
    page.goto(
        f"{app_url}/communiques?lang={lang}&as_of=2026-12-01"
        "&communique=2003-sun-city-communique&content=pt"
    )
    settle(page)
    name, root = download(page, tmp_path, "communique.xml", "communiques_akn")
    assert name == "2003-sun-city-communique.por.xml"
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "por"
    assert root.tag == f"{{{schema.NAMESPACE}}}akomaNtoso"
    assert root.find("a:doc", NS).get("name") == "communique"
