"""Desk tab "External instruments": record a UN or WTO act, link it to what cites it."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.services import desk as choices
from governance.services import instruments
from ui.desk import Desk, choose, coded, day_input, done, optional, select, submitted
from ui.widgets import attempt


def add_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    st.subheader(_("Record an external instrument"))
    with st.form("instrument_form"):
        first, second = st.columns(2)
        reference = first.text_input(
            _("Number or reference"), key="instrument_reference", placeholder="A/RES/57/302"
        )
        body = select(
            _("Body"),
            list(labels.INSTRUMENT_BODY),
            where=second,
            index=None,
            format_func=coded(d, labels.INSTRUMENT_BODY),
            key="instrument_body",
        )
        kind = select(
            _("Kind of instrument"),
            list(labels.INSTRUMENT_KIND),
            where=first,
            index=None,
            format_func=coded(d, labels.INSTRUMENT_KIND),
            key="instrument_kind",
        )
        with second:
            adopted_on = day_input(d, _("Adopted on"), "instrument_adopted_on")
        title = st.text_input(_("Title"), key="instrument_title")
        paragraph = st.text_area(
            _("The paragraph that concerns the scheme"), key="instrument_paragraph", height=90
        )
        url = st.text_input(_("Address (URL)"), key="instrument_url")
        source = st.text_input(_("Source"), key="instrument_source")
        note = st.text_area(_("Note"), key="instrument_note", height=68)
        if submitted(_("Record the instrument"), "instrument_submit"):
            recorded = attempt(
                t,
                lambda: instruments.record_instrument(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference,
                    body=body or "",
                    kind=kind or "",
                    adopted_on=adopted_on,
                    title=title,
                    paragraph=paragraph,
                    url=url,
                    note=note,
                    source=source,
                ),
            )
            if recorded:
                done(
                    _(
                        "{reference} of {date} recorded.",
                        reference=recorded.reference,
                        date=t.date(recorded.adopted_on),
                    )
                )


def link_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    st.subheader(_("Link an instrument to what cites it"))
    known = instruments.choices(engine=d.engine)
    if not known:
        st.info(_("No external instrument is recorded yet."))
        return
    everyone = [e.name for e in choices.entities(engine=d.engine, on=d.as_of)]
    with st.form("instlink_form"):
        reference = choose(d, _("Instrument"), "instlink_instrument", known, required=True)
        st.caption(_("Link it to a decision, or to a Participant (and its change of status)."))
        first, second = st.columns(2)
        with first:
            decision = choose(d, _("Decision"), "instlink_decision", d.known, required=False)
        participant = select(
            _("Participant, applicant or Observer"),
            everyone,
            where=second,
            index=None,
            key="instlink_participant",
            accept_new_options=True,
        )
        on_status = second.checkbox(
            _("Cite its change of status on the date below"), key="instlink_cite_status"
        )
        with second:
            status_on = day_input(d, _("Date of the change of status"), "instlink_status_on")
        source = st.text_input(_("Source"), key="instlink_source")
        note = st.text_input(_("Note"), key="instlink_note")
        if submitted(_("Link the instrument"), "instlink_submit"):
            linked = attempt(
                t,
                lambda: instruments.link_instrument(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference or "",
                    decision=decision,
                    participant=optional(participant),
                    status_on=status_on if on_status else None,
                    note=note,
                    source=source,
                ),
            )
            if linked:
                done(
                    _(
                        "{instrument} linked to {target}.",
                        instrument=linked.instrument,
                        target=linked.target,
                    )
                )


def tab(d: Desk) -> None:
    add_form(d)
    link_form(d)
