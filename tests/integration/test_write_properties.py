"""Random input to every write service: each call either succeeds or raises a named
``PlenaryError``, never anything else, and leaves the database consistent.

After every call: the audit chain verifies; a refused call stored nothing (every row of every
table compared) and added no audit entry; an accepted call added audit entries; and no record
is half-written (a decision without its source-language text, a procedure without its
decision, an entity without a status, …).

The database is the 2003 record, shared by the examples of one test (so later examples meet
what earlier ones stored: duplicates, replies after replies, …).

The explicit ``@example``s reproduce bugs these tests found (duplicate e-mail or figure keys,
non-ASCII case folding on SQLite, NUL characters and over-long or out-of-range values reaching
PostgreSQL), all since fixed: they must stay named validation errors.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbcheck import audit_count, dump
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from governance import audit, machine_translation
from governance import models as _models  # noqa: F401  (registers every table)
from governance.machine_translation import ProviderSettings
from governance.models import (
    Body,
    Decision,
    Entity,
    OpenPoint,
    StatusEvent,
    TextVersion,
    User,
    VersionStep,
    WrittenProcedure,
)
from governance.rules.decision_status import DecisionKind, Procedure
from governance.rules.errors import PlenaryError
from governance.rules.participation import EntityKind, Stage, Status
from governance.rules.permissions import Actor, Role
from governance.rules.rotation import Office
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import (
    accounts,
    backup,
    decisions,
    meetings,
    offices,
    participants,
    procedures,
    translations,
)

PG = bool(os.environ.get("PLENARY_TEST_DATABASE_URL"))
SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
pytestmark = pytest.mark.signed(SECRETARIAT, ADMIN)
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# --- strategies -------------------------------------------------------------------------------

SPECIAL = [
    "",
    " ",
    " \t\n ",
    "<script>alert('x')</script>",
    "\"'; DROP TABLE decision; --",
    "Ünïcödé — «quotes» 日本語",
    "2004-ä-01",
    "Österreich",
    "a" * 65,
    "b" * 201,
    "c" * 301,
]
LONG = st.integers(min_value=1, max_value=5000).flatmap(
    lambda n: st.sampled_from(["x", "é", "<b>", " "]).map(lambda s: s * n)
)
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(SPECIAL), LONG)
"""Any string: random, empty, blank, markup, very long."""
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def usually(percent: int, likely: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> Any:
    """``likely`` ``percent`` times in 100, else ``other`` (``st.one_of`` is far from even)."""
    return st.integers(0, 99).flatmap(lambda i: likely if i < percent else other)


def mixed(good: list[str], other: st.SearchStrategy[str] = TEXT) -> st.SearchStrategy[str]:
    """Mostly (4 in 5) a valid value, so calls get deep into the service; otherwise anything."""
    return usually(80, st.sampled_from(good), other)


def optional(strategy: st.SearchStrategy[Any], *, rarely: bool = False) -> st.SearchStrategy[Any]:
    """None or a value (``rarely``: a value 1 time in 4)."""
    return usually(75 if rarely else 50, st.none(), strategy)


def values(enum: Any) -> list[str]:
    return [m.value for m in enum]


REFERENCES = mixed(
    ["2003-SUN-01", "2003-sun-03", "2003-JHB-02", " 2003-SUN-05 ", "2004-WP-01", "2003-SUN-04"]
)
AD_REFERENDUM = mixed(["2003-JHB-02", "2003-jhb-02 ", "2003-JHB-02", "2003-SUN-01"])
"""Mostly the record's one decision adopted ad referendum."""
NEW_REFERENCES = usually(
    70, st.integers(min_value=1, max_value=99).map(lambda n: f"2004-GAT-{n:02d}"), REFERENCES
)
PARTICIPANTS = mixed(
    ["Japan", "japan", "  Canada ", "Botswana", "India", "Liberia", "World Diamond Council"]
)
LANGUAGES = mixed(
    ["fr", "pt", "es", "ru", "en"], usually(50, st.sampled_from(["EN", "de", " fr"]), TEXT)
)
STATES = mixed(values(VersionState))
MEETINGS = mixed(["2003-johannesburg", "2003-sun-city"])
GROUPS = mixed(["rules-of-procedure", "monitoring", "statistics", ""])
AFTER_2003 = st.dates(min_value=date(2003, 11, 1), max_value=date(2030, 12, 31))
SOME_DATE = usually(75, AFTER_2003, DATES)
"""Mostly after the record (where new steps and statuses fit), sometimes any date."""
USERNAMES = mixed(["alice", "Alice", " bob ", "carol", "secretariat", "admin"])
EMAILS = optional(mixed(["alice@example.org", "ALICE@example.org", "bob@example.org", ""]))
PASSWORDS = mixed(["correct horse battery staple", "short", "0123456789"])


# --- checks -----------------------------------------------------------------------------------


def assert_consistent(engine: Engine) -> None:
    """The audit chain verifies and no record is half-written."""
    with Session(engine) as session:
        verdict = audit.verify(session)
        assert verdict.ok, verdict.reason
        source = session.execute(select(Body.source_language)).scalar_one()

        def none(query: Any, what: str) -> None:
            rows = session.execute(query).all()
            assert rows == [], f"{what}: {rows[:5]}"

        has_source = (
            select(TextVersion.id)
            .where(TextVersion.decision_id == Decision.id, TextVersion.language == source)
            .exists()
        )
        none(select(Decision.reference).where(~has_source), "decision without its source text")
        none(
            select(Decision.reference)
            .join(TextVersion, TextVersion.decision_id == Decision.id)
            .where(TextVersion.language == source, func.trim(TextVersion.text) == ""),
            "decision with a blank source text",
        )
        none(
            select(Decision.reference).where(
                Decision.adopted_on.is_not(None),
                ~select(VersionStep.id)
                .join(TextVersion, VersionStep.version_id == TextVersion.id)
                .where(TextVersion.decision_id == Decision.id, TextVersion.language == source)
                .exists(),
            ),
            "adopted decision whose source text has no step",
        )
        none(
            select(WrittenProcedure.id)
            .outerjoin(Decision, WrittenProcedure.decision_id == Decision.id)
            .where(
                (Decision.id.is_(None))
                | (Decision.procedure != Procedure.WRITTEN_PROCEDURE.value)
                | Decision.adopted_on.is_not(None)
            ),
            "written procedure without its (unadopted) written-procedure decision",
        )
        none(
            select(Decision.reference).where(
                Decision.procedure == Procedure.WRITTEN_PROCEDURE.value,
                ~select(WrittenProcedure.id)
                .where(WrittenProcedure.decision_id == Decision.id)
                .exists(),
            ),
            "written-procedure decision without its procedure",
        )
        none(
            select(OpenPoint.id)
            .join(Decision, OpenPoint.decision_id == Decision.id)
            .where(Decision.procedure != Procedure.AD_REFERENDUM.value),
            "open point of a decision not adopted ad referendum",
        )
        none(
            select(Entity.name).where(
                ~select(StatusEvent.id).where(StatusEvent.entity_id == Entity.id).exists()
            ),
            "entity without a status",
        )
        none(
            select(TextVersion.id).where(
                TextVersion.language != source,
                ~select(VersionStep.id).where(VersionStep.version_id == TextVersion.id).exists(),
            ),
            "translation without a step",
        )
        none(
            select(User.username).where(
                User.role == Role.DELEGATE.value, User.participant_id.is_(None)
            ),
            "delegate acting for no one",
        )
        none(
            select(User.username).where(~User.password_hash.startswith("$argon2")),
            "account without an argon2 hash",
        )


def attempt(
    engine: Engine, call: Callable[[], object], *, may_change_nothing: bool = False
) -> bool:
    """Make the call; True if it succeeded. Anything but a PlenaryError propagates (a bug)."""
    before = dump(engine)
    entries = audit_count(engine)
    try:
        call()
    except PlenaryError as error:
        assert str(error) and error.code  # a named error whose message renders
        assert dump(engine) == before, f"refused ({error.code}) yet something was stored"
        assert audit_count(engine) == entries
        succeeded = False
        event(f"refused: {error.code}")
    else:
        succeeded = True
        event("stored")
        if not may_change_nothing:
            assert audit_count(engine) > entries, "accepted, but nothing was audited"
    assert_consistent(engine)
    return succeeded


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def prepared(engine: Engine) -> Engine:
    """The record, a written procedure open for replies in February 2004, and a decision whose
    reference has a non-ASCII letter."""
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
    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-ä-01",
        title="A reference with a non-ASCII letter",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 1, 10),
        text="The Plenary decided ...",
    )
    return engine


@pytest.fixture
def with_accounts(prepared: Engine) -> Engine:
    # The account "secretariat" (and "admin") comes from pytest.mark.signed above.
    for name, role, participant in (
        ("alice", "secretariat", None),
        ("bob", "delegate", "Japan"),
    ):
        accounts.add_user(
            engine=prepared,
            actor=ADMIN,
            username=name,
            role=role,
            password="correct horse battery staple",
            participant=participant,
            email=f"{name}@example.org" if name == "bob" else None,
        )
    return prepared


# --- decisions --------------------------------------------------------------------------------

DECISION = {
    "reference": "2004-GAT-01",
    "title": "Vice Chair for 2005",
    "kind": "office_selection",
    "procedure": "plenary",
    "adopted_on": date(2004, 10, 29),
    "text": "The Plenary selected ...",
    "meeting": None,
    "working_group": None,
    "open_points": [],
    "source": "",
}


@PROPERTY
@given(
    reference=NEW_REFERENCES,
    title=mixed(["Vice Chair for 2005"]),
    kind=mixed(values(DecisionKind)),
    procedure=mixed(values(Procedure)),
    adopted_on=DATES,
    text=mixed(["The Plenary decided ..."]),
    meeting=optional(MEETINGS, rarely=True),
    working_group=optional(GROUPS),
    open_points=st.lists(st.tuples(TEXT, TEXT), max_size=3),
    source=TEXT,
)
@example(**{**DECISION, "reference": "R" * 65})  # PostgreSQL: VARCHAR(64)
@example(**{**DECISION, "reference": "2004-ä-01"})  # SQLite: stored by the fixture
def test_record_decision(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: decisions.record_decision(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    reference=REFERENCES,
    expected_version=usually(70, st.just(1), st.integers(min_value=-1, max_value=4)),
    title=optional(TEXT),
    kind=optional(mixed(values(DecisionKind))),
    working_group=optional(GROUPS),
)
@example(
    reference="2003-SUN-01", expected_version=1, title="t" * 301, kind=None, working_group=None
)
def test_edit_decision(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: decisions.edit_decision(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    reference=AD_REFERENDUM,
    key=mixed(["decision-making", " decision-making "]),
    resolved_on=SOME_DATE,
    by_decision=REFERENCES,
)
@example(
    reference="2003-JHB-02", key="\x00", resolved_on=date(2004, 3, 1), by_decision="2003-SUN-03"
)
def test_resolve_open_point(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(
        engine, lambda: decisions.resolve_open_point(engine=engine, actor=SECRETARIAT, **kwargs)
    )


@PROPERTY
@given(reference=AD_REFERENDUM, confirmed_on=SOME_DATE, by_decision=REFERENCES)
@example(reference="2003-JHB-02", confirmed_on=date(2004, 3, 1), by_decision="2003-SUN-03\x00")
def test_confirm_decision(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: decisions.confirm_decision(engine=engine, actor=SECRETARIAT, **kwargs))


# --- meetings and offices ---------------------------------------------------------------------


@PROPERTY
@given(
    code=usually(80, st.integers(1, 500).map(lambda n: f"2004-m{n}"), mixed(["2003-sun-city"])),
    title=mixed(["Plenary"]),
    place=mixed(["Gatineau, Canada"]),
    starts_on=DATES,
    ends_on=DATES,
    kind=mixed(["plenary", "intersessional", "working_group", "committee", "other"]),
    host=TEXT,
    chair=TEXT,
    figures=st.lists(
        st.tuples(
            mixed(["applicants", "observers"]),
            st.integers(min_value=-3, max_value=10**6),
            TEXT,
        ),
        max_size=3,
    ),
    source=TEXT,
)
@example(
    code="2004-gatineau",
    title="Plenary",
    place="Gatineau, Canada",
    starts_on=date(2004, 10, 27),
    ends_on=date(2004, 10, 29),
    kind="plenary",
    host="",
    chair="",
    figures=[("applicants", 1, ""), ("applicants", 2, "")],
    source="",
)
def test_record_meeting(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: meetings.record_meeting(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    office=mixed(values(Office)),
    holder=PARTICIPANTS,
    starts_on=usually(80, st.integers(2005, 2030).map(lambda y: date(y, 1, 1)), DATES),
    ends_on=optional(DATES, rarely=True),
    decision=optional(REFERENCES),
    departure=st.booleans(),
    note=TEXT,
    source=TEXT,
)
@example(
    office="vice_chair",
    holder="Botswana",
    starts_on=date(2005, 1, 1),
    ends_on=None,
    decision="2003-SUN-05",
    departure=False,
    note="",
    source="s" * 201,
)
def test_record_term(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: offices.record_term(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    holder=PARTICIPANTS,
    year=st.integers(min_value=1990, max_value=2030),
    decision=REFERENCES,
    note=TEXT,
)
@example(holder="Botswana\x00", year=2005, decision="2003-SUN-05", note="")
def test_select_vice_chair(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: offices.select_vice_chair(engine=engine, actor=SECRETARIAT, **kwargs))


# --- participants -----------------------------------------------------------------------------


STATUS_ARGS = {
    "status": mixed(values(Status)),
    "on": SOME_DATE,
    "stage": optional(mixed(values(Stage)), rarely=True),
    "blocked_reason": optional(TEXT, rarely=True),
    "decision": optional(REFERENCES, rarely=True),
    "note": TEXT,
    "source": TEXT,
}
GHANA = {
    "name": "Ghana",
    "kind": "state",
    "status": "applicant",
    "on": date(2004, 1, 10),
    "stage": "intent_declared",
    "blocked_reason": None,
    "decision": None,
    "note": "",
    "source": "",
}


@PROPERTY
@given(
    name=usually(
        70,
        st.integers(1, 500).map(lambda n: f"Applicant {n}"),
        mixed(["Ghana", "ghana ", "Japan", "Österreich"]),
    ),
    kind=mixed(values(EntityKind)),
    **STATUS_ARGS,
)
@example(**{**GHANA, "source": "b" * 201})
def test_register_entity(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(
        engine, lambda: participants.register_entity(engine=engine, actor=SECRETARIAT, **kwargs)
    )


@PROPERTY
@given(name=PARTICIPANTS, **STATUS_ARGS)
@example(**{**{k: v for k, v in GHANA.items() if k != "kind"}, "name": "\x00"})
def test_change_status(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: participants.change_status(engine=engine, actor=SECRETARIAT, **kwargs))


# --- written procedures -----------------------------------------------------------------------

PROPOSAL = {
    "reference": "2004-WP-02",
    "title": "Admission of an applicant",
    "kind": "participation",
    "text": "The Chair proposes ...",
    "circulated_on": date(2004, 3, 1),
    "deadline": date(2004, 3, 31),
    "working_group": None,
    "source": "",
}


@PROPERTY
@given(
    reference=NEW_REFERENCES,
    title=mixed(["Admission of an applicant"]),
    kind=mixed(values(DecisionKind)),
    text=mixed(["The Chair proposes ..."]),
    circulated_on=DATES,
    deadline=DATES,
    working_group=optional(GROUPS),
    source=TEXT,
)
@example(**{**PROPOSAL, "reference": "2004-WP-02\x00"})  # PostgreSQL
@example(**{**PROPOSAL, "reference": "2004-ä-01"})  # SQLite: stored by the fixture
def test_circulate(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: procedures.circulate(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    reference=mixed(["2004-WP-01", " 2004-wp-01", "2004-WP-01", "2003-SUN-01"]),
    participant=PARTICIPANTS,
    kind=mixed(values(ReplyKind)),
    received_on=usually(80, st.dates(date(2004, 1, 25), date(2004, 3, 5)), DATES),
    note=mixed(["note verbale of 3 February", "", "e-mail\x1b[31m"]),
)
@example(
    reference="2004-WP-01",
    participant="Japan\x00",
    kind="support",
    received_on=date(2004, 2, 3),
    note="note verbale",
)
def test_record_reply(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: procedures.record_reply(engine=engine, actor=SECRETARIAT, **kwargs))


# --- language versions ------------------------------------------------------------------------


TARGETS = mixed(["2003-SUN-01", "2003-SUN-04", "2004-WP-01", "2003-sun-city-communique"])


@PROPERTY
@given(
    target=TARGETS,
    language=LANGUAGES,
    state=STATES,
    on=SOME_DATE,
    text=optional(mixed(["Texte traduit"])),
    note=TEXT,
    expected_version=optional(st.integers(min_value=-1, max_value=4), rarely=True),
)
@example(
    target="2003-SUN-01\x00",
    language="fr",
    state="final",
    on=date(2004, 1, 5),
    text="Texte",
    note="",
    expected_version=None,
)
def test_set_state(prepared: Engine, **kwargs: Any) -> None:
    engine = prepared
    attempt(engine, lambda: translations.set_state(engine=engine, actor=SECRETARIAT, **kwargs))


@PROPERTY
@given(
    target=TARGETS,
    language=LANGUAGES,
    on=SOME_DATE,
    provider_works=st.booleans(),
    drafted=TEXT,
)
@example(target="\x00", language="fr", on=date(2004, 1, 5), provider_works=False, drafted="")
def test_machine_draft(
    prepared: Engine,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    language: str,
    on: date,
    provider_works: bool,
    drafted: str,
) -> None:
    """No network: either no provider URL (MachineTranslationError, misconfigured) or a fake
    provider answering ``drafted`` (random, possibly blank or very long)."""
    engine = prepared
    if provider_works:
        # the service imports the client module when a draft is asked for: patch it there
        monkeypatch.setattr(machine_translation, "translate", lambda *_args, **_kw: drafted)
    else:
        monkeypatch.undo()
    attempt(
        engine,
        lambda: translations.machine_draft(
            engine=engine,
            actor=SECRETARIAT,
            target=target,
            language=language,
            on=on,
            settings=ProviderSettings(provider="libretranslate", url=None),
        ),
    )


# --- accounts (as admin: the role that manages them) ------------------------------------------


@PROPERTY
@given(
    username=USERNAMES,
    role=mixed([*values(Role)]),
    password=PASSWORDS,
    email=EMAILS,
    participant=optional(PARTICIPANTS),
)
@example(
    username="carol",
    role="secretariat",
    password="correct horse battery staple",
    email="BOB@example.org",
    participant=None,
)
def test_add_user(with_accounts: Engine, **kwargs: Any) -> None:
    engine = with_accounts
    attempt(engine, lambda: accounts.add_user(engine=engine, actor=ADMIN, **kwargs))


@PROPERTY
@given(username=USERNAMES, password=PASSWORDS, own=st.booleans())
@example(username="\x00", password="correct horse battery staple", own=False)
def test_set_password(with_accounts: Engine, username: str, password: str, own: bool) -> None:
    """An admin sets anyone's password; the secretariat changes its own (or is refused)."""
    engine = with_accounts
    actor = SECRETARIAT if own else ADMIN
    attempt(
        engine,
        lambda: accounts.set_password(
            engine=engine, actor=actor, username=username, password=password
        ),
    )


@PROPERTY
@given(username=USERNAMES)
@example(username="\x00")
def test_disable_user(with_accounts: Engine, username: str) -> None:
    engine = with_accounts
    # Disabling an account already disabled changes nothing (and so audits nothing).
    attempt(
        engine,
        lambda: accounts.disable_user(engine=engine, actor=ADMIN, username=username),
        may_change_nothing=True,
    )


# --- restore (random files; the database is not empty, so nothing may be stored) -------------


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


@PROPERTY
@given(
    content=st.one_of(
        st.binary(max_size=200),
        JSONISH.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {
                "format": st.sampled_from(["plenary-backup", "other"]),
                "format_version": st.sampled_from([1, 2, "1"]),
                "schema_version": TEXT,
                "tables": JSONISH,
            }
        ).map(lambda d: json.dumps({**d, "sha256": backup.checksum(d)}).encode()),
    )
)
def test_restore(engine: Engine, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "random.json"
    path.write_bytes(content)
    assert not attempt(engine, lambda: backup.restore(engine=engine, actor=ADMIN, path=path))


# --- found while writing these (deterministic) ------------------------------------------------


@pytest.mark.parametrize("what", ["entity", "decision", "account"])
def test_names_match_without_regard_to_case_beyond_ascii(engine: Engine, what: str) -> None:
    if what == "entity":
        participants.register_entity(
            engine=engine, actor=SECRETARIAT, **{**GHANA, "name": "Österreich"}
        )
        assert participants.get_entity(engine=engine, name="österreich", on=date(2004, 2, 1))
    elif what == "decision":
        decisions.record_decision(
            engine=engine, actor=SECRETARIAT, **{**DECISION, "reference": "2004-ä-02"}
        )
        assert decisions.get_decision(engine=engine, reference="2004-Ä-02", on=date(2005, 1, 1))
    else:
        accounts.add_user(
            engine=engine,
            actor=ADMIN,
            username="Ärger",
            role="secretariat",
            password="correct horse battery staple",
        )
        accounts.disable_user(engine=engine, actor=ADMIN, username="Ärger")


@pytest.mark.parametrize("what", ["figure", "year"])
def test_out_of_range_numbers_are_named_errors(engine: Engine, what: str) -> None:
    before = dump(engine)
    try:
        if what == "figure":
            meetings.record_meeting(
                engine=engine,
                actor=SECRETARIAT,
                code="2004-gatineau",
                title="Plenary",
                place="Gatineau, Canada",
                starts_on=date(2004, 10, 27),
                ends_on=date(2004, 10, 29),
                figures=[("applicants", 2**63, "")],
            )
        else:
            offices.select_vice_chair(
                engine=engine,
                actor=SECRETARIAT,
                holder="Botswana",
                year=10000,
                decision="2003-SUN-05",
            )
    except PlenaryError:
        pass
    finally:
        assert dump(engine) == before
        assert_consistent(engine)
