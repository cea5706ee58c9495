"""Values the database can store, checked the same way on SQLite and PostgreSQL before any
write reaches the database: text within its column's length and free of NUL characters,
whole numbers within the 32-bit range (PostgreSQL refuses more; SQLite would accept them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, event, inspect
from sqlalchemy.orm import Session as OrmSession

from governance.rules.errors import FieldTooLongError, InvalidCharacterError, NumberOutOfRangeError

INT_LOW, INT_HIGH = -(2**31), 2**31 - 1


def check_text(field: str, value: str, limit: int | None = None) -> str:
    if "\x00" in value:
        raise InvalidCharacterError(field=field)
    if limit is not None and len(value) > limit:
        raise FieldTooLongError(field=field, length=len(value), limit=limit)
    return value


@event.listens_for(OrmSession, "before_flush")
def _check_rows(session: OrmSession, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        mapper = inspect(obj).mapper
        for column in mapper.columns:
            value = getattr(obj, column.key, None)
            if isinstance(value, str):
                # SQLModel's AutoString wraps String; both expose the column's length.
                check_text(column.key, value, getattr(column.type, "length", None))
            elif (
                isinstance(value, int)
                and not isinstance(value, bool)
                and isinstance(column.type, Integer)
                and not INT_LOW <= value <= INT_HIGH
            ):
                raise NumberOutOfRangeError(field=column.key, low=INT_LOW, high=INT_HIGH)
