"""Accounts behind the actors tests make up: every write re-checks the signed-in account
(``governance.db.check_account``), so an ``Actor("clerk", Role.SECRETARIAT)`` needs an enabled
account "clerk" of that role."""

from __future__ import annotations

import functools

from sqlalchemy.engine import Engine
from sqlmodel import select

from governance import db, textnorm
from governance.models import User
from governance.rules.permissions import USER_ROLES, Actor
from governance.services import accounts as account_service
from governance.services import lookup

PASSWORD = "correct horse battery"


@functools.cache
def _hash() -> str:
    return account_service.HASHER.hash(PASSWORD)


def accounts(engine: Engine, *actors: Actor) -> None:
    """Create (as the system, on the audit trail) an enabled account for each actor with a
    user role that has none yet; password :data:`PASSWORD`."""
    wanted = [a for a in actors if a.role in USER_ROLES]
    if not wanted:
        return
    with db.audited(engine, "system", "test_accounts") as session:
        for actor in wanted:
            key = textnorm.key(actor.username)
            if session.exec(select(User).where(User.username_key == key)).first() is not None:
                continue
            participant = lookup.entity(session, actor.participant) if actor.participant else None
            session.add(
                User(
                    username=actor.username,
                    role=actor.role.value,
                    participant_id=participant.id if participant else None,
                    password_hash=_hash(),
                )
            )


def session_of(engine: Engine, actor: Actor) -> tuple[str, str, str | None, int | None]:
    """What the app keeps in ``st.session_state["actor"]`` for ``actor`` signed in (its account
    created first if needed)."""
    accounts(engine, actor)
    with db.transaction(engine) as session:
        user = session.exec(
            select(User).where(User.username_key == textnorm.key(actor.username))
        ).one()
        version = user.credential_version
    return (actor.username, actor.role.value, actor.participant, version)
