"""No N+1 on the Rule 26 page: one cold rerun sends as many SQL statements at demo-data scale
1 as at scale 3, on the record's own date and on a date the synthetic years have filled."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest

from bench import harness
from governance import db
from governance.services import rule26

pytestmark = pytest.mark.db
PAGE = "pages/views/rule26.py"


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, str]]:
    if os.environ.get("PLENARY_TEST_DATABASE_URL"):
        pytest.skip("SQLite scale databases only (tests/scale/test_statement_counts.py covers PG)")
    urls = {}
    for scale in (1, 3):
        url = f"sqlite:///{tmp_path_factory.mktemp(f'rule26_{scale}') / 'plenary.sqlite3'}"
        harness.build_database(url, scale)
        urls[scale] = url
    saved = {k: os.environ.get(k) for k in ("PLENARY_DATABASE_URL", "PLENARY_TODAY")}
    yield urls
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    for url in urls.values():
        db.dispose_engine(url)


@pytest.mark.parametrize("as_of", ["2003-12-31", "2026-11-30"])
def test_the_rule26_page_sends_as_many_statements_whatever_the_record_s_size(
    scaled: dict[int, str], as_of: str
) -> None:
    page = harness.Page("rule26", PAGE, query={"as_of": as_of})
    counts = {
        scale: harness.Opened("page", url, page).statements() for scale, url in scaled.items()
    }
    assert counts[1] == counts[3], counts


def test_the_larger_record_has_more_decisions_awaiting_formal_adoption(
    scaled: dict[int, str],
) -> None:
    totals = {
        scale: rule26.board(engine=db.get_engine(url), on=date(2026, 11, 30), limit=1).total
        for scale, url in scaled.items()
    }
    assert totals[3] > totals[1] > 0, totals
