"""Download buttons of the exports a page offers: the file is built by one service call, only
when the button is clicked (``st.download_button`` with a callable), never on a plain rerun."""

from __future__ import annotations

import functools

import streamlit as st

from governance.services import feeds
from ui.context import Ctx


def calendar(ctx: Ctx, *, key: str) -> None:
    """The calendar (iCalendar) of meetings, written-procedure deadlines and obligations, in the
    reader's language."""
    st.download_button(
        ctx._("Calendar (iCalendar)"),
        data=functools.partial(feeds.ics, engine=ctx.engine, language=ctx.language, on=ctx.as_of),
        file_name=f"plenary-calendar-{ctx.language}.ics",
        mime="text/calendar",
        on_click="ignore",
        icon=":material/calendar_month:",
        help=ctx._(
            "Meetings, written-procedure deadlines and obligations, for a calendar application."
        ),
        key=key,
    )


def atom(ctx: Ctx, *, key: str) -> None:
    """The Atom feed of decisions and changes of status as of the date viewed."""
    st.download_button(
        ctx._("Feed of decisions and changes of status (Atom)"),
        data=functools.partial(feeds.atom, engine=ctx.engine, language=ctx.language, on=ctx.as_of),
        file_name=f"plenary-feed-{ctx.language}-{ctx.as_of.isoformat()}.atom",
        mime="application/atom+xml",
        on_click="ignore",
        icon=":material/rss_feed:",
        help=ctx._("Decisions and changes of status of Participants, applicants and Observers."),
        key=key,
    )
