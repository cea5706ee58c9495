"""No N+1: a page's SQL statement count does not grow with the record.

Every page (the bench's page list) is opened through the real entry point at demo-data scale 1
and scale 10, its page caches cleared, and one rerun counted; the counts must be equal. The
databases are built once per session (SQLite files; on PostgreSQL under ``.ci/with-postgres``,
where building 10x takes about fifteen seconds).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from bench import harness
from governance import db

PG_URL = os.environ.get("PLENARY_TEST_DATABASE_URL")
SCALES = (1, 10)

pytestmark = pytest.mark.db


@pytest.fixture(scope="session")
def scaled_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, str]]:
    """scale -> URL of a database built with demo-data at that scale (built once)."""
    urls: dict[int, str] = {}
    for scale in SCALES:
        if PG_URL:
            url = harness.pg_database(PG_URL, f"plenary_scale{scale}_{uuid.uuid4().hex[:8]}")
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp(f'scale{scale}') / 'plenary.sqlite3'}"
        harness.build_database(url, scale)
        urls[scale] = url
    yield urls
    for url in urls.values():
        if PG_URL:
            harness.pg_drop(PG_URL, url)
        else:
            db.dispose_engine(url)


@pytest.fixture(scope="session")
def counts(scaled_urls: dict[int, str]) -> Iterator[dict[str, dict[int, int]]]:
    """page -> scale -> statements of one cold rerun (every page counted once)."""
    saved = {k: os.environ.get(k) for k in ("PLENARY_DATABASE_URL", "PLENARY_TODAY")}
    table: dict[str, dict[int, int]] = {}
    try:
        for page in harness.PAGES:
            table[page.name] = {
                scale: harness.Opened("page", url, page).statements()
                for scale, url in scaled_urls.items()
            }
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    yield table


def _table(counts: dict[str, dict[int, int]]) -> str:
    lines = ["page".ljust(14) + "".join(f"{f'{s}x':>8}" for s in SCALES)]
    for name, by_scale in counts.items():
        mark = "" if len(set(by_scale.values())) == 1 else "   <- grows"
        lines.append(name.ljust(14) + "".join(f"{by_scale[s]:>8}" for s in SCALES) + mark)
    return "\n".join(lines)


@pytest.mark.parametrize("page", [p.name for p in harness.PAGES])
def test_statement_count_does_not_grow_with_the_record(
    page: str, counts: dict[str, dict[int, int]], scaled_urls: dict[int, str]
) -> None:
    where = make_url(scaled_urls[1]).get_backend_name()
    assert counts[page][1] == counts[page][10], (
        f"{page}: {counts[page][1]} SQL statements per rerun at 1x, {counts[page][10]} at 10x "
        f"({where}).\nEvery page:\n{_table(counts)}"
    )
