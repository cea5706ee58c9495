"""How long `audit verify` (chain + replay) takes, and how much memory it holds, on a trail of
N entries: the record, then audited writes (inserts, updates, deletes; some long texts).

    .venv/bin/python bench/audit_replay.py --entries 150000
    .ci/with-postgres .venv/bin/python bench/audit_replay.py --entries 150000
    (uses PLENARY_TEST_DATABASE_URL, else a SQLite file in /tmp; creates a fresh database)
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from datetime import date

from races import fresh_database
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from governance import db
from governance.models import AuditEntry, Obligation, VersionStep
from governance.services import audits, record
from governance.settings import get_settings

BATCH = 3000


def grow(engine: Engine, entries: int) -> None:
    """Add audited writes until the trail holds about ``entries`` entries."""
    n = 0
    while True:
        with db.transaction(engine) as session:
            have = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        if have >= entries:
            return
        with db.audited(engine, "bench", "bench") as session:
            rows: list[Obligation] = []
            for _ in range(min(BATCH, entries - have)):
                n += 1
                if n % 3 == 0:
                    session.add(
                        VersionStep(
                            version_id=1, state="final", taken_on=date(2004, 1, 1), text="x" * 2000
                        )
                    )
                    continue
                row = Obligation(
                    decision_id=1, title=f"Obligation {n}", kind="deadline", due_on=date(2004, 5, 1)
                )
                session.add(row)
                rows.append(row)
            session.flush()
            for row in rows[::4]:
                row.title += " (amended)"
            for row in rows[1::16]:
                session.delete(row)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=150_000)
    args = parser.parse_args()
    base = os.environ.get("PLENARY_TEST_DATABASE_URL") or "sqlite:////tmp/plenary-bench.sqlite3"
    url = fresh_database(base)
    engine = db.get_engine(url)
    record.init_database(engine, get_settings(url))
    started = time.perf_counter()
    grow(engine, args.entries)
    print(f"{engine.dialect.name}: trail grown in {time.perf_counter() - started:.1f} s")
    tracemalloc.start()
    started = time.perf_counter()
    verdict = audits.verify(engine=engine)
    took = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"clean: ok={verdict.ok} entries={verdict.entries} in {took:.1f} s, "
        f"peak Python memory {peak / 2**20:.0f} MiB, "
        f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    with engine.begin() as connection:
        connection.execute(update(Obligation).where(Obligation.id == 5).values(title="forged"))  # type: ignore[arg-type]
    started = time.perf_counter()
    verdict = audits.verify(engine=engine)
    print(f"tampered: ok={verdict.ok} {verdict.reason} in {time.perf_counter() - started:.1f} s")
    return 0 if not verdict.ok else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    sys.exit(main())
