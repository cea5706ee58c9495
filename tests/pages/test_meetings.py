"""Meetings page through the real entry point: the list, and one meeting's figures,
communiqué and decisions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from governance.i18n import translator
from ui import paging

PAGE = "pages/views/meetings.py"
JOHANNESBURG, SUN_CITY = "2003-johannesburg", "2003-sun-city"
# Ranges as the English translator writes them (en_GB: "28–30 April 2003" style).
APRIL = translator("en").date_range(date(2003, 4, 28), date(2003, 4, 30))
OCTOBER = translator("en").date_range(date(2003, 10, 29), date(2003, 10, 31))


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has ``column``."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def figures(at: AppTest) -> dict[str, int]:
    table = frame(at, "Figure")
    return dict(zip(table["Figure"], table["Value"], strict=True))


def test_at_the_end_of_2003_both_plenaries_are_listed(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2003-12-31", lang="en")
    assert at.title[0].value == "Meetings"
    held = frame(at, "Place")
    assert held["Meeting"].tolist() == [
        "Kimberley Process Plenary Meeting, Johannesburg",
        "Kimberley Process Plenary Meeting, Sun City",
    ]
    assert held["Dates"].tolist() == [APRIL, OCTOBER]
    # Day first, one month and year: "28–30 April 2003" (Babel may abbreviate the month).
    assert re.fullmatch(r"28\s*–\s*30 Apr(il)? 2003", APRIL), APRIL
    assert held["Kind"].tolist() == ["Plenary", "Plenary"]
    assert held["Place"].tolist() == [
        "Johannesburg, South Africa",
        "Sun City, Northwest Province, South Africa",
    ]
    assert set(held["Host"]) == {"South Africa"} and set(held["Chair"]) == {"South Africa"}
    assert any(m.value == "2 meetings" for m in at.markdown)


def test_sun_city_is_shown_by_default_with_its_figures_communique_and_twelve_decisions(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2003-12-31", lang="en")
    assert at.selectbox(key="meetings_choice").value == SUN_CITY  # the latest meeting
    assert at.header[0].value == "Kimberley Process Plenary Meeting, Sun City"
    assert any(
        c.value == f"Plenary · {OCTOBER} · Sun City, Northwest Province, South Africa · "
        "Source: Report, Meetings held"
        for c in at.caption
    ), [c.value for c in at.caption]
    reported = figures(at)
    assert reported["States now participating in the KPCS"] == 45
    assert reported["Applicant states that have declared their intention to participate"] == 20
    assert frame(at, "Figure")["Source"].tolist() == ["Annex 2 ¶2"] * 3
    assert any(m.value == "Final communiqué: 2003-sun-city-communique" for m in at.markdown)
    link = next(p.proto for p in at.get("page_link") if "Communiqués page" in p.proto.label)
    assert (link.page, link.query_string) == (
        "communiques",
        "communique=2003-sun-city-communique",
    )
    taken = frame(at, "Procedure")
    assert taken["Reference"].tolist() == [f"2003-SUN-{i:02d}" for i in range(1, 13)]
    assert set(taken["Status"]) == {"Adopted, awaiting formal adoption"}
    assert set(taken["Procedure"]) == {"Adopted in Plenary"}
    assert at.query_params["meeting"] == SUN_CITY


def test_choosing_johannesburg_shows_51_states_and_6_observers(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2003-12-31", lang="en")
    at.selectbox(key="meetings_choice").select(JOHANNESBURG).run()
    assert not at.exception
    assert at.header[0].value == "Kimberley Process Plenary Meeting, Johannesburg"
    reported = figures(at)
    assert reported["States currently participating in the KPCS"] == 51
    assert reported["Non-participating states attending the Plenary as Observers"] == 6
    taken = frame(at, "Procedure")
    assert taken["Reference"].str.startswith("2003-JHB").all()
    assert "Ad referendum" in set(taken["Procedure"])
    assert at.query_params["meeting"] == JOHANNESBURG


def test_in_june_2003_only_johannesburg_has_been_held(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2003-06-01", lang="en")
    held = frame(at, "Place")
    assert held["Meeting"].tolist() == ["Kimberley Process Plenary Meeting, Johannesburg"]
    assert held["Dates"].tolist() == [APRIL]
    chooser = at.selectbox(key="meetings_choice")
    assert chooser.options == [f"Kimberley Process Plenary Meeting, Johannesburg ({APRIL})"]
    assert figures(at)["States currently participating in the KPCS"] == 51
    assert any(m.value == "1 meeting" for m in at.markdown)


def test_a_link_opens_the_meeting_it_names(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en", meeting=JOHANNESBURG)
    assert at.selectbox(key="meetings_choice").value == JOHANNESBURG
    assert figures(at)["States currently participating in the KPCS"] == 51


def test_during_the_sun_city_plenary_its_decisions_are_not_yet_recorded(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2003-10-30", lang="en", meeting=SUN_CITY)
    assert at.selectbox(key="meetings_choice").value == SUN_CITY
    assert any(
        m.value == "No communiqué had been issued for this meeting by this date."
        for m in at.markdown
    )
    assert any(
        m.value == "No decision of this meeting is recorded by this date." for m in at.markdown
    )


def test_before_any_meeting_the_page_says_so(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2003-01-15", lang="en")
    assert [i.value for i in at.main.info] == ["No meeting had begun by 15 January 2003."]
    assert not at.dataframe


def test_a_long_list_is_paged_from_the_latest_meetings_back(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    at = open_page(PAGE, as_of="2003-12-31", lang="en")
    assert any(m.value == "2 meetings" for m in at.markdown)
    assert frame(at, "Place")["Meeting"].tolist() == ["Kimberley Process Plenary Meeting, Sun City"]
    assert "Showing 2–2 of 2 · page 1 holds the latest" in [c.value for c in at.caption]
    assert at.selectbox(key="meetings_choice").value == SUN_CITY
    at.number_input(key="meetings_page").set_value(2).run()
    assert frame(at, "Place")["Meeting"].tolist() == [
        "Kimberley Process Plenary Meeting, Johannesburg"
    ]
    assert "Showing 1–1 of 2 · page 1 holds the latest" in [c.value for c in at.caption]
    assert at.selectbox(key="meetings_choice").value == JOHANNESBURG  # the page's latest
    assert at.query_params["meeting"] == JOHANNESBURG


def test_a_link_opens_a_meeting_that_is_not_on_the_page_shown(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    at = open_page(PAGE, as_of="2004-06-01", lang="en", meeting=JOHANNESBURG)
    assert at.selectbox(key="meetings_choice").value == JOHANNESBURG
    assert figures(at)["States currently participating in the KPCS"] == 51
