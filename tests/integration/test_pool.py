"""The connection pool: sized by the settings, and when every connection stays in use a caller
gets one clear error after the pool's timeout, not a 30-second hang (a real database)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance import db
from governance.rules.errors import PoolExhaustedError
from governance.services import accounts, offices

pytestmark = pytest.mark.db
JUNE_2004 = date(2004, 6, 1)


@pytest.fixture
def small_pool(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The record's database through an engine of one connection (and one more under load),
    waiting one second for a free one."""
    monkeypatch.setenv("PLENARY_POOL_SIZE", "1")
    monkeypatch.setenv("PLENARY_POOL_TIMEOUT_SECONDS", "1")
    db.dispose_engine(database_url)
    engine = db.get_engine(database_url)
    yield engine
    db.dispose_engine(database_url)


@contextmanager
def held(engine: Engine, count: int) -> Iterator[None]:
    """``count`` threads each holding a connection of ``engine`` in an open transaction."""
    ready, release = threading.Barrier(count + 1), threading.Event()

    def hold() -> None:
        with db.transaction(engine) as session:
            session.execute(text("SELECT 1"))
            ready.wait(timeout=10)
            release.wait(timeout=30)

    threads = [threading.Thread(target=hold) for _ in range(count)]
    for thread in threads:
        thread.start()
    ready.wait(timeout=10)
    try:
        yield
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=10)


def test_the_pool_follows_the_settings(small_pool: Engine) -> None:
    pool = small_pool.pool
    assert (pool.size(), pool.timeout()) == (1, 1)  # type: ignore[attr-defined]


def test_an_exhausted_pool_is_one_named_error_within_its_timeout(small_pool: Engine) -> None:
    with held(small_pool, 2):
        started = time.monotonic()
        with pytest.raises(PoolExhaustedError):
            offices.holders_on(engine=small_pool, on=JUNE_2004)
        with pytest.raises(PoolExhaustedError):
            accounts.has_admin(engine=small_pool)
        assert time.monotonic() - started < 5
    # Once the connections are back, the same engine answers again.
    assert offices.holders_on(engine=small_pool, on=JUNE_2004).chair.holder == "Canada"


def _page(url: str) -> None:
    """A page reaching the database without a service (a raw pool checkout)."""
    from governance import db
    from governance.i18n import translator
    from ui.boundary import page_boundary

    with page_boundary(translator("en"), "probe"), db.get_engine(url).connect():
        pass


def test_the_page_boundary_shows_an_exhausted_pool_as_the_named_error(
    small_pool: Engine, database_url: str
) -> None:
    with held(small_pool, 2):
        at = AppTest.from_function(_page, args=(database_url,), default_timeout=30).run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message == PoolExhaustedError().message
