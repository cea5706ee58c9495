"""Chairs page: the rule, who holds which office on the as-of date, the timeline and the terms."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
from streamlit.testing.v1 import AppTest


def terms_table(at: AppTest) -> Any:  # a pandas DataFrame
    return next(df.value for df in at.dataframe if "Projected" in df.value.columns)


def timeline(at: AppTest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The Altair chart as Streamlit sent it: its Vega-Lite spec and its data rows."""
    (chart,) = at.get("vega_lite_chart")
    rows = [
        row
        for dataset in chart.proto.datasets
        for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    ]
    marker = [r for r in rows if set(r) == {"on", "label"}]
    assert len(marker) == 1, marker  # the rule marking the as-of date
    rows = [r for r in rows if r not in marker]
    return json.loads(chart.proto.spec), rows


def test_the_page_states_the_rotation_rule_and_its_source(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2004-06-01", lang="en")
    assert at.title[0].value == "Chair and Vice Chair"
    assert any(
        "The Chair serves a calendar year" in i.value
        and "becomes Chair the following year on completion of twelve months" in i.value
        for i in at.main.info
    )
    (rule,) = at.main.expander
    assert "Annex 2 ¶4" in rule.label
    assert "on completion of twelve months in office" in rule.markdown[0].value


def test_in_june_2004_canada_chairs_and_the_russian_federation_is_vice_chair(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2004-06-01", lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Chair": "Canada", "Vice Chair": "Russian Federation"}
    chair, vice_chair = at.main.columns[:2]
    for column, decision in ((chair, "2003-SUN-04"), (vice_chair, "2003-SUN-05")):
        captions = [c.value.replace("\u2009", " ") for c in column.caption]
        assert captions == ["1 January – 31 December 2004", f"Decision: {decision}"]
        assert not column.warning


def test_in_december_2004_the_russian_federation_chair_is_marked_projected(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2004-12-31", lang="en")
    table = terms_table(at)
    projected = table[table["Projected"] == "Yes"][["Holder", "From"]].values.tolist()
    assert projected == [["Russian Federation", "1 Jan 2005"]]


def test_in_june_2005_the_russian_federation_chair_is_in_office_by_the_rule(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2005-06-01", lang="en")
    chair, vice_chair = at.main.columns[:2]
    assert chair.metric[0].label == "Chair"
    assert chair.metric[0].value == "Russian Federation"
    assert not chair.warning
    assert [i.value for i in chair.info] == [
        "In office (by the rule): follows from the rotation rule and decision 2003-SUN-05; "
        "no confirmation is recorded."
    ]
    assert vice_chair.metric[0].value == "—"
    assert "Nobody holds this office on this date." in [c.value for c in vice_chair.caption]


def test_the_terms_table_lists_every_term_since_2000_with_the_projected_one_marked(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2004-06-01", lang="en")
    table = terms_table(at)
    assert list(table.columns) == [
        "Office",
        "Holder",
        "From",
        "To",
        "Projected",
        "In office by the rule",
        "Decision",
        "Note",
    ]
    rows = table[["Office", "Holder", "From", "To", "Projected", "Decision"]].values.tolist()
    assert rows == [
        ["Chair", "South Africa", "1 May 2000", "31 Dec 2003", "No", "—"],
        ["Chair", "Canada", "1 Jan 2004", "31 Dec 2004", "No", "2003-SUN-04"],
        ["Chair", "Russian Federation", "1 Jan 2005", "31 Dec 2005", "Yes", "2003-SUN-05"],
        ["Vice Chair", "Russian Federation", "1 Jan 2004", "31 Dec 2004", "No", "2003-SUN-05"],
    ]
    south_africa = table[table["Holder"] == "South Africa"]["Note"].iloc[0]
    assert "inception in May 2000" in south_africa


def test_the_timeline_chart_shows_the_projected_term_and_its_decision_on_hover(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/chairs.py", as_of="2004-06-01", lang="en")
    spec, rows = timeline(at)
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert spec["title"] == "Chair and Vice Chair terms"
    assert bars["encoding"]["opacity"]["scale"]["domain"] == ["Confirmed", "Projected"]
    assert bars["encoding"]["strokeDash"]["field"] == "kind"
    assert {"field": "decision", "title": "Decision", "type": "nominal"} in bars["encoding"][
        "tooltip"
    ]
    projected = [r for r in rows if r["kind"] == "Projected"]
    assert [
        (r["office"], r["holder"], r["starts"], r["ends"], r["decision"]) for r in projected
    ] == [("Chair", "Russian Federation", "2005-01-01", "2005-12-31", "2003-SUN-05")]
    assert {r["holder"] for r in rows if r["kind"] == "Confirmed"} == {
        "South Africa",
        "Canada",
        "Russian Federation",
    }
