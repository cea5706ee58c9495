"""SQLModel tables: the stored record.

Derived facts (who holds an office, an obligation's state) are not stored: the rules compute
them from these rows for the date asked about. The one exception is a decision's state through
time (:class:`DecisionPeriod`), which the rules compute whenever its facts change, so that lists
can filter and count it in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Body(SQLModel, table=True):
    """The body served and its parameters (official languages, rotation rule)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=200)
    official_languages: str = Field(max_length=100, description="comma-separated codes")
    source_language: str = Field(max_length=8)
    term_months: int
    term_start_month: int
    term_start_day: int
    rotation_rule: str = Field(max_length=64)
    rule_text: str
    rule_effective_from: date | None = None
    rule_source: str = Field(default="", max_length=200)
    record_title: str = Field(default="")
    record_file: str = Field(default="", max_length=200)


class WorkingGroup(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    code_key: str = Field(default="", unique=True, max_length=64)
    KEYS: ClassVar[dict[str, str]] = {"code": "code_key"}
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    established_on: date | None = None
    note: str = ""
    source: str = Field(default="", max_length=200)


class Entity(SQLModel, table=True):
    """A State, REIO, trading entity or Observer organisation."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    name_key: str = Field(default="", unique=True, max_length=200)
    """``textnorm.key(name)``: names differing only in case, width or invisible characters
    are one entity (set on every flush by ``storable``)."""
    KEYS: ClassVar[dict[str, str]] = {"name": "name_key"}
    kind: str = Field(max_length=32)
    note: str = ""
    source: str = Field(default="", max_length=200)


class EntityRename(SQLModel, table=True):
    """A change of name: before ``renamed_on`` the entity was called ``former_name``.

    ``Entity.name`` is the newest name; the name in force on a date is the ``former_name`` of
    the earliest rename after that date, or ``Entity.name`` when there is none
    (``services.names.name_on``). One entity, so its status history and terms of office run on
    across the rename."""

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", index=True)
    renamed_on: date
    former_name: str = Field(max_length=200)
    former_name_key: str = Field(default="", max_length=200, index=True)
    KEYS: ClassVar[dict[str, str]] = {"former_name": "former_name_key"}
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
    note: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (UniqueConstraint("entity_id", "renamed_on"),)


class StatusEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", index=True)
    effective_on: date = Field(index=True)
    status: str = Field(max_length=32)
    stage: str | None = Field(default=None, max_length=32)
    blocked_reason: str | None = None
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
    note: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (
        Index("ix_statusevent_entity_id_effective_on_id", "entity_id", "effective_on", "id"),
    )


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    code_key: str = Field(default="", unique=True, max_length=64)
    KEYS: ClassVar[dict[str, str]] = {"code": "code_key"}
    kind: str = Field(max_length=32)
    title: str = Field(max_length=300)
    place: str = Field(max_length=200)
    starts_on: date = Field(index=True)
    ends_on: date = Field(index=True)
    host: str = Field(default="", max_length=200)
    chair: str = Field(default="", max_length=200)
    source: str = Field(default="", max_length=200)
    note: str = ""

    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="meeting_dates_ordered"),)


class ReportedFigure(SQLModel, table=True):
    """A count the record gives without names (e.g. 20 Applicant States)."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    key: str = Field(max_length=64)
    value: int
    label: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (UniqueConstraint("meeting_id", "key"),)


class Communique(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    code_key: str = Field(default="", unique=True, max_length=64)
    KEYS: ClassVar[dict[str, str]] = {"code": "code_key"}
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    title: str = Field(max_length=300)
    issued_on: date = Field(index=True)
    source: str = Field(default="", max_length=200)
    note: str = ""


class Decision(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=64)
    reference_key: str = Field(default="", unique=True, max_length=64)
    KEYS: ClassVar[dict[str, str]] = {"reference": "reference_key"}
    title: str = Field(max_length=300)
    kind: str = Field(max_length=32)
    procedure: str = Field(max_length=32)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    working_group_id: int | None = Field(default=None, foreign_key="workinggroup.id")
    communique_id: int | None = Field(default=None, foreign_key="communique.id")
    adopted_on: date | None = Field(default=None, index=True)
    confirmed_on: date | None = None
    confirmed_by_id: int | None = Field(default=None, foreign_key="decision.id")
    source: str = Field(default="", max_length=200)
    note: str = ""
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    """Bumped by every edit: a save based on an older version is refused (optimistic locking)."""


class TextVersion(SQLModel, table=True):
    """One language version of a decision's or a communiqué's text."""

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int | None = Field(default=None, foreign_key="decision.id", index=True)
    communique_id: int | None = Field(default=None, foreign_key="communique.id", index=True)
    language: str = Field(max_length=8)
    title: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    """The title in this language ("": none yet, readers see the source title and are told)."""
    text: str = ""
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    __table_args__ = (
        UniqueConstraint("decision_id", "language"),
        UniqueConstraint("communique_id", "language"),
        CheckConstraint(
            "(decision_id IS NULL) <> (communique_id IS NULL)", name="text_version_one_owner"
        ),
    )


class Rendering(SQLModel, table=True):
    """A short field of a record in another language: a meeting's title or place, a reported
    figure's label, an obligation's title, the body's name (``record``: the table, ``field``:
    the column). Decisions and communiqués carry theirs on their language versions."""

    id: int | None = Field(default=None, primary_key=True)
    record: str = Field(max_length=32)
    record_id: int
    field: str = Field(max_length=32)
    language: str = Field(max_length=8)
    text: str = Field(max_length=300)

    __table_args__ = (UniqueConstraint("record", "record_id", "field", "language"),)


class VersionStep(SQLModel, table=True):
    """A dated step of a language version (machine draft, in translation, final, available)."""

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="textversion.id", index=True)
    state: str = Field(max_length=32)
    taken_on: date = Field(index=True)
    text: str = ""
    """The text as it stood at this step, so no earlier wording is ever lost."""
    note: str = ""

    __table_args__ = (
        Index("ix_versionstep_version_id_state_taken_on", "version_id", "state", "taken_on"),
        Index("ix_versionstep_state_taken_on", "state", "taken_on"),
    )


class WrittenProcedure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", unique=True)
    circulated_on: date = Field(index=True)
    deadline: date = Field(index=True)
    reported_supports: int | None = None
    """A tally as the record reports it ("so many supports, no objection by the deadline"),
    kept beside the named replies the secretariat has, which may be fewer."""
    reported_objections: int | None = None
    note: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (
        CheckConstraint("deadline > circulated_on", name="procedure_deadline_after_circulation"),
    )


class ProcedureReply(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    procedure_id: int = Field(foreign_key="writtenprocedure.id", index=True)
    entity_id: int = Field(foreign_key="entity.id")
    kind: str = Field(max_length=16)
    received_on: date = Field(index=True)
    note: str = ""
    """Why a reply carries an earlier date than the day it was recorded (a note verbale, an
    e-mail received before the deadline); required when the secretariat back-dates one."""

    __table_args__ = (UniqueConstraint("procedure_id", "entity_id"),)


class OpenPoint(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    key: str = Field(max_length=64)
    description: str
    resolved_on: date | None = Field(default=None, index=True)
    resolved_by_id: int | None = Field(default=None, foreign_key="decision.id")
    source: str = Field(default="", max_length=200)

    __table_args__ = (UniqueConstraint("decision_id", "key"),)


class Obligation(SQLModel, table=True):
    """A deadline set by a decision."""

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True)
    title: str = Field(max_length=300)
    kind: str = Field(max_length=16)
    due_on: date = Field(index=True)
    responsible: str = Field(default="", max_length=200)
    met_on: date | None = None
    met_source: str = Field(default="", max_length=200)
    source: str = Field(default="", max_length=200)


class DecisionPeriod(SQLModel, table=True):
    """Where a decision stands from ``starts_on`` until the day before ``ends_on`` (``None``:
    still): ``rules.decision_status.timeline`` applied to its stored facts, rewritten in the
    transaction that changes them (``services.decision_periods``). Derived, so not on the audit
    trail; the state on a day is one indexed pick. Keyed by what it states, so recomputing
    gives the same rows."""

    decision_id: int = Field(foreign_key="decision.id", primary_key=True)
    starts_on: date = Field(primary_key=True)
    ends_on: date | None = None
    status: str = Field(max_length=32)
    adopted_on: date | None = None
    confirmed_on: date | None = None
    formally_adopted_on: date | None = None
    languages_available: str = Field(default="", max_length=100)
    """Comma-separated codes, in the body's order."""
    open_points: int = 0

    __table_args__ = (Index("ix_decisionperiod_status_starts_on", "status", "starts_on"),)


class OfficeTerm(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    office: str = Field(max_length=16)
    entity_id: int = Field(foreign_key="entity.id")
    starts_on: date = Field(index=True)
    ends_on: date
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
    departure: bool = False
    note: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="term_dates_ordered"),)


class Instrument(SQLModel, table=True):
    """An external act that frames the body's work: a UN General Assembly or Security Council
    resolution, a WTO waiver and the like."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=64)
    reference_key: str = Field(default="", unique=True, max_length=64)
    KEYS: ClassVar[dict[str, str]] = {"reference": "reference_key"}
    body: str = Field(max_length=100)
    """The body that adopted it (``unga``, ``unsc``, ``wto_gc`` …)."""
    kind: str = Field(default="resolution", max_length=32)
    adopted_on: date = Field(index=True)
    title: str = Field(max_length=300)
    paragraph: str = ""
    """The part that concerns the scheme (e.g. operative paragraph 9), quoted or summarised."""
    url: str = Field(default="", max_length=500)
    note: str = ""
    source: str = Field(default="", max_length=200)


class InstrumentLink(SQLModel, table=True):
    """An instrument cited by a decision, a Participant or one of its status events."""

    id: int | None = Field(default=None, primary_key=True)
    instrument_id: int = Field(foreign_key="instrument.id", index=True)
    decision_id: int | None = Field(default=None, foreign_key="decision.id", index=True)
    entity_id: int | None = Field(default=None, foreign_key="entity.id", index=True)
    status_event_id: int | None = Field(default=None, foreign_key="statusevent.id")
    note: str = ""
    source: str = Field(default="", max_length=200)

    __table_args__ = (
        CheckConstraint(
            "decision_id IS NOT NULL OR entity_id IS NOT NULL OR status_event_id IS NOT NULL",
            name="instrument_link_has_target",
        ),
    )


class ReviewMission(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    target_id: int = Field(foreign_key="entity.id")
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
    starts_on: date
    ends_on: date
    composition: str = ""
    report_meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    finding: str = ""
    source: str = Field(default="", max_length=200)


class User(SQLModel, table=True):
    """An account; passwords are stored only as argon2 hashes."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=100)
    username_key: str = Field(default="", unique=True, max_length=100)
    email: str | None = Field(default=None, unique=True, max_length=254)
    email_key: str | None = Field(default=None, unique=True, max_length=254)
    KEYS: ClassVar[dict[str, str]] = {"username": "username_key", "email": "email_key"}
    role: str = Field(max_length=16)
    participant_id: int | None = Field(default=None, foreign_key="entity.id")
    password_hash: str = ""
    disabled: bool = False
    failed_attempts: int = 0
    locked_until: str | None = Field(default=None, max_length=32)
    """UTC ISO timestamp until which sign-in is refused after repeated failures."""
    credential_version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    """Bumped when the password, the role or the enabled state changes: a session signed in
    under an older version ends at its next rerun or write."""


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins per user-name key, whether or not the account exists (so a lockout
    tells nothing about which names are accounts). Operational state, not part of the record:
    it is not on the audit trail."""

    key: str = Field(primary_key=True, max_length=100)
    failures: int = 0
    locked_until: str | None = Field(default=None, max_length=32)


class AuditEntry(SQLModel, table=True):
    """One change, append-only; ``hash`` covers the entry and the previous entry's hash."""

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True)
    at: str = Field(max_length=32)
    """UTC, ISO 8601 (kept as text so the hashed value reads back identically)."""
    actor: str = Field(max_length=100)
    action: str = Field(max_length=64)
    table_name: str = Field(max_length=64)
    row_key: str = Field(max_length=64)
    operation: str = Field(max_length=8)
    origin: str = Field(default="", max_length=200)
    """Where the change came from beyond the account (the CLI's OS user and host); hashed when
    not empty, so older entries keep their hashes."""
    before: str = ""
    after: str = ""
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)

    __table_args__ = (
        Index("ix_auditentry_table_name_row_key_seq", "table_name", "row_key", "seq"),
    )


class AuditHead(SQLModel, table=True):
    """The chain's head: one row, updated under lock by every writing transaction."""

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str = Field(default="0" * 64, max_length=64)
