"""The Akoma Ntoso download on the Decisions and Communiqués pages: offered for the chosen
language when that version exists, named after the decision and the language, and absent when
the version is missing (the document itself is built only when clicked: browser test)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from governance.i18n import translator

LABEL = "Download as Akoma Ntoso (XML)"
OPEN_DATA = ["Open data (CSV, zip)", "Open data (JSON, zip)"]  # the whole record, always offered
TEXT = ["Download PDF", LABEL]  # the chosen language version, when it exists


def test_the_decision_page_offers_the_chosen_language_version(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/decisions.py", as_of="2026-12-01", lang="en", ref="2003-JHB-02")
    assert [b.label for b in at.download_button] == OPEN_DATA + TEXT
    proto = at.download_button(key="decisions_akn").proto
    assert proto.deferred_file_id and not proto.url  # built when clicked, not on every rerun
    assert proto.ignore_rerun
    at.selectbox(key="decisions_text_language").set_value("ru").run()
    assert [b.label for b in at.download_button] == OPEN_DATA + TEXT


def test_no_download_for_a_missing_version(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en", ref="2003-SUN-04")
    at.selectbox(key="decisions_text_language").set_value("ru").run()
    assert [b.label for b in at.download_button] == OPEN_DATA
    assert any("There is no version of this decision in Russian yet" in i.value for i in at.info)


def test_the_communique_page_offers_its_language_version(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/communiques.py", as_of="2026-12-01", lang="pt")
    pt = translator("pt").gettext
    assert [b.label for b in at.download_button] == [pt(label) for label in TEXT]
    assert pt(LABEL) == "Transferir em Akoma Ntoso (XML)"
    early = open_page(
        "pages/views/communiques.py",
        as_of="2004-06-01",
        lang="en",
        communique="2003-sun-city-communique",
        content="ru",
    )
    assert not early.download_button
