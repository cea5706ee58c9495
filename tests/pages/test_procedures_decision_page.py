"""The decision page of a written procedure: the proposal's text, what is available said plainly,
and the reported tally beside the named replies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import signed
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import decisions, procedures

CLERK = Actor("clerk", Role.SECRETARIAT)
REFERENCE = "2004-WP-01"
TEXT = "The Chair proposes that the Plenary admit the applicant as a Participant."


@pytest.fixture
def circulated(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    signed.accounts(engine, CLERK)
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
        source="Chair's letter",
    )
    return engine


def shown(at: AppTest) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown]


def test_a_circulated_procedure_shows_its_text_and_says_nothing_is_available_yet(
    open_page: Callable[..., AppTest], circulated: Engine
) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-02-10", lang="en", ref=REFERENCE)
    assert at.header[0].value == f"{REFERENCE} — Admission of an applicant"
    assert TEXT in shown(at)
    infos = [i.value for i in at.info]
    assert not any("Available: ." in i for i in infos), infos
    assert (
        "No language version of this decision has been made final yet; the proposal as "
        "circulated is shown above."
    ) in infos


def test_the_reported_tally_is_shown_beside_the_named_replies(
    open_page: Callable[..., AppTest], circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    procedures.record_reply(
        engine=circulated,
        actor=CLERK,
        reference=REFERENCE,
        participant="Canada",
        kind="support",
        received_on=date(2004, 2, 3),
        note="note verbale",
    )
    monkeypatch.setenv("PLENARY_TODAY", "2004-03-10")
    procedures.record_tally(
        engine=circulated,
        actor=CLERK,
        reference=REFERENCE,
        supports=40,
        objections=0,
        source="Chair's report of 10 March 2004",
    )
    at = open_page("pages/views/decisions.py", as_of="2004-03-10", lang="en", ref=REFERENCE)
    infos = [i.value for i in at.info]
    assert any(
        i.startswith("Reported: 40 supports, no objection (named replies below: 1).")
        and "Chair's report of 10 March 2004" in i
        for i in infos
    ), infos
    replies = at.dataframe[-1].value
    assert list(replies.iloc[0])[:2] == ["Canada", "Support"]


def test_the_decision_and_its_procedure_show_their_notes(
    open_page: Callable[..., AppTest], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed.accounts(engine, CLERK)
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-01")
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
        note="Deadline *approximate*: the letter is undated",
    )
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference="2004-PL-01",
        title="Statistics",
        kind="recommendation",
        procedure="plenary",
        adopted_on=date(2004, 1, 20),
        text="The Plenary recommends …",
        note="Adoption date from the *draft* minutes",
    )
    at = open_page("pages/views/decisions.py", as_of="2004-02-10", lang="en", ref=REFERENCE)
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Note: Deadline *approximate*: the letter is undated" in captions
    at = open_page("pages/views/decisions.py", as_of="2004-02-10", lang="en", ref="2004-PL-01")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Note: Adoption date from the *draft* minutes" in captions
