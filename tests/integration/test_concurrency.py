"""Check-then-write rules hold when writers race: real threads, a barrier, a real database
(PostgreSQL under CI's second run; SQLite files otherwise). Exactly one writer wins each race;
every other one gets the rule's own named error, and nothing beyond the winner is stored."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from dbcheck import count
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import db
from governance.models import (
    Decision,
    Entity,
    OfficeTerm,
    OpenPoint,
    ProcedureReply,
    VersionStep,
)
from governance.rules.errors import (
    AlreadyResolvedError,
    BusyError,
    ConcurrentEditError,
    DuplicateError,
    DuplicateReplyError,
    InvalidTransitionError,
    OutOfOrderError,
    OverlappingTermError,
    PlenaryError,
)
from governance.rules.permissions import Action, Actor, Role
from governance.services import decisions, participants, procedures, translations
from governance.services import offices as office_service

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
WRITERS = 8


def race(work: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run every callable in its own thread, released together; results and errors."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            value = job()
        except BaseException as error:  # every failure is inspected by the test
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results, errors


def one_winner(
    results: list[Any], errors: list[BaseException], *expected: type[PlenaryError]
) -> None:
    assert len(results) == 1, (results, errors)
    assert len(errors) == WRITERS - 1
    for error in errors:
        assert isinstance(error, expected), repr(error)
        assert "\n" not in str(error)


def _decision(engine: Engine, reference: str, adopted_on: date) -> None:
    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference=reference,
        title=f"Decision {reference}",
        kind="office_selection",
        procedure="plenary",
        adopted_on=adopted_on,
        text="The Plenary decided.",
    )


def test_one_vice_chair_per_year_when_selections_race(engine: Engine) -> None:
    _decision(engine, "2004-GAT-05", date(2004, 10, 29))
    holders = ["Botswana", "Canada", "India", "Israel", "Japan", "Namibia", "Poland", "Ukraine"]
    before = count(engine, OfficeTerm)
    results, errors = race(
        [
            lambda h=h: office_service.select_vice_chair(  # type: ignore[misc]
                engine=engine, actor=SECRETARIAT, holder=h, year=2005, decision="2004-GAT-05"
            )
            for h in holders[:WRITERS]
        ]
    )
    one_winner(results, errors, OverlappingTermError)
    assert count(engine, OfficeTerm) == before + 1


def test_one_resolution_of_an_open_point_when_resolvers_race(engine: Engine) -> None:
    for i in range(WRITERS):
        _decision(engine, f"2004-R-{i:02d}", date(2004, 3, 1))
    results, errors = race(
        [
            lambda i=i: decisions.resolve_open_point(  # type: ignore[misc]
                engine=engine,
                actor=SECRETARIAT,
                reference="2003-JHB-02",
                key="decision-making",
                resolved_on=date(2004, 3, 2),
                by_decision=f"2004-R-{i:02d}",
            )
            for i in range(WRITERS)
        ]
    )
    one_winner(results, errors, AlreadyResolvedError)
    with Session(engine) as session:
        resolved = session.exec(select(OpenPoint).where(col(OpenPoint.resolved_on).is_not(None)))
        assert len(resolved.all()) == 1


def test_one_reference_whatever_its_letter_case_when_recorders_race(engine: Engine) -> None:
    variants = ["2005-ABC-01", "2005-abc-01", "2005-Abc-01", "2005-aBC-01", " 2005-ABC-01"]
    variants += ["2005-\u200babc-01", "２００５-ABC-01", "2005-abC-01"]
    before = count(engine, Decision)
    results, errors = race(
        [
            lambda r=r: _decision(engine, r, date(2005, 5, 1))  # type: ignore[misc]
            for r in variants[:WRITERS]
        ]
    )
    one_winner(results, errors, DuplicateError)
    assert count(engine, Decision) == before + 1


def test_one_entity_whatever_its_spelling_when_registrations_race(engine: Engine) -> None:
    names = ["Atlantis", "ATLANTIS", "atlantis", "Atlantis\u200b", "At\u00adlantis"]
    names += ["Atlantis ", "ａｔｌａｎｔｉｓ", "AtLantis"]
    before = count(engine, Entity)
    results, errors = race(
        [
            lambda n=n: participants.register_entity(  # type: ignore[misc]
                engine=engine,
                actor=SECRETARIAT,
                name=n,
                kind="state",
                status="applicant",
                on=date(2005, 1, 10),
                stage="intent_declared",
            )
            for n in names[:WRITERS]
        ]
    )
    one_winner(results, errors, DuplicateError)
    assert count(engine, Entity) == before + 1


def test_one_made_available_step_when_publishers_race(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-04",
        language="fr",
        state="final",
        on=date(2004, 1, 20),
        text="Texte final.",
    )
    before = count(engine, VersionStep)
    results, errors = race(
        [
            lambda d=d: translations.set_state(  # type: ignore[misc]
                engine=engine,
                actor=SECRETARIAT,
                target="2003-SUN-04",
                language="fr",
                state="available",
                on=date(2004, 2, 1 + d),
            )
            for d in range(WRITERS)
        ]
    )
    one_winner(results, errors, InvalidTransitionError, OutOfOrderError)
    assert count(engine, VersionStep) == before + 1


def test_optimistic_version_lets_one_of_many_editors_save(engine: Engine) -> None:
    loaded = translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-04",
        language="fr",
        state="in_translation",
        on=date(2004, 1, 10),
        text="Premier jet.",
    ).version
    before = count(engine, VersionStep)
    results, errors = race(
        [
            lambda i=i: translations.set_state(  # type: ignore[misc]
                engine=engine,
                actor=SECRETARIAT,
                target="2003-SUN-04",
                language="fr",
                state="in_translation",
                on=date(2004, 1, 11),
                text=f"Révision {i}.",
                expected_version=loaded,
            )
            for i in range(WRITERS)
        ]
    )
    one_winner(results, errors, ConcurrentEditError)
    assert count(engine, VersionStep) == before + 1


def test_one_reply_per_participant_when_replies_race(engine: Engine) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Proposal",
        kind="other",
        text="Proposal text.",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    before = count(engine, ProcedureReply)
    results, errors = race(
        [
            lambda k=k: procedures.record_reply(  # type: ignore[misc]
                engine=engine,
                actor=SECRETARIAT,
                reference="2004-WP-01",
                participant="Japan",
                kind=k,
                received_on=date(2004, 2, 10),
                note="note verbale",
            )
            for k in ["support"] * WRITERS
        ]
    )
    # A change of reply is allowed (the last counts); the same reply again is a duplicate.
    one_winner(results, errors, DuplicateReplyError)
    assert count(engine, ProcedureReply) == before + 1


def test_a_writer_that_waits_too_long_is_told_the_database_is_busy(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_WRITE_WAIT_SECONDS", "1")
    db.dispose_engine(database_url)
    engine = db.get_engine(database_url)
    holding, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with db.writing(engine, SECRETARIAT, Action.REGISTER_ENTITY):
            holding.set()
            release.wait(timeout=30)

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        before = count(engine, Entity)
        with pytest.raises(BusyError) as refused:
            participants.register_entity(
                engine=engine,
                actor=SECRETARIAT,
                name="Atlantis",
                kind="state",
                status="applicant",
                on=date(2005, 1, 10),
                stage="intent_declared",
            )
        assert str(refused.value) == (
            "The database is busy; nothing was stored. Try again in a moment."
        )
    finally:
        release.set()
        holder.join()
    assert count(engine, Entity) == before


# --- rules added by "The secretariat's year" -------------------------------------------------


def test_one_rename_when_renames_of_one_entity_race(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight clerks rename the European Community at once, each to a name of their own: one
    rename is stored; the others find the entity renamed (no longer under that name, or a
    rename already recorded on that date)."""
    from governance.models import EntityRename
    from governance.rules.errors import NotFoundError, RenameOrderError

    monkeypatch.setenv("PLENARY_TODAY", "2026-12-02")
    results, errors = race(
        [
            lambda i=i: participants.rename_entity(
                engine=engine,
                actor=SECRETARIAT,
                name="European Community",
                new_name=f"European Union {i}",
                on=date(2009, 12, 1),
            )
            for i in range(WRITERS)
        ]
    )
    one_winner(results, errors, NotFoundError, RenameOrderError)
    assert count(engine, EntityRename) == 1


def test_one_communique_code_when_recorders_race(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.models import Communique
    from governance.services import communiques

    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    before = count(engine, Communique)
    results, errors = race(
        [
            lambda i=i: communiques.record_communique(
                engine=engine,
                actor=SECRETARIAT,
                code="2003-SUN-CITY-EXTRA" if i % 2 else "2003-sun-city-extra",
                meeting="2003-sun-city",
                issued_on=date(2003, 10, 31),
                title=f"Extra communiqué {i}",
                text="Text.",
            )
            for i in range(WRITERS)
        ]
    )
    one_winner(results, errors, DuplicateError)
    assert count(engine, Communique) == before + 1


def test_one_confirmed_chair_term_when_confirmations_race(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.rules.errors import TermAlreadyRecordedError

    monkeypatch.setenv("PLENARY_TODAY", "2005-03-01")
    before = count(engine, OfficeTerm)
    results, errors = race(
        [
            lambda: office_service.confirm_term(
                engine=engine, actor=SECRETARIAT, office="chair", year=2005
            )
            for _ in range(WRITERS)
        ]
    )
    one_winner(results, errors, TermAlreadyRecordedError, OverlappingTermError)
    assert count(engine, OfficeTerm) == before + 1


def test_one_instrument_per_reference_when_recorders_race(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.models import Instrument
    from governance.services import instruments

    monkeypatch.setenv("PLENARY_TODAY", "2005-03-01")
    before = count(engine, Instrument)
    results, errors = race(
        [
            lambda i=i: instruments.record_instrument(
                engine=engine,
                actor=SECRETARIAT,
                reference="A/RES/58/290" if i % 2 else "a/res/58/290",
                body="unga",
                adopted_on=date(2004, 4, 14),
                title="The role of diamonds in fuelling conflict",
            )
            for i in range(WRITERS)
        ]
    )
    one_winner(results, errors, DuplicateError)
    assert count(engine, Instrument) == before + 1
