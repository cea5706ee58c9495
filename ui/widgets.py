"""Small rendering helpers shared by pages: errors, labels, tables of plain results."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from governance.i18n import Translator
from governance.rules.errors import PlenaryError
from governance.rules.permissions import Action, Actor, can

T = TypeVar("T")


def attempt(t: Translator, action: Callable[[], T]) -> T | None:
    """Run one service call; on a named error show it and return None."""
    try:
        return action()
    except PlenaryError as error:
        st.error(t.error(error), icon=":material/warning:")
        return None


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
