"""The Alembic migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
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
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()
    assert version == head


def test_sqlite_runs_with_foreign_keys_and_wal(empty_database_url: str) -> None:
    engine = db.get_engine(empty_database_url)
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite connection settings")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrading_an_older_database_keeps_its_rows(empty_database_url: str) -> None:
    from alembic import command

    engine = db.get_engine(empty_database_url)
    config = db.alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO decision (reference, title, kind, procedure, source, note) "
                "VALUES ('OLD-1', 'Kept', 'other', 'plenary', '', '')"
            )
        )
    db.upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT title, version FROM decision WHERE reference = 'OLD-1'")
        ).one()
    assert tuple(row) == ("Kept", 1)
