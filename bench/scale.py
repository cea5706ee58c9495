"""The record at scale, measured: pages, CLI reads, concurrency, memory and start-up at 1x, 10x
and 100x demo-data (issue 9). Prints a table, writes JSON, exits 1 when a target is missed.

    .venv/bin/python bench/scale.py [--quick] [--out bench/results.json]    (make bench)

P1  median server-side rerun (AppTest through streamlit_app.py) of every page and the main CLI
    reads at 100x / at 1x                                                   target <= 1.5
P2  every page at 1x / the entry point around an empty page               target <= 2
    (and the entry point / a bare one-line page, reported)
P3  SQL statements of one rerun at 1x, 10x, 100x                           target: equal
P4  on a throwaway PostgreSQL (.ci/with-postgres), 50 concurrent sessions running Overview +
    Decisions + one decision's detail, 10% secretariat writes, at 10x: throughput at 50 / at 1
    (target >= 0.8), errors (0), writes lost (0), p95 latency
MEM peak RSS of one Streamlit server holding 10 browser sessions, 100x / 1x  target <= 2
CLI `plenary --json chair` cold start / `python -c 'import sqlalchemy'`     target <= 2
and how long `demo-data --scale 100` took (SQLite; PostgreSQL with --pg-scale 100).

Page reruns are timed "cold" (page caches cleared first: what the first visit after a write
pays; P1, P2 and P3 use these) and "warm" (caches as the app keeps them; reported). Every read
asks about harness.AS_OF, a date inside the embedded record, so the visible answer is the same
at every scale. The databases are kept in --cache (default var/bench) keyed by scale, seed,
Alembic head and the generator's digest; delete it to rebuild.
"""

from __future__ import annotations

import argparse
import inspect
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import harness  # bench/harness.py, beside this script (the scale tests import it too)

ROOT = harness.ROOT

BIN = Path(sys.executable).parent
TARGETS = {"P1": 1.5, "P2": 2.0, "P4": 0.8, "MEM": 2.0, "COLD": 2.0}
Row = dict[str, Any]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


# --- P1, P2, P3: pages and CLI reads in this process -----------------------------------------


def measure_pages(urls: dict[int, str], reps: int) -> dict[str, Any]:
    scales = sorted(urls)
    log = logging.getLogger("bench")
    opened: dict[tuple[str, int], harness.Opened] = {}
    for page in harness.PAGES:
        for scale in scales:
            log.info("opening %s at %sx", page.name, scale)
            opened[page.name, scale] = harness.Opened("page", urls[scale], page)
    entry = harness.Opened("entry", urls[1])
    bare = harness.Opened("bare", urls[1])

    counts: dict[str, dict[int, dict[str, int]]] = {}
    for page in harness.PAGES:
        counts[page.name] = {
            scale: {
                "cold": opened[page.name, scale].statements(cold=True),
                "warm": opened[page.name, scale].statements(cold=False),
            }
            for scale in scales
        }
    for name, args in harness.CLI_READS:
        counts[name] = {
            scale: {"cold": harness.cli_statements(urls[scale], args)} for scale in scales
        }
    counts["entry (empty page)"] = {1: {"cold": entry.statements(), "warm": entry.statements()}}

    cold: dict[tuple[str, int], list[float]] = {}
    warm: dict[tuple[str, int], list[float]] = {}
    for rep in range(reps):
        log.info("repetition %d of %d", rep + 1, reps)
        for name, at in (("entry (empty page)", entry), ("bare page", bare)):
            cold.setdefault((name, 1), []).append(at.rerun(cold=True))
            warm.setdefault((name, 1), []).append(at.rerun(cold=False))
        for page in harness.PAGES:
            for scale in scales:  # side by side: every scale in each repetition
                at = opened[page.name, scale]
                cold.setdefault((page.name, scale), []).append(at.rerun(cold=True))
                warm.setdefault((page.name, scale), []).append(at.rerun(cold=False))
        for name, args in harness.CLI_READS:
            for scale in scales:
                url = urls[scale]
                seconds = harness.timed(lambda u=url, a=args: harness.cli_read(u, a))  # type: ignore[misc]
                cold.setdefault((name, scale), []).append(seconds)
    return {
        "counts": counts,
        "cold": {k: median(v) for k, v in cold.items()},
        "warm": {k: median(v) for k, v in warm.items()},
    }


# --- cold start ------------------------------------------------------------------------------


def cold_start(url: str, reps: int) -> dict[str, float]:
    env = {**os.environ, "PLENARY_DATABASE_URL": url}
    cli = [str(BIN / "plenary"), "--json", "--as-of", harness.AS_OF.isoformat(), "chair"]
    bare = [sys.executable, "-c", "import sqlalchemy"]
    timings: dict[str, list[float]] = {"cli": [], "import": []}
    subprocess.run(cli, env=env, check=True, capture_output=True)  # warm the file cache
    for _ in range(reps):
        for name, command in (("cli", cli), ("import", bare)):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            timings[name].append(time.perf_counter() - started)
    cli_s, import_s = median(timings["cli"]), median(timings["import"])
    return {"cli_seconds": cli_s, "import_seconds": import_s, "ratio": cli_s / import_s}


# --- memory of one server holding 10 sessions ------------------------------------------------


def _status(pid: int, field: str) -> int:
    """A ``/proc/<pid>/status`` figure in bytes (VmHWM: peak resident set)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def memory(url: str, sessions: int, state: Path) -> dict[str, Any]:
    """Peak RSS of a server after ``sessions`` browser tabs opened Overview, Decisions and
    Participants (all tabs loading at once)."""
    from playwright.sync_api import sync_playwright

    settled = "[data-testid='stApp'][data-test-script-state='notRunning']"
    query = f"?lang=en&as_of={harness.AS_OF.isoformat()}"
    with harness.serve(url, state) as (address, pid), sync_playwright() as p:
        idle = _status(pid, "VmRSS")
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        tabs = [browser.new_context().new_page() for _ in range(sessions)]
        for path in ("", "decisions", "participants"):
            for tab in tabs:
                tab.goto(f"{address}/{path}{query}", wait_until="commit")
            for tab in tabs:  # the page's title drawn, then the script done
                tab.locator("[data-testid='stMain'] h1").first.wait_for(timeout=600_000)
                tab.wait_for_selector(settled, timeout=600_000)
        failed = sum(tab.locator("[data-testid='stException']").count() for tab in tabs)
        peak, now = _status(pid, "VmHWM"), _status(pid, "VmRSS")
        browser.close()
    return {"idle_rss": idle, "peak_rss": peak, "rss": now, "exceptions": failed}


# --- P4: concurrency on PostgreSQL (run under .ci/with-postgres) -----------------------------


def p4_worker(scale: int, sessions: int, seconds: float, out: Path) -> None:
    """Build ``scale`` on the throwaway PostgreSQL, then 1 session and ``sessions`` sessions
    for ``seconds`` each; JSON to ``out``."""
    from sqlalchemy import func, select
    from sqlmodel import Session, col

    from governance import clock, db
    from governance.models import Decision
    from governance.rules.errors import PlenaryError
    from governance.services import decisions, overview
    from governance.settings import get_settings

    os.environ.pop("PLENARY_TODAY", None)
    admin = os.environ["PLENARY_TEST_DATABASE_URL"]
    url = harness.pg_database(admin, f"plenary_bench_x{scale}")
    built = harness.build_database(url, scale)
    engine = db.get_engine(url)
    with Session(engine) as session:
        references = list(
            session.execute(
                select(col(Decision.reference))
                .where(col(Decision.adopted_on) <= harness.AS_OF)
                .order_by(col(Decision.reference))
            ).scalars()
        )
    paged = "limit" in inspect.signature(decisions.list_decisions).parameters
    stored: list[str] = []
    lock = threading.Lock()

    def visit(rng: random.Random, tag: str) -> None:
        if rng.random() < 0.1:
            reference = f"LOAD-{tag}"
            decisions.record_decision(
                engine=engine, actor=harness.SECRETARIAT, reference=reference,
                title="Load test", kind="other", procedure="plenary",
                adopted_on=clock.today(), text="Decided under load.",
            )  # fmt: skip
            with lock:
                stored.append(reference)
            return
        overview.overview(engine=engine, on=harness.AS_OF)
        extra: dict[str, Any] = {"limit": 50} if paged else {}
        decisions.list_decisions(engine=engine, on=harness.AS_OF, **extra)
        decisions.get_decision(engine=engine, reference=rng.choice(references), on=harness.AS_OF)

    def phase(threads: int) -> Row:
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        barrier = threading.Barrier(threads)

        def worker(n: int) -> None:
            rng = random.Random(n * 7919 + threads)
            barrier.wait()
            end = time.monotonic() + seconds
            i = 0
            while time.monotonic() < end:
                i += 1
                started = time.perf_counter()
                try:
                    visit(rng, f"{threads}-{n}-{i}")
                except PlenaryError as error:
                    errors[type(error).__name__] += 1
                except Exception as error:
                    errors[f"{type(error).__name__}: {str(error).splitlines()[0][:90]}"] += 1
                else:
                    with lock:
                        latencies.append(time.perf_counter() - started)

        pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
        started = time.perf_counter()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        elapsed = time.perf_counter() - started
        latencies.sort()
        return {
            "sessions": threads,
            "visits": len(latencies),
            "seconds": elapsed,
            "throughput": len(latencies) / elapsed,
            "p50": latencies[len(latencies) // 2] if latencies else None,
            "p95": latencies[int(len(latencies) * 0.95)] if latencies else None,
            "errors": dict(errors),
        }

    visit(random.Random(0), "warm")  # imports, pool, plans
    one = phase(1)
    many = phase(sessions)
    with Session(engine) as session:
        found = session.execute(
            select(func.count())
            .select_from(Decision)
            .where(col(Decision.reference).in_(stored) if stored else col(Decision.id) < 0)
        ).scalar_one()
    result = {
        "scale": scale,
        "pool_size": get_settings().pool_size,
        "demo_seconds": built.demo_seconds,
        "one": one,
        "many": many,
        "ratio": many["throughput"] / one["throughput"] if one["throughput"] else None,
        "writes": len(stored),
        "writes_lost": len(stored) - int(found),
    }
    harness.pg_drop(admin, url)
    out.write_text(json.dumps(result, indent=2))


def p4(scales: list[int], sessions: int, seconds: float) -> list[Row]:
    rows = []
    for scale in scales:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "p4.json"
            command = [
                str(ROOT / ".ci" / "with-postgres"), sys.executable, __file__, "--p4-worker",
                "--p4-scale", str(scale), "--sessions", str(sessions),
                "--seconds", str(seconds), "--out", str(out),
            ]  # fmt: skip
            done = subprocess.run(command, cwd=ROOT)
            if done.returncode != 0 or not out.exists():
                rows.append({"scale": scale, "failed": f"exit {done.returncode}"})
                continue
            rows.append(json.loads(out.read_text()))
    return rows


def pages_section(
    results: dict[str, Any], urls: dict[int, str], scales: list[int], reps: int
) -> list[str]:
    """P1, P2, P3 into ``results``; the targets missed."""
    top = scales[-1]
    missed: list[str] = []
    pages = measure_pages(urls, reps)
    entry_cold = pages["cold"][("entry (empty page)", 1)]
    entry_warm = pages["warm"][("entry (empty page)", 1)]
    bare_cold = pages["cold"][("bare page", 1)]
    rows: list[Row] = []
    names = [p.name for p in harness.PAGES] + [name for name, _ in harness.CLI_READS]
    for name in names:
        cold = {s: pages["cold"][(name, s)] for s in scales}
        warm = {s: pages["warm"].get((name, s)) for s in scales}
        count = {s: pages["counts"][name][s]["cold"] for s in scales}
        is_page = not name.startswith("cli ")
        row: Row = {
            "name": name,
            "cold_seconds": cold,
            "warm_seconds": warm,
            "statements": count,
            "statements_warm": {s: pages["counts"][name][s].get("warm") for s in scales},
            "P1": cold[top] / cold[1],
            "P2": cold[1] / entry_cold if is_page else None,
            "P2_warm": (warm[1] or 0) / entry_warm if is_page else None,
            "P3_equal": len(set(count.values())) == 1,
        }
        rows.append(row)
        if row["P1"] > TARGETS["P1"]:
            missed.append(f"P1 {name}: {row['P1']:.2f} > {TARGETS['P1']}")
        if is_page and row["P2"] > TARGETS["P2"]:
            missed.append(f"P2 {name}: {row['P2']:.2f} > {TARGETS['P2']}")
        if not row["P3_equal"]:
            missed.append(f"P3 {name}: statements {count}")
    results["pages"] = rows
    results["entry"] = {
        "cold_seconds": entry_cold,
        "warm_seconds": entry_warm,
        "bare_seconds": bare_cold,
        "entry_over_bare": entry_cold / bare_cold,
        "statements": pages["counts"]["entry (empty page)"][1],
    }
    return missed


# --- the run ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="1x and 10x, fewer repetitions")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--seed", type=int, default=harness.SEED)
    parser.add_argument("--reps", type=int, help="timed reruns per page and scale")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, help="length of each P4 phase")
    parser.add_argument("--pg-scale", type=int, action="append", help="P4 scales (default 10)")
    parts = ["pages", "p4", "mem", "cold"]
    parser.add_argument("--skip", action="append", default=[], choices=parts)
    parser.add_argument("--p4-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--p4-scale", type=int, default=10, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="bench: %(message)s")
    logging.getLogger("bench").setLevel(logging.INFO)
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest outside a server warns
    seconds = args.seconds or (8.0 if args.quick else 20.0)
    if args.p4_worker:
        p4_worker(args.p4_scale, args.sessions, seconds, args.out)
        return 0
    log = logging.getLogger("bench")
    scales = [1, 10] if args.quick else [1, 10, 100]
    reps = args.reps or (3 if args.quick else 5)
    os.environ.setdefault("PLENARY_STATE_DIR", str(args.cache / "state"))

    built = {}
    for scale in scales:
        log.info("database at %sx (cache %s)", scale, args.cache)
        built[scale] = harness.cached_sqlite(scale, args.seed, args.cache)
    urls = {scale: b.url for scale, b in built.items()}
    top = scales[-1]

    results: dict[str, Any] = {
        "machine": {"nproc": os.cpu_count(), "python": sys.version.split()[0]},
        "date": date.today().isoformat(),
        "scales": scales,
        "as_of": harness.AS_OF.isoformat(),
        "demo_data_seconds": {s: b.demo_seconds for s, b in built.items()},
        "demo_data": {s: b.summary for s, b in built.items()},
    }
    missed: list[str] = []

    if "pages" not in args.skip:
        missed += pages_section(results, urls, scales, reps)

    if "cold" not in args.skip:
        log.info("cold start")
        results["cold_start"] = cold_start(urls[1], 3 if args.quick else 7)
        if results["cold_start"]["ratio"] > TARGETS["COLD"]:
            missed.append(f"cold start: {results['cold_start']['ratio']:.2f} > {TARGETS['COLD']}")

    if "mem" not in args.skip:
        state = args.cache / "state"
        state.mkdir(parents=True, exist_ok=True)
        results["memory"] = {}
        for scale in (1, top):
            log.info("memory: one server, 10 sessions, %sx", scale)
            results["memory"][scale] = memory(urls[scale], 10, state)
        low, high = results["memory"][1]["peak_rss"], results["memory"][top]["peak_rss"]
        results["memory"]["ratio"] = high / low
        if high / low > TARGETS["MEM"]:
            missed.append(f"memory: {high / low:.2f} > {TARGETS['MEM']}")

    if "p4" not in args.skip:
        log.info("P4 on PostgreSQL")
        results["P4"] = p4(args.pg_scale or [10], args.sessions, seconds)
        for row in results["P4"]:
            if "failed" in row:
                missed.append(f"P4 {row['scale']}x: {row['failed']}")
                continue
            if (row["ratio"] or 0) < TARGETS["P4"]:
                missed.append(f"P4 {row['scale']}x throughput: {row['ratio']:.2f}")
            errors = sum(row["many"]["errors"].values()) + sum(row["one"]["errors"].values())
            if errors:
                missed.append(f"P4 {row['scale']}x errors: {errors}")
            if row["writes_lost"]:
                missed.append(f"P4 {row['scale']}x writes lost: {row['writes_lost']}")

    results["missed"] = missed
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(_keys(results), indent=2, default=str))
    print(report(results, scales))
    print(f"\nJSON: {args.out}")
    return 1 if missed else 0


def _keys(value: Any) -> Any:
    """JSON keys as strings (tuples joined)."""
    if isinstance(value, dict):
        return {
            ("@".join(map(str, k)) if isinstance(k, tuple) else str(k)): _keys(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return value


def report(results: dict[str, Any], scales: list[int]) -> str:
    top = scales[-1]
    head = (
        f"{'page / read':<18}"
        + "".join(f"{f'ms {s}x':>9}" for s in scales)
        + f"{f'P1 {top}/1':>9}{'P2':>7}{'warm ms':>9}"
        + "".join(f"{f'SQL {s}x':>9}" for s in scales)
    )
    lines = [head, "-" * len(head)]
    for row in results.get("pages", []):
        p2 = f"{row['P2']:.1f}" if row["P2"] is not None else "—"
        warm = row["warm_seconds"][1]
        lines.append(
            f"{row['name']:<18}"
            + "".join(f"{ms(row['cold_seconds'][s]):>9}" for s in scales)
            + f"{row['P1']:>9.2f}{p2:>7}{ms(warm) if warm is not None else '—':>9}"
            + "".join(f"{row['statements'][s]:>9}" for s in scales)
            + ("" if row["P3_equal"] else "  grows")
        )
    if entry := results.get("entry"):
        lines.append(
            f"\nentry point around an empty page: {ms(entry['cold_seconds'])} ms "
            f"({entry['statements']['cold']} statements), warm {ms(entry['warm_seconds'])} ms; "
            f"bare one-line page {ms(entry['bare_seconds'])} ms; "
            f"entry / bare = {entry['entry_over_bare']:.1f}"
        )
    if "cold_start" in results:
        c = results["cold_start"]
        lines.append(
            f"plenary --json chair cold start {ms(c['cli_seconds'])} ms, import sqlalchemy "
            f"{ms(c['import_seconds'])} ms: ratio {c['ratio']:.2f} (target <= {TARGETS['COLD']})"
        )
    if "memory" in results:
        m = results["memory"]
        lines.append(
            f"one server, 10 sessions: peak RSS {m[1]['peak_rss'] / 2**20:.0f} MiB at 1x, "
            f"{m[top]['peak_rss'] / 2**20:.0f} MiB at {top}x: ratio {m['ratio']:.2f} "
            f"(target <= {TARGETS['MEM']})"
        )
    for row in results.get("P4", []):
        if "failed" in row:
            lines.append(f"P4 {row['scale']}x: FAILED ({row['failed']})")
            continue
        one, many = row["one"], row["many"]
        lines.append(
            f"P4 PostgreSQL {row['scale']}x (pool {row['pool_size']}): "
            f"1 session {one['throughput']:.2f} visits/s, {many['sessions']} sessions "
            f"{many['throughput']:.2f} visits/s: ratio {row['ratio']:.2f}; p95 "
            f"{ms(many['p95'] or 0)} ms (1 session {ms(one['p95'] or 0)} ms); errors "
            f"{sum(many['errors'].values()) + sum(one['errors'].values())} {many['errors']}; "
            f"writes {row['writes']}, lost {row['writes_lost']}; demo-data on PostgreSQL "
            f"{row['demo_seconds'] or 0:.0f} s"
        )
    demo = results["demo_data_seconds"]
    lines.append(
        "demo-data build (SQLite): "
        + ", ".join(f"{s}x {demo[s]:.0f} s" for s in scales if demo.get(s) is not None)
    )
    lines.append(
        "\ntargets missed:\n  " + "\n  ".join(results["missed"])
        if results["missed"]
        else "\nevery target met"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
