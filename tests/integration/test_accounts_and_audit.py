"""Accounts, sign-in throttling, the hash-chained audit trail and optimistic locking."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.models import AuditEntry, User
from governance.rules.errors import (
    ConcurrentEditError,
    DuplicateError,
    LockedOutError,
    SignInError,
    ValidationError,
    WeakPasswordError,
)
from governance.rules.permissions import SYSTEM, Actor, PermissionDeniedError, Role
from governance.services import accounts, audits, decisions, meetings, translations

ADMIN = Actor("admin", Role.ADMIN)
CLERK = Actor("clerk", Role.SECRETARIAT)
OTHER_CLERK = Actor("second-clerk", Role.SECRETARIAT)
PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.signed(ADMIN)


@pytest.mark.signed()  # no account yet
def test_first_admin_by_the_system_then_only_admins_create_accounts(engine: Engine) -> None:
    assert not accounts.has_admin(engine=engine)
    with pytest.raises(ValidationError):
        accounts.add_user(
            engine=engine, actor=SYSTEM, username="x", role="secretariat", password=PASSWORD
        )
    root = accounts.add_user(
        engine=engine, actor=SYSTEM, username="root", role="admin", password=PASSWORD
    )
    assert accounts.has_admin(engine=engine)
    with pytest.raises(ValidationError):  # the bootstrap works once only
        accounts.add_user(
            engine=engine, actor=SYSTEM, username="root2", role="admin", password=PASSWORD
        )
    with pytest.raises(PermissionDeniedError):
        accounts.add_user(
            engine=engine, actor=CLERK, username="x", role="secretariat", password=PASSWORD
        )
    delegate = accounts.add_user(
        engine=engine,
        actor=root,
        username="tokyo",
        role="delegate",
        password=PASSWORD,
        participant="japan",
    )
    assert (delegate.role, delegate.participant) == (Role.DELEGATE, "Japan")
    with pytest.raises(DuplicateError):
        accounts.add_user(
            engine=engine, actor=root, username="Tokyo", role="secretariat", password=PASSWORD
        )
    with pytest.raises(WeakPasswordError):
        accounts.add_user(
            engine=engine, actor=root, username="weak", role="secretariat", password="short"
        )
    with pytest.raises(ValidationError):  # a delegate acts for a Participant
        accounts.add_user(
            engine=engine,
            actor=root,
            username="wdc",
            role="delegate",
            password=PASSWORD,
            participant="World Diamond Council",
        )


def test_passwords_are_stored_as_argon2_hashes_and_never_in_the_audit(engine: Engine) -> None:
    accounts.add_user(
        engine=engine, actor=ADMIN, username="clerk", role="secretariat", password=PASSWORD
    )
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == "clerk")).one()
        assert user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash
        entries = session.exec(select(AuditEntry).where(AuditEntry.table_name == "account")).all()
        assert entries and all(user.password_hash not in e.after for e in entries)


def test_sign_in_throttles_after_repeated_failures(engine: Engine) -> None:
    accounts.add_user(
        engine=engine, actor=ADMIN, username="clerk", role="secretariat", password=PASSWORD
    )
    assert (
        accounts.sign_in(engine=engine, username="CLERK", password=PASSWORD, now=NOW).role
        is Role.SECRETARIAT
    )
    for _ in range(3):
        with pytest.raises(SignInError):
            accounts.sign_in(
                engine=engine, username="clerk", password="wrong", now=NOW, max_failures=3
            )
    with pytest.raises(LockedOutError):  # even the right password, during the lockout
        accounts.sign_in(
            engine=engine,
            username="clerk",
            password=PASSWORD,
            now=NOW,
            max_failures=3,
            lockout_minutes=10,
        )
    later = NOW + timedelta(minutes=16)
    assert accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=later)
    with pytest.raises(SignInError):  # unknown user: the same message
        accounts.sign_in(engine=engine, username="nobody", password=PASSWORD, now=NOW)
    accounts.disable_user(engine=engine, actor=ADMIN, username="clerk")
    with pytest.raises(SignInError):
        accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=later)


def test_identity_provider_email_maps_to_an_account(engine: Engine) -> None:
    accounts.add_user(
        engine=engine,
        actor=ADMIN,
        username="clerk",
        role="secretariat",
        password=PASSWORD,
        email="Clerk@KimberleyProcess.example",
    )
    actor = accounts.actor_for_email(engine=engine, email="clerk@kimberleyprocess.example")
    assert actor is not None and actor.role is Role.SECRETARIAT
    assert accounts.actor_for_email(engine=engine, email="stranger@example.org") is None


def _record_meeting(engine: Engine) -> None:
    meetings.record_meeting(
        engine=engine,
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary",
        place="Gatineau",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
    )


@pytest.mark.signed(CLERK, OTHER_CLERK)
def test_every_change_is_audited_with_who_what_before_and_after(engine: Engine) -> None:
    _record_meeting(engine)
    with Session(engine) as session:
        entry = session.exec(
            select(AuditEntry).where(
                AuditEntry.table_name == "meeting", AuditEntry.actor == "clerk"
            )
        ).one()
    assert (entry.actor, entry.action, entry.operation) == ("clerk", "record_meeting", "insert")
    assert json.loads(entry.after)["code"] == "2004-gatineau"
    reference = "2003-SUN-01"
    before = decisions.get_decision(engine=engine, reference=reference, on=date.max).decision
    decisions.edit_decision(
        engine=engine,
        actor=CLERK,
        reference=reference,
        expected_version=before.version,
        title="Review of the Scheme by 2006",
    )
    decision_id = decisions.decision_id(engine=engine, reference=reference)
    change = audits.history(engine=engine, table="decision", key=str(decision_id))[-1]
    assert change.before["title"] == before.title
    assert change.after["title"] == "Review of the Scheme by 2006"
    assert audits.verify(engine=engine).ok


@pytest.mark.signed(CLERK, OTHER_CLERK)
def test_verify_finds_an_edited_row_and_a_deleted_row(engine: Engine) -> None:
    _record_meeting(engine)
    assert audits.verify(engine=engine).ok
    total = audits.verify(engine=engine).entries
    with Session(engine) as session, session.begin():
        session.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(actor="mallory"))
    verdict = audits.verify(engine=engine)
    assert (verdict.ok, verdict.broken_at) == (False, 3)
    with Session(engine) as session, session.begin():
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.seq == 3)
            .values(actor=session.exec(select(AuditEntry.actor).where(AuditEntry.seq == 4)).one())
        )
        session.execute(delete(AuditEntry).where(AuditEntry.seq == total))
    verdict = audits.verify(engine=engine)
    assert not verdict.ok
    assert verdict.broken_at in (3, total)


@pytest.mark.signed(CLERK, OTHER_CLERK)
def test_two_concurrent_edits_one_conflict_no_overwrite(engine: Engine) -> None:
    loaded = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date.max).decision
    decisions.edit_decision(
        engine=engine,
        actor=CLERK,
        reference="2003-SUN-04",
        expected_version=loaded.version,
        title="Canada, Chair for 2004",
    )
    with pytest.raises(ConcurrentEditError) as raised:
        decisions.edit_decision(
            engine=engine,
            actor=OTHER_CLERK,
            reference="2003-SUN-04",
            expected_version=loaded.version,
            title="Something else",
        )
    assert raised.value.params["user"] == "clerk"
    assert "reload" in str(raised.value)
    now = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date.max).decision
    assert (now.title, now.version) == ("Canada, Chair for 2004", loaded.version + 1)


@pytest.mark.signed(CLERK, OTHER_CLERK)
def test_language_version_edits_are_locked_too(engine: Engine) -> None:
    detail = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2026, 12, 1))
    fr = next(v for v in detail.versions if v.language == "fr")
    translations.set_state(
        engine=engine,
        actor=CLERK,
        target="2003-SUN-04",
        language="fr",
        state="in_translation",
        on=date(2026, 12, 1),
        text="Version A",
        expected_version=fr.version,
    )
    with pytest.raises(ConcurrentEditError):
        translations.set_state(
            engine=engine,
            actor=OTHER_CLERK,
            target="2003-SUN-04",
            language="fr",
            state="in_translation",
            on=date(2026, 12, 1),
            text="Version B",
            expected_version=fr.version,
        )
    again = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2026, 12, 1))
    assert next(v for v in again.versions if v.language == "fr").text == "Version A"


def test_lockout_thresholds_come_from_the_settings(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_SIGN_IN_MAX_FAILURES", "2")
    monkeypatch.setenv("PLENARY_SIGN_IN_LOCKOUT_MINUTES", "1")
    accounts.add_user(
        engine=engine, actor=ADMIN, username="clerk", role="secretariat", password=PASSWORD
    )
    for _ in range(2):
        with pytest.raises(SignInError):
            accounts.sign_in(engine=engine, username="clerk", password="wrong", now=NOW)
    with pytest.raises(LockedOutError):
        accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)
    assert accounts.sign_in(
        engine=engine, username="clerk", password=PASSWORD, now=NOW + timedelta(minutes=2)
    )
