"""Fault injection: a write that fails half-way, or a process killed mid-transaction, leaves the
database exactly as it was (every row of every table), intact, with its audit chain verified."""

from __future__ import annotations

import functools
import os
import select as io_select
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbcheck import dump
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from governance import audit, db, machine_translation
from governance import models as _models  # noqa: F401  (registers every table)
from governance.models import Entity, StatusEvent, TextVersion
from governance.rules.permissions import Actor, Role
from governance.services import (
    accounts,
    decisions,
    meetings,
    offices,
    participants,
    procedures,
    record,
    translations,
)
from governance.settings import PROJECT_ROOT, get_settings

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
pytestmark = pytest.mark.signed(SECRETARIAT, ADMIN)
PASSWORD = "correct horse battery staple"


class Fault(Exception):
    """The injected failure (not a PlenaryError: an unexpected crash)."""


# --- checks -----------------------------------------------------------------------------------


def assert_sound(engine: Engine) -> None:
    """SQLite's integrity check passes (SQLite only) and the audit chain verifies."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    with Session(engine) as session:
        verdict = audit.verify(session)
    assert verdict.ok, verdict.reason


# --- faults -----------------------------------------------------------------------------------


@contextmanager
def fault_at_flush(n: int) -> Iterator[list[int]]:
    """Raise :class:`Fault` right after the ``n``-th flush of a writing transaction (the SQL has
    been sent; the audit trail's own flush in ``before_commit`` counts too)."""
    seen = [0]

    def after_flush(session: OrmSession, _context: Any) -> None:
        if audit.ACTOR not in session.info:
            return
        seen[0] += 1
        if seen[0] == n:
            raise Fault(f"injected after flush {n}")

    event.listen(OrmSession, "after_flush", after_flush)
    try:
        yield seen
    finally:
        event.remove(OrmSession, "after_flush", after_flush)


def then_raise(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, error: BaseException | None = None
) -> list[int]:
    """Let ``owner.name`` do its work (its writes are flushed), then raise."""
    real = getattr(owner, name)
    calls = [0]

    @functools.wraps(real)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        calls[0] += 1
        raise error if error is not None else Fault(f"injected after {name}")

    monkeypatch.setattr(owner, name, wrapper)
    return calls


# --- valid writes (each would succeed on the 2003 record) -------------------------------------


def _circulate(engine: Engine, reference: str = "2004-WP-01") -> object:
    return procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference=reference,
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes ...",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )


WRITES: dict[str, Callable[[Engine], object]] = {
    "record_decision": lambda engine: decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-SUN-90",
        title="Decision with open points",
        kind="other",
        procedure="ad_referendum",
        adopted_on=date(2003, 10, 31),
        text="The Plenary adopted ad referendum ...",
        meeting="2003-sun-city",
        open_points=[("annex", "Annex to be agreed"), ("budget", "Budget to be agreed")],
    ),
    "edit_decision": lambda engine: decisions.edit_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-SUN-01",
        expected_version=1,
        title="Corrected title",
        kind="other",
    ),
    "resolve_open_point": lambda engine: decisions.resolve_open_point(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-JHB-02",
        key="decision-making",
        resolved_on=date(2004, 3, 1),
        by_decision="2003-SUN-03",
    ),
    "confirm_decision": lambda engine: decisions.confirm_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-JHB-02",
        confirmed_on=date(2004, 3, 1),
        by_decision="2003-SUN-03",
    ),
    "record_meeting": lambda engine: meetings.record_meeting(
        engine=engine,
        actor=SECRETARIAT,
        code="2004-gatineau",
        title="Plenary, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        figures=[("applicants", 3, "Applicant States"), ("observers", 2, "Observers")],
    ),
    "record_term": lambda engine: offices.record_term(
        engine=engine,
        actor=SECRETARIAT,
        office="vice_chair",
        holder="Botswana",
        starts_on=date(2005, 1, 1),
        decision="2003-SUN-05",
    ),
    "select_vice_chair": lambda engine: offices.select_vice_chair(
        engine=engine, actor=SECRETARIAT, holder="Botswana", year=2005, decision="2003-SUN-05"
    ),
    "register_entity": lambda engine: participants.register_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ghana",
        kind="state",
        status="applicant",
        on=date(2004, 1, 10),
        stage="intent_declared",
    ),
    "change_status": lambda engine: participants.change_status(
        engine=engine, actor=SECRETARIAT, name="Japan", status="suspended", on=date(2004, 5, 1)
    ),
    "circulate": _circulate,
    "add_user": lambda engine: accounts.add_user(
        engine=engine,
        actor=ADMIN,
        username="delegate-japan",
        role="delegate",
        password=PASSWORD,
        participant="Japan",
        email="Delegate@Example.org",
    ),
}
"""Valid writes needing no preparation; ``_prepare`` adds those that do."""


def _record_reply(engine: Engine) -> object:
    return procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        participant="Japan",
        kind="objection",
        received_on=date(2004, 2, 3),
        note="note verbale",
    )


def _set_state(version: int) -> Callable[[Engine], object]:
    return lambda engine: translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-04",
        language="ru",
        state="final",
        on=date(2004, 1, 20),
        text="Официальный текст",
        expected_version=version,
    )


NAMES = sorted([*WRITES, "record_reply", "set_state"])


def _prepare(name: str, engine: Engine) -> Callable[[Engine], object]:
    """The write to break, with whatever it needs already committed."""
    if name == "record_reply":
        _circulate(engine)
        return _record_reply
    if name == "set_state":
        with Session(engine) as session:
            decision = decisions.lookup.decision(session, "2003-SUN-04")
            version = session.execute(
                select(TextVersion.version).where(
                    TextVersion.decision_id == decision.id, TextVersion.language == "ru"
                )
            ).scalar_one()
        return _set_state(version)
    return WRITES[name]


@pytest.mark.parametrize("name", NAMES)
def test_a_fault_after_any_flush_leaves_the_database_as_it_was(name: str, engine: Engine) -> None:
    """Break the write after its 1st flush, then its 2nd, … (the audit trail's flush in
    ``before_commit`` included) until it gets through: every broken attempt stores nothing."""
    write = _prepare(name, engine)
    before = dump(engine)
    faults = 0
    for n in range(1, 50):
        with fault_at_flush(n) as seen:
            try:
                write(engine)
            except Fault:
                faults += 1
                assert dump(engine) == before, f"{name}: a fault after flush {n} left rows"
                assert_sound(engine)
                continue
        assert seen[0] == n - 1  # it got through: it flushes n - 1 times
        break
    else:  # pragma: no cover
        pytest.fail(f"{name} still failing after 50 flushes")
    print(f"{name}: broken after each of its {faults} flushes, then stored")
    assert faults >= 2, f"{name}: only {faults} flush(es): the sweep proves little"
    assert dump(engine) != before, f"{name}: the final, unbroken write stored nothing"
    assert_sound(engine)


@pytest.mark.parametrize(
    ("name", "owner", "attribute"),
    [
        ("record_decision", decisions, "add_decision"),
        ("record_decision", decisions, "view"),
        ("circulate", decisions, "add_decision"),
        ("circulate", procedures, "_view"),
        ("record_meeting", meetings, "add_meeting"),
        ("register_entity", participants, "add_entity"),
        ("register_entity", participants, "add_status"),
        ("change_status", participants, "add_status"),
        ("record_term", offices, "add_term"),
        ("select_vice_chair", offices, "add_term"),
        ("set_state", translations, "add_step"),
        ("record_reply", decisions, "load"),
        ("resolve_open_point", decisions, "load"),
        ("confirm_decision", decisions, "load"),
        ("edit_decision", decisions, "load"),
    ],
)
def test_a_helper_failing_after_its_writes_leaves_the_database_as_it_was(
    name: str, owner: Any, attribute: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = _prepare(name, engine)
    before = dump(engine)
    calls = then_raise(monkeypatch, owner, attribute)
    with pytest.raises(Fault):
        write(engine)
    assert calls[0] >= 1
    assert dump(engine) == before
    assert_sound(engine)
    monkeypatch.undo()
    write(engine)  # nothing was left behind that would block the same write now
    assert dump(engine) != before
    assert_sound(engine)


def test_an_interrupt_mid_write_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (a BaseException, not an Exception) after the decision row was flushed."""
    before = dump(engine)
    then_raise(monkeypatch, decisions, "add_decision", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        WRITES["record_decision"](engine)
    assert dump(engine) == before
    assert_sound(engine)


def test_a_fault_while_appending_the_audit_trail_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chain is extended in ``before_commit``: a failure there (the 2nd entry's hash) rolls
    back the change it was recording."""
    before = dump(engine)
    real = audit.entry_hash
    calls = [0]

    def entry_hash(entry: Any) -> str:
        calls[0] += 1
        if calls[0] == 2:
            raise Fault("injected in the audit trail")
        return real(entry)

    monkeypatch.setattr(audit, "entry_hash", entry_hash)
    with pytest.raises(Fault):
        WRITES["record_meeting"](engine)
    assert dump(engine) == before
    monkeypatch.undo()
    assert_sound(engine)


def test_a_machine_draft_failing_after_its_step_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(  # imported by the service when a draft is asked for: patched there
        machine_translation, "translate", lambda text, *_args, **_kw: f"[fr] {text}"
    )
    before = dump(engine)
    then_raise(monkeypatch, translations, "add_step")
    with pytest.raises(Fault):
        translations.machine_draft(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            on=date(2004, 1, 5),
            settings=machine_translation.ProviderSettings(provider="libretranslate", url=None),
        )
    assert dump(engine) == before
    assert_sound(engine)


def test_loading_the_record_failing_half_way_leaves_an_empty_database(
    empty_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first obligation of the record fails after hundreds of rows were flushed."""
    engine = db.get_engine(empty_database_url)
    db.upgrade(engine)
    before = dump(engine)
    assert not any(before.values())
    then_raise(monkeypatch, decisions, "add_obligation")
    with pytest.raises(Fault):
        record.load_record(engine, get_settings(empty_database_url).record_dir)
    assert dump(engine) == before
    assert not record.is_loaded(engine)
    assert_sound(engine)


# --- a process killed mid-transaction (SQLite) ------------------------------------------------

ROWS = 3000

HOLD_OPEN = textwrap.dedent(
    """
    import sys, time
    from governance import db
    from governance.models import Entity
    from governance.rules.permissions import Action, Actor, Role

    engine = db.get_engine(sys.argv[1])
    actor = Actor("secretariat", Role.SECRETARIAT)
    with db.writing(engine, actor, Action.REGISTER_ENTITY) as session:
        for i in range({rows}):
            session.add(Entity(name=f"Killed {{i:05d}}", kind="state", note="x" * 2000))
            if i % 200 == 199:
                session.flush()
        session.flush()
        print("READY", flush=True)
        time.sleep(120)
    print("COMMITTED", flush=True)
    """
).format(rows=ROWS)

MANY_SMALL = textwrap.dedent(
    """
    import sys
    from datetime import date
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import participants

    engine = db.get_engine(sys.argv[1])
    actor = Actor("secretariat", Role.SECRETARIAT)
    for i in range(100000):
        participants.register_entity(
            engine=engine, actor=actor, name=f"Killed {i:05d}", kind="state",
            status="applicant", on=date(2004, 1, 10), stage="intent_declared",
            note="y" * 2000,
        )
        print(f"Killed {i:05d}", flush=True)
    """
)


def _spawn(script: str, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, url],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = io_select.select([process.stdout], [], [], timeout)
    if not ready:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"the writer said nothing within {timeout} s; stderr:\n{err}")
    line = process.stdout.readline()
    if not line:
        _, err = process.communicate()
        pytest.fail(f"the writer ended early; stderr:\n{err}")
    return line.strip()


def _kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _killed_entities(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(
            session.execute(select(Entity.name).where(Entity.name.startswith("Killed "))).scalars()
        )


def _sqlite_only(engine: Engine) -> Path:
    if engine.dialect.name != "sqlite":
        pytest.skip("killing a writer process is checked on SQLite files")
    database = make_url(engine.url).database
    assert database
    return Path(database)


def test_a_writer_killed_before_commit_leaves_nothing(database_url: str, engine: Engine) -> None:
    path = _sqlite_only(engine)
    before = dump(engine)
    engine.dispose()
    process = _spawn(HOLD_OPEN, database_url)
    try:
        assert _read_line(process, timeout=120) == "READY"
        wal = path.with_name(path.name + "-wal")
        # The uncommitted rows (≈ 6 MB) overflowed the page cache into the WAL on disk, so
        # recovery really has uncommitted frames to ignore.
        assert wal.exists() and wal.stat().st_size > 1_000_000
    finally:
        _kill(process)
    db.dispose_engine(database_url)
    engine = db.get_engine(database_url)
    assert _killed_entities(engine) == []
    assert dump(engine) == before
    assert_sound(engine)
    # The write lock died with the process: the next writer gets through at once.
    started = time.monotonic()
    WRITES["register_entity"](engine)
    assert time.monotonic() - started < 4
    assert_sound(engine)


def test_a_writer_killed_among_many_commits_leaves_whole_transactions(
    database_url: str, engine: Engine
) -> None:
    """Killed at an arbitrary moment (possibly inside a commit): every transaction reported as
    committed is there, none is there by halves (an entity always with its status), and the
    audit chain is intact and complete."""
    _sqlite_only(engine)
    engine.dispose()
    process = _spawn(MANY_SMALL, database_url)
    committed: list[str] = []
    try:
        while len(committed) < 15:
            committed.append(_read_line(process, timeout=120))
        time.sleep(0.037)  # let it be somewhere inside the next write
    finally:
        _kill(process)
    db.dispose_engine(database_url)
    engine = db.get_engine(database_url)
    names = _killed_entities(engine)
    assert set(committed) <= set(names)
    assert len(names) <= len(committed) + 20  # no more than the writes after the last report
    with Session(engine) as session:
        orphans = session.execute(
            select(Entity.name)
            .outerjoin(StatusEvent, StatusEvent.entity_id == Entity.id)
            .where(StatusEvent.id.is_(None))
        ).all()
        assert orphans == []
        per_entity = session.execute(
            select(func.count(StatusEvent.id))
            .join(Entity, StatusEvent.entity_id == Entity.id)
            .where(Entity.name.startswith("Killed "))
            .group_by(Entity.id)
        ).scalars()
        assert set(per_entity) <= {1}
    assert_sound(engine)
