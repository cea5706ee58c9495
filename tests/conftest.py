"""Real databases for the tests: a SQLite file by default, PostgreSQL when
PLENARY_TEST_DATABASE_URL is set. The record is loaded once into a template; each test gets its
own copy (a copied file, or a PostgreSQL database created from the template)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import signed
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from governance import db
from governance.services import record
from governance.settings import get_settings

PG_URL = os.environ.get("PLENARY_TEST_DATABASE_URL")


def _admin(url: str) -> Engine:
    return create_engine(db.normalize_url(url), isolation_level="AUTOCOMMIT")


def _pg_database(name: str, template: str | None = None) -> str:
    assert PG_URL
    admin = _admin(PG_URL)
    with admin.connect() as conn:
        clause = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    admin.dispose()
    return (
        make_url(db.normalize_url(PG_URL)).set(database=name).render_as_string(hide_password=False)
    )


def _pg_drop(url: str) -> None:
    assert PG_URL
    db.dispose_engine(url)
    admin = _admin(PG_URL)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def template_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database with the schema and the embedded record, loaded once per run."""
    if PG_URL:
        url = _pg_database(f"plenary_tpl_{uuid.uuid4().hex[:8]}")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'plenary.sqlite3'}"
    engine = db.get_engine(url)
    record.init_database(engine, get_settings(url))
    db.dispose_engine(url)
    yield url
    if PG_URL:
        _pg_drop(url)


def _fresh(tmp_path: Path, template: str | None) -> Iterator[str]:
    if PG_URL:
        url = _pg_database(
            f"plenary_t_{uuid.uuid4().hex[:12]}", make_url(template).database if template else None
        )
        yield url
        _pg_drop(url)
        return
    path = tmp_path / ("plenary.sqlite3" if template else "empty.sqlite3")
    if template:
        shutil.copyfile(make_url(template).database or "", path)
    url = f"sqlite:///{path}"
    yield url
    db.dispose_engine(url)


@pytest.fixture
def database_url(template_url: str, tmp_path: Path) -> Iterator[str]:
    """URL of a database of its own holding the 2003 record."""
    yield from _fresh(tmp_path, template_url)


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """URL of an empty database (no schema)."""
    yield from _fresh(tmp_path, None)


@pytest.fixture
def another_database_url(template_url: str, tmp_path: Path) -> Iterator[str]:
    """A second database holding the record, beside ``database_url``."""
    folder = tmp_path / "another"
    folder.mkdir()
    yield from _fresh(folder, template_url)


@pytest.fixture
def engine(database_url: str) -> Engine:
    return db.get_engine(database_url)


@pytest.fixture(autouse=True, scope="session")
def _state_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The server's own files (the sign-in cookie's generated secret) stay out of $HOME."""
    os.environ["PLENARY_STATE_DIR"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture(autouse=True)
def _signed_accounts(request: pytest.FixtureRequest) -> None:
    """``pytest.mark.signed(actor, …)``: the made-up actors get accounts in the test's database
    (every write re-checks the signed-in account)."""
    marker = request.node.get_closest_marker("signed")
    if marker is None or not {"engine", "database_url"} & set(request.fixturenames):
        return
    signed.accounts(request.getfixturevalue("engine"), *marker.args)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"database_url", "empty_database_url", "engine"} & set(fixtures):
            item.add_marker(pytest.mark.db)


def pytest_report_header() -> str:
    where = f"PostgreSQL {make_url(PG_URL).render_as_string()}" if PG_URL else "SQLite files"
    return f"plenary database: {where}"
