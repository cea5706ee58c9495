"""The Secretariat desk's tabs (pages/views/secretariat.py) and the helpers their forms share.

Every form gathers input and calls one service; select boxes offer what
:mod:`governance.services.desk` selects for them in SQL — the newest few, the others typed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import streamlit as st
from sqlalchemy.engine import Engine

from governance.i18n import Translator
from governance.rules.permissions import Actor
from governance.services.desk import Choice

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
) -> str | None:
    """A select box of ``choices`` (code — title); with ``typed``, any other code may be typed
    in (the service says if there is no such thing): the box lists the newest few only."""
    names = {c.code: c.title for c in choices}
    options: list[str] = list(names) if required else [NONE, *names]
    if typed:
        value = st.selectbox(
            label,
            options,
            format_func=named(d, names),
            key=key,
            accept_new_options=True,
            help=d._("The latest are listed; type a reference to choose another."),
        )
    else:
        value = st.selectbox(label, options, format_func=named(d, names), key=key)
    return optional(value)


def parse_open_points(lines: str) -> list[tuple[str, str]]:
    """'key: description' lines → (key, description) pairs (blank lines skipped)."""
    points = []
    for line in lines.splitlines():
        if line.strip():
            key, _sep, description = line.partition(":")
            points.append((key.strip(), description.strip()))
    return points


def submitted(label: str, key: str) -> bool:
    return st.form_submit_button(label, key=key, type="primary")


def done(message: str) -> None:
    st.success(message, icon=":material/check_circle:")
