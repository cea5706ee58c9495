"""The engine (one per URL, cached) and the schema upgrade through Alembic."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

from governance import audit, storable  # noqa: F401 (storable: checks every flush)
from governance.rules import permissions
from governance.rules.permissions import Action, Actor
from governance.settings import PROJECT_ROOT

log = logging.getLogger(__name__)
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
IMMEDIATE = "plenary_sqlite_immediate"


def normalize_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    parsed = make_url(url)
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
            _engines[url] = _create_engine(url)
        return _engines[url]


def dispose_engine(url: str) -> None:
    """Close and forget the engine for ``url`` (tests dropping their database)."""
    with _lock:
        engine = _engines.pop(normalize_url(url), None)
    if engine is not None:
        engine.dispose()


def _create_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # Transactions are begun by SQLAlchemy (below), not implicitly by the driver.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    """Writers take the write lock up front (BEGIN IMMEDIATE) so they queue instead of failing
    half-way; readers begin deferred and never block each other (WAL)."""
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    log.debug("sqlite %s", "BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Config:
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
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll everything back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def writing(
    engine: Engine, actor: Actor, action: Action, *, participant: str | None = None
) -> Iterator[Session]:
    """A writing unit of work: the caller's permission is checked first, every change is
    appended to the audit trail in the same transaction, and any error rolls it all back."""
    permissions.check(actor, action, participant=participant)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        audit.start(session, actor.username, action.value)
        session.connection(execution_options={IMMEDIATE: True})
        yield session
