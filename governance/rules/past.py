"""What the record states as having happened cannot be dated after today."""

from __future__ import annotations

from datetime import date

from governance.rules.errors import FutureDateError


def check_past(field: str, value: date, *, today: date) -> date:
    """``value`` if it is not after ``today`` (a reply received, a version made available)."""
    if value > today:
        raise FutureDateError(field=field, value=value, today=today)
    return value
