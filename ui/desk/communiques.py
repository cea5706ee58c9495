"""Desk tab "Communiqués": record a meeting's communiqué and link a decision to the communiqué
that announced it. Its other language versions go through the "Language versions" tab."""

from __future__ import annotations

import streamlit as st

from governance.services import communiques, decisions
from governance.services import desk as choices
from ui.desk import Desk, choose, day_input, done, named, select, submitted
from ui.widgets import attempt


def tab(d: Desk) -> None:
    record_form(d)
    link_form(d)


def record_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    held = choices.meetings(engine=d.engine)
    titles = {m.code: m.title for m in held}
    with st.form("communique_form"):
        st.subheader(_("Record a communiqué"))
        meeting = select(
            _("Meeting"),
            list(titles),
            index=None,
            format_func=named(d, titles),
            key="communique_meeting",
            placeholder=_("Choose the meeting that issued it"),
            accept_new_options=True,
            help=_("The latest are listed; type a code to choose another."),
        )
        left, right = st.columns(2)
        with left:
            code = st.text_input(
                _("Code"), key="communique_code", placeholder="2004-gatineau-communique"
            )
        with right:
            issued_on = day_input(d, _("Issued on"), "communique_issued_on")
        title = st.text_input(_("Title"), key="communique_title")
        text = st.text_area(
            _("Text in English"),
            key="communique_text",
            height=200,
            help=_("Final and made available on the day it is issued."),
        )
        left, right = st.columns(2)
        with left:
            note = st.text_input(
                _("Note"), key="communique_note", help=_("What is approximate or inferred.")
            )
        with right:
            source = st.text_input(_("Source"), key="communique_source")
        if submitted(_("Record the communiqué"), "communique_submit"):
            if not meeting:
                st.error(_("Choose the meeting that issued the communiqué."))
                return
            chosen: str = meeting
            view = attempt(
                t,
                lambda: communiques.record_communique(
                    engine=d.engine,
                    actor=d.actor,
                    code=code,
                    meeting=chosen,
                    issued_on=issued_on,
                    title=title,
                    text=text,
                    note=note,
                    source=source,
                ),
            )
            if view:
                done(
                    _(
                        "Communiqué {code} of {meeting} recorded, issued on {date}.",
                        code=view.code,
                        meeting=view.meeting,
                        date=t.date(view.issued_on),
                    )
                )


def link_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("link_form"):
        st.subheader(_("Link a decision to the communiqué that announced it"))
        left, right = st.columns(2)
        with left:
            reference = choose(
                d,
                _("Decision"),
                "link_decision",
                choices.decisions(engine=d.engine, on=d.as_of),
                required=True,
                placeholder=_("Choose the decision"),
            )
        with right:
            communique = choose(
                d,
                _("Communiqué"),
                "link_communique",
                communiques.choices(engine=d.engine),
                required=True,
                placeholder=_("Choose the communiqué that announced it"),
            )
        if submitted(_("Link the decision"), "link_submit"):
            if not (reference and communique):
                st.error(_("Choose a decision and a communiqué."))
                return
            ref: str = reference
            code: str = communique
            linked = attempt(
                t,
                lambda: decisions.link_to_communique(
                    engine=d.engine, actor=d.actor, reference=ref, communique=code
                ),
            )
            if linked:
                done(
                    _(
                        "Decision {reference} linked to communiqué {code}.",
                        reference=linked.reference,
                        code=code,
                    )
                )
