"""The Secretariat desk's tabs (pages/views/secretariat.py) and the helpers their forms share.

Every form gathers input and calls one service; select boxes offer what
:mod:`governance.services.desk` selects for them in SQL — the newest few, the others typed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from governance.i18n import Translator
from governance.rules.permissions import Actor
from governance.services.views import Choice

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
NONE = ""  # the "no choice" option of optional selectboxes


@dataclass(frozen=True)
class Desk:
    """What every tab needs: the session's translator, engine, as-of date and actor, today on
    the server's clock, and the choices several tabs share (read once per rerun)."""

    t: Translator
    engine: Engine
    as_of: date
    actor: Actor
    today: date
    known: Sequence[Choice]
    """The newest decisions known on the as-of date (to cite as the one that decides)."""
    participants: Sequence[str]
    """Participants on the as-of date."""
    groups: Sequence[Choice]
    """Working groups established by the as-of date."""

    def _(self, message: str, **params: object) -> str:
        return self.t.gettext(message, **params)


def default(key: str, value: object) -> None:
    """Give the widget ``key`` its default value once (it then keeps what the user chose)."""
    if key not in st.session_state:
        st.session_state[key] = value


def day_input(d: Desk, label: str, key: str, value: date | None = None) -> date:
    """A date field (ISO format) defaulting to today on the server's clock: a write's date is
    what the form says, never the as-of date the desk is viewed at."""
    default(key, value or d.today)
    chosen = st.date_input(
        label, min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD", key=key
    )
    assert isinstance(chosen, date)
    return chosen


_CHOICES = "_desk_choice_defaults"
"""Select box key → the value that empties it (its default), recorded by :func:`select`."""


def select(
    label: str, options: Sequence[Any], *, key: str, where: Any = None, **kwargs: Any
) -> Any:
    """``st.selectbox`` (in the container ``where``, default the current one) that remembers
    what empties it, for :func:`done` to start afresh."""
    index = kwargs.get("index", 0)
    empty = None if index is None or not options else list(options)[index]
    st.session_state.setdefault(_CHOICES, {})[key] = empty
    return (where or st).selectbox(label, options, key=key, **kwargs)


def coded(d: Desk, mapping: dict[str, str]) -> Callable[[str], str]:
    """format_func showing a code's translated label (and "none" for the empty choice)."""
    return lambda code: d._("— none —") if code == NONE else d.t.label(mapping, code)


def named(d: Desk, names: dict[str, str]) -> Callable[[str], str]:
    """format_func showing ``code — title`` (and "none" for the empty choice); a code typed in
    (not among the choices) is shown as typed."""

    def shown(code: str) -> str:
        if code == NONE:
            return d._("— none —")
        return f"{code} — {names[code]}" if code in names else code

    return shown


def optional(value: str | None) -> str | None:
    return value.strip() or None if value else None


def choose(
    d: Desk,
    label: str,
    key: str,
    choices: Sequence[Choice],
    *,
    required: bool,
    typed: bool = True,
    placeholder: str | None = None,
    help: str | None = None,
) -> str | None:
    """A select box of ``choices`` (code — title); with ``typed``, any other code may be typed
    in (the service says if there is no such thing): the box lists the newest few only. With a
    ``placeholder`` a required box starts empty: a wrong default would record a wrong fact."""
    names = {c.code: c.title for c in choices}
    options: list[str] = list(names) if required else [NONE, *names]
    extra: dict[str, object] = {}
    if placeholder is not None:
        extra.update(index=None, placeholder=placeholder)
    if typed:
        extra.update(
            accept_new_options=True,
            help=help or d._("The latest are listed; type a reference to choose another."),
        )
    elif help is not None:
        extra["help"] = help
    value = select(label, options, format_func=named(d, names), key=key, **extra)
    return optional(value)


def parse_open_points(lines: str) -> list[tuple[str, str]]:
    """'key: description' lines → (key, description) pairs (blank lines skipped)."""
    points = []
    for line in lines.splitlines():
        if line.strip():
            key, _sep, description = line.partition(":")
            points.append((key.strip(), description.strip()))
    return points


SUBMITTING = "_desk_submitting"
"""The submit key of the form being handled in this rerun (``<prefix>submit``)."""
_FLASH = "_desk_flash"
"""``(submit key, message)`` of the last save, shown on the rerun that :func:`done` starts."""
_KEPT_SUFFIXES = ("_page", "_search")
"""Widgets beside a form that share its prefix but are not its fields (paging, a search)."""


def submitted(label: str, key: str) -> bool:
    """The form's submit button. The form's fields are the widgets whose keys start with the
    same prefix (``meeting_submit`` → ``meeting_…``): :func:`done` clears them after a
    successful save and shows its message here on the next rerun; an error naming a field
    highlights that field (``ui.widgets.attempt``)."""
    flash = st.session_state.get(_FLASH)
    if flash and flash[0] == key:
        del st.session_state[_FLASH]
        st.success(flash[1], icon=":material/check_circle:")
    pressed = st.form_submit_button(label, key=key, type="primary")
    if pressed:
        st.session_state[SUBMITTING] = key
    elif st.session_state.get(SUBMITTING) == key:
        del st.session_state[SUBMITTING]
    return pressed


def form_fields(submit_key: str) -> list[str]:
    """The session-state keys of the fields of the form whose submit key is ``submit_key``."""
    prefix = submit_key.removesuffix("submit")
    return [
        k
        for k in st.session_state
        if isinstance(k, str)
        and k.startswith(prefix)
        and k != submit_key
        and not k.endswith(_KEPT_SUFFIXES)
    ]


def done(message: str, *, keep: Sequence[str] = ()) -> None:
    """Say what was saved and start the form afresh: its fields are emptied (dates back to
    today) but for those in ``keep`` (what the form is about, e.g. the version being stepped),
    and the message is shown under it after the rerun."""
    key = st.session_state.pop(SUBMITTING, None)
    if key is None:
        st.success(message, icon=":material/check_circle:")
        return
    st.session_state[_CLEAR] = [f for f in form_fields(key) if f not in keep]
    st.session_state[_FLASH] = (key, message)
    st.rerun()


_CLEAR = "_desk_clear"
"""The fields :func:`done` asked to empty, emptied by :func:`start_afresh` on the rerun (a
widget's value cannot be set once the widget is drawn)."""


def start_afresh() -> None:
    """Empty the fields of the form saved in the previous rerun; call before any desk widget."""
    for field in st.session_state.pop(_CLEAR, []):
        if field in st.session_state:
            _empty(field)


def _empty(field: str) -> None:
    """Empty one widget. The browser keeps what it shows unless the session state *sets* a new
    value, so texts, choices and ticks are set (an empty text, the box's default choice, no
    tick); dates and numbers are dropped for :func:`default` to set them again."""
    value = st.session_state[field]
    choices: dict[str, Any] = st.session_state.get(_CHOICES, {})
    if field in choices:
        st.session_state[field] = choices[field]
    elif isinstance(value, bool):
        st.session_state[field] = False
    elif isinstance(value, str):
        st.session_state[field] = ""
    elif value is not None:
        del st.session_state[field]


def leftover_flash() -> None:
    """Show the last save's message if its form was not drawn again (nothing is left for it
    to do, e.g. the last open point resolved): called once the desk's tabs are drawn."""
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash[1], icon=":material/check_circle:")
