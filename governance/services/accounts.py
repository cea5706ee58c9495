"""Accounts: argon2-hashed passwords, roles, sign-in with lockout after repeated failures.

A signed-in actor carries its account's credential version; disabling or enabling an account,
changing its role or its password bumps the version, which ends every session signed in before
(the writes re-check it in :func:`governance.db.writing`, the app on every rerun through
:func:`current_actor`).
"""

from __future__ import annotations

import functools
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from governance import db, storable, textnorm
from governance.db import transaction, writing
from governance.models import Entity, SignInThrottle, User
from governance.rules import permissions
from governance.rules.errors import (
    N_,
    DisableSelfError,
    DuplicateError,
    LastAdminError,
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
    return Actor(
        user.username,
        Role(user.role),
        participant.name if participant else None,
        credential_version=user.credential_version,
    )


def _changed(user: User) -> None:
    """The account's password, role or enabled state changed: sessions signed in before end."""
    user.credential_version += 1


def _other_enabled_admins(session: Session, user: User) -> int:
    """Enabled admins besides ``user`` (read under the writers' lock, so it stays true until
    the commit)."""
    query = (
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, col(User.disabled).is_(False), User.id != user.id)
    )
    return int(session.exec(query).one())


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse to disable or demote the last enabled admin (nobody could manage accounts)."""
    enabled_admin = user.role == Role.ADMIN.value and not user.disabled
    if enabled_admin and _other_enabled_admins(session, user) == 0:
        raise LastAdminError(user=user.username)


def _participant_id(session: Session, name: str) -> int | None:
    """The id of the Participant ``name`` (a Participant today), for a delegate's account."""
    entity = lookup.entity(session, name)
    standing = standing_on(events_of(session, entity), datetime.now(UTC).date())
    if standing is None or standing.status is not Status.PARTICIPANT:
        raise ValidationError(N_("{name} is not a Participant."), name=entity.name)
    return entity.id


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
            entity_id = _participant_id(session, participant)
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
    """An admin sets a password; anyone may change their own. Sessions signed in with the old
    password end, and a sign-in lockout on the name is lifted."""
    own = actor.username.casefold() == username.strip().casefold() and actor.role in USER_ROLES
    action = Action.CHANGE_OWN_PASSWORD if own else Action.MANAGE_ACCOUNTS
    with writing(engine, actor, action) as session:
        user = _user(session, username)
        user.password_hash = _hash(password)
        user.failed_attempts, user.locked_until = 0, None
        _changed(user)
        session.add(user)
        # Operational state, off the audit trail (a Core statement is not captured).
        session.execute(delete(SignInThrottle).where(col(SignInThrottle.key) == user.username_key))


def disable_user(*, engine: Engine, actor: Actor, username: str) -> str:
    """Disable an account (it can no longer sign in; its open sessions end; its history stays).
    An admin cannot disable themself, and the last enabled admin stays."""
    with writing(engine, actor, Action.MANAGE_ACCOUNTS) as session:
        user = _user(session, username)
        if user.username_key == textnorm.key(actor.username):
            raise DisableSelfError()
        if not user.disabled:
            _keep_an_admin(session, user)
            user.disabled = True
            _changed(user)
            session.add(user)
        return user.username


def enable_user(*, engine: Engine, actor: Actor, username: str) -> str:
    """Enable a disabled account again (with the password it had)."""
    with writing(engine, actor, Action.MANAGE_ACCOUNTS) as session:
        user = _user(session, username)
        if user.disabled:
            user.disabled = False
            _changed(user)
            session.add(user)
        return user.username


def set_role(
    *, engine: Engine, actor: Actor, username: str, role: str, participant: str | None = None
) -> Actor:
    """Give an account another role (a delegate: for ``participant``, or the Participant it
    already has). The account's open sessions end; the last enabled admin stays an admin."""
    with writing(engine, actor, Action.MANAGE_ACCOUNTS) as session:
        user = _user(session, username)
        role_enum = _role(role)
        if role_enum is not Role.ADMIN:
            _keep_an_admin(session, user)
        entity_id = user.participant_id if role_enum is Role.DELEGATE else None
        if role_enum is Role.DELEGATE and participant:
            entity_id = _participant_id(session, participant)
        if role_enum is Role.DELEGATE and entity_id is None:
            raise ValidationError(N_("A delegate acts for one Participant."))
        if (user.role, user.participant_id) != (role_enum.value, entity_id):
            user.role, user.participant_id = role_enum.value, entity_id
            _changed(user)
            session.add(user)
        session.flush()
        return _actor(session, user)


def list_users(*, engine: Engine, actor: Actor) -> list[tuple[str, str, str | None, bool]]:
    """(user name, role, participant, disabled) — admins only."""
    permissions.check(actor, Action.MANAGE_ACCOUNTS)
    with transaction(engine) as session:
        rows = session.exec(
            select(User.username, User.role, Entity.name, User.disabled)
            .outerjoin(Entity, col(Entity.id) == col(User.participant_id))
            .order_by(col(User.username))
        ).all()
        return [(username, role, name, disabled) for username, role, name, disabled in rows]


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


def current_actor(*, engine: Engine, username: str, credential_version: int) -> Actor | None:
    """The actor of a signed-in session, re-read from its account (every rerun of the app):
    ``None`` when the account is gone, disabled, or changed since (another credential version)."""
    with transaction(engine) as session:
        user = session.exec(select(User).where(User.username_key == textnorm.key(username))).first()
        if user is None or user.disabled or user.credential_version != credential_version:
            return None
        return _actor(session, user)


def sign_out(*, engine: Engine, actor: Actor) -> None:
    """End every session of ``actor``'s account — this one, other tabs and devices, and every
    copy of its sign-in cookie — by bumping the credential version (if the session still holds
    the current one)."""
    if actor.role not in USER_ROLES or actor.credential_version is None:
        return
    with db.audited(engine, actor.username, "sign_out", origin=actor.origin) as session:
        user = session.exec(
            select(User).where(User.username_key == textnorm.key(actor.username))
        ).first()
        if user is not None and user.credential_version == actor.credential_version:
            _changed(user)
            session.add(user)


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches: unknown names cost the same argon2 verification as known
    ones, so the answer's delay does not tell them apart."""
    return HASHER.hash(secrets.token_urlsafe(32))


def _throttle_key(username: str) -> str | None:
    """The counter's key for a typed user name (None: no account can have this name)."""
    try:
        storable.check_text("username", username, multiline=False)
    except ValidationError:
        return None
    key = textnorm.key(username)
    return key if 0 < len(key) <= 100 else None


def _reserve_attempt(
    engine: Engine, key: str, now: datetime, max_failures: int, lockout_minutes: int
) -> None:
    """Count one attempt on ``key`` before its password is checked, under the writers' lock
    (so parallel attempts are all counted), whether or not an account has this name. Raises
    :class:`LockedOutError` once ``max_failures`` attempts are unproven; the count survives the
    refusal. The slow argon2 check runs after this, outside the lock."""
    stamp = now.astimezone(UTC).isoformat()
    locked_until: str | None = None
    with db.serialized(engine) as session:
        row = session.get(SignInThrottle, key) or SignInThrottle(key=key)
        if row.locked_until and row.locked_until <= stamp:
            row.failures, row.locked_until = 0, None  # the lockout is over: a fresh count
        if row.locked_until is None and row.failures >= max_failures:
            until = now + timedelta(minutes=lockout_minutes)
            row.locked_until = until.astimezone(UTC).isoformat()
        row.failures += 1
        locked_until = row.locked_until
        session.add(row)
    if locked_until is not None:
        raise LockedOutError(until=datetime.fromisoformat(locked_until))


def _attempt_succeeded(engine: Engine, key: str, now: datetime) -> None:
    """The password was right: clear the count, unless parallel failures locked the name
    meanwhile (then the lockout holds)."""
    stamp = now.astimezone(UTC).isoformat()
    with db.serialized(engine) as session:
        row = session.get(SignInThrottle, key)
        if row is not None and row.locked_until and row.locked_until > stamp:
            until = row.locked_until
        else:
            until = None
            if row is not None:
                session.delete(row)
    if until is not None:
        raise LockedOutError(until=datetime.fromisoformat(until))


def sign_in(
    *,
    engine: Engine,
    username: str,
    password: str,
    now: datetime,
    max_failures: int | None = None,
    lockout_minutes: int | None = None,
) -> Actor:
    """Check a password. Every attempt on a name is counted (one atomic step under the writers'
    lock, for names with and without an account alike); once ``max_failures`` attempts in a row
    have not proven the password, the name is locked for ``lockout_minutes``. A wrong password,
    an unknown name and a disabled account get one message after the same argon2 work, and a
    locked name the same message whether or not it is an account."""
    settings = get_settings()
    max_failures = max_failures or settings.sign_in_max_failures
    lockout_minutes = lockout_minutes or settings.sign_in_lockout_minutes
    key = _throttle_key(username)
    if key is not None:
        _reserve_attempt(engine, key, now, max_failures, lockout_minutes)
    with transaction(engine) as session:
        user = (
            session.exec(select(User).where(User.username_key == key)).first()
            if key is not None
            else None
        )
        stored = user.password_hash if user is not None and not user.disabled else None
    try:
        HASHER.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        raise SignInError() from None
    if stored is None or user is None or key is None:
        raise SignInError()  # the dummy hash never matches; kept for the type checker
    _attempt_succeeded(engine, key, now)
    if HASHER.check_needs_rehash(stored):
        with db.audited(engine, user.username, "sign_in") as session:
            fresh = session.get(User, user.id)
            if fresh is not None and fresh.password_hash == stored:
                fresh.password_hash = HASHER.hash(password)
                session.add(fresh)
    with transaction(engine) as session:
        fresh = session.get(User, user.id)
        if fresh is None or fresh.disabled:
            raise SignInError()
        return _actor(session, fresh)
