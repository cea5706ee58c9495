"""Shareable views: a page's selection and filters in the URL, and a link reproducing them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from ui import paging


def register(at: AppTest):  # type: ignore[no-untyped-def]
    return next(df.value for df in at.dataframe if "Formally adopted on" in df.value.columns)


def test_decision_filters_and_choice_go_to_the_url(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en")
    assert "ref" not in at.query_params and "meeting" not in at.query_params
    at.selectbox(key="decisions_meeting").set_value("2003-sun-city").run()
    at.text_input(key="decisions_text").input("Customs").run()
    at.selectbox(key="decisions_detail").set_value("2003-SUN-11").run()
    assert at.query_params["meeting"] == "2003-sun-city"
    assert at.query_params["q"] == "Customs"
    # The only match is the default choice: no ref needed to reproduce it.
    assert at.header[0].value.startswith("2003-SUN-11")
    at.text_input(key="decisions_text").input("").run()
    assert "q" not in at.query_params
    at.selectbox(key="decisions_detail").set_value("2003-SUN-04").run()
    assert at.query_params["ref"] == "2003-SUN-04"
    at.selectbox(key="decisions_meeting").set_value("").run()
    assert "meeting" not in at.query_params
    assert at.query_params["lang"] == "en" and at.query_params["as_of"] == "2004-06-01"


def test_a_link_reproduces_filters_and_decision(open_page: Callable[..., AppTest]) -> None:
    at = open_page(
        "pages/views/decisions.py",
        as_of="2004-06-01",
        lang="fr",
        meeting="2003-sun-city",
        procedure="plenary",
        ref="2003-SUN-04",
    )
    assert at.selectbox(key="decisions_meeting").value == "2003-sun-city"
    assert at.selectbox(key="decisions_procedure").value == "plenary"
    assert at.selectbox(key="decisions_detail").value == "2003-SUN-04"
    assert at.header[0].value.startswith("2003-SUN-04")
    assert len(at.dataframe[0].value) == 12  # the register, filtered (in French)


def test_a_stale_ref_does_not_override_a_new_choice(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en", ref="2003-JHB-02")
    assert at.header[0].value.startswith("2003-JHB-02")
    at.selectbox(key="decisions_detail").set_value("2003-SUN-04").run()
    assert at.header[0].value.startswith("2003-SUN-04")
    assert at.query_params["ref"] == "2003-SUN-04"
    at.selectbox(key="decisions_text_language").set_value("fr").run()  # any later rerun
    assert at.header[0].value.startswith("2003-SUN-04")


def test_the_language_of_the_text_goes_to_the_url_and_back(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/decisions.py", as_of="2026-12-01", lang="en", ref="2003-JHB-04")
    assert "content" not in at.query_params  # the reader's own language: nothing to say
    at.selectbox(key="decisions_text_language").set_value("ru").run()
    assert at.query_params["content"] == "ru"
    link = open_page(
        "pages/views/decisions.py", as_of="2026-12-01", lang="en", ref="2003-JHB-04", content="ru"
    )
    assert link.selectbox(key="decisions_text_language").value == "ru"
    assert "**Круг ведения Комитета по участию**" in [m.value for m in link.markdown]


def test_unknown_values_in_a_link_are_ignored(open_page: Callable[..., AppTest]) -> None:
    at = open_page(
        "pages/views/decisions.py", as_of="2004-06-01", lang="ru", status="bogus", meeting="x"
    )
    assert at.selectbox(key="decisions_status").value == ""
    assert at.selectbox(key="decisions_meeting").value == ""
    assert len(at.dataframe[0].value) == 22  # the whole register (in Russian)


def test_participants_filters_and_entity_in_the_url(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    at.selectbox(key="participants_status").set_value("participant").run()
    at.text_input(key="participants_search").input("an").run()
    at.selectbox(key="participants_entity").set_value("Chinese Taipei").run()
    assert at.query_params["status"] == "participant"
    assert at.query_params["q"] == "an"
    assert at.query_params["entity"] == "Chinese Taipei"
    at.selectbox(key="participants_status").set_value("").run()
    assert "status" not in at.query_params


def test_a_participants_link_reproduces_the_view(open_page: Callable[..., AppTest]) -> None:
    at = open_page(
        "pages/views/participants.py",
        as_of="2003-10-31",
        lang="ru",
        status="participant",
        entity="Chinese Taipei",
    )
    assert at.selectbox(key="participants_status").value == "participant"
    assert at.selectbox(key="participants_entity").value == "Chinese Taipei"
    at.selectbox(key="participants_entity").set_value("Liberia").run()  # a new choice wins
    at.selectbox(key="participants_status").set_value("").run()  # any later rerun
    assert at.selectbox(key="participants_entity").value == "Liberia"
    assert "entity" not in at.query_params  # the default (the first applicant) needs none


def test_an_unknown_entity_in_a_link_is_ignored(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en", entity="Nowhere")
    assert at.selectbox(key="participants_entity").value != "Nowhere"
    assert "entity" not in at.query_params


def test_the_instruments_page_number_in_the_url(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    at = open_page("pages/views/instruments.py", lang="en")
    at.query_params["page"] = "2"  # a link ("page" is also open_page's first argument)
    at.run()
    assert at.number_input(key="instruments_page").value == 2
    at.number_input(key="instruments_page").set_value(1).run()
    assert "page" not in at.query_params
    at.number_input(key="instruments_page").set_value(2).run()
    assert at.query_params["page"] == "2"
    at.query_params["page"] = "x"  # ignored
    at.run()
    assert at.number_input(key="instruments_page").value == 2
