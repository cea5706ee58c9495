"""Participants page: the register with filters, applicants, one entity's history, the chart."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
from streamlit.testing.v1 import AppTest


def table(at: AppTest, column: str) -> Any:  # a pandas DataFrame
    """The one dataframe that has ``column``."""
    (found,) = [df.value for df in at.dataframe if column in df.value.columns]
    return found


def register(at: AppTest) -> Any:  # a pandas DataFrame
    return table(at, "Kind")


def chart(at: AppTest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    (element,) = at.get("vega_lite_chart")
    rows = [
        row
        for dataset in element.proto.datasets
        for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    ]
    marker = [r for r in rows if set(r) == {"on", "label"}]
    assert len(marker) == 1, marker  # the rule marking the as-of date
    rows = [r for r in rows if r not in marker]
    return json.loads(element.proto.spec), rows


def test_on_31_october_2003_the_register_lists_44_states_and_the_european_community(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    assert at.title[0].value == "Participants and applicants"
    at.selectbox(key="participants_status").set_value("participant").run()
    participants = register(at)
    assert list(participants.columns) == ["Name", "Kind", "Status", "Since"]
    assert len(participants) == 45
    assert "45 entries" in [m.value for m in at.markdown]
    assert set(participants["Status"]) == {"Participant"}
    assert set(participants["Since"]) == {"31 Oct 2003"}
    kinds = participants.groupby("Kind")["Name"].apply(list).to_dict()
    assert len(kinds["State"]) == 44
    assert kinds["Regional Economic Integration Organisation"] == ["European Community"]
    assert {"Brazil", "Romania", "Togo"} <= set(participants["Name"])
    assert "Chinese Taipei" not in set(participants["Name"])
    assert "Liberia" not in set(participants["Name"])


def test_chinese_taipei_is_a_trading_entity_not_a_participant(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    everyone = register(at)
    taipei = everyone[everyone["Name"] == "Chinese Taipei"]
    assert taipei[["Kind", "Status", "Since"]].values.tolist() == [
        ["Trading entity", "Trading entity", "10 May 2003"]
    ]
    at.selectbox(key="participants_kind").set_value("trading_entity").run()
    assert register(at)["Name"].tolist() == ["Chinese Taipei"]
    at.selectbox(key="participants_kind").set_value("industry").run()
    assert register(at)[["Name", "Status"]].values.tolist() == [
        ["World Diamond Council", "Observer"]
    ]


def test_filters_show_their_options_as_translated_labels(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    status = at.selectbox(key="participants_status")
    assert status.options[:3] == ["All statuses", "Applicant", "Participant"]
    kind = at.selectbox(key="participants_kind")
    assert "Regional Economic Integration Organisation" in kind.options
    at.selectbox(key="participants_status").set_value("suspended").run()
    assert any("Nobody in the register matches" in i.value for i in at.info)


def test_in_may_2003_liberia_is_an_applicant_blocked_by_the_un_embargo(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-05-01", lang="en")
    applicants = table(at, "Why")
    assert applicants[["Name", "Stage", "Since", "Blocked"]].values.tolist() == [
        ["Liberia", "Intent declared", "30 Apr 2003", "Yes"]
    ]
    why = applicants["Why"].iloc[0]
    assert "United Nations Security Council embargo" in why
    assert "only be considered once the embargo has been lifted" in why


def test_liberias_history_shows_the_johannesburg_decision_and_the_block(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    at.selectbox(key="participants_entity").set_value("Liberia").run()
    history = table(at, "Decision")
    assert history[["Date", "Status", "Stage", "Decision", "Source"]].values.tolist() == [
        ["30 Apr 2003", "Applicant", "Intent declared", "2003-JHB-09", "Annex 1 ¶8"]
    ]
    assert "embargo" in history["Blocked"].iloc[0]
    assert any(w.value.startswith("Blocked: United Nations") for w in at.warning)
    at.selectbox(key="participants_entity").set_value("Chinese Taipei").run()
    history = table(at, "Decision")
    assert history[["Date", "Status", "Blocked"]].values.tolist() == [
        ["10 May 2003", "Trading entity", "—"]
    ]
    assert not at.warning


def test_reported_figures_are_shown_as_reported_next_to_the_named_register(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-11-01", lang="en")
    figures = table(at, "Figure")
    sun_city = figures[figures["Meeting"].str.contains("Sun City")]
    reported = dict(zip(sun_city["Figure"], sun_city["Number"], strict=True))
    assert reported["States now participating in the KPCS"] == "45"
    assert reported["Applicant states that have declared their intention to participate"] == "20"


def test_the_chart_counts_participants_up_to_the_as_of_date(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2004-06-01", lang="en")
    spec, rows = chart(at)
    assert spec["title"] == "Number of Participants"
    line = spec["layer"][0]
    assert line["encoding"]["x"]["title"] == "Date"
    assert line["encoding"]["y"]["title"] == "Participants"
    assert rows[-1] == {"date": "2003-10-31", "count": 45}
    at = open_page("pages/views/participants.py", as_of="2003-06-01", lang="en")
    _, rows = chart(at)
    assert all(r["date"] <= "2003-06-01" for r in rows)
    assert 45 not in [r["count"] for r in rows]
