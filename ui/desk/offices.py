"""Desk tab "Offices": select a Vice Chair, record a departure from the rotation."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.services import offices
from ui.desk import FIRST_DAY, LAST_DAY, Desk, choose, coded, day_input, default, done, submitted
from ui.widgets import attempt


def holders(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    now = offices.holders_on(engine=d.engine, on=d.as_of)
    for label, term in ((_("Chair"), now.chair), (_("Vice Chair"), now.vice_chair)):
        if term:
            st.caption(
                _(
                    "{office} on {date}: {holder}",
                    office=label,
                    date=t.date(d.as_of),
                    holder=term.holder,
                )
                + (" · " + _("projected") if term.projected else "")
            )


def vice_chair_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("vc_form"):
        st.subheader(_("Select a Vice Chair"))
        holder = st.selectbox(_("Participant"), d.participants, key="vc_holder")
        default("vc_year", d.today.year + 1)
        year = st.number_input(
            _("Year"), min_value=FIRST_DAY.year, max_value=LAST_DAY.year, step=1, key="vc_year"
        )
        decision_ref = choose(d, _("Decision"), "vc_decision", d.known, required=True)
        note = st.text_input(_("Note"), key="vc_note")
        if submitted(_("Record the selection"), "vc_submit"):
            term = attempt(
                t,
                lambda: offices.select_vice_chair(
                    engine=d.engine,
                    actor=d.actor,
                    holder=holder or "",
                    year=int(year),
                    decision=decision_ref or "",
                    note=note,
                ),
            )
            if term:
                done(
                    _(
                        "{holder} selected Vice Chair for {dates} ({decision}).",
                        holder=term.holder,
                        dates=t.date_range(term.starts_on, term.ends_on),
                        decision=term.decision,
                    )
                )


def departure_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("term_form"):
        st.subheader(_("Record a departure from the rotation"))
        st.caption(
            _(
                "A term extended or a succession postponed: it needs the decision that "
                "authorizes it."
            )
        )
        office = st.selectbox(
            _("Office"),
            list(labels.OFFICE),
            format_func=coded(d, labels.OFFICE),
            key="term_office",
        )
        holder = st.selectbox(_("Holder"), d.participants, key="term_holder")
        left, right = st.columns(2)
        with left:
            term_start = day_input(d, _("Starts on"), "term_starts_on")
        with right:
            term_end = day_input(d, _("Ends on"), "term_ends_on")
        decision_ref = choose(d, _("Authorizing decision"), "term_decision", d.known, required=True)
        note = st.text_input(_("Note"), key="term_note")
        if submitted(_("Record the term"), "term_submit"):
            term = attempt(
                t,
                lambda: offices.record_term(
                    engine=d.engine,
                    actor=d.actor,
                    office=office,
                    holder=holder or "",
                    starts_on=term_start,
                    ends_on=term_end,
                    decision=decision_ref,
                    departure=True,
                    note=note,
                ),
            )
            if term:
                done(
                    _(
                        "{office}: {holder}, {dates}, recorded as a departure authorized by "
                        "{decision}.",
                        office=t.label(labels.OFFICE, term.office),
                        holder=term.holder,
                        dates=t.date_range(term.starts_on, term.ends_on),
                        decision=term.decision,
                    )
                )


def tab(d: Desk) -> None:
    holders(d)
    vice_chair_form(d)
    departure_form(d)
