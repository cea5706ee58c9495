"""The desk's written procedures tab: circulation with a source and a note, the reported tally,
replies from a CSV file (all or nothing, per-row errors), and no default that records a fact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import signed
from dbcheck import dump
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import procedures

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
PAGE = "pages/views/secretariat.py"
REFERENCE = "2004-WP-01"


@pytest.fixture
def circulated(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("PLENARY_TODAY", "2004-03-10")
    signed.accounts(engine, SECRETARIAT)
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes …",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    return engine


def submit(at: AppTest, form: str) -> AppTest:
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_the_reply_form_has_no_defaults(
    open_page: Callable[..., AppTest], circulated: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-02-10", lang="en")
    assert at.selectbox(key="reply_procedure").value is None
    assert at.selectbox(key="reply_participant").value is None
    assert at.radio(key="reply_kind").value is None
    assert at.selectbox(key="tally_procedure").value is None
    before = dump(circulated)
    submit(at, "reply")
    assert at.error and dump(circulated) == before


def test_the_secretariat_records_the_reported_tally(
    open_page: Callable[..., AppTest], circulated: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-03-10", lang="en")
    at.selectbox(key="tally_procedure").set_value(REFERENCE)
    at.number_input(key="tally_supports").set_value(40)
    at.number_input(key="tally_objections").set_value(0)
    at.text_input(key="tally_source").input("Chair's report of 10 March 2004")
    submit(at, "tally")
    assert not at.error, [e.value for e in at.error]
    assert any(
        s.value.startswith(f"Tally recorded for {REFERENCE}: 40 supports, 0 objections reported")
        for s in at.success
    ), [s.value for s in at.success]
    view = procedures.get_procedure(engine=circulated, reference=REFERENCE, on=date(2004, 3, 10))
    assert (view.reported_supports, view.reported_objections, view.source) == (
        40,
        0,
        "Chair's report of 10 March 2004",
    )


def test_replies_from_a_csv_file_all_or_nothing(
    open_page: Callable[..., AppTest], circulated: Engine
) -> None:
    at = open_page(PAGE, actor=SECRETARIAT, as_of="2004-03-10", lang="en")
    at.selectbox(key="wpcsv_procedure").set_value(REFERENCE)
    bad = b"Participant,position,date\nCanada,support,2004-02-03\nAtlantis,support,2004-02-04\n"
    at.file_uploader(key="wpcsv_file").upload("replies.csv", bad, "text/csv")
    at.text_input(key="wpcsv_note").input("e-mail")
    before = dump(circulated)
    submit(at, "wpcsv")
    assert any("row 3: No participant" in e.value for e in at.error), [e.value for e in at.error]
    assert dump(circulated) == before
    good = b"Participant,position,date\nCanada,support,2004-02-03\nIndia,support,2004-02-04\n"
    at.file_uploader(key="wpcsv_file").upload("replies.csv", good, "text/csv")
    submit(at, "wpcsv")
    assert not at.error, [e.value for e in at.error]
    view = procedures.get_procedure(engine=circulated, reference=REFERENCE, on=date(2004, 3, 10))
    assert [(r.participant, r.kind, r.note) for r in view.replies] == [
        ("Canada", "support", "e-mail"),
        ("India", "support", "e-mail"),
    ]
