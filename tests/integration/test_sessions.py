"""Sessions that follow the account: a signed-in actor whose account was disabled, re-passworded
or given another role can no longer write; the sign-in lockout counts every attempt, parallel
ones included, and says the same for names with and without an account; the last admin stays.
Real databases (SQLite files; PostgreSQL when PLENARY_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import signed
from dbcheck import audit_count, count
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance import db, textnorm
from governance.models import Meeting, SignInThrottle, User
from governance.rules.errors import (
    BusyError,
    DisableSelfError,
    LastAdminError,
    LockedOutError,
    SessionEndedError,
    SignInError,
    ValidationError,
)
from governance.rules.permissions import Actor, Role
from governance.services import accounts, meetings

ADMIN = Actor("admin", Role.ADMIN)
PASSWORD = signed.PASSWORD
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))

pytestmark = pytest.mark.signed(ADMIN)


def _clerk(engine: Engine, name: str = "clerk", role: str = "secretariat") -> Actor:
    """An account created by the admin, signed in: the actor a session would hold."""
    accounts.add_user(engine=engine, actor=ADMIN, username=name, role=role, password=PASSWORD)
    return accounts.sign_in(engine=engine, username=name, password=PASSWORD, now=NOW)


def _record_meeting(engine: Engine, actor: Actor, code: str = "2004-gatineau") -> None:
    meetings.record_meeting(
        engine=engine,
        actor=actor,
        code=code,
        title="Plenary",
        place="Gatineau",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
    )


def _refused_and_nothing_stored(engine: Engine, actor: Actor) -> None:
    meetings_before, audit_before = count(engine, Meeting), audit_count(engine)
    with pytest.raises(SessionEndedError) as raised:
        _record_meeting(engine, actor)
    assert "sign in again" in str(raised.value)
    assert (count(engine, Meeting), audit_count(engine)) == (meetings_before, audit_before)


def _throttle(engine: Engine, name: str) -> SignInThrottle | None:
    with Session(engine) as session:
        return session.get(SignInThrottle, textnorm.key(name))


# --- writes re-check the account ----------------------------------------------------------------


def test_a_signed_in_actor_writes_while_its_account_stands(engine: Engine) -> None:
    clerk = _clerk(engine)
    assert clerk.credential_version == 1
    _record_meeting(engine, clerk)
    assert count(engine, Meeting) >= 1


def test_a_disabled_accounts_session_can_no_longer_write(engine: Engine) -> None:
    clerk = _clerk(engine)
    accounts.disable_user(engine=engine, actor=ADMIN, username="clerk")
    _refused_and_nothing_stored(engine, clerk)
    # Enabled again, the old session stays ended (another credential version); a new sign-in works.
    accounts.enable_user(engine=engine, actor=ADMIN, username="clerk")
    _refused_and_nothing_stored(engine, clerk)
    again = accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)
    assert again.credential_version == 3
    _record_meeting(engine, again)


def test_a_re_passworded_accounts_session_can_no_longer_write(engine: Engine) -> None:
    clerk = _clerk(engine)
    accounts.set_password(
        engine=engine, actor=ADMIN, username="clerk", password="a brand new password"
    )
    _refused_and_nothing_stored(engine, clerk)
    with pytest.raises(SignInError):
        accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)
    fresh = accounts.sign_in(
        engine=engine, username="clerk", password="a brand new password", now=NOW
    )
    _record_meeting(engine, fresh)


def test_a_demoted_accounts_session_can_no_longer_write(engine: Engine) -> None:
    clerk = _clerk(engine)
    changed = accounts.set_role(
        engine=engine, actor=ADMIN, username="clerk", role="delegate", participant="Japan"
    )
    assert (changed.role, changed.participant) == (Role.DELEGATE, "Japan")
    _refused_and_nothing_stored(engine, clerk)
    # An actor without a credential version (the CLI's --as of old) is refused on the role too.
    _refused_and_nothing_stored(engine, Actor("clerk", Role.SECRETARIAT))


def test_signing_out_ends_every_session_of_the_account(engine: Engine) -> None:
    clerk = _clerk(engine)
    other_browser = accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)
    accounts.sign_out(engine=engine, actor=clerk)
    _refused_and_nothing_stored(engine, clerk)
    _refused_and_nothing_stored(engine, other_browser)
    before = audit_count(engine)
    accounts.sign_out(engine=engine, actor=other_browser)  # already ended: nothing to change
    assert audit_count(engine) == before


def test_an_actor_without_an_account_cannot_write(engine: Engine) -> None:
    _refused_and_nothing_stored(engine, Actor("ghost", Role.SECRETARIAT))


def test_the_session_check_reads_the_account_as_it_is_now(engine: Engine) -> None:
    clerk = _clerk(engine)
    version = clerk.credential_version
    assert version is not None
    assert accounts.current_actor(engine=engine, username="CLERK", credential_version=version)
    accounts.disable_user(engine=engine, actor=ADMIN, username="clerk")
    assert (
        accounts.current_actor(engine=engine, username="clerk", credential_version=version) is None
    )
    accounts.enable_user(engine=engine, actor=ADMIN, username="clerk")
    assert (
        accounts.current_actor(engine=engine, username="clerk", credential_version=version) is None
    )


# --- the last admin, and admins themselves --------------------------------------------------


def test_an_admin_cannot_disable_themself(engine: Engine) -> None:
    second = _clerk(engine, "second-admin", "admin")
    with pytest.raises(DisableSelfError):
        accounts.disable_user(engine=engine, actor=ADMIN, username="Admin")
    accounts.disable_user(engine=engine, actor=second, username="admin")
    with pytest.raises(SessionEndedError):  # the disabled admin's session has ended
        accounts.enable_user(engine=engine, actor=ADMIN, username="admin")
    accounts.enable_user(engine=engine, actor=second, username="admin")


def test_the_last_enabled_admin_cannot_be_demoted(engine: Engine) -> None:
    with pytest.raises(LastAdminError) as raised:
        accounts.set_role(engine=engine, actor=ADMIN, username="admin", role="secretariat")
    assert "last enabled admin" in str(raised.value)
    second = _clerk(engine, "second-admin", "admin")
    accounts.set_role(engine=engine, actor=second, username="admin", role="secretariat")
    with pytest.raises(LastAdminError):
        accounts.set_role(engine=engine, actor=second, username="second-admin", role="delegate")
    assert accounts.has_admin(engine=engine)


def test_two_admins_disabling_each_other_at_once_leave_one(engine: Engine) -> None:
    second = _clerk(engine, "second-admin", "admin")
    results, errors = _race(
        [
            lambda: accounts.disable_user(engine=engine, actor=ADMIN, username="second-admin"),
            lambda: accounts.disable_user(engine=engine, actor=second, username="admin"),
        ]
    )
    assert len(results) == 1 and [type(e) for e in errors] == [SessionEndedError]
    with Session(engine) as session:
        admins = session.exec(select(User).where(User.role == "admin")).all()
        assert sorted(u.disabled for u in admins) == [False, True]


def test_a_delegate_role_needs_a_participant(engine: Engine) -> None:
    _clerk(engine)
    with pytest.raises(ValidationError):
        accounts.set_role(engine=engine, actor=ADMIN, username="clerk", role="delegate")


# --- the sign-in lockout --------------------------------------------------------------------


def _race(work: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Every callable in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            value = job()
        except BaseException as error:  # inspected by the test
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results, errors


def _parallel_failures(engine: Engine, name: str, attempts: int) -> list[str]:
    _, errors = _race(
        [
            lambda: accounts.sign_in(
                engine=engine, username=name, password="wrong guess", now=NOW, max_failures=5
            )
            for _ in range(attempts)
        ]
    )
    assert len(errors) == attempts
    assert all(isinstance(e, SignInError | LockedOutError) for e in errors), errors
    return sorted(str(e) for e in errors)


def test_parallel_failed_sign_ins_are_all_counted_and_lock_the_name(engine: Engine) -> None:
    _clerk(engine)
    known = _parallel_failures(engine, "clerk", 20)
    unknown = _parallel_failures(engine, "nobody-at-all", 20)
    # Five guesses were checked, fifteen refused unchecked — for the account and the unknown
    # name alike, with the very same messages.
    assert known.count("Wrong user name or password.") == 5
    assert known == unknown
    for name in ("clerk", "nobody-at-all"):
        throttle = _throttle(engine, name)
        assert throttle is not None and throttle.failures == 20 and throttle.locked_until
    with pytest.raises(LockedOutError) as known_locked:  # even the right password
        accounts.sign_in(engine=engine, username="CLERK", password=PASSWORD, now=NOW)
    with pytest.raises(LockedOutError) as unknown_locked:
        accounts.sign_in(engine=engine, username="Nobody-At-All", password=PASSWORD, now=NOW)
    assert str(known_locked.value) == str(unknown_locked.value)
    later = NOW + timedelta(minutes=16)
    assert accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=later)
    assert _throttle(engine, "clerk") is None  # a success clears the count


def test_a_password_change_lifts_the_lockout(engine: Engine) -> None:
    _clerk(engine)
    _parallel_failures(engine, "clerk", 6)
    accounts.set_password(engine=engine, actor=ADMIN, username="clerk", password=PASSWORD)
    assert accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)


def test_a_disabled_account_and_an_unknown_name_get_the_wrong_password_answer(
    engine: Engine,
) -> None:
    _clerk(engine)
    accounts.disable_user(engine=engine, actor=ADMIN, username="clerk")
    answers = []
    for name in ("clerk", "nobody", "", "bad\x00name"):
        with pytest.raises(SignInError) as raised:
            accounts.sign_in(engine=engine, username=name, password=PASSWORD, now=NOW)
        answers.append(str(raised.value))
    assert len(set(answers)) == 1


@pytest.mark.signed()
def test_a_busy_database_says_so_at_sign_in(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_WRITE_WAIT_SECONDS", "1")
    db.dispose_engine(database_url)  # connections made afresh with the short wait
    engine = db.get_engine(database_url)
    with db.serialized(engine) as holder:  # another writer holds the lock
        holder.get(User, 1)
        with pytest.raises(BusyError) as raised:
            accounts.sign_in(engine=engine, username="clerk", password=PASSWORD, now=NOW)
    assert "busy" in str(raised.value) and "SELECT" not in str(raised.value)


# --- the command line -----------------------------------------------------------------------


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLENARY, "--database-url", url, "--json", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_user_enable_and_role(database_url: str, engine: Engine) -> None:
    _clerk(engine)
    assert _cli(database_url, "--as", "admin", "user", "disable", "clerk").returncode == 0
    enabled = _cli(database_url, "--as", "admin", "user", "enable", "clerk")
    assert enabled.returncode == 0, enabled.stderr
    assert json.loads(enabled.stdout) == {"user": "clerk", "disabled": False}
    role = _cli(
        database_url, "--as", "admin", "user", "role", "clerk", "delegate", "--participant", "Japan"
    )
    assert role.returncode == 0, role.stderr
    assert (json.loads(role.stdout)["role"], json.loads(role.stdout)["participant"]) == (
        "delegate",
        "Japan",
    )
    audit_before = audit_count(engine)
    last = _cli(database_url, "--as", "admin", "user", "role", "admin", "secretariat")
    assert last.returncode == 2
    assert last.stderr.strip() == (
        "error: admin is the last enabled admin; enable or appoint another admin first, "
        "or nobody could manage the accounts."
    )
    self_disable = _cli(database_url, "--as", "admin", "user", "disable", "admin")
    assert self_disable.returncode == 2 and "your own account" in self_disable.stderr
    assert "Traceback" not in last.stderr + self_disable.stderr
    assert audit_count(engine) == audit_before
