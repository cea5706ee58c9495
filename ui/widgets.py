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
    """Run one service call; on a named error show it (and, in a desk form, highlight the field
    it names) and return None."""
    try:
        return action()
    except PlenaryError as error:
        st.error(t.error(error), icon=":material/warning:")
        highlight(error)
        return None


FIELD_ERROR_CSS = (
    ".st-key-{key} input, .st-key-{key} textarea, .st-key-{key} [data-baseweb='select'] > div"
    " {{ border: 2px solid #c62828 !important; background: #fff5f5 !important; }}"
)


def highlight(error: PlenaryError) -> str | None:
    """Outline the field of the form being submitted that ``error`` names (``field``
    parameter: a column such as ``title``, matched to the widget ``<prefix>title``); its key."""
    field, submitting = error.params.get("field"), st.session_state.get("_desk_submitting")
    if not isinstance(field, str) or not isinstance(submitting, str):
        return None
    key = submitting.removesuffix("submit") + field
    if key not in st.session_state:
        return None
    st.html("<style>" + FIELD_ERROR_CSS.format(key=key) + "</style>")
    return key


def inert(text: str) -> str:
    """Text safe to hand to st.markdown: every Markdown/HTML control character escaped,
    paragraphs kept."""
    escaped = "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)
    return escaped.replace("\n", "  \n")


MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$&")


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
