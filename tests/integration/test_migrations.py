"""The Alembic migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from governance import db


def test_upgrade_from_empty_creates_every_table_and_matches_the_models(
    empty_database_url: str,
) -> None:
    engine = db.get_engine(empty_database_url)
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        assert diff == []
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        )


def test_sqlite_runs_with_foreign_keys_and_wal(empty_database_url: str) -> None:
    engine = db.get_engine(empty_database_url)
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite connection settings")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
