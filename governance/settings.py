"""One settings object, read from the environment."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from governance.rules.errors import SettingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_database_url() -> str:
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return f"sqlite:///{data_home / 'plenary' / 'plenary.sqlite3'}"


def default_state_dir() -> Path:
    """The server's own folder (beside the default database): the generated session secret."""
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data_home / "plenary"


@dataclass(frozen=True)
class Settings:
    database_url: str
    body: str = "kpcs"
    data_dir: Path = PROJECT_ROOT / "data"
    max_text: int = 200_000
    """Longest text (characters) a decision, communiqué or language version may hold."""
    sign_in_max_failures: int = 5
    sign_in_lockout_minutes: int = 15
    """After this many failed sign-ins in a row an account is locked for so many minutes."""
    write_wait_seconds: int = 15
    """How long a writer waits for the one before it, then "the database is busy"."""
    pool_size: int = 20
    """Database connections one process (one app server, one command) keeps open; as many again
    may open under load. Several servers on one PostgreSQL need 2 × pool_size × servers within
    its ``max_connections``."""
    pool_timeout_seconds: int = 5
    """How long a request waits for a free connection, then "the server is busy"."""
    earliest_date: date = date(1990, 1, 1)
    latest_date: date = date(2100, 12, 31)
    """The dates the record accepts and the app shows: every stored date, every as-of date."""
    today: date | None = None
    """Fixes "today" for every write that takes the server's date (tests, demonstrations);
    unset, the server's clock (UTC) decides."""
    secret_key: str | None = None
    """Signs the sign-in cookie (PLENARY_SECRET_KEY); unset: generated once into state_dir."""
    state_dir: Path = field(default_factory=default_state_dir)
    session_hours: int = 12
    """How long a password sign-in survives reloads and new tabs (the cookie's lifetime)."""

    @property
    def record_dir(self) -> Path:
        return self.data_dir / self.body


def _number(name: str, default: int, low: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if value < low:
        raise SettingError(name=name, value=raw, expected=f"a whole number of at least {low}")
    return value


def _day(name: str) -> date | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise SettingError(name=name, value=raw, expected="a date, YYYY-MM-DD") from None


ENVIRONMENT = (
    "PLENARY_DATABASE_URL",
    "PLENARY_BODY",
    "PLENARY_DATA_DIR",
    "PLENARY_MAX_TEXT",
    "PLENARY_SIGN_IN_MAX_FAILURES",
    "PLENARY_SIGN_IN_LOCKOUT_MINUTES",
    "PLENARY_POOL_SIZE",
    "PLENARY_POOL_TIMEOUT_SECONDS",
    "PLENARY_WRITE_WAIT_SECONDS",
    "PLENARY_TODAY",
    "PLENARY_SECRET_KEY",
    "PLENARY_STATE_DIR",
    "PLENARY_SESSION_HOURS",
    "XDG_DATA_HOME",
    "HOME",
)
"""Every variable the settings read: a change to any of them gives new settings."""


def get_settings(database_url: str | None = None) -> Settings:
    """The settings from the environment; a clear :class:`SettingError` for a malformed one.
    Built once per distinct environment (every flush asks for them)."""
    return _settings(database_url, tuple(os.environ.get(name) for name in ENVIRONMENT))


@functools.lru_cache(maxsize=64)
def _settings(database_url: str | None, _environment: tuple[str | None, ...]) -> Settings:
    return Settings(
        database_url=database_url
        or os.environ.get("PLENARY_DATABASE_URL")
        or default_database_url(),
        body=os.environ.get("PLENARY_BODY", "kpcs"),
        data_dir=Path(os.environ.get("PLENARY_DATA_DIR", PROJECT_ROOT / "data")),
        max_text=_number("PLENARY_MAX_TEXT", 200_000),
        sign_in_max_failures=_number("PLENARY_SIGN_IN_MAX_FAILURES", 5),
        sign_in_lockout_minutes=_number("PLENARY_SIGN_IN_LOCKOUT_MINUTES", 15),
        pool_size=_number("PLENARY_POOL_SIZE", 20),
        pool_timeout_seconds=_number("PLENARY_POOL_TIMEOUT_SECONDS", 5),
        write_wait_seconds=_number("PLENARY_WRITE_WAIT_SECONDS", 15),
        today=_day("PLENARY_TODAY"),
        secret_key=os.environ.get("PLENARY_SECRET_KEY") or None,
        state_dir=Path(os.environ.get("PLENARY_STATE_DIR", default_state_dir())),
        session_hours=_number("PLENARY_SESSION_HOURS", 12),
    )
