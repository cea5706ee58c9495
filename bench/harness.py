"""What the scale bench (``bench/scale.py``) and the scale tests (``tests/scale/``) share: the
page list, the demo-data databases, the bench's accounts, opening a page through the real entry
point with AppTest, and counting SQL statements.

Every read is asked about :data:`AS_OF`, a date inside the embedded record and before the first
synthetic year, so the visible answer is the same at every scale: what grows from 1× to 100× is
only what a page should not be looking at.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import select

from governance import db, textnorm
from governance.models import User
from governance.rules.permissions import USER_ROLES, Actor, Role
from governance.services import accounts, demo_data, lookup, record
from governance.settings import PROJECT_ROOT, get_settings

ROOT = PROJECT_ROOT
ENTRY = str(ROOT / "streamlit_app.py")
AS_OF = date(2003, 12, 31)
"""The date every read asks about: the record's own year, before any synthetic one."""
SEED = 0
PASSWORD = "correct horse battery"

SECRETARIAT = Actor("bench-clerk", Role.SECRETARIAT)
ADMIN = Actor("bench-admin", Role.ADMIN)
DELEGATE = Actor("bench-delegate", Role.DELEGATE, participant="Canada")
ACTORS = (SECRETARIAT, ADMIN, DELEGATE)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    actor: Actor | None = None
    query: dict[str, str] = field(default_factory=dict)


PAGES: tuple[Page, ...] = (
    Page("overview", "pages/views/overview.py"),
    Page("decisions", "pages/views/decisions.py"),
    Page("communiques", "pages/views/communiques.py"),
    Page("chairs", "pages/views/chairs.py"),
    Page("participants", "pages/views/participants.py"),
    Page("meetings", "pages/views/meetings.py"),
    Page("instruments", "pages/views/instruments.py"),
    Page("rule26", "pages/views/rule26.py"),
    Page("secretariat", "pages/views/secretariat.py", SECRETARIAT),
    Page("history", "pages/views/history.py", SECRETARIAT),
    Page("replies", "pages/views/replies.py", DELEGATE),
    Page("accounts", "pages/views/accounts.py", ADMIN),
    # Content in the reader's language is read in the same statements (correlated subqueries).
    Page("overview-ru", "pages/views/overview.py", query={"lang": "ru"}),
    Page("decisions-ru", "pages/views/decisions.py", query={"lang": "ru"}),
    Page("meetings-pt", "pages/views/meetings.py", query={"lang": "pt"}),
)
"""Every page of the app: the public ones as an anonymous visitor, the others signed in; the
pages that show the record's content, also in Russian or Portuguese."""

CLI_READS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cli chair", ("chair",)),
    ("cli decisions", ("decisions",)),
    ("cli participants", ("participants",)),
    ("cli meetings", ("meetings",)),
)
"""The main CLI reads (``plenary --json --as-of AS_OF …``)."""

BARE = "import streamlit as st\n\nst.write('Plenary')\n"
"""A one-line page: what Streamlit itself costs per rerun."""


# --- databases -------------------------------------------------------------------------------


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(db.MIGRATIONS_DIR)).get_current_head()
    return head or "none"


def generator_digest() -> str:
    """Changes when the generator or the embedded record does (a cached database is stale)."""
    digest = hashlib.sha256()
    digest.update(Path(demo_data.__file__).read_bytes())
    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def ensure_accounts(engine: Engine, *actors: Actor) -> None:
    """Enabled accounts (password :data:`PASSWORD`) for the actors with a user role that have
    none yet, created by the system on the audit trail."""
    wanted = [a for a in actors if a.role in USER_ROLES]
    if not wanted:
        return
    hashed = accounts.HASHER.hash(PASSWORD)
    with db.audited(engine, "system", "bench_accounts") as session:
        for actor in wanted:
            key = textnorm.key(actor.username)
            if session.exec(select(User).where(User.username_key == key)).first() is not None:
                continue
            participant = lookup.entity(session, actor.participant) if actor.participant else None
            session.add(
                User(
                    username=actor.username,
                    role=actor.role.value,
                    participant_id=participant.id if participant else None,
                    password_hash=hashed,
                )
            )


def session_of(engine: Engine, actor: Actor) -> tuple[str, str, str | None, int | None]:
    """What the app keeps in ``st.session_state["actor"]`` for ``actor`` signed in."""
    ensure_accounts(engine, actor)
    with db.transaction(engine) as session:
        user = session.exec(
            select(User).where(User.username_key == textnorm.key(actor.username))
        ).one()
        version = user.credential_version
    return (actor.username, actor.role.value, actor.participant, version)


@dataclass(frozen=True)
class Built:
    url: str
    scale: int
    demo_seconds: float | None
    """How long ``demo_data.build`` took (when the database was built, kept beside it)."""
    summary: dict[str, Any] | None = None


def build_database(url: str, scale: int, seed: int = SEED) -> Built:
    """``plenary init`` + ``plenary demo-data --scale N --seed S`` + the bench's accounts into
    the empty database at ``url``."""
    engine = db.get_engine(url)
    record.init_database(engine, get_settings(url))
    seconds, summary = None, None
    if scale > 1:
        started = time.perf_counter()
        built = demo_data.build(engine, scale=scale, seed=seed)
        seconds = time.perf_counter() - started
        summary = {k: v for k, v in vars(built).items()}
        summary["seconds"] = round(seconds, 2)
    ensure_accounts(engine, *ACTORS)
    return Built(url, scale, seconds, summary)


def cached_sqlite(scale: int, seed: int, cache_dir: Path) -> Built:
    """A SQLite database at ``scale`` from ``cache_dir``, built there first if missing (keyed by
    scale, seed, Alembic head and the generator's digest)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    name = f"plenary-x{scale}-s{seed}-{alembic_head()}-{generator_digest()}.sqlite3"
    path = cache_dir / name
    sidecar = path.with_suffix(".json")
    if path.exists():
        known = json.loads(sidecar.read_text()) if sidecar.exists() else {}
        return Built(f"sqlite:///{path}", scale, known.get("demo_seconds"), known.get("summary"))
    partial = cache_dir / f"building-{os.getpid()}-{name}"
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    url = f"sqlite:///{partial}"
    built = build_database(url, scale, seed)
    engine = db.get_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose_engine(url)
    shutil.move(partial, path)
    sidecar.write_text(json.dumps({"demo_seconds": built.demo_seconds, "summary": built.summary}))
    for leftover in (Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    return Built(f"sqlite:///{path}", scale, built.demo_seconds, built.summary)


def pg_database(admin_url: str, name: str) -> str:
    """Create the PostgreSQL database ``name`` beside ``admin_url``'s; its URL."""
    admin = create_engine(db.normalize_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(db.normalize_url(admin_url)).set(database=name).render_as_string(False)


def pg_drop(admin_url: str, url: str) -> None:
    db.dispose_engine(url)
    admin = create_engine(db.normalize_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        database = make_url(url).database
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    admin.dispose()


# --- counting statements ---------------------------------------------------------------------


@contextlib.contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """Every SQL statement ``engine`` sends while the block runs (a ``before_cursor_execute``
    listener)."""
    statements: list[str] = []

    def listener(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


# --- pages through the entry point -----------------------------------------------------------


def clear_caches() -> None:
    """Forget every cached page answer (not the engine): the next rerun computes from the
    database, as the first visit after a write does."""
    import importlib
    import importlib.util

    import streamlit as st

    st.cache_data.clear()
    if importlib.util.find_spec("ui.page_cache") is not None:
        clear = getattr(importlib.import_module("ui.page_cache"), "clear", None)
        if callable(clear):
            clear()


def _use(url: str) -> None:
    os.environ["PLENARY_DATABASE_URL"] = url
    os.environ["PLENARY_TODAY"] = AS_OF.isoformat()


def _empty_page() -> None:
    """The page the entry point runs around when measuring the entry point alone."""


@contextlib.contextmanager
def empty_navigation() -> Iterator[None]:
    """The entry point runs as it is, but ``st.navigation`` is handed one empty page."""
    import streamlit as st

    original = st.navigation

    def navigation(_pages: Any, *args: Any, **kwargs: Any) -> Any:
        empty = st.Page(_empty_page, title="Empty", url_path="bench-empty", default=True)
        return original([empty], *args, **kwargs)

    name = "navigation"  # Final in streamlit's stubs: patched by name
    setattr(st, name, navigation)
    try:
        yield
    finally:
        setattr(st, name, original)


class Opened:
    """One AppTest session on one page of one database, rerun on demand."""

    def __init__(self, kind: str, url: str, page: Page | None = None, timeout: float = 600):
        from streamlit.testing.v1 import AppTest

        self.kind, self.url, self.page = kind, url, page
        _use(url)
        if kind == "bare":
            self.at = AppTest.from_string(BARE, default_timeout=timeout)
        else:
            self.at = AppTest.from_file(ENTRY, default_timeout=timeout)
            if page is not None and page.actor is not None:
                actor = session_of(db.get_engine(url), page.actor)
                self.at.session_state["actor"] = actor
            self.at.query_params["lang"] = "en"
            self.at.query_params["as_of"] = AS_OF.isoformat()
            for key, value in (page.query if page else {}).items():
                self.at.query_params[key] = value
        self._run()
        if page is not None:
            self.at.switch_page(page.path)
            self._run()

    def _run(self) -> None:
        _use(self.url)
        with empty_navigation() if self.kind == "entry" else contextlib.nullcontext():
            self.at.run()
        if self.at.exception:
            raise RuntimeError(f"{self.page or self.kind}: {self.at.exception}")

    def rerun(self, *, cold: bool = True) -> float:
        """Seconds one rerun takes (``cold``: page caches cleared first)."""
        if cold:
            clear_caches()
        started = time.perf_counter()
        self._run()
        return time.perf_counter() - started

    def statements(self, *, cold: bool = True) -> int:
        """SQL statements one rerun sends."""
        engine = db.get_engine(self.url)
        if cold:
            clear_caches()
        with counting(engine) as seen:
            self._run()
        return len(seen)


def cli_read(url: str, args: tuple[str, ...]) -> str:
    """``plenary --json --as-of AS_OF ARGS`` in this process; its output."""
    from governance.cli import main

    _use(url)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["--json", "--as-of", AS_OF.isoformat(), *args])
        except SystemExit as stop:
            if stop.code:
                raise RuntimeError(f"plenary {' '.join(args)} exited {stop.code}") from None
    return out.getvalue()


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def cli_statements(url: str, args: tuple[str, ...]) -> int:
    cli_read(url, args)  # the schema check and imports once, outside the count
    with counting(db.get_engine(url)) as seen:
        cli_read(url, args)
    return len(seen)


# --- a real server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(url: str, state: Path, **env: str) -> Iterator[tuple[str, int]]:
    """The app as ``make run`` serves it, on a free port of 127.0.0.1, on the database at
    ``url``: yields its address and the server's pid; its log is kept in ``state``."""
    state.mkdir(parents=True, exist_ok=True)
    port = free_port()
    environment = {**os.environ, "PLENARY_DATABASE_URL": url, "PLENARY_STATE_DIR": str(state)}
    environment.pop("PLENARY_TODAY", None)
    environment.update(env)
    log_path = state / f"streamlit-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "run", str(ROOT / "ui" / "app.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        address = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    with urllib.request.urlopen(f"{address}/_stcore/health", timeout=1) as answer:
                        if answer.read() == b"ok":
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                raise RuntimeError("streamlit did not start: " + log_path.read_text())
            yield address, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)
