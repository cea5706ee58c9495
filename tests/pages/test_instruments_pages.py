"""External instruments in the app: their page, the citations on a decision and on a
Participant, and the desk tab that records and links them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from html_tables import html_table
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import instruments

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
DESK = "pages/views/secretariat.py"


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_page_lists_57_302_and_the_waiver_with_their_sources(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/instruments.py", as_of="2004-01-01", lang="en")
    assert at.title[0].value == "External instruments"
    rows = {r["Number"]: r for r in html_table(at)}
    assert list(rows) == ["S/RES/1343 (2001)", "A/RES/57/302", "WTO-GC-2003-05-15"]
    resolution = rows["A/RES/57/302"]
    assert resolution["Body"] == "United Nations General Assembly"
    assert resolution["Date"] == "15 Apr 2003"
    assert resolution["Paragraph that concerns the scheme"].startswith("Operative paragraph 9")
    assert resolution["Source"] == "Letter ¶1; Report, Introduction ¶1"
    waiver = rows["WTO-GC-2003-05-15"]
    assert (waiver["Body"], waiver["Source"]) == (
        "WTO General Council",
        "Report, Progress achieved ¶2",
    )
    assert rows["S/RES/1343 (2001)"]["Cited by"] == (
        "Decision 2003-JHB-09; Liberia (change of status of 30 April 2003)"
    )
    # Before the waiver was granted it is not known.
    at = open_page("pages/views/instruments.py", as_of="2003-05-01", lang="en")
    assert [r["Number"] for r in html_table(at)] == ["S/RES/1343 (2001)", "A/RES/57/302"]


def test_liberias_block_cites_the_embargo_on_the_participants_page(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/participants.py", as_of="2003-10-31", lang="en")
    at.selectbox(key="participants_entity").set_value("Liberia").run()
    assert not at.exception, at.exception
    text = markdown(at)
    assert "External instruments cited" in text
    assert "S/RES/1343 \\(2001\\)" in text
    assert "United Nations Security Council" in text
    assert "change of status of 30 April 2003" in text
    at.selectbox(key="participants_entity").set_value("Canada").run()
    assert "External instruments cited" not in markdown(at)


def test_the_decision_on_liberia_cites_the_embargo(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/decisions.py", as_of="2003-10-31", lang="en", ref="2003-JHB-09")
    text = markdown(at)
    assert "External instruments cited" in text and "S/RES/1343" in text


def test_the_desk_records_and_links_an_instrument(
    open_page: Callable[..., AppTest], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-06-01")
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-06-01", lang="en")
    assert at.selectbox(key="instrument_body").value is None  # no default body
    at.text_input(key="instrument_reference").input("A/RES/58/290")
    at.selectbox(key="instrument_body").set_value("unga")
    at.selectbox(key="instrument_kind").set_value("resolution")
    at.date_input(key="instrument_adopted_on").set_value(date(2004, 4, 14))
    at.text_input(key="instrument_title").input("The role of diamonds in fuelling conflict")
    at.text_area(key="instrument_paragraph").input("Operative paragraph 1")
    at.text_input(key="instrument_source").input("A/RES/58/290")
    at.button(key="instrument_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("A/RES/58/290" in s.value for s in at.success)
    assert at.text_input(key="instrument_reference").value == ""
    at.selectbox(key="instlink_instrument").set_value("A/RES/58/290")
    at.selectbox(key="instlink_participant").set_value("Canada")
    at.button(key="instlink_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    cited = instruments.cited_by(engine=engine, on=date(2004, 6, 1), entity="Canada")
    assert [(c.instrument, c.target_kind) for c in cited] == [("A/RES/58/290", "participant")]


def test_the_desk_refuses_a_duplicate_and_stores_nothing(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-01-01", lang="en")
    at.text_input(key="instrument_reference").input("a/res/57/302")
    at.selectbox(key="instrument_body").set_value("unga")
    at.selectbox(key="instrument_kind").set_value("resolution")
    at.date_input(key="instrument_adopted_on").set_value(date(2003, 4, 15))
    at.text_input(key="instrument_title").input("Again")
    at.button(key="instrument_submit").click().run()
    assert not at.exception
    assert any("already exists" in e.value for e in at.error)
    assert at.text_input(key="instrument_reference").value == "a/res/57/302"
    assert instruments.count_instruments(engine=engine, on=date(2004, 1, 1)) == 3


def test_the_history_page_reads_a_record_by_reference_field_by_field(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    instruments.link_instrument(
        engine=engine, actor=SECRETARIAT, reference="A/RES/57/302", participant="Canada"
    )
    at = open_page("pages/views/history.py", actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.selectbox(key="history_table").set_value("instrument").run()
    at.text_input(key="history_search").input("57/302").run()
    assert at.selectbox(key="history_reference").options == ["A/RES/57/302"]
    at.selectbox(key="history_reference").set_value("A/RES/57/302").run()
    assert not at.exception, at.exception
    assert at.subheader[-1].value == "External instrument A/RES/57/302"
    shown = at.dataframe[0].value
    link = shown[shown["What"] == "Recorded: Citation of an instrument"]
    assert set(link["Who"]) == {"clerk"}
    assert set(link["Action"]) == {"Record an external instrument"}
    rows = dict(zip(link["Field"], link["After"], strict=True))
    assert rows["External instrument"] == "A/RES/57/302"
    assert rows["Participant or organisation"] == "Canada"
    loaded = shown[shown["What"] == "Recorded: External instrument"]
    assert (
        dict(zip(loaded["Field"], loaded["After"], strict=True))["Body"]
        == "United Nations General Assembly"
    )
    assert all(len(w) == 19 for w in shown["When (UTC)"])


def test_the_history_page_in_french_labels_the_columns(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/history.py", actor=SECRETARIAT, as_of="2004-02-01", lang="fr")
    at.selectbox(key="history_table").set_value("participant").run()
    at.selectbox(key="history_reference").set_value("Liberia").run()
    assert not at.exception, at.exception
    shown = at.dataframe[0].value
    assert len(shown) > 0 and "Entry" not in shown.columns  # headers in French


def test_the_desk_links_an_instrument_to_a_change_of_status(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2003-10-31", lang="en")
    at.selectbox(key="instlink_instrument").set_value("A/RES/57/302")
    at.selectbox(key="instlink_participant").set_value("Liberia")
    at.checkbox(key="instlink_cite_status").check()
    at.date_input(key="instlink_status_on").set_value(date(2003, 5, 1))
    at.button(key="instlink_submit").click().run()
    assert any("no change of status recorded on" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    assert instruments.cited_by(engine=engine, on=date(2004, 1, 1), entity="Liberia")[
        0
    ].instrument == ("S/RES/1343 (2001)")
    at.date_input(key="instlink_status_on").set_value(date(2003, 4, 30))
    at.button(key="instlink_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    cited = instruments.cited_by(engine=engine, on=date(2004, 1, 1), entity="Liberia")
    assert sorted((c.instrument, c.target_kind, c.status_on) for c in cited) == [
        ("A/RES/57/302", "status_event", date(2003, 4, 30)),
        ("S/RES/1343 (2001)", "status_event", date(2003, 4, 30)),
    ]
