"""Secretariat desk: each form stores through its service, and a refused entry stores nothing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from governance import i18n
from governance.models import Decision
from governance.rules.errors import DeadlineBeforeCirculationError, NotFoundError
from governance.rules.permissions import Actor, Role
from governance.services import decisions, meetings, offices, participants, procedures
from governance.services.views import ReplyView

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT, Actor("second-clerk", Role.SECRETARIAT))

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/views/secretariat.py"


def decision_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Decision)).one()


def submit(at: AppTest, form: str) -> AppTest:
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    return at


def successes(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def procedures_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "Outcome" in df.value.columns)


def circulate(at: AppTest, reference: str, circulated_on: date, deadline: date) -> AppTest:
    at.text_input(key="wp_reference").input(reference)
    at.text_input(key="wp_title").input("Uniform questionnaire for annual reports")
    at.selectbox(key="wp_kind").set_value("questionnaire")
    at.text_area(key="wp_text").input("The Chair proposes the attached questionnaire.")
    at.date_input(key="wp_circulated_on").set_value(circulated_on)
    at.date_input(key="wp_deadline").set_value(deadline)
    return submit(at, "wp")


def test_an_objection_standing_at_the_deadline_breaks_silence(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    assert at.title[0].value == "Secretariat desk"
    assert any("No written procedure had been circulated" in i.value for i in at.info)

    circulate(at, "2004-WP-01", date(2004, 2, 1), date(2004, 2, 29))
    assert not errors(at)
    assert successes(at) == [
        "Written procedure 2004-WP-01 circulated on 1 February 2004; replies are due by "
        "29 February 2004."
    ]
    stored = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 2, 1))
    assert (stored.circulated_on, stored.deadline, stored.outcome) == (
        date(2004, 2, 1),
        date(2004, 2, 29),
        "pending",
    )

    at.selectbox(key="reply_procedure").set_value("2004-WP-01")
    at.selectbox(key="reply_participant").set_value("Japan")
    at.radio(key="reply_kind").set_value("objection")
    at.date_input(key="reply_received_on").set_value(date(2004, 2, 10))
    submit(at, "reply")  # received before today: the desk must say how it arrived
    assert any("needs a note saying how it arrived" in e for e in errors(at))
    pending = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 1))
    assert pending.replies == ()
    at.text_input(key="reply_note").input("note verbale of 10 February 2004")
    submit(at, "reply")
    assert not errors(at)
    assert any(
        "Reply recorded for 2004-WP-01: Japan, Objection, received on 10 February 2004" in s
        and "Outcome on that date: Pending" in s  # decided at the deadline
        for s in successes(at)
    )

    after = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 1))
    assert after.outcome == "not_adopted"
    assert after.replies == (
        ReplyView("Japan", "objection", date(2004, 2, 10), "note verbale of 10 February 2004"),
    )

    # The desk and the decision register, viewed after the deadline, show the outcome.
    later = open_page(PAGE, actor=SECRETARIAT, as_of="2004-03-01", lang="en")
    table = procedures_table(later)
    row = table[table["Reference"] == "2004-WP-01"]
    assert row["Outcome"].tolist() == ["Not adopted (silence broken)"]
    assert row["Objection"].tolist() == ["1"]
    register = open_page(
        "pages/views/decisions.py", as_of="2004-03-01", lang="en", ref="2004-WP-01"
    )
    assert any("Not adopted (silence broken)" in m.value for m in register.markdown)


def test_a_deadline_before_circulation_is_refused_and_nothing_is_stored(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    before = decision_count(engine)
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    circulate(at, "2004-WP-02", date(2004, 2, 1), date(2004, 1, 15))
    assert errors(at) == [
        "The deadline (15 January 2004) must be after the circulation date (1 February 2004)."
    ]
    assert not successes(at)
    assert decision_count(engine) == before
    assert procedures.list_procedures(engine=engine, on=date(2004, 12, 31)) == []
    with pytest.raises(NotFoundError):
        decisions.get_decision(engine=engine, reference="2004-WP-02", on=date(2004, 2, 1))


def test_french_version_goes_final_then_is_made_available(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.selectbox(key="tr_target").set_value("2003-SUN-04").run()
    at.selectbox(key="tr_language").set_value("en").run()
    assert (at.text_area(key="tr_text").value or "").startswith("The Plenary selected")
    at.selectbox(key="tr_language").set_value("fr").run()
    assert at.text_area(key="tr_text").value == ""

    french = "La Plénière a choisi le Canada pour présider le Processus de Kimberley en 2004."
    at.selectbox(key="tr_state").set_value("final")
    at.date_input(key="tr_on").set_value(date(2004, 1, 20))
    at.text_area(key="tr_text").input(french)
    submit(at, "tr")
    assert not errors(at)
    assert successes(at) == ["2003-SUN-04, version in French: Final on 20 January 2004."]

    at.selectbox(key="tr_state").set_value("available")
    at.date_input(key="tr_on").set_value(date(2004, 2, 1))
    submit(at, "tr")
    assert not errors(at)
    assert successes(at) == [
        "2003-SUN-04, version in French: Final and made available on 1 February 2004."
    ]
    assert any(
        "Version in French on 1 February 2004: Final and made available. Made available on "
        "1 February 2004." in c.value
        for c in at.caption
    )

    detail = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2004, 2, 1))
    fr = next(v for v in detail.versions if v.language == "fr")
    assert (fr.state, fr.available_on, fr.text) == ("available", date(2004, 2, 1), french)
    assert [(s.state, s.taken_on) for s in fr.steps] == [
        ("final", date(2004, 1, 20)),
        ("available", date(2004, 2, 1)),
    ]
    assert "fr" in detail.decision.languages_available


@pytest.mark.usefixtures("working_on_1_february_2004")
def test_a_recorded_decision_selects_the_vice_chair(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.text_input(key="decision_reference").input("2004-SEL-01")
    at.text_input(key="decision_title").input("Selection of the Vice Chair for 2005")
    at.selectbox(key="decision_kind").set_value("office_selection")
    at.selectbox(key="decision_procedure").set_value("plenary")
    at.text_area(key="decision_text").input("Botswana was selected as Vice Chair for 2005.")
    submit(at, "decision")
    assert not errors(at)
    assert successes(at) == [
        "Decision 2004-SEL-01 recorded (Adopted in Plenary, adopted on 1 February 2004)."
    ]
    stored = decisions.get_decision(engine=engine, reference="2004-SEL-01", on=date(2004, 2, 1))
    assert (stored.decision.kind, stored.decision.adopted_on) == (
        "office_selection",
        date(2004, 2, 1),
    )

    at.selectbox(key="vc_holder").set_value("Botswana")
    at.number_input(key="vc_year").set_value(2005)
    at.selectbox(key="vc_decision").set_value("2004-SEL-01")
    submit(at, "vc")
    assert not errors(at)
    [selected] = successes(at)
    assert selected.startswith("Botswana selected Vice Chair for ")
    assert selected.endswith("2005 (2004-SEL-01).")
    holders = offices.holders_on(engine=engine, on=date(2005, 6, 1))
    assert holders.vice_chair is not None
    assert (holders.vice_chair.holder, holders.vice_chair.decision) == ("Botswana", "2004-SEL-01")
    assert not holders.vice_chair.projected


def test_a_departure_overlapping_a_recorded_term_is_refused(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    before = offices.timeline(engine=engine)
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.selectbox(key="term_office").set_value("chair")
    at.selectbox(key="term_holder").set_value("Botswana")
    at.date_input(key="term_starts_on").set_value(date(2004, 1, 1))
    at.date_input(key="term_ends_on").set_value(date(2004, 6, 30))
    at.selectbox(key="term_decision").set_value("2003-SUN-05")
    submit(at, "term")
    assert len(errors(at)) == 1
    assert "overlaps the term of Canada" in errors(at)[0]
    assert offices.timeline(engine=engine) == before


@pytest.mark.usefixtures("working_on_1_february_2004")
def test_an_open_point_is_resolved_by_a_later_decision(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.selectbox(key="resolve_point").set_value(("2003-JHB-02", "decision-making"))
    at.selectbox(key="resolve_by").set_value("2003-SUN-01")
    submit(at, "resolve")
    assert not errors(at)
    assert successes(at) == [
        "Open point decision-making of 2003-JHB-02 resolved on 1 February 2004 by 2003-SUN-01."
    ]
    detail = decisions.get_decision(engine=engine, reference="2003-JHB-02", on=date(2004, 2, 1))
    point = detail.open_points[0]
    assert (point.resolved_on, point.resolved_by) == (date(2004, 2, 1), "2003-SUN-01")
    assert detail.decision.status != "adopted_ad_referendum"
    at.run()
    assert any("No open point awaits resolution" in i.value for i in at.info)


@pytest.mark.usefixtures("working_on_1_february_2004")
def test_meeting_and_register_forms_store_their_facts(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.text_input(key="meeting_code").input("2004-gatineau")
    at.text_input(key="meeting_title").input("Plenary meeting of the KPCS")
    at.text_input(key="meeting_place").input("Gatineau")
    at.date_input(key="meeting_starts_on").set_value(date(2004, 10, 27))
    at.date_input(key="meeting_ends_on").set_value(date(2004, 10, 29))
    at.selectbox(key="meeting_host").set_value("Canada")
    submit(at, "meeting")
    assert not errors(at)
    meeting = meetings.get_meeting(engine=engine, code="2004-gatineau", on=date(2004, 11, 1))
    assert (meeting.place, meeting.starts_on, meeting.ends_on, meeting.kind, meeting.host) == (
        "Gatineau",
        date(2004, 10, 27),
        date(2004, 10, 29),
        "plenary",
        "Canada",
    )

    at.text_input(key="entity_name").input("Ghana")
    at.selectbox(key="entity_kind").set_value("state")
    at.selectbox(key="entity_status").set_value("applicant")
    at.selectbox(key="entity_stage").set_value("intent_declared")
    submit(at, "entity")
    assert not errors(at)
    assert successes(at) == ["Ghana registered (State): Applicant from 1 February 2004."]

    at.selectbox(key="status_name").set_value("Ghana")
    at.selectbox(key="status_status").set_value("applicant")
    at.selectbox(key="status_stage").set_value("documentation_submitted")
    at.date_input(key="status_on").set_value(date(2004, 3, 1))
    submit(at, "status")
    assert not errors(at)
    ghana = participants.get_entity(engine=engine, name="Ghana", on=date(2004, 3, 1))
    assert (ghana.kind, ghana.status, ghana.stage) == (
        "state",
        "applicant",
        "documentation_submitted",
    )
    assert [(h.effective_on, h.stage) for h in ghana.history] == [
        (date(2004, 2, 1), "intent_declared"),
        (date(2004, 3, 1), "documentation_submitted"),
    ]


FRENCH_TEMPLATE = (
    "La date limite ({deadline}) doit être postérieure à la date de diffusion ({circulated_on})."
)


@pytest.fixture
def french_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """The compiled French catalog; while none is built, a one-entry stand-in is used.

    Returns whether the stand-in (whose translation of the error is known) is in use.
    """
    if (i18n.LOCALES_DIR / "fr" / "LC_MESSAGES" / "messages.mo").exists():
        return False
    catalog = Catalog(locale="fr", domain=i18n.DOMAIN)
    catalog.add(DeadlineBeforeCirculationError.template, FRENCH_TEMPLATE)
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{i18n.DOMAIN}.mo", "wb") as mo:
        write_mo(mo, catalog)
    real = i18n.translator

    def stand_in(language: str, locales_dir: Path = tmp_path / "locales") -> i18n.Translator:
        return real(language, locales_dir)

    monkeypatch.syspath_prepend(str(ROOT))  # the app's ``ui`` package, as the entry point sees it
    context = importlib.import_module("ui.context")
    monkeypatch.setattr(i18n, "translator", stand_in)
    monkeypatch.setattr(context, "translator", stand_in)
    return True


def test_a_refused_entry_is_explained_in_french_and_stores_nothing(
    open_page: Callable[..., AppTest], engine: Engine, french_catalog: bool
) -> None:
    before = decision_count(engine)
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="fr")
    circulate(at, "2004-WP-03", date(2004, 2, 1), date(2004, 1, 15))
    assert len(at.error) == 1
    if french_catalog:
        assert errors(at) == [
            "La date limite (15 janvier 2004) doit être postérieure à la date de diffusion "
            "(1 février 2004)."
        ]
    assert not successes(at)
    assert decision_count(engine) == before
    assert procedures.list_procedures(engine=engine, on=date(2004, 12, 31)) == []


@pytest.fixture
def working_on_1_february_2004(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock says 1 February 2004: the forms' dates default to it."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-01")


def test_dates_default_to_today_and_not_to_the_as_of_date(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write's date is a form field that starts at the server's today; the as-of date the
    desk is viewed at never leaks into it."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    assert at.date_input(key="decision_adopted_on").value == date(2004, 2, 10)
    assert at.date_input(key="wp_circulated_on").value == date(2004, 2, 10)
    assert at.date_input(key="wp_deadline").value == date(2004, 3, 9)
    assert at.number_input(key="vc_year").value == 2005
    # What the sidebar's as-of field does: a new date in the session (and the URL).
    at.session_state["as_of"] = date(2004, 5, 5)
    at.query_params.clear()
    at.run()
    assert not at.exception, at.exception
    assert at.date_input(key="decision_adopted_on").value == date(2004, 2, 10)
    assert at.date_input(key="resolve_on").value == date(2004, 2, 10)
    assert at.date_input(key="wp_deadline").value == date(2004, 3, 9)


def test_a_correction_saved_over_a_newer_one_is_refused(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-01", lang="en")
    at.selectbox(key="edit_reference").set_value("2003-SUN-04").run()
    loaded = at.session_state["edit_version"]
    # Meanwhile, another secretariat session saves a correction of the same decision.
    decisions.edit_decision(
        engine=engine,
        actor=Actor("second-clerk", Role.SECRETARIAT),
        reference="2003-SUN-04",
        expected_version=loaded,
        title="Canada selected as Chair for 2004 (corrected)",
    )
    at.text_input(key="edit_title").input("My own correction").run()
    at.button(key="edit_submit").click().run()
    assert any("changed by second-clerk" in e.value and "reload" in e.value for e in at.error)
    title = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date.max)
    assert title.decision.title == "Canada selected as Chair for 2004 (corrected)"


def test_the_desk_says_its_dates_start_at_today_not_at_the_viewed_date(
    open_page: Callable[..., AppTest],
) -> None:
    from governance import clock
    from governance.i18n import translator

    at = open_page("pages/views/secretariat.py", actor=SECRETARIAT, as_of="2004-06-01", lang="en")
    (caption,) = [c.value for c in at.caption if "Dates start at today" in c.value]
    assert translator("en").date(clock.today()) in caption
    assert "2004" not in caption
