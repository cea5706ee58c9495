"""Desk tab "Offices": select a Vice Chair, confirm a term that follows the rule, record a term
(a departure from the rotation when the user says so)."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.services import offices
from governance.services.views import Choice
from ui.desk import (
    FIRST_DAY,
    LAST_DAY,
    Desk,
    choose,
    coded,
    day_input,
    default,
    done,
    select,
    submitted,
)
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
                + (" · " + _("in office (by the rule)") if term.by_rule else "")
            )


def decision_box(d: Desk, label: str, key: str, choices: list[Choice]) -> str | None:
    """A select box of the decisions that can select or authorize a term, with no default."""
    return choose(
        d,
        label,
        key,
        choices,
        required=True,
        typed=False,
        placeholder=d._("Choose a decision"),
        help=d._(
            "Only an office selection, an administrative decision or a decision on the Rules "
            "of Procedure, adopted (by written procedure: its outcome adopted), is listed."
        ),
    )


def vice_chair_form(d: Desk, eligible: list[Choice]) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("vc_form"):
        st.subheader(_("Select a Vice Chair"))
        holder = select(_("Participant"), d.participants, index=None, key="vc_holder")
        default("vc_year", d.today.year + 1)
        year = st.number_input(
            _("Year"), min_value=FIRST_DAY.year, max_value=LAST_DAY.year, step=1, key="vc_year"
        )
        decision_ref = decision_box(d, _("Decision"), "vc_decision", eligible)
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


def confirm_form(d: Desk, eligible: list[Choice]) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("office_confirm_form"):
        st.subheader(_("Confirm a term"))
        st.caption(
            _(
                "The term the rotation rule gives for a year (the Chair: last year's Vice "
                "Chair), recorded as confirmed."
            )
        )
        office = select(
            _("Office"),
            list(labels.OFFICE),
            format_func=coded(d, labels.OFFICE),
            key="oc_office",
        )
        default("oc_year", d.today.year)
        year = st.number_input(
            _("Year"),
            min_value=FIRST_DAY.year,
            max_value=LAST_DAY.year,
            step=1,
            key="oc_year",
        )
        decision_ref = decision_box(d, _("Confirming decision (optional)"), "oc_decision", eligible)
        note = st.text_input(_("Note"), key="oc_note")
        source = st.text_input(_("Source"), key="oc_source")
        if submitted(_("Confirm the term"), "oc_submit"):
            term = attempt(
                t,
                lambda: offices.confirm_term(
                    engine=d.engine,
                    actor=d.actor,
                    office=office,
                    year=int(year),
                    decision=decision_ref,
                    note=note,
                    source=source,
                ),
            )
            if term:
                done(
                    _(
                        "{office}: {holder}, {dates}, confirmed.",
                        office=t.label(labels.OFFICE, term.office),
                        holder=term.holder,
                        dates=t.date_range(term.starts_on, term.ends_on),
                    )
                )


def departure_form(d: Desk, eligible: list[Choice]) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("term_form"):
        st.subheader(_("Record a term"))
        st.caption(
            _(
                "A term extended or a succession postponed departs from the rotation: it needs "
                "the decision that authorizes it."
            )
        )
        office = select(
            _("Office"),
            list(labels.OFFICE),
            format_func=coded(d, labels.OFFICE),
            key="term_office",
        )
        holder = select(_("Holder"), d.participants, index=None, key="term_holder")
        left, right = st.columns(2)
        with left:
            term_start = day_input(d, _("Starts on"), "term_starts_on")
        with right:
            term_end = day_input(d, _("Ends on"), "term_ends_on")
        departure = st.checkbox(
            _("This term departs from the rotation rule"), value=False, key="term_departure"
        )
        decision_ref = decision_box(d, _("Authorizing decision"), "term_decision", eligible)
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
                    departure=departure,
                    note=note,
                ),
            )
            if term and term.departure:
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
            elif term:
                done(
                    _(
                        "{office}: {holder}, {dates}, recorded.",
                        office=t.label(labels.OFFICE, term.office),
                        holder=term.holder,
                        dates=t.date_range(term.starts_on, term.ends_on),
                    )
                )


def tab(d: Desk) -> None:
    holders(d)
    eligible = offices.eligible_decisions(engine=d.engine, on=d.as_of)
    vice_chair_form(d, eligible)
    confirm_form(d, eligible)
    departure_form(d, eligible)
