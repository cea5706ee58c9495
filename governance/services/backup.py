"""Backup and restore: the whole database as one self-describing, checksummed JSON file.

The file holds every row of every table, the audit trail included, so a restored database is
a verbatim copy of the source: same ids, same audit chain (``audit.verify`` still passes) and the
same export. It also holds the accounts' password hashes: keep backups as safe as the database
itself (they are written readable by their owner only).

File layout (format_version 1)::

    {"format": "plenary-backup", "format_version": 1, "schema_version": "<alembic revision>",
     "tables": {"<table>": [{"<column>": <value>, ...}, ...], ...}, "sha256": "<hex>"}

Rows are ordered by primary key; dates are ISO 8601 strings. ``sha256`` is the SHA-256 of the
canonical JSON (sorted keys, no whitespace, UTF-8) of every other member, so any corruption of
the file is detected before anything is stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Date, DateTime, Table, inspect, literal_column, select, table, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import Select
from sqlmodel import SQLModel

from governance import audit, db
from governance import models as _models  # noqa: F401  (registers every table)
from governance.rules import permissions
from governance.rules.errors import (
    N_,
    BackupTamperedError,
    FileWriteError,
    PlenaryError,
    ValidationError,
)
from governance.rules.permissions import Action, Actor
from governance.services import decision_periods

FORMAT = "plenary-backup"
FORMAT_VERSION = 1
VERSION_TABLE = "alembic_version"


class BackupUnreadableError(PlenaryError):
    code = "backup_unreadable"
    template = N_("Cannot read the backup {path}: {reason}.")


class BackupNotJsonError(ValidationError):
    code = "backup_not_json"
    template = N_("{path} is not a JSON file: {reason}.")


class BackupFormatError(ValidationError):
    code = "backup_format"
    template = N_("{path} is not a Plenary backup this version can read: {reason}.")


class BackupChecksumError(ValidationError):
    code = "backup_checksum"
    template = N_("The backup {path} is corrupt: its checksum does not match its content.")


class SchemaMismatchError(ValidationError):
    code = "backup_schema_mismatch"
    template = N_("The backup {path} is of schema version {found}; this database is at {expected}.")


class DatabaseNotEmptyError(ValidationError):
    code = "database_not_empty"
    template = N_(
        "The database is not empty (table {table} has rows): restore only into an empty database."
    )


class RestoreFailedError(PlenaryError):
    code = "restore_failed"
    template = N_("The backup could not be stored ({reason}); nothing was restored.")


class NoSchemaError(PlenaryError):
    code = "no_schema"
    template = N_("The database has no schema version: upgrade it before a backup.")


@dataclass(frozen=True)
class Summary:
    path: str
    schema_version: str
    tables: int
    rows: int
    sha256: str


DERIVED = frozenset({"decisionperiod"})
"""Kept in a backup like every table, but recomputed on restore from the audited rows."""


def _tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(
        document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def checksum(document: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of ``document`` without its own ``sha256`` member."""
    return hashlib.sha256(
        _canonical({k: v for k, v in document.items() if k != "sha256"})
    ).hexdigest()


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _head(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()


def export_json(*, engine: Engine) -> dict[str, Any]:
    """The whole database as a deterministic, checksummed document (one consistent snapshot)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            revision = _revision(connection)
            if revision is None:
                raise NoSchemaError()
            tables: dict[str, list[dict[str, Any]]] = {}
            for t in _tables():
                rows = connection.execute(select(t).order_by(*t.primary_key.columns))
                tables[t.name] = [
                    {key: _plain(value) for key, value in row._mapping.items()} for row in rows
                ]
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": revision,
        "tables": tables,
    }
    document["sha256"] = checksum(document)
    return document


def _summary(path: Path, document: dict[str, Any]) -> Summary:
    return Summary(
        path=str(path),
        schema_version=document["schema_version"],
        tables=len(document["tables"]),
        rows=sum(len(rows) for rows in document["tables"].values()),
        sha256=document["sha256"],
    )


def backup(*, engine: Engine, path: Path) -> Summary:
    """Write the database to ``path`` (replaced atomically: a crash never leaves half a file).

    A reader's act: no permission is needed to read the database this process already holds.
    The file contains the accounts' password hashes; it is created readable by its owner only.
    """
    document = export_json(engine=engine)
    data = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:  # no such folder, a file where a folder should be, no right
        raise FileWriteError(path=str(path), reason=error.strerror or str(error)) from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):  # a full disk, a folder in the way
            raise FileWriteError(path=str(path), reason=error.strerror or str(error)) from error
        raise
    return _summary(path, document)


def read_backup(path: Path, *, expected_schema: str | None = None) -> dict[str, Any]:
    """The checked content of a backup file; a named error if it cannot be trusted."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise BackupUnreadableError(path=name, reason=error.strerror or str(error)) from error
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError alike
        raise BackupNotJsonError(path=name, reason=str(error)) from error
    if not isinstance(document, dict):
        raise BackupFormatError(path=name, reason="not a JSON object")
    if document.get("format") != FORMAT:
        raise BackupFormatError(path=name, reason=f"format is {document.get('format')!r}")
    if document.get("format_version") != FORMAT_VERSION:
        raise BackupFormatError(
            path=name, reason=f"format_version is {document.get('format_version')!r}"
        )
    if set(document) != {"format", "format_version", "schema_version", "tables", "sha256"}:
        raise BackupFormatError(path=name, reason="unexpected or missing members")
    if not isinstance(document["sha256"], str) or document["sha256"] != checksum(document):
        raise BackupChecksumError(path=name)
    if expected_schema is not None and document["schema_version"] != expected_schema:
        raise SchemaMismatchError(
            path=name, found=document["schema_version"], expected=expected_schema
        )
    _check_tables(name, document["tables"])
    return document


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not allowed")


def _check_tables(name: str, tables: Any) -> None:
    if not isinstance(tables, dict):
        raise BackupFormatError(path=name, reason="tables is not an object")
    known = {t.name: t for t in _tables()}
    if set(tables) != set(known):
        missing = sorted(set(known) - set(tables))
        extra = sorted(set(tables) - set(known))
        raise BackupFormatError(path=name, reason=f"tables missing {missing}, unknown {extra}")
    for table_name, rows in tables.items():
        columns = {c.name for c in known[table_name].columns}
        if not isinstance(rows, list) or not all(
            isinstance(row, dict) and set(row) == columns for row in rows
        ):
            raise BackupFormatError(path=name, reason=f"rows of {table_name} do not match")


def _typed(t: Table, row: dict[str, Any]) -> dict[str, Any]:
    result = dict(row)
    for c in t.columns:
        value = result[c.name]
        if not isinstance(value, str):
            continue
        if isinstance(c.type, DateTime):
            result[c.name] = datetime.fromisoformat(value)
        elif isinstance(c.type, Date):
            result[c.name] = date.fromisoformat(value)
    return result


def _nonempty_table(connection: Connection) -> str | None:
    """The first table (other than Alembic's) holding a row, if any."""
    for name in sorted(inspect(connection).get_table_names()):
        if name == VERSION_TABLE:
            continue
        if _has_rows(connection, name):
            return name
    return None


def _has_rows(connection: Connection, name: str) -> bool:
    query: Select[Any] = select(literal_column("1")).select_from(table(name)).limit(1)
    return connection.execute(query).first() is not None


def has_accounts(*, engine: Engine) -> bool:
    """Whether any account exists (a fresh server has none)."""
    with engine.connect() as connection:
        if "account" not in inspect(connection).get_table_names():
            return False
        return _has_rows(connection, "account")


def restore(*, engine: Engine, actor: Actor, path: Path, head: audit.Head | None = None) -> Summary:
    """Load a backup into an empty database, verbatim and all at once.

    Refused unless ``actor`` may restore (an admin; the system on a fresh server), the file is
    an intact backup of this schema version whose audit trail verifies — its chain (up to
    ``head``, if given, hashing to it) and its replay against every table, so a row edited and
    the checksum recomputed is caught — and the database holds no row. Then the schema is
    brought to the newest migration and every row is inserted in one transaction, exactly as it
    was (the audit trail is copied, not extended). Any error rolls everything back.
    """
    permissions.check(actor, Action.RESTORE_BACKUP)
    document = read_backup(path, expected_schema=_head(engine))
    verdict = audit.verify_tables(document["tables"], head=head)
    if not verdict.ok:
        raise BackupTamperedError(path=str(path), reason=verdict.reason)
    db.upgrade(engine)
    tables = {t.name: t for t in _tables()}
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(**{db.IMMEDIATE: True})
            with connection.begin():
                _lock(connection)
                revision = _revision(connection)
                if revision != document["schema_version"]:
                    raise SchemaMismatchError(
                        path=str(path), found=document["schema_version"], expected=revision
                    )
                busy = _nonempty_table(connection)
                if busy is not None:
                    raise DatabaseNotEmptyError(table=busy)
                for t in tables.values():
                    if t.name not in DERIVED:
                        _insert(connection, t, document["tables"][t.name])
                if engine.dialect.name == "postgresql":
                    _reset_sequences(connection, list(tables.values()))
    except (SQLAlchemyError, ValueError, TypeError) as error:
        raise RestoreFailedError(reason=_reason(error)) from error
    with db.serialized(engine) as session:  # derived rows: recomputed, not taken on trust
        decision_periods.fill_missing(session)
    return _summary(Path(path), document)


def _reason(error: Exception) -> str:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"{type(error).__name__}: {detail[0][:200]}" if detail else type(error).__name__


def _lock(connection: Connection) -> None:
    """On PostgreSQL, keep other writers out until the copy is committed: the writers' queue
    first (an open-data import checks "no record yet" behind it), then the tables (SQLite:
    BEGIN IMMEDIATE already holds the write lock)."""
    if connection.dialect.name != "postgresql":
        return
    db.queue_writer(connection)
    names = ", ".join(connection.dialect.identifier_preparer.quote(t.name) for t in _tables())
    connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))


def _insert(connection: Connection, t: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` as they are; a column referring to its own table (a decision confirmed
    by a later decision) is set once every row of the table exists."""
    if not rows:
        return
    own = [fk.parent for fk in t.foreign_keys if fk.column.table is t]
    typed = [_typed(t, row) for row in rows]
    first = [{**row, **{c.name: None for c in own}} for row in typed]
    connection.execute(t.insert(), first)
    keys = list(t.primary_key.columns)
    for row in typed:
        later = {c.name: row[c.name] for c in own if row[c.name] is not None}
        if later:
            condition = [k == row[k.name] for k in keys]
            connection.execute(update(t).where(*condition).values(**later))


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Let PostgreSQL hand out ids after the restored ones."""
    quote = connection.dialect.identifier_preparer.quote
    for t in tables:
        if "id" not in t.columns:
            continue
        name = quote(t.name)
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
            ),
            {"table": name},
        )


__all__ = [
    "BackupChecksumError",
    "BackupFormatError",
    "BackupNotJsonError",
    "BackupTamperedError",
    "BackupUnreadableError",
    "DatabaseNotEmptyError",
    "NoSchemaError",
    "RestoreFailedError",
    "SchemaMismatchError",
    "Summary",
    "backup",
    "export_json",
    "has_accounts",
    "read_backup",
    "restore",
]
