"""The desk's Communiqués tab, the meeting and decision forms' new fields, and what the
Communiqués and Meetings pages show of a communiqué recorded at the desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from dbcheck import dump
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import decisions, meetings, translations

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

DESK = "pages/views/secretariat.py"
COMMUNIQUES = "pages/views/communiques.py"
MEETINGS = "pages/views/meetings.py"
CODE = "2004-gatineau-communique"


@pytest.fixture
def gatineau(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Today is 1 November 2004; the Gatineau Plenary (27–29 October) is recorded."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    meetings.record_meeting(
        engine=engine,
        actor=SECRETARIAT,
        code="2004-gatineau",
        title="Plenary meeting, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        host="Canada",
        chair="Canada",
        note="Dates from the Chair's letter.",
    )
    return engine


def submit(at: AppTest, form: str) -> AppTest:
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    return at


def fill_communique(at: AppTest, issued_on: date = date(2004, 10, 29)) -> None:
    at.text_input(key="communique_code").input(CODE)
    at.date_input(key="communique_issued_on").set_value(issued_on)
    at.text_input(key="communique_title").input("Final Communiqué, Gatineau")
    at.text_area(key="communique_text").input("The Plenary met in Gatineau.\n\nIt closed.")
    at.text_input(key="communique_note").input("Undated; the last day of the meeting.")
    at.text_input(key="communique_source").input("KP website")


def test_the_desk_records_a_communique_for_a_chosen_meeting(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    chooser = at.selectbox(key="communique_meeting")
    assert chooser.value is None  # no default: a wrong meeting would record a wrong fact
    assert "2004-gatineau — Plenary meeting, Gatineau" in chooser.options
    fill_communique(at)
    submit(at, "communique")
    assert [e.value for e in at.error] == ["Choose the meeting that issued the communiqué."]
    with pytest.raises(Exception, match="No communiqué"):
        meetings.get_communique(engine=gatineau, code=CODE, on=date(2004, 11, 1))

    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    submit(at, "communique")
    assert not at.error
    assert [s.value for s in at.success] == [
        "Communiqué 2004-gatineau-communique of 2004-gatineau recorded, issued on 29 October 2004."
    ]
    stored = meetings.get_communique(engine=gatineau, code=CODE, on=date(2004, 11, 1))
    assert (stored.meeting, stored.issued_on, stored.note, stored.source) == (
        "2004-gatineau",
        date(2004, 10, 29),
        "Undated; the last day of the meeting.",
        "KP website",
    )


def test_a_communique_before_its_meeting_is_refused_at_the_desk(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at, issued_on=date(2004, 10, 1))
    before = dump(gatineau)
    submit(at, "communique")
    assert [e.value for e in at.error] == [
        "A communiqué of 2004-gatineau cannot be issued on 1 October 2004, before the meeting "
        "starts (27 October 2004)."
    ]
    assert dump(gatineau) == before


def test_the_desk_links_a_decision_to_its_communique(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at)
    submit(at, "communique")
    decisions.record_decision(
        engine=gatineau,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Statistics",
        kind="recommendation",
        procedure="plenary",
        adopted_on=date(2004, 10, 30),
        text="The Plenary recommends statistics.",
    )
    at.run()
    assert at.selectbox(key="link_decision").value is None  # no default: no wrong link
    assert at.selectbox(key="link_communique").value is None
    at.selectbox(key="link_decision").set_value("2004-WP-01")
    at.selectbox(key="link_communique").set_value(CODE)
    submit(at, "link")
    assert not at.error
    assert "Decision 2004-WP-01 linked to communiqué 2004-gatineau-communique." in [
        s.value for s in at.success
    ]
    detail = decisions.get_decision(engine=gatineau, reference="2004-WP-01", on=date(2004, 11, 1))
    assert detail.communique == CODE

    # The form starts afresh after a save: both choices again.
    assert at.selectbox(key="link_communique").value is None
    at.selectbox(key="link_decision").set_value("2003-SUN-01")
    at.selectbox(key="link_communique").set_value(CODE)
    submit(at, "link")
    [error] = [e.value for e in at.error]
    assert "belongs to the meeting 2004-gatineau, not to 2003-sun-city" in error


def test_the_meeting_form_takes_host_and_chair_from_the_register(
    open_page: Callable[..., AppTest], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    host = at.selectbox(key="meeting_host")
    assert host.value is None and "Canada" in host.options and "Atlantis" not in host.options
    at.text_input(key="meeting_code").input("2004-gatineau")
    at.text_input(key="meeting_title").input("Plenary meeting")
    at.text_input(key="meeting_place").input("Gatineau")
    at.date_input(key="meeting_starts_on").set_value(date(2004, 10, 27))
    at.date_input(key="meeting_ends_on").set_value(date(2004, 10, 29))
    at.selectbox(key="meeting_host").set_value("Canada")
    at.text_input(key="meeting_note").input("Approximate dates.")
    at.text_input(key="meeting_source").input("Chair's letter")
    submit(at, "meeting")
    assert not at.error
    stored = meetings.get_meeting(engine=engine, code="2004-gatineau", on=date(2004, 11, 1))
    assert (stored.host, stored.chair, stored.note, stored.source) == (
        "Canada",
        "",
        "Approximate dates.",
        "Chair's letter",
    )


def test_the_decision_form_makes_english_available_unless_told_otherwise(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")

    def record(reference: str, availability: str) -> None:
        at.text_input(key="decision_reference").input(reference)
        at.text_input(key="decision_title").input("Admission")
        at.selectbox(key="decision_kind").set_value("participation")
        at.date_input(key="decision_adopted_on").set_value(date(2004, 10, 29))
        at.selectbox(key="decision_meeting").set_value("2004-gatineau")
        at.text_area(key="decision_text").input("The Plenary admitted the applicant.")
        at.radio(key="decision_availability").set_value(availability)
        at.date_input(key="decision_available_on").set_value(date(2004, 10, 31))
        at.text_input(key="decision_note").input("From the Chair's letter.")
        submit(at, "decision")
        assert not at.error, [e.value for e in at.error]

    record("2004-GAT-01", "adoption_date")
    record("2004-GAT-02", "another_date")
    record("2004-GAT-03", "not_yet")
    on = date(2004, 11, 1)
    english = {
        ref: next(
            v
            for v in decisions.get_decision(engine=gatineau, reference=ref, on=on).versions
            if v.language == "en"
        )
        for ref in ("2004-GAT-01", "2004-GAT-02", "2004-GAT-03")
    }
    assert (english["2004-GAT-01"].state, english["2004-GAT-01"].available_on) == (
        "available",
        date(2004, 10, 29),
    )
    assert english["2004-GAT-02"].available_on == date(2004, 10, 31)
    assert english["2004-GAT-03"].state == "final"
    detail = decisions.get_decision(engine=gatineau, reference="2004-GAT-01", on=on)
    assert detail.note == "From the Chair's letter."


def test_the_communique_page_shows_a_recorded_communique_in_french(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at)
    submit(at, "communique")
    for state, on, text in (
        ("in_translation", date(2004, 10, 30), "La Plénière s'est réunie à Gatineau."),
        ("final", date(2004, 10, 31), None),
        ("available", date(2004, 11, 1), None),
    ):
        translations.set_state(
            engine=gatineau,
            actor=SECRETARIAT,
            target=CODE,
            language="fr",
            state=state,
            on=on,
            text=text,
        )
    page = open_page(COMMUNIQUES, as_of="2004-11-01", lang="en", communique=CODE, content="fr")
    assert page.header[0].value == "Final Communiqué, Gatineau"
    assert "Note: Undated; the last day of the meeting." in [
        c.value.replace("\\", "")
        for c in page.caption  # Markdown escapes: shown as typed
    ]
    assert [s.value for s in page.success] == ["Final, made available on 1 November 2004."]
    assert [t.value for t in page.text] == ["La Plénière s'est réunie à Gatineau."]

    english = open_page(COMMUNIQUES, as_of="2004-10-30", lang="en", communique=CODE, content="en")
    assert [s.value for s in english.success] == ["Final, made available on 29 October 2004."]
    assert [t.value for t in english.text] == ["The Plenary met in Gatineau.", "It closed."]


def test_the_meeting_page_names_its_communique_and_its_note(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    before = open_page(MEETINGS, as_of="2004-11-01", lang="en", meeting="2004-gatineau")
    markdown = [m.value for m in before.markdown]
    assert "No communiqué had been issued for this meeting by this date." in markdown
    assert "Note: Dates from the Chair's letter." in [
        i.value.replace("\\", "") for i in before.info
    ]

    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at)
    submit(at, "communique")
    after = open_page(MEETINGS, as_of="2004-10-29", lang="en", meeting="2004-gatineau")
    markdown = [m.value for m in after.markdown]
    assert "No communiqué had been issued for this meeting by this date." not in markdown
    assert "Final communiqué: 2004-gatineau-communique" in markdown


def test_the_language_versions_tab_takes_a_recorded_communique(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at)
    submit(at, "communique")
    at.run()
    at.selectbox(key="tr_target").set_value(CODE)
    at.selectbox(key="tr_language").set_value("fr")
    at.run()
    at.selectbox(key="tr_state").set_value("in_translation")
    at.date_input(key="tr_on").set_value(date(2004, 10, 30))
    at.text_area(key="tr_text").input("La Plénière s'est réunie à Gatineau.")
    submit(at, "tr")
    assert not at.error, [e.value for e in at.error]
    shown = meetings.get_communique(engine=gatineau, code=CODE, on=date(2004, 11, 1))
    french = next(v for v in shown.versions if v.language == "fr")
    assert (french.state, french.text) == ("in_translation", "La Plénière s'est réunie à Gatineau.")


def test_the_communique_page_lists_the_decisions_it_announced(
    open_page: Callable[..., AppTest], gatineau: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-11-01", lang="en")
    at.selectbox(key="communique_meeting").set_value("2004-gatineau")
    fill_communique(at)
    submit(at, "communique")
    for reference in ("2004-GAT-01", "2004-GAT-02"):
        decisions.record_decision(
            engine=gatineau,
            actor=SECRETARIAT,
            reference=reference,
            title=f"Decision {reference}",
            kind="participation",
            procedure="plenary",
            adopted_on=date(2004, 10, 29),
            text="The Plenary decided.",
            meeting="2004-gatineau",
            communique=CODE,
        )
    page = open_page(COMMUNIQUES, as_of="2004-11-01", lang="en", communique=CODE)
    assert "This communiqué announced 2 decisions." in [m.value for m in page.markdown]
    table = next(df.value for df in page.dataframe if "Reference" in df.value.columns)
    assert list(table["Reference"]) == ["2004-GAT-01", "2004-GAT-02"]
    assert set(table["Languages available"]) == {"English"}
