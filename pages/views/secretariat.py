"""Secretariat desk: one form per use case that changes the record.

Every form gathers input and calls one service; the service applies the rules in one transaction
and raises a named error, storing nothing, on bad input. The error is shown next to the form in
the user's language. Dates default to the as-of date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import streamlit as st

from governance import clock, labels
from governance.machine_translation import ProviderSettings
from governance.rules.permissions import Action
from governance.services import (
    bodies,
    decisions,
    meetings,
    offices,
    participants,
    procedures,
    translations,
)
from governance.services.views import LanguageVersionView
from ui import context
from ui.widgets import attempt, inert, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
engine, as_of = ctx.engine, ctx.as_of
today = clock.today()
require(t, ctx.actor, Action.RECORD_DECISION)

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
NONE = ""  # the "no choice" option of optional selectboxes


def default(key: str, value: object) -> None:
    """Give the widget ``key`` its default value once (it then keeps what the user chose)."""
    if key not in st.session_state:
        st.session_state[key] = value


def day_input(label: str, key: str, value: date | None = None) -> date:
    """A date field (ISO format) defaulting to today on the server's clock: a write's date is
    what the form says, never the as-of date the desk is viewed at."""
    default(key, value or today)
    chosen = st.date_input(
        label, min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD", key=key
    )
    assert isinstance(chosen, date)
    return chosen


def coded(mapping: dict[str, str]) -> Callable[[str], str]:
    """format_func showing a code's translated label (and "none" for the empty choice)."""
    return lambda code: _("— none —") if code == NONE else t.label(mapping, code)


def named(names: dict[str, str]) -> Callable[[str], str]:
    """format_func showing ``code — title`` (and "none" for the empty choice)."""
    return lambda code: _("— none —") if code == NONE else f"{code} — {names.get(code, '')}"


def optional(value: str | None) -> str | None:
    return value or None


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


def decision_names() -> dict[str, str]:
    """Decisions known on the as-of date (adopted, or circulated by written procedure)."""
    return {d.reference: d.title for d in decisions.list_decisions(engine=engine, on=as_of)}


def participant_names() -> list[str]:
    return [
        e.name for e in participants.list_entities(engine=engine, on=as_of, status="participant")
    ]


def choose_decision(label: str, key: str, names: dict[str, str], *, required: bool) -> str | None:
    options: Sequence[str] = list(names) if required else [NONE, *names]
    return optional(st.selectbox(label, options, format_func=named(names), key=key))


st.title(_("Secretariat desk"))
st.caption(
    _(
        "Each form records one fact through the register's rules; a refused entry stores "
        "nothing. Dates default to the as-of date ({date}).",
        date=t.date(as_of),
    )
)

(
    tab_meetings,
    tab_decisions,
    tab_procedures,
    tab_referendum,
    tab_versions,
    tab_offices,
    tab_register,
) = st.tabs(
    [
        _("Meetings"),
        _("Decisions"),
        _("Written procedures"),
        _("Ad referendum"),
        _("Language versions"),
        _("Offices"),
        _("Register"),
    ]
)

# --- Meetings -------------------------------------------------------------------------------
with tab_meetings, st.form("meeting_form"):
    st.subheader(_("Record a meeting"))
    code = st.text_input(_("Code"), key="meeting_code", placeholder="2004-gatineau")
    title = st.text_input(_("Title"), key="meeting_title")
    place = st.text_input(_("Place"), key="meeting_place")
    kind = st.selectbox(
        _("Kind"),
        list(labels.MEETING_KIND),
        format_func=coded(labels.MEETING_KIND),
        key="meeting_kind",
    )
    left, right = st.columns(2)
    with left:
        starts_on = day_input(_("Starts on"), "meeting_starts_on")
    with right:
        ends_on = day_input(_("Ends on"), "meeting_ends_on")
    host = st.text_input(_("Host"), key="meeting_host")
    chair = st.text_input(_("Chair"), key="meeting_chair")
    if submitted(_("Record the meeting"), "meeting_submit"):
        meeting = attempt(
            t,
            lambda: meetings.record_meeting(
                engine=engine,
                actor=ctx.actor,
                code=code,
                title=title,
                place=place,
                starts_on=starts_on,
                ends_on=ends_on,
                kind=kind,
                host=host,
                chair=chair,
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

# --- Decisions ------------------------------------------------------------------------------
with tab_decisions, st.form("decision_form"):
    st.subheader(_("Record a decision adopted in Plenary or ad referendum"))
    meeting_names = {m.code: m.title for m in meetings.list_meetings(engine=engine, on=LAST_DAY)}
    group_names = {g.code: g.name for g in bodies.list_working_groups(engine=engine, on=as_of)}
    reference = st.text_input(_("Reference"), key="decision_reference", placeholder="2004-GAT-01")
    title = st.text_input(_("Title"), key="decision_title")
    left, right = st.columns(2)
    with left:
        kind = st.selectbox(
            _("Kind"),
            list(labels.DECISION_KIND),
            format_func=coded(labels.DECISION_KIND),
            key="decision_kind",
        )
    with right:
        procedure = st.selectbox(
            _("Procedure"),
            ["plenary", "ad_referendum"],
            format_func=coded(labels.PROCEDURE),
            key="decision_procedure",
        )
    adopted_on = day_input(_("Adopted on"), "decision_adopted_on")
    left, right = st.columns(2)
    with left:
        meeting_code = st.selectbox(
            _("Meeting"),
            [NONE, *meeting_names],
            format_func=named(meeting_names),
            key="decision_meeting",
        )
    with right:
        group = st.selectbox(
            _("Working group"),
            [NONE, *group_names],
            format_func=named(group_names),
            key="decision_working_group",
        )
    text = st.text_area(_("Text"), key="decision_text")
    open_points = st.text_area(
        _("Open points (ad referendum only)"),
        key="decision_open_points",
        help=_("One per line, as “key: description”, e.g. “decision-making: the quorum rule”."),
    )
    if submitted(_("Record the decision"), "decision_submit"):
        decision = attempt(
            t,
            lambda: decisions.record_decision(
                engine=engine,
                actor=ctx.actor,
                reference=reference,
                title=title,
                kind=kind,
                procedure=procedure,
                adopted_on=adopted_on,
                text=text,
                meeting=optional(meeting_code),
                working_group=optional(group),
                open_points=parse_open_points(open_points),
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

with tab_decisions:
    st.subheader(_("Correct a decision"))
    editable = decision_names()
    chosen_ref = st.selectbox(
        _("Decision"), list(editable), format_func=named(editable), key="edit_reference"
    )
    if chosen_ref:
        loaded = decisions.get_decision(engine=engine, reference=chosen_ref, on=as_of).decision
        # The version read when the decision was chosen: a save over a newer one is refused.
        if st.session_state.get("edit_loaded") != chosen_ref:
            st.session_state["edit_loaded"] = chosen_ref
            st.session_state["edit_version"] = loaded.version
            st.session_state["edit_title"] = loaded.title
            st.session_state["edit_kind"] = loaded.kind
        with st.form("edit_form"):
            new_title = st.text_input(_("Title"), key="edit_title")
            new_kind = st.selectbox(
                _("Kind"),
                list(labels.DECISION_KIND),
                format_func=coded(labels.DECISION_KIND),
                key="edit_kind",
            )
            if submitted(_("Save the correction"), "edit_submit"):
                saved = attempt(
                    t,
                    lambda: decisions.edit_decision(
                        engine=engine,
                        actor=ctx.actor,
                        reference=chosen_ref,
                        expected_version=st.session_state["edit_version"],
                        title=new_title,
                        kind=new_kind,
                    ),
                )
                if saved:
                    st.session_state["edit_version"] = saved.version
                    done(_("Decision {reference} corrected.", reference=saved.reference))

# --- Written procedures ---------------------------------------------------------------------
with tab_procedures:
    with st.form("wp_form"):
        st.subheader(_("Circulate a written procedure"))
        group_names = {g.code: g.name for g in bodies.list_working_groups(engine=engine, on=as_of)}
        reference = st.text_input(_("Reference"), key="wp_reference", placeholder="2004-WP-01")
        title = st.text_input(_("Title"), key="wp_title")
        left, right = st.columns(2)
        with left:
            kind = st.selectbox(
                _("Kind"),
                list(labels.DECISION_KIND),
                format_func=coded(labels.DECISION_KIND),
                key="wp_kind",
            )
        with right:
            group = st.selectbox(
                _("Working group"),
                [NONE, *group_names],
                format_func=named(group_names),
                key="wp_working_group",
            )
        text = st.text_area(_("Proposal"), key="wp_text")
        left, right = st.columns(2)
        with left:
            circulated_on = day_input(_("Circulated on"), "wp_circulated_on")
        with right:
            deadline = day_input(_("Deadline"), "wp_deadline", today + timedelta(days=28))
        if submitted(_("Circulate"), "wp_submit"):
            proc = attempt(
                t,
                lambda: procedures.circulate(
                    engine=engine,
                    actor=ctx.actor,
                    reference=reference,
                    title=title,
                    kind=kind,
                    text=text,
                    circulated_on=circulated_on,
                    deadline=deadline,
                    working_group=optional(group),
                ),
            )
            if proc:
                done(
                    _(
                        "Written procedure {reference} circulated on {circulated_on}; replies "
                        "are due by {deadline}.",
                        reference=proc.reference,
                        circulated_on=t.date(proc.circulated_on),
                        deadline=t.date(proc.deadline),
                    )
                )

    circulated = procedures.list_procedures(engine=engine, on=as_of)
    names = participant_names()
    st.subheader(_("Record a reply"))
    if not circulated:
        st.info(_("No written procedure had been circulated by {date}.", date=t.date(as_of)))
    else:
        with st.form("reply_form"):
            proc_names = {p.reference: p.title for p in circulated}
            reference = st.selectbox(
                _("Written procedure"),
                list(proc_names),
                format_func=named(proc_names),
                key="reply_procedure",
            )
            participant = st.selectbox(_("Participant"), names, key="reply_participant")
            reply = st.radio(
                _("Reply"),
                list(labels.REPLY),
                format_func=coded(labels.REPLY),
                horizontal=True,
                key="reply_kind",
            )
            received_on = day_input(_("Received on"), "reply_received_on")
            reply_note = st.text_input(
                _("How it arrived (required for a reply received before today)"),
                key="reply_note",
                placeholder=_("note verbale, e-mail …"),
            )
            if submitted(_("Record the reply"), "reply_submit"):
                result = attempt(
                    t,
                    lambda: procedures.record_reply(
                        engine=engine,
                        actor=ctx.actor,
                        reference=reference,
                        participant=participant or "",
                        kind=reply,
                        received_on=received_on,
                        note=reply_note,
                    ),
                )
                if result:
                    done(
                        _(
                            "Reply recorded for {reference}: {participant}, {reply}, received on "
                            "{date}. Outcome on that date: {outcome}.",
                            reference=result.reference,
                            participant=result.participant,
                            reply=t.label(labels.REPLY, result.kind),
                            date=t.date(result.received_on),
                            outcome=t.label(labels.OUTCOME, result.outcome),
                        )
                    )

    st.subheader(_("Written procedures as of {date}", date=t.date(as_of)))
    circulated = procedures.list_procedures(engine=engine, on=as_of)
    if circulated:
        st.dataframe(
            [
                {
                    _("Reference"): p.reference,
                    _("Title"): p.title,
                    _("Circulated on"): t.date(p.circulated_on, "medium"),
                    _("Deadline"): t.date(p.deadline, "medium"),
                    _("Outcome"): t.label(labels.OUTCOME, p.outcome),
                    _("Decided on"): t.date(p.decided_on, "medium"),
                    _("Support"): t.number(p.supports),
                    _("Objection"): t.number(p.objections),
                }
                for p in circulated
            ],
            hide_index=True,
            width="stretch",
            key="wp_table",
        )
    else:
        st.write(_("No written procedure had been circulated by {date}.", date=t.date(as_of)))

# --- Ad referendum --------------------------------------------------------------------------
with tab_referendum:
    known = decision_names()
    pending = [
        d
        for d in decisions.list_decisions(engine=engine, on=as_of, procedure="ad_referendum")
        if d.status == "adopted_ad_referendum"
    ]
    points: dict[tuple[str, str], str] = {}
    for d in pending:
        detail = decisions.get_decision(engine=engine, reference=d.reference, on=as_of)
        for p in detail.open_points:
            if p.resolved_on is None:
                points[(d.reference, p.key)] = f"{d.reference} — {p.key}: {p.description}"

    st.subheader(_("Resolve an open point"))
    if not points:
        st.info(_("No open point awaits resolution on {date}.", date=t.date(as_of)))
    else:
        with st.form("resolve_form"):
            point = st.selectbox(
                _("Open point"), list(points), format_func=lambda p: points[p], key="resolve_point"
            )
            by_decision = choose_decision(_("Resolved by"), "resolve_by", known, required=True)
            resolved_on = day_input(_("Resolved on"), "resolve_on")
            if submitted(_("Resolve the open point"), "resolve_submit") and point:
                resolved = attempt(
                    t,
                    lambda: decisions.resolve_open_point(
                        engine=engine,
                        actor=ctx.actor,
                        reference=point[0],
                        key=point[1],
                        resolved_on=resolved_on,
                        by_decision=by_decision or "",
                    ),
                )
                if resolved:
                    done(
                        _(
                            "Open point {key} of {reference} resolved on {date} by {by}.",
                            key=point[1],
                            reference=resolved.reference,
                            date=t.date(resolved_on),
                            by=by_decision,
                        )
                    )

    st.subheader(_("Confirm an ad referendum decision as a whole"))
    if not pending:
        st.info(
            _(
                "No decision adopted ad referendum awaits confirmation on {date}.",
                date=t.date(as_of),
            )
        )
    else:
        with st.form("confirm_form"):
            pending_names = {d.reference: d.title for d in pending}
            target = choose_decision(
                _("Decision"), "confirm_decision", pending_names, required=True
            )
            by_decision = choose_decision(_("Confirmed by"), "confirm_by", known, required=True)
            confirmed_on = day_input(_("Confirmed on"), "confirm_on")
            if submitted(_("Confirm the decision"), "confirm_submit"):
                confirmed = attempt(
                    t,
                    lambda: decisions.confirm_decision(
                        engine=engine,
                        actor=ctx.actor,
                        reference=target or "",
                        confirmed_on=confirmed_on,
                        by_decision=by_decision or "",
                    ),
                )
                if confirmed:
                    done(
                        _(
                            "{reference} confirmed on {date} by {by}.",
                            reference=confirmed.reference,
                            date=t.date(confirmed_on),
                            by=by_decision,
                        )
                    )

# --- Language versions (Rule 26) ------------------------------------------------------------
with tab_versions:
    st.subheader(_("Advance a language version"))
    targets = {d.reference: d.title for d in decisions.list_decisions(engine=engine, on=as_of)}
    communique_codes = set()
    for code, title, _issued in meetings.list_communiques(engine=engine, on=as_of):
        targets[code] = title
        communique_codes.add(code)
    languages = bodies.get_body(engine=engine).official_languages
    left, right = st.columns(2)
    with left:
        target = st.selectbox(
            _("Decision or communiqué"), list(targets), format_func=named(targets), key="tr_target"
        )
    with right:
        language = st.selectbox(
            _("Language"), list(languages), format_func=t.language_name, key="tr_language"
        )
    if target and language:
        chosen: str = target

        def version_now() -> LanguageVersionView:
            """The chosen language version as it stands on the as-of date."""
            versions = (
                meetings.get_communique(engine=engine, code=chosen, on=as_of).versions
                if chosen in communique_codes
                else decisions.get_decision(engine=engine, reference=chosen, on=as_of).versions
            )
            return next(v for v in versions if v.language == language)

        current = version_now()
        state_line = st.empty()  # filled after the form, so it shows a step just recorded
        # The text field shows the current text of the chosen version until another is chosen.
        if st.session_state.get("tr_loaded") != (target, language):
            st.session_state["tr_loaded"] = (target, language)
            st.session_state["tr_text"] = current.text
        with st.form("tr_form"):
            state = st.selectbox(
                _("New state"),
                list(labels.VERSION_STATE),
                index=list(labels.VERSION_STATE).index("final"),
                format_func=coded(labels.VERSION_STATE),
                key="tr_state",
            )
            taken_on = day_input(
                _("On (for “made available”: the date it was made available)"), "tr_on"
            )
            text = st.text_area(_("Text"), key="tr_text", height=200)
            note = st.text_input(_("Note"), key="tr_note")
            if submitted(_("Record the step"), "tr_submit"):
                # Only a changed text is sent: the service keeps the current one otherwise.
                changed = text if text.strip() != current.text.strip() else None
                version = attempt(
                    t,
                    lambda: translations.set_state(
                        engine=engine,
                        actor=ctx.actor,
                        target=chosen,
                        language=language,
                        state=state,
                        on=taken_on,
                        text=changed,
                        note=note,
                    ),
                )
                if version:
                    done(
                        _(
                            "{target}, {language} version: {state} on {date}.",
                            target=target,
                            language=t.language_name(language),
                            state=t.label(labels.VERSION_STATE, version.state),
                            date=t.date(taken_on),
                        )
                    )
        shown = version_now()
        state_line.caption(
            _(
                "On {date} the {language} version is: {state}.",
                date=t.date(as_of),
                language=t.language_name(language),
                state=t.label(labels.VERSION_STATE, shown.state),
            )
            + (
                " " + _("Made available on {date}.", date=t.date(shown.available_on))
                if shown.available_on
                else ""
            )
        )
        flags = translations.terminology_flags(
            engine=engine, target=chosen, language=language, on=as_of
        )
        if flags:
            st.warning(
                _("Terminology to review (not the glossary's rendering):")
                + "\n\n"
                + "\n".join(
                    f"- {inert(f.source_form)} → {inert(' / '.join(f.expected[:3]))}" for f in flags
                ),
                icon=":material/spellcheck:",
            )
        if shown.state in ("missing", "machine_draft") and language != "en":
            st.caption(
                _(
                    "A machine draft is labelled as such everywhere and never counts towards "
                    "formal adoption."
                )
            )
            if st.button(_("Request a machine draft"), key="tr_machine"):
                with st.status(_("Requesting a machine draft…"), expanded=True) as box:
                    bar = st.progress(0.0)

                    def progress(done_parts: int, total: int) -> None:
                        bar.progress(
                            done_parts / total,
                            text=_("{done} of {total} passages", done=done_parts, total=total),
                        )

                    drafted = attempt(
                        t,
                        lambda: translations.machine_draft(
                            engine=engine,
                            actor=ctx.actor,
                            target=chosen,
                            language=language,
                            on=as_of,
                            settings=ProviderSettings.from_env(),
                            progress=progress,
                        ),
                    )
                    box.update(
                        label=_("Machine draft stored.") if drafted else _("No draft stored."),
                        state="complete" if drafted else "error",
                    )

# --- Offices --------------------------------------------------------------------------------
with tab_offices:
    holders = offices.holders_on(engine=engine, on=as_of)
    for label, term in ((_("Chair"), holders.chair), (_("Vice Chair"), holders.vice_chair)):
        if term:
            st.caption(
                _(
                    "{office} on {date}: {holder}",
                    office=label,
                    date=t.date(as_of),
                    holder=term.holder,
                )
                + (" · " + _("projected") if term.projected else "")
            )
    known = decision_names()
    names = participant_names()
    with st.form("vc_form"):
        st.subheader(_("Select a Vice Chair"))
        holder = st.selectbox(_("Participant"), names, key="vc_holder")
        default("vc_year", today.year + 1)
        year = st.number_input(
            _("Year"), min_value=FIRST_DAY.year, max_value=LAST_DAY.year, step=1, key="vc_year"
        )
        decision_ref = choose_decision(_("Decision"), "vc_decision", known, required=True)
        note = st.text_input(_("Note"), key="vc_note")
        if submitted(_("Record the selection"), "vc_submit"):
            term = attempt(
                t,
                lambda: offices.select_vice_chair(
                    engine=engine,
                    actor=ctx.actor,
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

    with st.form("term_form"):
        st.subheader(_("Record a departure from the rotation"))
        st.caption(
            _(
                "A term extended or a succession postponed: it needs the decision that "
                "authorizes it."
            )
        )
        office = st.selectbox(
            _("Office"), list(labels.OFFICE), format_func=coded(labels.OFFICE), key="term_office"
        )
        holder = st.selectbox(_("Holder"), names, key="term_holder")
        left, right = st.columns(2)
        with left:
            term_start = day_input(_("Starts on"), "term_starts_on")
        with right:
            term_end = day_input(_("Ends on"), "term_ends_on")
        decision_ref = choose_decision(
            _("Authorizing decision"), "term_decision", known, required=True
        )
        note = st.text_input(_("Note"), key="term_note")
        if submitted(_("Record the term"), "term_submit"):
            term = attempt(
                t,
                lambda: offices.record_term(
                    engine=engine,
                    actor=ctx.actor,
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

# --- Participant register -------------------------------------------------------------------
with tab_register:
    known = decision_names()
    statuses = [s for s in labels.STATUS if s != "none"]

    def status_fields(prefix: str) -> tuple[str, str, date, str, str | None, str]:
        """The fields of a status event (both forms): status, stage, date, block, decision,
        note; widget keys start with ``prefix``."""
        status = st.selectbox(
            _("Status"), statuses, format_func=coded(labels.STATUS), key=f"{prefix}_status"
        )
        stage = st.selectbox(
            _("Stage (applicants)"),
            [NONE, *labels.STAGE],
            format_func=coded(labels.STAGE),
            key=f"{prefix}_stage",
        )
        effective_on = day_input(_("Effective on"), f"{prefix}_on")
        blocked = st.text_input(
            _("Blocked — reason (leave empty if not blocked)"), key=f"{prefix}_blocked"
        )
        decision_ref = choose_decision(_("Decision"), f"{prefix}_decision", known, required=False)
        note = st.text_input(_("Note"), key=f"{prefix}_note")
        return status or "", stage or NONE, effective_on, blocked, decision_ref, note

    with st.form("entity_form"):
        st.subheader(_("Register a new entity"))
        name = st.text_input(_("Name"), key="entity_name")
        kind = st.selectbox(
            _("Kind"),
            list(labels.ENTITY_KIND),
            format_func=coded(labels.ENTITY_KIND),
            key="entity_kind",
        )
        status, stage, registered_on, blocked, decision_ref, note = status_fields("entity")
        if submitted(_("Register the entity"), "entity_submit"):
            entity = attempt(
                t,
                lambda: participants.register_entity(
                    engine=engine,
                    actor=ctx.actor,
                    name=name,
                    kind=kind,
                    status=status,
                    on=registered_on,
                    stage=optional(stage),
                    blocked_reason=optional(blocked.strip()),
                    decision=decision_ref,
                    note=note,
                ),
            )
            if entity:
                done(
                    _(
                        "{name} registered ({kind}): {status} from {date}.",
                        name=entity.name,
                        kind=t.label(labels.ENTITY_KIND, entity.kind),
                        status=t.label(labels.STATUS, entity.status),
                        date=t.date(registered_on),
                    )
                )

    entities = {e.name: e.status for e in participants.list_entities(engine=engine, on=as_of)}
    with st.form("status_form"):
        st.subheader(_("Change a status"))
        name = st.selectbox(
            _("Participant or organisation"),
            list(entities),
            format_func=lambda n: f"{n} ({t.label(labels.STATUS, entities[n])})",
            key="status_name",
        )
        status, stage, changed_on, blocked, decision_ref, note = status_fields("status")
        if submitted(_("Record the change"), "status_submit"):
            entity = attempt(
                t,
                lambda: participants.change_status(
                    engine=engine,
                    actor=ctx.actor,
                    name=name or "",
                    status=status,
                    on=changed_on,
                    stage=optional(stage),
                    blocked_reason=optional(blocked.strip()),
                    decision=decision_ref,
                    note=note,
                ),
            )
            if entity:
                done(
                    _(
                        "{name}: {status} from {date}.",
                        name=entity.name,
                        status=t.label(labels.STATUS, entity.status),
                        date=t.date(changed_on),
                    )
                )
