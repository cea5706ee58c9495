"""A page chooser under a long list: the list's services take ``limit``/``offset`` and give a
total, the page shows one window of it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from governance.i18n import Translator

PAGE_SIZE = 20
"""Rows a paged list shows at a time (read when the page runs, so a test can shorten it)."""


def page_offset(
    t: Translator, key: str, total: int, size: int, on_change: Callable[[], None] | None = None
) -> int:
    """The offset of the page chosen in a page chooser for ``total`` rows ``size`` at a time
    (none shown when they fit on one page). A choice past the last page falls back to the first
    (the as-of date can shorten the list). ``on_change`` runs when another page is chosen."""
    pages = max(1, -(-total // size))
    if pages == 1:
        return 0
    state = st.session_state
    if not isinstance(state.get(key), int) or not 1 <= state[key] <= pages:
        state[key] = 1
    page = st.number_input(
        t.gettext("Page"),
        min_value=1,
        max_value=pages,
        step=1,
        key=key,
        on_change=on_change,
        help=t.gettext("{pages} pages of {size}", pages=t.number(pages), size=t.number(size)),
    )
    return (int(page) - 1) * size


def latest_window_caption(t: Translator, offset: int, shown: int, total: int) -> str:
    """ "Showing 181–200 of 200 · page 1 holds the latest" for a list shown in date order whose
    pages run back from the latest (``offset`` rows from the end)."""
    return t.gettext(
        "Showing {first}–{last} of {total} · page 1 holds the latest",
        first=t.number(total - offset - shown + 1),
        last=t.number(total - offset),
        total=t.number(total),
    )
