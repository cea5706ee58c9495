"""Accounts: argon2-hashed passwords, roles, sign-in with lockout after repeated failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import audit
from governance.db import transaction, writing
from governance.models import Entity, User
from governance.rules import permissions
from governance.rules.errors import (
    N_,
    DuplicateError,
    LockedOutError,
    NotFoundError,
    SignInError,
    UnknownValueError,
    ValidationError,
    WeakPasswordError,
)
from governance.rules.participation import Status, standing_on
from governance.rules.permissions import USER_ROLES, Action, Actor, Role
from governance.services import lookup
from governance.services.participants import events_of
from governance.settings import get_settings

HASHER = PasswordHasher()
MIN_PASSWORD = 10


def _role(value: str) -> Role:
    role = lookup.choice(Role, value, "role")
    if role not in USER_ROLES:
        raise UnknownValueError(
            what="role", value=value, allowed=", ".join(r.value for r in USER_ROLES)
        )
    return role


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WeakPasswordError(length=MIN_PASSWORD)
    return HASHER.hash(password)


def _user(session: Session, username: str) -> User:
    user = lookup.find(session, User, User.username, username)
    if user is None:
        raise NotFoundError(what="user", name=username)
    return user


def _actor(session: Session, user: User) -> Actor:
    participant = session.get(Entity, user.participant_id) if user.participant_id else None
    return Actor(user.username, Role(user.role), participant.name if participant else None)


def has_admin(*, engine: Engine) -> bool:
    with transaction(engine) as session:
        return (
            session.exec(
                select(User).where(User.role == Role.ADMIN.value, col(User.disabled).is_(False))
            ).first()
            is not None
        )


def add_user(
    *,
    engine: Engine,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    email: str | None = None,
    participant: str | None = None,
) -> Actor:
    """Create an account. The very first admin may be created by the system (the CLI on the
    server); every other account needs an admin."""
    action = Action.BOOTSTRAP_ADMIN if actor.role is Role.SYSTEM else Action.MANAGE_ACCOUNTS
    with writing(engine, actor, action) as session:
        role_enum = _role(role)
        if action is Action.BOOTSTRAP_ADMIN:
            exists = session.exec(select(User).where(User.role == Role.ADMIN.value)).first()
            if role_enum is not Role.ADMIN or exists is not None:
                raise ValidationError(
                    N_("Only the first admin account is created without signing in.")
                )
        name = username.strip()
        if not name:
            raise ValidationError(N_("A name is required."))
        try:
            _user(session, name)
        except NotFoundError:
            pass
        else:
            raise DuplicateError(what="user", name=name)
        entity_id = None
        if role_enum is Role.DELEGATE:
            if not participant:
                raise ValidationError(N_("A delegate acts for one Participant."))
            entity = lookup.entity(session, participant)
            standing = standing_on(events_of(session, entity), datetime.now(UTC).date())
            if standing is None or standing.status is not Status.PARTICIPANT:
                raise ValidationError(N_("{name} is not a Participant."), name=entity.name)
            entity_id = entity.id
        address = (email or "").strip().lower() or None
        if address and lookup.find(session, User, User.email, address) is not None:
            raise DuplicateError(what="e-mail", name=address)
        user = User(
            username=name,
            email=address,
            role=role_enum.value,
            participant_id=entity_id,
            password_hash=_hash(password),
        )
        session.add(user)
        session.flush()
        return _actor(session, user)


def set_password(*, engine: Engine, actor: Actor, username: str, password: str) -> None:
    """An admin sets a password; anyone may change their own."""
    own = actor.username.casefold() == username.strip().casefold() and actor.role in USER_ROLES
    action = Action.CHANGE_OWN_PASSWORD if own else Action.MANAGE_ACCOUNTS
    with writing(engine, actor, action) as session:
        user = _user(session, username)
        user.password_hash = _hash(password)
        user.failed_attempts, user.locked_until = 0, None
        session.add(user)


def disable_user(*, engine: Engine, actor: Actor, username: str) -> str:
    """Disable an account (it can no longer sign in; its history stays)."""
    with writing(engine, actor, Action.MANAGE_ACCOUNTS) as session:
        user = _user(session, username)
        user.disabled = True
        session.add(user)
        return user.username


def list_users(*, engine: Engine, actor: Actor) -> list[tuple[str, str, str | None, bool]]:
    """(user name, role, participant, disabled) — admins only."""
    permissions.check(actor, Action.MANAGE_ACCOUNTS)
    with transaction(engine) as session:
        users = session.exec(select(User).order_by(col(User.username))).all()
        return [(u.username, u.role, _actor(session, u).participant, u.disabled) for u in users]


def actor_for(*, engine: Engine, username: str) -> Actor:
    """The actor of an enabled account (the CLI's --as; trusted: it already holds the database)."""
    with transaction(engine) as session:
        user = _user(session, username)
        if user.disabled:
            raise SignInError()
        return _actor(session, user)


def actor_for_email(*, engine: Engine, email: str) -> Actor | None:
    """The account an identity provider's e-mail maps to, if any (OIDC sign-in)."""
    with transaction(engine) as session:
        user = lookup.find(session, User, User.email, email)
        if user is None or user.disabled:
            return None
        return _actor(session, user)


def sign_in(
    *,
    engine: Engine,
    username: str,
    password: str,
    now: datetime,
    max_failures: int | None = None,
    lockout_minutes: int | None = None,
) -> Actor:
    """Check a password. After ``max_failures`` failures in a row the account is locked for
    ``lockout_minutes``; the message never tells whether the user name exists."""
    settings = get_settings()
    max_failures = max_failures or settings.sign_in_max_failures
    lockout_minutes = lockout_minutes or settings.sign_in_lockout_minutes
    failure: Exception | None = None
    with Session(engine, expire_on_commit=False) as session, session.begin():
        audit.start(session, username.strip() or "anonymous", "sign_in")
        user = lookup.find(session, User, User.username, username)
        if user is None or user.disabled:
            HASHER.hash(password)  # same work either way: no timing hint
            raise SignInError()
        stamp = now.astimezone(UTC).isoformat()
        if user.locked_until and user.locked_until > stamp:
            raise LockedOutError(until=datetime.fromisoformat(user.locked_until))
        try:
            HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_attempts += 1
            if user.failed_attempts >= max_failures:
                until = now + timedelta(minutes=lockout_minutes)
                user.locked_until = until.astimezone(UTC).isoformat()
                user.failed_attempts = 0
            failure = SignInError()
        else:
            if HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = HASHER.hash(password)
            user.failed_attempts, user.locked_until = 0, None
        session.add(user)
        actor = _actor(session, user)
    if failure is not None:
        raise failure  # the failed attempt is counted (committed) before the refusal
    return actor
