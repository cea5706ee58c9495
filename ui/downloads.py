"""Download buttons of the exports a page offers: the file is built by one service call, only
when the button is clicked (``st.download_button`` with a callable), never on a plain rerun."""

from __future__ import annotations

import functools
from datetime import date
from typing import Literal

import streamlit as st
from sqlalchemy.engine import Engine

from governance.i18n import Translator
from governance.services import akn, documents, feeds
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


def text_pdf(t: Translator, engine: Engine, reference: str, language: str, on: date) -> None:
    """ "Download PDF" of a decision or communiqué in ``language`` as it stood on ``on`` (the
    caller shows it only when that language has a version)."""
    st.download_button(
        t.gettext("Download PDF"),
        data=lambda: documents.text_pdf(
            engine=engine, reference=reference, language=language, on=on
        ),
        file_name=documents.file_name(reference, language),
        mime=documents.PDF_MIME,
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key=f"pdf_{reference}_{language}",
    )


def akn_document(
    ctx: Ctx, kind: Literal["decision", "communique"], number: str, language: str
) -> None:
    """The Akoma Ntoso document of a decision or communiqué in ``language`` as it stood on the
    date viewed (the caller shows it only when that language has a version)."""

    def build() -> bytes:
        if kind == "decision":
            made = akn.decision_document(
                engine=ctx.engine, reference=number, language=language, on=ctx.as_of
            )
        else:
            made = akn.communique_document(
                engine=ctx.engine, code=number, language=language, on=ctx.as_of
            )
        return made.content

    st.download_button(
        ctx._("Download as Akoma Ntoso (XML)"),
        data=build,
        file_name=akn.download_name(kind, number, language),
        mime=akn.MEDIA_TYPE,
        key=f"{kind}s_akn",
        on_click="ignore",
        icon=":material/download:",
    )
