"""The server's clock: the one source of "today" for every write.

The as-of date a user picks is for *viewing*; a write takes its date from an explicit field or
from here. ``PLENARY_TODAY`` fixes the date (tests, demonstrations); the time of day stays real.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from governance.settings import get_settings


def now() -> datetime:
    """The current moment, UTC."""
    return datetime.now(UTC)


def today() -> date:
    """The server's date (UTC), unless the settings fix it."""
    return get_settings().today or now().date()
