"""A page's selection and filters in the URL (``st.query_params``), so that a copied link
reproduces the view.

:func:`preset` before the widget: a parameter the page did not write itself (a link just opened
or followed) gives the widget its initial value; an unknown value is ignored. :func:`record`
after the widget: its current value goes back to the URL (removed at the default). The session
remembers what the page last wrote, so a parameter left in the URL from an earlier choice never
wins over the user's new one.
"""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

WRITTEN = "_query_written_{key}"


def preset(
    key: str,
    param: str,
    options: Collection[str] | None,
    default: str | int | None,
    slot: str | None = None,
) -> None:
    """Give the widget ``key`` the link's ``?param=`` when the URL holds a value this page did
    not write (and ``options``, when given, contain it), else keep the session's, else
    ``default``. An integer ``default`` reads the parameter as a positive integer. ``slot``
    names what the page last wrote when the widget's key varies (a page number per filter)."""
    state = st.session_state
    wanted = st.query_params.get(param)
    value: str | int | None = wanted
    if isinstance(default, int) and wanted is not None:
        value = int(wanted) if wanted.isdigit() and int(wanted) >= 1 else None
    fresh = wanted is not None and wanted != state.get(WRITTEN.format(key=slot or key))
    if fresh and value is not None and (options is None or value in options):
        state[key] = value
    elif key not in state or (options is not None and state[key] not in options):
        state[key] = default


def linked(key: str, param: str) -> str | None:
    """The link's ``?param=`` when this page did not write it itself (a link just opened)."""
    wanted = st.query_params.get(param)
    return wanted if wanted and wanted != st.session_state.get(WRITTEN.format(key=key)) else None


def record(key: str, param: str, default: str | int | None, slot: str | None = None) -> None:
    """Write the widget's current value to ``?param=`` (remove it at the default)."""
    state, mark = st.session_state, WRITTEN.format(key=slot or key)
    value = state.get(key)
    if value is None or value == default or value == "":
        st.query_params.pop(param, None)
        state.pop(mark, None)
        return
    text = str(value)
    if st.query_params.get(param) != text:
        st.query_params[param] = text
    state[mark] = text
