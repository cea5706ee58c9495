"""Desk tabs "Meetings" and "Decisions": record a meeting, record and correct a decision."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.rules.errors import N_
from governance.services import communiques, decisions, meetings
from governance.services import desk as choices
from ui.desk import (
    NONE,
    Desk,
    choose,
    coded,
    day_input,
    done,
    named,
    optional,
    parse_open_points,
    select,
    submitted,
)
from ui.widgets import attempt

AVAILABILITY = {
    "adoption_date": N_("On the adoption date"),
    "another_date": N_("On another date"),
    "not_yet": N_("Not yet"),
}


def meeting_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("meeting_form"):
        st.subheader(_("Record a meeting"))
        code = st.text_input(_("Code"), key="meeting_code", placeholder="2004-gatineau")
        title = st.text_input(_("Title"), key="meeting_title")
        place = st.text_input(_("Place"), key="meeting_place")
        kind = select(
            _("Kind"),
            list(labels.MEETING_KIND),
            format_func=coded(d, labels.MEETING_KIND),
            key="meeting_kind",
        )
        left, right = st.columns(2)
        with left:
            starts_on = day_input(d, _("Starts on"), "meeting_starts_on")
        with right:
            ends_on = day_input(d, _("Ends on"), "meeting_ends_on")
        entities = [e.name for e in choices.entities(engine=d.engine, on=d.as_of)]
        left, right = st.columns(2)
        with left:
            host = select(
                _("Host"),
                entities,
                index=None,
                key="meeting_host",
                placeholder=_("— none —"),
                help=_("A Participant or Observer of the register."),
            )
        with right:
            chair = select(
                _("Chair"),
                entities,
                index=None,
                key="meeting_chair",
                placeholder=_("— none —"),
                help=_("A Participant or Observer of the register."),
            )
        note = st.text_input(
            _("Note"), key="meeting_note", help=_("What is approximate or inferred.")
        )
        source = st.text_input(_("Source"), key="meeting_source")
        if submitted(_("Record the meeting"), "meeting_submit"):
            meeting = attempt(
                t,
                lambda: meetings.record_meeting(
                    engine=d.engine,
                    actor=d.actor,
                    code=code,
                    title=title,
                    place=place,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    kind=kind,
                    host=host or "",
                    chair=chair or "",
                    note=note,
                    source=source,
                ),
            )
            if meeting:
                done(
                    _(
                        "Meeting {code} recorded: {title}, {place}, {dates}.",
                        code=meeting.code,
                        title=meeting.title,
                        place=meeting.place,
                        dates=t.date_range(meeting.starts_on, meeting.ends_on),
                    )
                )


def decision_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("decision_form"):
        st.subheader(_("Record a decision adopted in Plenary or ad referendum"))
        group_names = {g.code: g.title for g in d.groups}
        reference = st.text_input(
            _("Reference"), key="decision_reference", placeholder="2004-GAT-01"
        )
        title = st.text_input(_("Title"), key="decision_title")
        left, right = st.columns(2)
        with left:
            kind = select(
                _("Kind"),
                list(labels.DECISION_KIND),
                format_func=coded(d, labels.DECISION_KIND),
                key="decision_kind",
            )
        with right:
            procedure = select(
                _("Procedure"),
                ["plenary", "ad_referendum"],
                format_func=coded(d, labels.PROCEDURE),
                key="decision_procedure",
            )
        adopted_on = day_input(d, _("Adopted on"), "decision_adopted_on")
        left, right = st.columns(2)
        with left:
            meeting_code = choose(
                d,
                _("Meeting"),
                "decision_meeting",
                choices.meetings(engine=d.engine),
                required=False,
            )
        with right:
            group = select(
                _("Working group"),
                [NONE, *group_names],
                format_func=named(d, group_names),
                key="decision_working_group",
            )
        communique = choose(
            d,
            _("Announced by the communiqué"),
            "decision_communique",
            communiques.choices(engine=d.engine),
            required=False,
        )
        text = st.text_area(_("Text"), key="decision_text")
        left, right = st.columns(2)
        with left:
            availability = st.radio(
                _("Text made available to all Participants (Rule 26)"),
                list(AVAILABILITY),
                format_func=lambda code: _(AVAILABILITY[code]),
                key="decision_availability",
            )
        with right:
            available_on = day_input(
                d, _("Made available on (another date)"), "decision_available_on"
            )
        note = st.text_input(
            _("Note"), key="decision_note", help=_("What is approximate or inferred.")
        )
        source = st.text_input(_("Source"), key="decision_source")
        open_points = st.text_area(
            _("Open points (ad referendum only)"),
            key="decision_open_points",
            help=_("One per line, as “key: description”, e.g. “decision-making: the quorum rule”."),
        )
        if submitted(_("Record the decision"), "decision_submit"):
            decision = attempt(
                t,
                lambda: decisions.record_decision(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference,
                    title=title,
                    kind=kind,
                    procedure=procedure,
                    adopted_on=adopted_on,
                    text=text,
                    meeting=meeting_code,
                    working_group=optional(group),
                    open_points=parse_open_points(open_points),
                    communique=communique,
                    available=availability != "not_yet",
                    available_on=available_on if availability == "another_date" else None,
                    note=note,
                    source=source,
                ),
            )
            if decision:
                done(
                    _(
                        "Decision {reference} recorded ({procedure}, adopted on {date}).",
                        reference=decision.reference,
                        procedure=t.label(labels.PROCEDURE, decision.procedure),
                        date=t.date(decision.adopted_on),
                    )
                )
                if decision.open_points:
                    st.info(
                        t.ngettext(
                            "{n} open point awaits confirmation.",
                            "{n} open points await confirmation.",
                            decision.open_points,
                        )
                    )


def correction_form(d: Desk) -> None:
    """Any decision, found by its reference or title (the newest are listed first)."""
    t, _ = d.t, d.t.gettext
    st.subheader(_("Correct a decision"))
    search = st.text_input(
        _("Find a decision (reference or words of its title)"), key="edit_search"
    )
    found = choices.decisions(engine=d.engine, on=d.as_of, text=search)
    chosen_ref = choose(d, _("Decision"), "edit_reference", found, required=True, typed=False)
    if not chosen_ref:
        st.info(_("No decision matches."))
        return
    # The version read when the decision was chosen: a save over a newer one is refused.
    if st.session_state.get("edit_loaded") != chosen_ref:
        loaded = choices.editable(engine=d.engine, reference=chosen_ref)
        if loaded is None:
            return
        st.session_state["edit_loaded"] = chosen_ref
        st.session_state["edit_version"] = loaded.version
        st.session_state["edit_title"] = loaded.title
        st.session_state["edit_kind"] = loaded.kind
    with st.form("edit_form"):
        new_title = st.text_input(_("Title"), key="edit_title")
        new_kind = select(
            _("Kind"),
            list(labels.DECISION_KIND),
            format_func=coded(d, labels.DECISION_KIND),
            key="edit_kind",
        )
        if submitted(_("Save the correction"), "edit_submit"):
            saved = attempt(
                t,
                lambda: decisions.edit_decision(
                    engine=d.engine,
                    actor=d.actor,
                    reference=chosen_ref,
                    expected_version=st.session_state["edit_version"],
                    title=new_title,
                    kind=new_kind,
                ),
            )
            if saved:
                st.session_state["edit_version"] = saved.version
                done(_("Decision {reference} corrected.", reference=saved.reference))
