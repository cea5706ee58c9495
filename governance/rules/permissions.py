"""Who may do what. Checked by every service that writes, whatever calls it (page or CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from governance.rules.errors import N_, PlenaryError


class Role(StrEnum):
    PUBLIC = "public"
    """Observers and the public: read what is published."""
    DELEGATE = "delegate"
    """Signed in for one Participant: reply to written procedures for it, read drafts."""
    SECRETARIAT = "secretariat"
    """The Chair's secretariat: every write use case of the record."""
    ADMIN = "admin"
    """Accounts only."""
    SYSTEM = "system"
    """The product itself (loading the embedded record); never a user's role."""


class Action(StrEnum):
    RECORD_MEETING = "record_meeting"
    RECORD_DECISION = "record_decision"
    EDIT_DECISION = "edit_decision"
    RESOLVE_OPEN_POINT = "resolve_open_point"
    CONFIRM_DECISION = "confirm_decision"
    CIRCULATE_PROCEDURE = "circulate_procedure"
    REPLY_TO_PROCEDURE = "reply_to_procedure"
    ADVANCE_VERSION = "advance_version"
    REQUEST_MACHINE_DRAFT = "request_machine_draft"
    SELECT_VICE_CHAIR = "select_vice_chair"
    RECORD_TERM = "record_term"
    REGISTER_ENTITY = "register_entity"
    CHANGE_STATUS = "change_status"
    MANAGE_ACCOUNTS = "manage_accounts"
    BOOTSTRAP_ADMIN = "bootstrap_admin"
    CHANGE_OWN_PASSWORD = "change_own_password"
    LOAD_RECORD = "load_record"
    RESTORE_BACKUP = "restore_backup"
    RENAME_ENTITY = "rename_entity"
    RECORD_PROCEDURE_TALLY = "record_procedure_tally"
    """The secretariat records replies and a tally as the record reports them (in bulk)."""
    RECORD_COMMUNIQUE = "record_communique"
    LINK_TO_COMMUNIQUE = "link_to_communique"
    RECORD_INSTRUMENT = "record_instrument"
    IMPORT_OPEN_DATA = "import_open_data"
    """Load open-data files (``plenary import``) into a database without a record."""
    DRAFT_REPORT = "draft_report"
    """The secretariat drafts the annual report to the UN General Assembly (reads only)."""


USER_ROLES = (Role.DELEGATE, Role.SECRETARIAT, Role.ADMIN)

_SECRETARIAT_ACTIONS = frozenset(
    a
    for a in Action
    if a
    not in (
        Action.MANAGE_ACCOUNTS,
        Action.BOOTSTRAP_ADMIN,
        Action.LOAD_RECORD,
        Action.RESTORE_BACKUP,
    )
)

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.PUBLIC: frozenset(),
    Role.DELEGATE: frozenset({Action.REPLY_TO_PROCEDURE, Action.CHANGE_OWN_PASSWORD}),
    Role.SECRETARIAT: _SECRETARIAT_ACTIONS,
    Role.ADMIN: frozenset(
        {
            Action.MANAGE_ACCOUNTS,
            Action.CHANGE_OWN_PASSWORD,
            Action.RESTORE_BACKUP,
            Action.IMPORT_OPEN_DATA,
        }
    ),
    Role.SYSTEM: frozenset(
        {
            Action.LOAD_RECORD,
            Action.BOOTSTRAP_ADMIN,
            Action.RESTORE_BACKUP,
            Action.IMPORT_OPEN_DATA,
        }
    ),
}


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    participant: str | None = None
    """The Participant a delegate acts for."""
    credential_version: int | None = None
    """The account's credential version when this actor was signed in; a write made with an
    older one is refused (the password, role or enabled state changed since)."""
    origin: str = ""
    """Where the actor acts from, kept on the audit trail (the CLI: OS user@host)."""


ANONYMOUS = Actor("anonymous", Role.PUBLIC)
SYSTEM = Actor("system", Role.SYSTEM)


class PermissionDeniedError(PlenaryError):
    code = "permission_denied"
    template = N_("{user} ({role}) may not do this: {action}.")


def check(actor: Actor, action: Action, *, participant: str | None = None) -> None:
    """Raise :class:`PermissionDeniedError` unless ``actor`` may take ``action`` (a delegate only
    for their own Participant)."""
    allowed = action in ALLOWED[actor.role]
    if allowed and actor.role is Role.DELEGATE and participant is not None:
        allowed = (actor.participant or "").casefold() == participant.casefold()
    if not allowed:
        raise PermissionDeniedError(user=actor.username, role=actor.role.value, action=action.value)


def can(actor: Actor, action: Action) -> bool:
    return action in ALLOWED[actor.role]
