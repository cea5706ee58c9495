"""The engine (one per URL, cached, its pool sized by the settings), the schema upgrade through
Alembic (imported only by the upgrade) and the cheap check that a database's schema is current."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine, select

from governance import audit, storable, textnorm  # noqa: F401 (storable: checks every flush)
from governance.models import User
from governance.rules import permissions
from governance.rules.errors import (
    BusyError,
    ConflictError,
    DatabaseUrlError,
    PoolExhaustedError,
    SchemaMissingError,
    SchemaOutdatedError,
    SessionEndedError,
    StorageError,
)
from governance.rules.permissions import Action, Actor
from governance.settings import PROJECT_ROOT, get_settings

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
IMMEDIATE = "plenary_sqlite_immediate"
SCHEMA_REVISION = "0007"
"""The newest migration's revision (``migrations/versions``): the schema this code needs.
Kept here so a command can check a database without importing Alembic; a test fails when a
migration is added and this is not moved to it."""


def normalize_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseUrlError(url=url, reason="not a database URL") from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def get_engine(url: str) -> Engine:
    """The one engine for ``url`` in this process (created on first use)."""
    url = normalize_url(url)
    with _lock:
        if url not in _engines:
            try:
                _engines[url] = _create_engine(url)
            except (ArgumentError, ImportError) as error:  # unknown dialect or driver
                shown = make_url(url).render_as_string(hide_password=True)
                raise DatabaseUrlError(url=shown, reason=_first_line(error)) from error
            except OSError as error:  # the SQLite file's folder cannot be created
                shown = make_url(url).render_as_string(hide_password=True)
                reason = (
                    "a part of the path is a file, not a folder"
                    if isinstance(error, FileExistsError | NotADirectoryError)
                    else error.strerror or str(error)
                )
                raise DatabaseUrlError(url=shown, reason=reason) from error
        return _engines[url]


def _first_line(error: BaseException) -> str:
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or ["?"])[0]


def dispose_engine(url: str) -> None:
    """Close and forget the engine for ``url`` (tests dropping their database)."""
    with _lock:
        engine = _engines.pop(normalize_url(url), None)
    if engine is not None:
        engine.dispose()


def _create_engine(url: str) -> Engine:
    settings = get_settings()
    # Connections one process keeps, as many again under load; a caller waits at most
    # pool_timeout_seconds for one, then gets PoolExhaustedError (not a 30-second hang).
    pool: dict[str, Any] = {
        "poolclass": QueuePool,
        "pool_size": settings.pool_size,
        "max_overflow": settings.pool_size,
        "pool_timeout": settings.pool_timeout_seconds,
    }
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            _create_private(Path(database))
        else:
            pool = {}  # one in-memory database per connection: SQLAlchemy's own pool for it
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def _create_private(path: Path) -> None:
    """Create the SQLite file (it holds the password hashes) readable by its owner only, in a
    folder only its owner may enter, before SQLite opens it: SQLite takes an empty file for an
    empty database and gives its -wal and -shm files the database file's mode. A folder or a
    file that already exists keeps its mode."""
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)  # whatever the umask
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.fchmod(descriptor, 0o600)
    os.close(descriptor)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={get_settings().write_wait_seconds * 1000}")
    cursor.close()
    # SQLite's own lower() folds ASCII only; searches fold every script, as on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    # Transactions are begun by SQLAlchemy (below), not implicitly by the driver.
    dbapi_connection.isolation_level = None


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_begin(connection: Connection) -> None:
    """Writers take the write lock up front (BEGIN IMMEDIATE) so they queue instead of failing
    half-way; readers begin deferred and never block each other (WAL)."""
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    log.debug("sqlite %s", "BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    if not (MIGRATIONS_DIR / "env.py").exists():
        raise RuntimeError(
            f"Migrations not found at {MIGRATIONS_DIR}; install the project editable."
        )
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    """The database's schema revision (one query); None for a database without a schema."""
    with pool_checked(), engine.connect() as connection:
        try:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:
            connection.rollback()
            if "alembic_version" in _table_names(connection):
                raise  # the table is there and could not be read: a real failure
            return None


def _table_names(connection: Connection) -> list[str]:
    from sqlalchemy import inspect

    return inspect(connection).get_table_names()


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is missing or not :data:`SCHEMA_REVISION` (one clear
    error naming `plenary init`, which upgrades it) rather than upgrade it or fail half-way."""
    found = schema_revision(engine)
    if found is None:
        raise SchemaMissingError()
    if found != SCHEMA_REVISION:
        raise SchemaOutdatedError(found=found, expected=SCHEMA_REVISION)


@contextmanager
def pool_checked() -> Iterator[None]:
    """Turn "no connection free within pool_timeout_seconds" into :class:`PoolExhaustedError`."""
    try:
        yield
    except PoolTimeoutError as error:
        log.warning("connection pool exhausted: %s", error)
        raise PoolExhaustedError() from error


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll everything back on any error."""
    with pool_checked(), Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


WRITER_LOCK_KEY = 0x506C656E  # "Plen": the PostgreSQL advisory lock every writer holds


def serialize_writers(session: Session) -> None:
    """Make this transaction the only writer until it ends — the one place where every
    check-then-write rule (no overlapping terms, one reply per Participant, one resolution of
    an open point, unique keys, the sign-in counter, optimistic versions) is serialized.

    SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock up front. PostgreSQL: a
    transaction-level advisory lock, taken before the first read, so in READ COMMITTED every
    later statement sees what the previous writer committed. Writers are short and rare next to
    readers (who never wait: WAL, MVCC), so one queue costs little and cannot deadlock.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.connection(execution_options={IMMEDIATE: True})
        return
    queue_writer(session.connection())


def queue_writer(connection: Connection) -> None:
    """PostgreSQL: wait (up to ``write_wait_seconds``) for the writers' advisory lock, held
    until this transaction ends — :func:`serialize_writers` and a restore both queue here."""
    wait = get_settings().write_wait_seconds
    connection.execute(text(f"SET LOCAL lock_timeout = '{wait}s'"))
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})


def _is_busy(error: OperationalError) -> bool:
    message = str(error.orig).lower()
    return (
        "database is locked" in message
        or "lock timeout" in message
        or (getattr(error.orig, "sqlstate", None) == "55P03")
    )


@contextmanager
def serialized(engine: Engine) -> Iterator[Session]:
    """A serialized writing unit of work (the writers' queue, see :func:`serialize_writers`),
    not on the audit trail — for operational state such as the sign-in counter. A constraint the
    pre-checks missed, or a writer that waited too long, becomes one named error
    (:class:`ConflictError`, :class:`BusyError`) with everything rolled back."""
    try:
        with pool_checked(), Session(engine, expire_on_commit=False) as session, session.begin():
            serialize_writers(session)
            yield session
    except IntegrityError as error:
        log.info("constraint refused a write: %s", error.orig)
        raise ConflictError() from error
    except OperationalError as error:
        if _is_busy(error):
            raise BusyError() from error
        raise StorageError(reason=_first_line(error)) from error


@contextmanager
def audited(engine: Engine, who: str, what: str, *, origin: str = "") -> Iterator[Session]:
    """A serialized writing unit of work (:func:`serialized`) whose changes go on the audit
    trail as ``who`` doing ``what``."""
    with serialized(engine) as session:
        audit.start(session, who, what, origin=origin)
        yield session


def check_account(session: Session, actor: Actor) -> None:
    """Refuse (:class:`SessionEndedError`) an actor whose account is gone, disabled, holds
    another role now, or has a newer credential version (password, role or enabled state changed
    since the actor signed in). The one place where every write re-checks the account; called
    under the writers' lock, so the account cannot change between the check and the commit."""
    if actor.role not in permissions.USER_ROLES:
        return  # the public cannot write; the system is the product itself
    user = session.exec(
        select(User).where(User.username_key == textnorm.key(actor.username))
    ).first()
    if (
        user is None
        or user.disabled
        or user.role != actor.role.value
        or (
            actor.credential_version is not None
            and user.credential_version != actor.credential_version
        )
    ):
        raise SessionEndedError()


@contextmanager
def writing(
    engine: Engine, actor: Actor, action: Action, *, participant: str | None = None
) -> Iterator[Session]:
    """A writing unit of work: the caller's permission is checked first, then (inside the
    serialized transaction) that the caller's account still stands as it was when they signed
    in; every change is appended to the audit trail in the same transaction, and any error rolls
    it all back."""
    permissions.check(actor, action, participant=participant)
    with audited(engine, actor.username, action.value, origin=actor.origin) as session:
        check_account(session, actor)
        yield session
