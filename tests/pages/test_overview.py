"""Overview page through the real entry point."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from governance.services import overview


def frame_rows(at: AppTest, column: str) -> list[list[str]]:
    """The rows of every dataframe that has ``column``."""
    return [df.value.values.tolist() for df in at.dataframe if column in df.value.columns]


def test_overview_in_2004_shows_canada_russia_and_sun_city_awaiting_formal_adoption(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2004-06-01", lang="en")
    assert at.title[0].value == "Overview"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Chair"] == "Canada"
    assert metrics["Vice Chair"] == "Russian Federation"
    assert metrics["Participants"] == "45"
    awaiting = next(df.value for df in at.dataframe if "Languages missing" in df.value.columns)
    sun_city = awaiting[awaiting["Reference"].str.startswith("2003-SUN")]
    assert len(sun_city) == 12
    assert set(sun_city["Languages missing"]) == {"French, Portuguese, Spanish and Russian"}
    assert any("Rules of Procedure" in m.value and "1 open point" in m.value for m in at.markdown)


def test_overview_in_may_2003_shows_open_tolerance_deadlines_and_liberia(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2003-05-01", lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Chair"] == "South Africa" and metrics["Vice Chair"] == "—"
    deadlines = next(df.value for df in at.dataframe if "Responsible" in df.value.columns)
    updated_list = deadlines[deadlines["What"] == "Chair issues an updated list of Participants"]
    assert updated_list["Deadline state"].tolist() == ["Open"]
    assert updated_list["When"].tolist() == ["in 4 days"]
    assert set(deadlines["Deadline state"]) == {"Open"}
    applicants = next(df.value for df in at.dataframe if "Stage" in df.value.columns)
    assert applicants["Name"].tolist() == ["Liberia"]
    assert "embargo" in applicants["Blocked"].iloc[0]


def test_overview_past_the_record_offers_the_last_recorded_date(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2026-11-26", lang="en")
    assert any("The record ends on 1 January 2004" in i.value for i in at.info)
    jump = next(b for b in at.button if b.label == "Show the record as of 1 January 2004")
    jump.click().run()
    assert at.query_params["as_of"] == "2004-01-01"
    assert {m.label: m.value for m in at.metric}["Chair"] == "Canada"


def test_a_long_list_shows_its_first_rows_with_the_total_and_a_link_to_the_register(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview, "SHOWN", 5)
    at = open_page(as_of="2004-06-01", lang="en")
    awaiting = next(df.value for df in at.dataframe if "Languages missing" in df.value.columns)
    assert len(awaiting) == 5
    assert "5 of 21" in [c.value for c in at.caption]
    link = next(p.proto for p in at.get("page_link") if "decision register" in p.proto.label)
    assert link.page == "decisions"


def test_every_row_shown_needs_no_total(open_page: Callable[..., AppTest]) -> None:
    at = open_page(as_of="2004-06-01", lang="en")
    assert not [c.value for c in at.caption if " of 21" in c.value]
    assert not [p for p in at.get("page_link") if "decision register" in p.proto.label]
