"""Writers racing on every check-then-write rule, for a fixed time, then the stored record is
checked for what the rules forbid. Prints a table (and JSON with --json); exits 1 when any rule
was broken, an update lost, a near-duplicate stored, or a writer got anything but a named error.

    .ci/with-postgres .venv/bin/python bench/races.py --threads 30 --seconds 20
    (uses PLENARY_TEST_DATABASE_URL, else PLENARY_DATABASE_URL; creates a fresh database)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, col

from governance import db, textnorm
from governance.models import Decision, Entity, OfficeTerm, OpenPoint, ProcedureReply
from governance.rules.errors import PlenaryError
from governance.rules.permissions import SYSTEM, Actor, Role
from governance.services import (
    accounts,
    decisions,
    offices,
    participants,
    procedures,
    record,
)
from governance.settings import get_settings

CLERK = Actor("race-clerk", Role.SECRETARIAT)
STATES = [
    "Angola", "Botswana", "Canada", "India", "Israel", "Japan", "Namibia", "Poland",
    "Romania", "Sierra Leone", "Switzerland", "Thailand", "Togo", "Ukraine", "Vietnam",
]  # fmt: skip


@dataclass
class Tally:
    attempts: int = 0
    stored: int = 0
    named: Counter[str] = field(default_factory=Counter)
    unclear: Counter[str] = field(default_factory=Counter)


def hammer(threads: int, seconds: float, work: Callable[[random.Random], Any]) -> Tally:
    """``threads`` writers released together, each calling ``work`` until time is up."""
    tally, lock = Tally(), threading.Lock()
    barrier = threading.Barrier(threads)

    def writer(n: int) -> None:
        rng = random.Random(n)
        barrier.wait()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                work(rng)
            except PlenaryError as error:
                outcome, name = "named", type(error).__name__
                if "\n" in str(error):
                    outcome = "unclear"
            except Exception as error:  # what a user must never see
                outcome, name = "unclear", f"{type(error).__name__}: {str(error)[:80]}"
            else:
                outcome, name = "stored", ""
            with lock:
                tally.attempts += 1
                if outcome == "stored":
                    tally.stored += 1
                else:
                    getattr(tally, outcome)[name] += 1

    pool = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return tally


def count(engine: Engine, statement: Any) -> int:
    with Session(engine) as session:
        return int(session.execute(statement).scalar_one())


def overlapping_terms(engine: Engine) -> int:
    with Session(engine) as session:
        rows = session.execute(select(OfficeTerm)).scalars().all()
    clashes = 0
    for a in rows:
        for b in rows:
            if a.id < b.id and a.office == b.office:
                clashes += a.starts_on <= b.ends_on and b.starts_on <= a.ends_on
    return clashes


def near_duplicates(engine: Engine, column: Any) -> int:
    with Session(engine) as session:
        values = session.execute(select(column)).scalars().all()
    return len(values) - len({textnorm.key(v) for v in values})


def _decision(engine: Engine, reference: str, adopted: date, **extra: Any) -> None:
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference=reference,
        title=reference,
        kind="other",
        procedure=extra.pop("procedure", "plenary"),
        adopted_on=adopted,
        text="Decided.",
        **extra,
    )


def scenarios(
    engine: Engine,
) -> dict[str, tuple[Callable[[random.Random], Any], Callable[[], dict[str, int]]]]:
    """name → (one racing write, the checks afterwards: each figure must be 0)."""
    _decision(engine, "RACE-SEL", date(2004, 10, 29))
    points = 20
    for i in range(points):
        _decision(
            engine, f"RACE-AR-{i:02d}", date(2004, 5, 1), procedure="ad_referendum",
            open_points=[("point", "An open point.")],
        )  # fmt: skip
    for i in range(5):
        _decision(engine, f"RACE-BY-{i}", date(2004, 6, 1))
    procedures.circulate(
        engine=engine, actor=CLERK, reference="RACE-WP", title="Proposal", kind="other",
        text="Proposal.", circulated_on=date(2004, 7, 1), deadline=date(2004, 7, 31),
    )  # fmt: skip
    resolutions: Counter[str] = Counter()
    replies: Counter[str] = Counter()
    lock = threading.Lock()

    def vice_chair(rng: random.Random) -> None:
        offices.select_vice_chair(
            engine=engine, actor=CLERK, holder=rng.choice(STATES),
            year=rng.randint(2005, 2012), decision="RACE-SEL",
        )  # fmt: skip

    def open_point(rng: random.Random) -> None:
        reference = f"RACE-AR-{rng.randrange(points):02d}"
        decisions.resolve_open_point(
            engine=engine, actor=CLERK, reference=reference, key="point",
            resolved_on=date(2004, 6, 2), by_decision=f"RACE-BY-{rng.randrange(5)}",
        )  # fmt: skip
        with lock:
            resolutions[reference] += 1

    def reference(rng: random.Random) -> None:
        base = f"race-ref-{rng.randrange(40):02d}"
        spelled = "".join(c.upper() if rng.random() < 0.5 else c for c in base)
        _decision(engine, spelled + rng.choice(["", " ", "\u200b"]), date(2005, 3, 1))

    def name(rng: random.Random) -> None:
        base = f"atlantis {rng.randrange(40)}"
        spelled = "".join(c.upper() if rng.random() < 0.5 else c for c in base)
        participants.register_entity(
            engine=engine, actor=CLERK, name=spelled + rng.choice(["", "\u200b", "\u00ad"]),
            kind="state", status="applicant", on=date(2005, 1, 10), stage="intent_declared",
        )  # fmt: skip

    def reply(rng: random.Random) -> None:
        who = rng.choice(STATES)
        procedures.record_reply(
            engine=engine, actor=CLERK, reference="RACE-WP", participant=who,
            kind=rng.choice(["support", "objection"]), received_on=date(2004, 7, 10),
            note="note verbale",
        )  # fmt: skip
        with lock:
            replies[who] += 1

    return {
        "one Vice Chair per year": (
            vice_chair,
            lambda: {"overlapping terms": overlapping_terms(engine)},
        ),
        "one resolution per open point": (
            open_point,
            lambda: {
                "lost resolutions": sum(resolutions.values())
                - count(
                    engine,
                    select(func.count())
                    .select_from(OpenPoint)
                    .where(col(OpenPoint.resolved_on).is_not(None)),
                )
            },
        ),
        "unique references, any spelling": (
            reference,
            lambda: {"near-duplicate references": near_duplicates(engine, Decision.reference)},
        ),
        "unique names, any spelling": (
            name,
            lambda: {"near-duplicate names": near_duplicates(engine, Entity.name)},
        ),
        "one reply per Participant": (
            reply,
            lambda: {
                "lost or double replies": sum(replies.values())
                - count(engine, select(func.count()).select_from(ProcedureReply)),
                "Participants with two replies": sum(v > 1 for v in replies.values()),
            },
        ),
    }


def fresh_database(base_url: str) -> str:
    url = make_url(db.normalize_url(base_url))
    if url.get_backend_name() == "sqlite":
        path = f"/tmp/plenary-races-{uuid.uuid4().hex[:8]}.sqlite3"
        return f"sqlite:///{path}"
    name = f"plenary_races_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    base = os.environ.get("PLENARY_TEST_DATABASE_URL") or os.environ.get("PLENARY_DATABASE_URL")
    if not base:
        print("set PLENARY_TEST_DATABASE_URL or PLENARY_DATABASE_URL", file=sys.stderr)
        return 2
    url = fresh_database(base)
    os.environ["PLENARY_POOL_SIZE"] = str(args.threads)  # a connection for every writer
    engine = db.get_engine(url)
    record.init_database(engine, get_settings(url))
    # Every write re-checks its account: the racing clerk is a real one.
    admin = accounts.add_user(
        engine=engine, actor=SYSTEM, username="race-admin", role="admin", password=uuid.uuid4().hex
    )
    accounts.add_user(
        engine=engine,
        actor=admin,
        username=CLERK.username,
        role="secretariat",
        password=uuid.uuid4().hex,
    )
    report: list[dict[str, Any]] = []
    failed = False
    print(f"{engine.dialect.name}: {args.threads} writers x {args.seconds:g} s per rule")
    print(f"{'rule':34} {'attempts':>8} {'stored':>7} {'named errors':>12} {'unclear':>7}  checks")
    for title, (work, checks) in scenarios(engine).items():
        tally = hammer(args.threads, args.seconds, work)
        found = checks()
        bad = sum(found.values()) + sum(tally.unclear.values())
        failed = failed or bad > 0
        print(
            f"{title:34} {tally.attempts:8} {tally.stored:7} {sum(tally.named.values()):12} "
            f"{sum(tally.unclear.values()):7}  " + ", ".join(f"{k}: {v}" for k, v in found.items())
        )
        for what, n in tally.unclear.most_common(3):
            print(f"    unclear: {n} x {what}")
        report.append(
            {"rule": title, "attempts": tally.attempts, "stored": tally.stored,
             "named_errors": dict(tally.named), "unclear_errors": dict(tally.unclear), **found}
        )  # fmt: skip
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    print("FAILED: a rule was broken or an error was unclear" if failed else "all rules held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
