"""Every write service × every role, on a real database of its own per case.

For each service the call is valid (prepared so it succeeds for a role that may make it); the
roles that ``permissions.ALLOWED`` grants the service's action must succeed, every other role
must get ``PermissionDeniedError`` with nothing stored (the whole database is compared).

The matrix is printed: run with ``pytest -rA`` (or ``-s``) to see it.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import signed
from dbcheck import audit_count, dump
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from governance import audit, db
from governance import models as _models  # noqa: F401  (registers every table)
from governance.machine_translation import MachineTranslationError, ProviderSettings, Reason
from governance.rules.permissions import (
    ALLOWED,
    ANONYMOUS,
    SYSTEM,
    USER_ROLES,
    Action,
    Actor,
    PermissionDeniedError,
    Role,
)
from governance.services import (
    accounts,
    backup,
    communiques,
    decisions,
    instruments,
    meetings,
    offices,
    open_data,
    participants,
    procedures,
    translations,
)

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock on a day inside the written procedure's period."""
    monkeypatch.setenv("PLENARY_TODAY", "2004-02-03")


ADMIN = Actor("admin", Role.ADMIN)
PASSWORD = "correct horse battery staple"

ACTORS: dict[str, Actor] = {
    "public": ANONYMOUS,
    "delegate(Japan)": Actor("delegate-japan", Role.DELEGATE, "Japan"),
    "delegate(Canada)": Actor("delegate-canada", Role.DELEGATE, "Canada"),
    "secretariat": SECRETARIAT,
    "admin": ADMIN,
    "system": SYSTEM,
}


# --- helpers ----------------------------------------------------------------------------------


def verify_ok(engine: Engine) -> None:
    with Session(engine) as session:
        verdict = audit.verify(session)
    assert verdict.ok, verdict.reason


def expected_allowed(actor: Actor, action: Action, participant: str | None) -> bool:
    """What the permission table grants (a delegate only for their own Participant)."""
    if action not in ALLOWED[actor.role]:
        return False
    if actor.role is Role.DELEGATE and participant is not None:
        return (actor.participant or "").casefold() == participant.casefold()
    return True


# --- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    action: Callable[[Actor], Action]
    call: Callable[[Engine, Actor], object]
    setup: Callable[[Engine, Actor], None] | None = None
    participant: str | None = None
    """The Participant the call acts for (a delegate may act only for their own)."""
    allowed_failure: type[Exception] | None = None
    """An error an allowed role may still get after the permission check (machine drafts with
    no provider configured)."""


def fixed(action: Action) -> Callable[[Actor], Action]:
    return lambda _actor: action


def _circulate(engine: Engine, _actor: Actor) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes ...",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )


def _reply(participant: str) -> Callable[[Engine, Actor], object]:
    def call(engine: Engine, actor: Actor) -> object:
        return procedures.record_reply(
            engine=engine,
            actor=actor,
            reference="2004-WP-01",
            participant=participant,
            kind="support",
        )  # received today: the server's clock, fixed below

    return call


def _someone(engine: Engine, _actor: Actor) -> None:
    accounts.add_user(
        engine=engine, actor=ADMIN, username="someone", role="secretariat", password=PASSWORD
    )


def _someone_disabled(engine: Engine, actor: Actor) -> None:
    _someone(engine, actor)
    accounts.disable_user(engine=engine, actor=ADMIN, username="someone")


def _own_account(engine: Engine, actor: Actor) -> None:
    """An account named as the actor (so changing "one's own" password is a valid call); the
    actors with a user role have theirs already (see test_role)."""
    if actor.role not in USER_ROLES:
        accounts.add_user(
            engine=engine,
            actor=ADMIN,
            username=actor.username,
            role="secretariat",
            password=PASSWORD,
            participant=actor.participant,
        )


def _restore(engine: Engine, actor: Actor) -> object:
    raise AssertionError("restore is run by test_restore_backup")  # pragma: no cover


CASES: list[Case] = [
    Case(
        "decisions.record_decision",
        fixed(Action.RECORD_DECISION),
        lambda engine, actor: decisions.record_decision(
            engine=engine,
            actor=actor,
            reference="2004-GAT-01",
            title="Vice Chair for 2005",
            kind="office_selection",
            procedure="plenary",
            adopted_on=date(2004, 10, 29),
            text="The Plenary selected ...",
        ),
    ),
    Case(
        "decisions.edit_decision",
        fixed(Action.EDIT_DECISION),
        lambda engine, actor: decisions.edit_decision(
            engine=engine,
            actor=actor,
            reference="2003-SUN-01",
            expected_version=1,
            title="Review of the Certification Scheme (corrected)",
        ),
    ),
    Case(
        "decisions.resolve_open_point",
        fixed(Action.RESOLVE_OPEN_POINT),
        lambda engine, actor: decisions.resolve_open_point(
            engine=engine,
            actor=actor,
            reference="2003-JHB-02",
            key="decision-making",
            resolved_on=date(2004, 3, 1),
            by_decision="2003-SUN-03",
        ),
    ),
    Case(
        "decisions.confirm_decision",
        fixed(Action.CONFIRM_DECISION),
        lambda engine, actor: decisions.confirm_decision(
            engine=engine,
            actor=actor,
            reference="2003-JHB-02",
            confirmed_on=date(2004, 3, 1),
            by_decision="2003-SUN-03",
        ),
    ),
    Case(
        "meetings.record_meeting",
        fixed(Action.RECORD_MEETING),
        lambda engine, actor: meetings.record_meeting(
            engine=engine,
            actor=actor,
            code="2004-gatineau",
            title="Plenary, Gatineau",
            place="Gatineau, Canada",
            starts_on=date(2004, 10, 27),
            ends_on=date(2004, 10, 29),
            figures=[("applicants", 3, "Applicant States")],
        ),
    ),
    Case(
        "communiques.record_communique",
        fixed(Action.RECORD_COMMUNIQUE),
        lambda engine, actor: communiques.record_communique(
            engine=engine,
            actor=actor,
            code="2003-sun-city-press-release",
            meeting="2003-sun-city",
            issued_on=date(2003, 11, 1),
            title="Press release, Sun City",
            text="The Plenary closed in Sun City.",
        ),
    ),
    Case(
        "decisions.link_to_communique",
        fixed(Action.LINK_TO_COMMUNIQUE),
        lambda engine, actor: decisions.link_to_communique(
            engine=engine,
            actor=actor,
            reference="2003-SUN-01",
            communique="2003-sun-city-communique",
        ),
    ),
    Case(
        "offices.record_term",
        fixed(Action.RECORD_TERM),
        lambda engine, actor: offices.record_term(
            engine=engine,
            actor=actor,
            office="vice_chair",
            holder="Botswana",
            starts_on=date(2005, 1, 1),
            decision="2003-SUN-05",
        ),
    ),
    Case(
        "offices.confirm_term",
        fixed(Action.RECORD_TERM),
        lambda engine, actor: offices.confirm_term(
            engine=engine, actor=actor, office="chair", year=2005
        ),
    ),
    Case(
        "offices.select_vice_chair",
        fixed(Action.SELECT_VICE_CHAIR),
        lambda engine, actor: offices.select_vice_chair(
            engine=engine, actor=actor, holder="Botswana", year=2005, decision="2003-SUN-05"
        ),
    ),
    Case(
        "participants.register_entity",
        fixed(Action.REGISTER_ENTITY),
        lambda engine, actor: participants.register_entity(
            engine=engine,
            actor=actor,
            name="Ghana",
            kind="state",
            status="applicant",
            on=date(2004, 1, 10),
            stage="intent_declared",
        ),
    ),
    Case(
        "participants.change_status",
        fixed(Action.CHANGE_STATUS),
        lambda engine, actor: participants.change_status(
            engine=engine, actor=actor, name="Japan", status="suspended", on=date(2004, 5, 1)
        ),
    ),
    Case(
        "participants.rename_entity",
        fixed(Action.RENAME_ENTITY),
        lambda engine, actor: participants.rename_entity(
            engine=engine,
            actor=actor,
            name="European Community",
            new_name="European Union",
            on=date(2004, 1, 10),
        ),
    ),
    Case(
        "procedures.circulate",
        fixed(Action.CIRCULATE_PROCEDURE),
        lambda engine, actor: procedures.circulate(
            engine=engine,
            actor=actor,
            reference="2004-WP-02",
            title="Annual reports",
            kind="other",
            text="The Chair proposes ...",
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 2, 29),
        ),
    ),
    Case(
        "procedures.record_reply(Japan)",
        fixed(Action.REPLY_TO_PROCEDURE),
        _reply("Japan"),
        setup=_circulate,
        participant="Japan",
    ),
    Case(
        "procedures.record_reply(Canada)",
        fixed(Action.REPLY_TO_PROCEDURE),
        _reply("Canada"),
        setup=_circulate,
        participant="Canada",
    ),
    Case(
        "procedures.record_tally",
        fixed(Action.RECORD_PROCEDURE_TALLY),
        lambda engine, actor: procedures.record_tally(
            engine=engine,
            actor=actor,
            reference="2004-WP-01",
            supports=40,
            objections=0,
            source="Chair's report",
        ),
        setup=_circulate,
    ),
    Case(
        "procedures.record_replies",
        fixed(Action.RECORD_PROCEDURE_TALLY),
        lambda engine, actor: procedures.record_replies(
            engine=engine,
            actor=actor,
            reference="2004-WP-01",
            csv_text="Participant,position,date\nJapan,support,2004-02-02\n",
            note="note verbale",
        ),
        setup=_circulate,
    ),
    Case(
        "translations.set_state",
        fixed(Action.ADVANCE_VERSION),
        lambda engine, actor: translations.set_state(
            engine=engine,
            actor=actor,
            target="2003-SUN-01",
            language="fr",
            state="in_translation",
            on=date(2004, 1, 5),
            text="Examen du Système de certification",
        ),
    ),
    Case(
        "translations.machine_draft",
        fixed(Action.REQUEST_MACHINE_DRAFT),
        lambda engine, actor: translations.machine_draft(
            engine=engine,
            actor=actor,
            target="2003-SUN-01",
            language="fr",
            on=date(2004, 1, 5),
            settings=ProviderSettings(provider="libretranslate", url=None),
        ),
        allowed_failure=MachineTranslationError,
    ),
    Case(
        "accounts.add_user",
        lambda actor: (
            Action.BOOTSTRAP_ADMIN if actor.role is Role.SYSTEM else Action.MANAGE_ACCOUNTS
        ),
        # An admin account: the one account the system may create (the first admin).
        lambda engine, actor: accounts.add_user(
            engine=engine, actor=actor, username="first-admin", role="admin", password=PASSWORD
        ),
    ),
    Case(
        "accounts.set_password(other)",
        fixed(Action.MANAGE_ACCOUNTS),
        lambda engine, actor: accounts.set_password(
            engine=engine, actor=actor, username="someone", password=PASSWORD + "!"
        ),
        setup=_someone,
    ),
    Case(
        "accounts.set_password(own)",
        lambda actor: (
            Action.CHANGE_OWN_PASSWORD if actor.role in USER_ROLES else Action.MANAGE_ACCOUNTS
        ),
        lambda engine, actor: accounts.set_password(
            engine=engine, actor=actor, username=actor.username, password=PASSWORD + "!"
        ),
        setup=_own_account,
    ),
    Case(
        "accounts.disable_user",
        fixed(Action.MANAGE_ACCOUNTS),
        lambda engine, actor: accounts.disable_user(engine=engine, actor=actor, username="someone"),
        setup=_someone,
    ),
    Case(
        "accounts.enable_user",
        fixed(Action.MANAGE_ACCOUNTS),
        lambda engine, actor: accounts.enable_user(engine=engine, actor=actor, username="someone"),
        setup=_someone_disabled,
    ),
    Case(
        "accounts.set_role",
        fixed(Action.MANAGE_ACCOUNTS),
        lambda engine, actor: accounts.set_role(
            engine=engine, actor=actor, username="someone", role="admin"
        ),
        setup=_someone,
    ),
    # --- instruments ---
    Case(
        "instruments.record_instrument",
        fixed(Action.RECORD_INSTRUMENT),
        lambda engine, actor: instruments.record_instrument(
            engine=engine,
            actor=actor,
            reference="A/RES/58/290",
            body="unga",
            adopted_on=date(2004, 1, 14),
            title="The role of diamonds in fuelling conflict",
        ),
    ),
    Case(
        "instruments.link_instrument",
        fixed(Action.RECORD_INSTRUMENT),
        lambda engine, actor: instruments.link_instrument(
            engine=engine, actor=actor, reference="A/RES/57/302", decision="2003-SUN-12"
        ),
    ),
    Case("backup.restore", fixed(Action.RESTORE_BACKUP), _restore),
    Case(
        "open_data.import_files",  # replaces the untouched embedded record with its own export
        fixed(Action.IMPORT_OPEN_DATA),
        lambda engine, actor: open_data.import_files(
            engine=engine, actor=actor, files=open_data.export(engine=engine, format="csv")
        ),
    ),
]

RESULTS: dict[tuple[str, str], str] = {}
"""(service, role) → "allowed" / "denied", as observed (printed by the last test)."""


def _record(case: str, role: str, allowed: bool) -> None:
    RESULTS[(case, role)] = "allowed" if allowed else "denied"
    print(f"{case} × {role} → {RESULTS[(case, role)]}")


def test_every_write_service_is_in_the_matrix() -> None:
    """Every service taking an ``actor`` that checks a permission is in CASES (a new one must
    be added here)."""
    import governance.services as package

    found = set()
    for module_path in sorted(Path(package.__file__).parent.glob("[a-z]*.py")):
        module = importlib.import_module(f"governance.services.{module_path.stem}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" not in inspect.signature(fn).parameters:
                continue
            source = inspect.getsource(fn)
            if "writing(" in source or "permissions.check(" in source:
                found.add(f"{module_path.stem}.{name}")
    read_only = {"accounts.list_users"}  # checks MANAGE_ACCOUNTS but stores nothing
    covered = {re.sub(r"\(.*\)$", "", c.name) for c in CASES}
    assert found - read_only == covered, (
        f"missing from the matrix: {sorted(found - read_only - covered)}; "
        f"not write services: {sorted(covered - found)}"
    )


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.name != "backup.restore"],
    ids=lambda c: c.name,
)
def test_role(case: Case, role: str, engine: Engine) -> None:
    actor = ACTORS[role]
    # The actor's own account (every write re-checks it), and the accounts the setups write as;
    # none for the system's bootstrap of the first admin, which needs a database without admin.
    signed.accounts(engine, actor, *((ADMIN, SECRETARIAT) if case.setup else ()))
    if case.setup is not None:
        case.setup(engine, actor)
    allowed = expected_allowed(actor, case.action(actor), case.participant)
    before = dump(engine)
    entries = audit_count(engine)
    if allowed:
        if case.allowed_failure is not None:
            with pytest.raises(case.allowed_failure) as raised:
                case.call(engine, actor)
            # Past the permission check; failed where it should (no provider URL).
            assert isinstance(raised.value, MachineTranslationError)
            assert raised.value.reason is Reason.MISCONFIGURED
            assert dump(engine) == before
        else:
            case.call(engine, actor)
            assert audit_count(engine) > entries, "an allowed write left no audit entry"
    else:
        with pytest.raises(PermissionDeniedError):
            case.call(engine, actor)
        assert dump(engine) == before, "a refused write changed the database"
    verify_ok(engine)
    _record(case.name, role, allowed)


@pytest.mark.parametrize("role", list(ACTORS))
def test_restore_backup(role: str, engine: Engine, request: pytest.FixtureRequest) -> None:
    """Restoring needs an empty database: a backup of the record, restored into one."""
    actor = ACTORS[role]
    path = Path(request.getfixturevalue("tmp_path")) / "record.json"
    backup.backup(engine=engine, path=path)
    empty_url = request.getfixturevalue("empty_database_url")
    target = db.get_engine(empty_url)
    allowed = expected_allowed(actor, Action.RESTORE_BACKUP, None)
    if allowed:
        backup.restore(engine=target, actor=actor, path=path)
        assert dump(target) == dump(engine)
        verify_ok(target)
    else:
        with pytest.raises(PermissionDeniedError):
            backup.restore(engine=target, actor=actor, path=path)
        with target.connect() as connection:
            assert sa_inspect(connection).get_table_names() == [], "a refused restore stored"
    _record("backup.restore", role, allowed)


@pytest.mark.signed(SECRETARIAT, ACTORS["delegate(Japan)"])
def test_a_delegate_replies_only_for_their_own_participant(engine: Engine) -> None:
    _circulate(engine, SECRETARIAT)
    japan = ACTORS["delegate(Japan)"]
    before = dump(engine)
    with pytest.raises(PermissionDeniedError):
        _reply("Canada")(engine, japan)
    with pytest.raises(PermissionDeniedError):  # no way around it by spelling
        _reply(" canada")(engine, japan)
    assert dump(engine) == before
    receipt = _reply("japan")(engine, japan)  # names are matched without regard to case
    assert getattr(receipt, "participant", None) == "Japan"
    view = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 2, 3))
    assert view.supports == 1


def test_zz_print_the_matrix() -> None:
    """The observed matrix (cells of the tests that ran), checked against ALLOWED once more."""
    names = [c.name for c in CASES]
    roles = list(ACTORS)
    width = max(len(n) for n in names)
    lines = [
        "",
        "write service × role (observed; '-' = not run)",
        " " * width + "  " + "  ".join(f"{r:<16}" for r in roles),
    ]
    for case in CASES:
        cells = []
        for role in roles:
            actor = ACTORS[role]
            cell = RESULTS.get((case.name, role), "-")
            if cell != "-":
                want = expected_allowed(actor, case.action(actor), case.participant)
                assert cell == ("allowed" if want else "denied"), (case.name, role)
            cells.append(f"{cell:<16}")
        lines.append(f"{case.name:<{width}}  " + "  ".join(cells))
    print("\n".join(lines))
