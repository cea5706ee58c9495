"""Whose clock: a write's date is an explicit field or the server's today, never the as-of
date a user is viewing. Replies above all: a delegate's reply is received the day it is sent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dbcheck import audit_count, dump
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.models import AuditEntry
from governance.rules.errors import (
    BackdatedReplyNoteError,
    DelegateReplyDateError,
    FutureDateError,
    ReplyOutsidePeriodError,
)
from governance.rules.permissions import Actor, Role
from governance.services import procedures, translations

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
JAPAN = Actor("tokyo", Role.DELEGATE, "Japan")
pytestmark = pytest.mark.signed(SECRETARIAT, JAPAN, ADMIN)
PASSWORD = "correct horse battery"
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


@pytest.fixture
def circulated(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """2004-WP-01 circulated 1 February 2004, replies due by 29 February; today is 10 February."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes to admit the applicant.",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    return engine


def test_a_delegates_reply_is_received_today_with_a_receipt(circulated: Engine) -> None:
    before = datetime.now(UTC)
    receipt = procedures.record_reply(
        engine=circulated, actor=JAPAN, reference="2004-WP-01", participant="Japan", kind="support"
    )
    assert (receipt.participant, receipt.kind, receipt.received_on) == (
        "Japan",
        "support",
        date(2004, 2, 10),
    )
    assert receipt.recorded_by == "tokyo" and receipt.recorded_at >= before
    assert receipt.outcome == "pending"
    # Sending today's date explicitly is the same thing.
    view = procedures.get_procedure(engine=circulated, reference="2004-WP-01", on=date(2004, 3, 1))
    assert [(r.participant, r.received_on, r.note) for r in view.replies] == [
        ("Japan", date(2004, 2, 10), "")
    ]


@pytest.mark.parametrize("claimed", [date(2004, 2, 3), date(2004, 2, 20)])
def test_a_delegate_cannot_date_a_reply_before_or_after_today(
    circulated: Engine, claimed: date
) -> None:
    before, trail = dump(circulated), audit_count(circulated)
    with pytest.raises(DelegateReplyDateError) as raised:
        procedures.record_reply(
            engine=circulated,
            actor=JAPAN,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
            received_on=claimed,
            note="sent earlier, honestly",
        )
    assert "only the secretariat records a reply received earlier" in str(raised.value)
    assert dump(circulated) == before and audit_count(circulated) == trail


def test_a_reply_after_the_deadline_is_refused_whatever_date_is_viewed(
    circulated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-03-01")
    with pytest.raises(ReplyOutsidePeriodError):
        procedures.record_reply(
            engine=circulated,
            actor=JAPAN,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
        )
    view = procedures.get_procedure(engine=circulated, reference="2004-WP-01", on=date(2004, 3, 1))
    assert (view.outcome, view.replies) == ("adopted", ())


def test_the_secretariat_back_dates_a_reply_only_with_a_note(circulated: Engine) -> None:
    before = dump(circulated)
    with pytest.raises(BackdatedReplyNoteError):
        procedures.record_reply(
            engine=circulated,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
            received_on=date(2004, 2, 5),
            note="   ",
        )
    with pytest.raises(FutureDateError):
        procedures.record_reply(
            engine=circulated,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
            received_on=date(2004, 2, 11),
            note="announced by telephone",
        )
    assert dump(circulated) == before
    receipt = procedures.record_reply(
        engine=circulated,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        participant="Japan",
        kind="objection",
        received_on=date(2004, 2, 5),
        note="note verbale No. 12/2004 of 5 February",
    )
    assert (receipt.received_on, receipt.note, receipt.outcome) == (
        date(2004, 2, 5),
        "note verbale No. 12/2004 of 5 February",
        "pending",  # the objection is counted; the outcome is decided at the deadline
    )
    # The trail keeps both the date recorded and the real time of recording.
    with Session(circulated) as session:
        entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.table_name == "procedurereply")
            .order_by(col(AuditEntry.seq).desc())
        ).first()
    assert entry is not None and entry.actor == "clerk"
    stored = json.loads(entry.after)
    assert stored["received_on"] == "2004-02-05"
    assert stored["note"] == "note verbale No. 12/2004 of 5 February"
    assert entry.at[:4] == str(datetime.now(UTC).year)


def test_a_version_cannot_be_made_available_in_the_future(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-10")
    before = dump(engine)
    with pytest.raises(FutureDateError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            state="in_translation",
            on=date(2004, 2, 11),
            text="Examen du Système de certification",
        )
    assert dump(engine) == before


def _cli(url: str, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, "--as", user, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_replies_take_todays_date_not_the_as_of_date(
    circulated: Engine, database_url: str
) -> None:
    before = dump(circulated)
    refused = _cli(
        database_url, "tokyo", "procedure", "reply", "2004-WP-01", "Japan", "objection",
        "--on", "2004-02-03",
    )  # fmt: skip
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "only the secretariat records a reply received earlier" in refused.stderr
    assert dump(circulated) == before
    sent = _cli(
        database_url, "tokyo", "--as-of", "2004-02-03", "--json",
        "procedure", "reply", "2004-WP-01", "Japan", "support",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout)["received_on"] == "2004-02-10"
    noted = _cli(
        database_url, "clerk", "--json", "procedure", "reply", "2004-WP-01", "Canada",
        "objection", "--on", "2004-02-04", "--note", "e-mail of 4 February",
    )  # fmt: skip
    assert noted.returncode == 0, noted.stderr
    assert json.loads(noted.stdout)["note"] == "e-mail of 4 February"
