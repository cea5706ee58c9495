"""Small rendering helpers shared by pages: errors, labels, tables of plain results."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

import streamlit as st

from governance.i18n import Translator
from governance.rules.errors import PlenaryError
from governance.rules.permissions import Action, Actor, can

T = TypeVar("T")


@contextmanager
def shows_errors(t: Translator) -> Iterator[None]:
    """Show a named error from a service in the user's language (nothing was stored)."""
    try:
        yield
    except PlenaryError as error:
        st.error(t.error(error), icon=":material/warning:")


def attempt(t: Translator, action: Callable[[], T]) -> T | None:
    """Run one service call; on a named error show it and return None."""
    try:
        return action()
    except PlenaryError as error:
        st.error(t.error(error), icon=":material/warning:")
        return None


def day(t: Translator, value: date | None) -> str:
    return t.date(value, "medium") if value else "—"


def inert(text: str) -> str:
    """Text safe to hand to st.markdown: every Markdown/HTML control character escaped,
    paragraphs kept."""
    escaped = "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)
    return escaped.replace("\n", "  \n")


MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$&")


def keep(key: str, param: str, options: list[str], default: str) -> None:
    """Preset the widget ``key``: a link (``?param=``) wins, then the session, then ``default``."""
    state = st.session_state
    wanted = st.query_params.get(param)
    if wanted in options and wanted != state.get(key):
        state[key] = wanted
    elif state.get(key) not in options:
        state[key] = default


def require(t: Translator, actor: Actor, action: Action) -> None:
    """Refuse the page (and stop it) unless the signed-in account may take ``action``."""
    if not can(actor, action):
        st.error(
            t.gettext(
                "This page needs an account allowed to do this: {action}. Sign in first.",
                action=action.value,
            ),
            icon=":material/lock:",
        )
        st.stop()
