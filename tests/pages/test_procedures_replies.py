"""The delegate's reply page: the proposal's text, a confirmation that says what an objection does,
a receipt, the reply changed until the deadline, and the procedure still listed afterwards with
the outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import signed
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import procedures, translations

CLERK = Actor("clerk", Role.SECRETARIAT)
JAPAN = Actor("tokyo", Role.DELEGATE, "Japan")
REFERENCE = "2004-WP-01"
TEXT = "The Chair proposes that the Plenary admit the applicant as a Participant."
REVIEW = f"FormSubmitter:reply_{REFERENCE}-Review the reply"


@pytest.fixture
def circulated(engine: Engine) -> Engine:
    signed.accounts(engine, CLERK, JAPAN)
    procedures.circulate(
        engine=engine,
        actor=CLERK,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    return engine


def texts(at: AppTest) -> list[str]:
    """Markdown (stored text is shown inert: its markup escaped) and captions, as read."""
    return [m.value.replace("\\", "") for m in at.markdown] + [c.value for c in at.caption]


def test_the_delegate_reads_the_text_confirms_an_objection_and_gets_a_receipt(
    open_page: Callable[..., AppTest], circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    at = open_page("pages/views/replies.py", actor=JAPAN, lang="en")
    assert TEXT in texts(at)
    at.radio[0].set_value("objection")
    at.button(key=REVIEW).click().run()
    # Nothing is stored before the confirmation, which says what an objection does.
    view = procedures.get_procedure(engine=circulated, reference=REFERENCE, on=date(2004, 2, 10))
    assert view.replies == ()
    assert any("not adopted by written procedure" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]
    at.button(key=f"confirm_send_{REFERENCE}").click().run()
    assert not at.exception, at.exception
    view = procedures.get_procedure(engine=circulated, reference=REFERENCE, on=date(2004, 2, 10))
    assert [(r.participant, r.kind, r.received_on) for r in view.replies] == [
        ("Japan", "objection", date(2004, 2, 10))
    ]
    receipt = [s.value for s in at.success]
    assert any(
        s.startswith(f"Recorded: Objection from Japan to {REFERENCE}, received on 10 February 2004")
        and "by tokyo" in s
        for s in receipt
    ), receipt
    table = at.table[0].value
    assert list(table.iloc[0])[:4] == ["Japan", "Objection", "10 February 2004", "tokyo"]
    # The reply is shown as the one that counts, and can be changed.
    assert any("Japan replied on 10 February 2004: Objection." in i.value for i in at.info)
    assert at.radio[0].label == "Change the reply of Japan"


def test_cancel_stores_nothing(
    open_page: Callable[..., AppTest], circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    at = open_page("pages/views/replies.py", actor=JAPAN, lang="en")
    at.radio[0].set_value("support")
    at.button(key=REVIEW).click().run()
    at.button(key=f"confirm_cancel_{REFERENCE}").click().run()
    view = procedures.get_procedure(engine=circulated, reference=REFERENCE, on=date(2004, 2, 10))
    assert view.replies == ()
    assert at.radio[0].label == "Reply of Japan"


def test_a_changed_reply_lists_the_earlier_one_and_after_the_deadline_the_outcome(
    open_page: Callable[..., AppTest], circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-05")
    procedures.record_reply(
        engine=circulated, actor=JAPAN, reference=REFERENCE, participant="Japan", kind="support"
    )
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    at = open_page("pages/views/replies.py", actor=JAPAN, lang="en")
    at.radio[0].set_value("objection")
    at.button(key=REVIEW).click().run()
    at.button(key=f"confirm_send_{REFERENCE}").click().run()
    assert any(
        c.value.startswith("It replaces the reply of 5 February 2004 (Support)") for c in at.caption
    )
    assert any(
        c.value.startswith("Earlier replies, replaced: Support received on 5 February 2004")
        for c in at.caption
    ), [c.value for c in at.caption]
    # After the objection and after the deadline, the procedure is still listed, with the
    # reply that counted and the outcome.
    monkeypatch.setenv("PLENARY_TODAY", "2004-03-10")
    later = open_page("pages/views/replies.py", actor=JAPAN, lang="en")
    assert later.subheader[0].value == f"{REFERENCE} — Admission of an applicant"
    assert any(
        w.value.startswith(
            "Outcome: Not adopted (silence broken), decided on 1 March 2004 (0 supports and "
            "1 objection at the deadline of 29 February 2004)"
        )
        for w in later.warning
    ), [w.value for w in later.warning]
    assert any("Japan replied on 10 February 2004: Objection." in i.value for i in later.info)
    assert not later.radio  # closed: no reply can be sent


def test_the_text_in_the_readers_language_else_english_with_the_fallback_said(
    open_page: Callable[..., AppTest], circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    at = open_page("pages/views/replies.py", actor=JAPAN, lang="fr")
    assert TEXT in texts(at)
    # Said in a sentence naming both languages (each by its own name).
    assert any("français" in c and "anglais" in c for c in texts(at)), texts(at)
    translations.set_state(
        engine=circulated,
        actor=CLERK,
        target=REFERENCE,
        language="fr",
        state="final",
        on=date(2004, 2, 3),
        text="Le Président propose que la Plénière admette le candidat.",
    )
    french = open_page("pages/views/replies.py", actor=JAPAN, lang="fr")
    assert "Le Président propose que la Plénière admette le candidat." in texts(french)
    assert TEXT not in texts(french)
