"""The exports at 1x and 10x demo-data (issue 12): median time of each export at 10x / at 1x,
the scales interleaved, with its SQL statements and output size at both scales. Prints a table.

    .venv/bin/python bench/exports.py [--reps 3] [--cache var/bench]

Exports read as of harness.AS_OF (inside the embedded record) answer the same at every scale, so
their ratio should stay near 1 and their statements equal; whole-record exports (Popolo, open
data, the calendar of every meeting and deadline) grow with what they write.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

from governance import db
from governance.services import (
    akn,
    documents,
    feeds,
    open_data,
    popolo,
    unga_report,
)

TRANSLATED = date(2026, 12, 1)  # the record's unofficial translations exist by then
Export = Callable[..., bytes]


def exports(on: date) -> dict[str, Export]:
    return {
        "Akoma Ntoso, every document on the date": lambda e: b"".join(
            f.content for f in akn.export_documents(engine=e, on=on)
        ),
        "Akoma Ntoso, one decision (ru)": lambda e: (
            akn.decision_document(
                engine=e, reference="2003-SUN-04", language="ru", on=TRANSLATED
            ).content
        ),
        "Atom feed (ru)": lambda e: feeds.atom(engine=e, language="ru", on=on),
        "annual report 2003 (md)": lambda e: unga_report.written(
            engine=e, year=2003, language="en", fmt="md", on=on
        ),
        "PDF of 2003-SUN-04 (ru)": lambda e: documents.text_pdf(
            engine=e, reference="2003-SUN-04", language="ru", on=TRANSLATED
        ),
        "Popolo (whole record)": lambda e: str(popolo.document(engine=e, on=on)).encode(),
        "calendar (fr, every meeting)": lambda e: feeds.ics(engine=e, language="fr", on=on),
        "open data CSV zip (whole record)": lambda e: open_data.export_zip(engine=e, format="csv"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("var/bench"))
    args = parser.parse_args()
    scales = (1, 10)
    engines = {
        s: db.get_engine(harness.cached_sqlite(s, harness.SEED, args.cache).url) for s in scales
    }
    print(f"{'export':40} {'10x/1x':>7} {'SQL 1x/10x':>11} {'bytes 1x/10x':>22}")
    for name, export in exports(harness.AS_OF).items():
        times: dict[int, list[float]] = {s: [] for s in scales}
        sizes: dict[int, int] = {}
        statements: dict[int, int] = {}
        for _ in range(args.reps):
            for s, engine in engines.items():
                with harness.counting(engine) as sent:
                    started = time.perf_counter()
                    sizes[s] = len(export(engine))
                    times[s].append(time.perf_counter() - started)
                statements[s] = len(sent)
        ratio = statistics.median(times[10]) / statistics.median(times[1])
        print(
            f"{name:40} {ratio:7.2f} {statements[1]:>5}/{statements[10]:<5} "
            f"{sizes[1]:>10}/{sizes[10]:<11}"
        )


if __name__ == "__main__":
    main()
