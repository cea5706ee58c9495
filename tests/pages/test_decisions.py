"""Decisions page: the register, filters and one decision's detail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import signed
from streamlit.testing.v1 import AppTest


def register(at: AppTest):  # type: ignore[no-untyped-def]
    return next(df.value for df in at.dataframe if "Formally adopted on" in df.value.columns)


def test_register_filters_by_meeting_procedure_and_text(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en")
    assert at.title[0].value == "Decisions"
    assert len(register(at)) == 22
    at.selectbox(key="decisions_meeting").set_value("2003-sun-city").run()
    table = register(at)
    assert len(table) == 12
    assert set(table["Status"]) == {"Adopted, awaiting formal adoption"}
    assert set(table["Formally adopted on"]) == {"—"}
    at.selectbox(key="decisions_meeting").set_value("").run()
    at.selectbox(key="decisions_procedure").set_value("ad_referendum").run()
    assert register(at)["Reference"].tolist() == ["2003-JHB-02"]
    at.selectbox(key="decisions_procedure").set_value("").run()
    at.text_input(key="decisions_text").input("World Customs").run()
    assert register(at)["Reference"].tolist() == ["2003-SUN-11"]
    at.text_input(key="decisions_text").input("").run()
    at.selectbox(key="decisions_language").set_value("fr").run()
    assert any("No decision matches" in i.value for i in at.info)


def test_detail_of_the_ad_referendum_rules_of_procedure(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en", ref="2003-JHB-02")
    assert at.header[0].value.startswith("2003-JHB-02")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Status"] == "Adopted ad referendum, awaiting confirmation"
    assert metrics["Adopted on"] == "30 Apr 2003"
    points = next(df.value for df in at.dataframe if "Point" in df.value.columns)
    assert points["Point"].tolist() == ["decision-making"]
    lifecycle = next(df.value for df in at.dataframe if "Event" in df.value.columns)
    assert lifecycle["Event"].tolist()[:3] == [
        "Adopted (Ad referendum)",
        "English: Final",
        "English: Final and made available",
    ]
    assert (
        "Not yet formally adopted (Rule 26). Languages missing: French, Portuguese, Spanish "
        "and Russian."
    ) in [w.value for w in at.warning]
    assert any("adopted ad referendum by Plenary" in m.value for m in at.markdown)


def test_text_in_a_missing_language_says_so(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en", ref="2003-SUN-04")
    at.selectbox(key="decisions_text_language").set_value("ru").run()
    assert "There is no version of this decision in Russian yet. Available: English." in [
        i.value for i in at.info
    ]


def test_html_in_a_decision_is_shown_inert(
    open_page: Callable[..., AppTest],
    engine,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import date

    from governance.rules.permissions import Actor, Role
    from governance.services import decisions

    clerk = Actor("clerk", Role.SECRETARIAT)
    signed.accounts(engine, clerk)
    decisions.record_decision(
        engine=engine,
        actor=clerk,
        reference="2004-X-09",
        title="Test",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 1, 5),
        text="<script>alert('x')</script> <img src=x onerror=alert(1)> **bold**",
    )
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="en", ref="2004-X-09")
    body = next(m.value for m in at.markdown if "alert" in m.value)
    assert "<script>" not in body and "\\<script\\>" in body
    assert "\\*\\*bold\\*\\*" in body
    assert not any(getattr(m, "allow_html", False) for m in at.markdown)


def test_a_long_register_is_shown_a_page_at_a_time_with_its_total(
    open_page: Callable[..., AppTest], database_url: str
) -> None:
    from governance import db
    from governance.services import decisions, demo_data

    engine = db.get_engine(database_url)
    demo_data.build(engine, scale=4, seed=3)
    on = "2100-01-01"
    total = decisions.count_decisions(engine=engine, on=date(2100, 1, 1))
    assert 50 < total <= 100
    whole = [d.reference for d in decisions.list_decisions(engine=engine, on=date(2100, 1, 1))]
    at = open_page("pages/views/decisions.py", as_of=on, lang="en")
    assert register(at)["Reference"].tolist() == whole[:50]
    assert any(f"Decisions 1–50 of {total}" in m.value for m in at.markdown)
    at.number_input[0].set_value(2).run()
    assert register(at)["Reference"].tolist() == whole[50:]
    assert any(f"Decisions 51–{total} of {total}" in m.value for m in at.markdown)
    # a link to a decision that is not on the first page still opens it
    at = open_page("pages/views/decisions.py", as_of=on, lang="en", ref=whole[-1])
    assert at.header[0].value.startswith(whole[-1])
