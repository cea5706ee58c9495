"""Public page data shared by every session of a server until the record changes.

A service's answer is cached under what it was asked (its arguments: the as-of date, filters,
page) and the record's version: the audit trail's head, which every write moves forward in the
same transaction. So a write shows at once on every session, and a database replaced by a restore
(another chain) never meets the answers of the one before. Only the public reads go through
here: what a signed-in role sees is not shared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.engine import Engine

from governance.services import audits

T = TypeVar("T")

ENTRIES = 512
"""Answers kept per server (the oldest go first): bounded whatever the record's size."""


def read(service: Callable[..., T], /, *, engine: Engine, **asked: Any) -> T:
    """``service(engine=engine, **asked)``, from the cache when the record has not changed."""
    head = audits.head(engine=engine)
    name = f"{service.__module__}.{service.__qualname__}"
    where = engine.url.render_as_string(hide_password=True)
    key = repr(sorted(asked.items()))
    return _answer(name, where, head.seq, head.hash, key, service, engine, asked)  # type: ignore[no-any-return]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def _answer(
    name: str,
    where: str,
    seq: int,
    head: str,
    key: str,
    _service: Callable[..., Any],
    _engine: Engine,
    _asked: dict[str, Any],
) -> Any:
    """Keyed on the first five arguments (Streamlit does not hash those starting with "_")."""
    return _service(engine=_engine, **_asked)


def clear() -> None:
    """Forget every cached answer (a cold start, for measurements)."""
    _answer.clear()
