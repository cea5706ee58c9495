"""Values the database can store, checked the same way on SQLite and PostgreSQL before any
write reaches the database — one place, on every flush of every service:

- text is normalized (NFC, newline line ends) and keeps within its column's length, or, for
  free-text columns, within :data:`TEXT_LIMITS` (the one table of limits);
- no control characters (newline and tab only in free text, never in names, titles or codes);
- whole numbers within the 32-bit range (PostgreSQL refuses more; SQLite would accept them);
- dates within the range the record accepts (settings: ``earliest_date`` … ``latest_date``);
- every model's comparison keys (``KEYS``: ``name`` → ``name_key``) are set from
  :func:`textnorm.key`, so the database's unique index on the key refuses a name that differs
  only in case, width or invisible characters.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from sqlalchemy import Integer, event, inspect
from sqlalchemy.orm import Session as OrmSession

from governance import textnorm
from governance.rules.errors import (
    ControlCharacterError,
    DateOutOfRangeError,
    FieldTooLongError,
    InvalidCharacterError,
    NumberOutOfRangeError,
)
from governance.settings import Settings, get_settings

INT_LOW, INT_HIGH = -(2**31), 2**31 - 1

TEXT_LIMITS: dict[str, int] = {
    "note": 2_000,
    "description": 2_000,
    "blocked_reason": 1_000,
    "composition": 2_000,
    "finding": 10_000,
    "label": 300,
    "record_title": 500,
    "rule_text": 5_000,
    "paragraph": 5_000,
}
"""Longest value (characters) of each free-text column; any other free text (a decision's or
a language version's ``text``) is bounded by the ``max_text`` setting."""

UNCHECKED_TABLES = frozenset({"auditentry", "audithead", "signinthrottle", "decisionperiod"})
"""Written by the product itself, never from user input (``decisionperiod`` is derived from
audited rows, so the audit trail does not replay it either)."""


def check_text(field: str, value: str, limit: int | None = None, *, multiline: bool = True) -> str:
    """``value`` if it can be stored in ``field``, else a named error."""
    if "\x00" in value:
        raise InvalidCharacterError(field=field)
    for ch in value:
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\t"):
            raise ControlCharacterError(field=field, char=f"U+{ord(ch):04X}")
    if limit is not None and len(value) > limit:
        raise FieldTooLongError(field=field, length=len(value), limit=limit)
    return value


def check_date(field: str, value: date, settings: Settings | None = None) -> date:
    settings = settings or get_settings()
    if not settings.earliest_date <= value <= settings.latest_date:
        raise DateOutOfRangeError(
            field=field, value=value, low=settings.earliest_date, high=settings.latest_date
        )
    return value


def text_limit(field: str, column_length: int | None, max_text: int | None = None) -> int:
    """The longest value ``field`` accepts: its column's length, else the table above."""
    if column_length is not None:
        return column_length
    max_text = max_text or get_settings().max_text
    return min(TEXT_LIMITS.get(field, max_text), max_text)


@event.listens_for(OrmSession, "before_flush")
def _check_rows(session: OrmSession, _context: Any, _instances: Any) -> None:
    settings = get_settings()  # read once per flush, not per column
    for obj in (*session.new, *session.dirty):
        mapper = inspect(obj).mapper
        if mapper.local_table.name in UNCHECKED_TABLES:
            continue
        for column in mapper.columns:
            value = getattr(obj, column.key, None)
            if isinstance(value, str):
                cleaned = textnorm.clean(value)
                if cleaned != value:
                    setattr(obj, column.key, cleaned)
                # SQLModel's AutoString wraps String; both expose the column's length.
                length = getattr(column.type, "length", None)
                check_text(
                    column.key,
                    cleaned,
                    text_limit(column.key, length, settings.max_text),
                    multiline=length is None,
                )
            elif (
                isinstance(value, int)
                and not isinstance(value, bool)
                and isinstance(column.type, Integer)
                and not INT_LOW <= value <= INT_HIGH
            ):
                raise NumberOutOfRangeError(field=column.key, low=INT_LOW, high=INT_HIGH)
            elif isinstance(value, date):
                check_date(column.key, value, settings)
        for source, target in getattr(type(obj), "KEYS", {}).items():
            value = getattr(obj, source)
            setattr(obj, target, textnorm.key(value) if value is not None else None)
