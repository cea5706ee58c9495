"""Desk tab "Written procedures": circulate one, record a reply, the tally the record reports,
replies in bulk from a CSV file, and the procedures in pages."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from governance import labels
from governance.services import desk as choices
from governance.services import procedures
from governance.services.views import Choice
from ui.desk import NONE, Desk, coded, day_input, default, done, named, optional, select, submitted
from ui.widgets import attempt

PAGE_SIZE = 20


def circulation_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("wp_form"):
        st.subheader(_("Circulate a written procedure"))
        group_names = {g.code: g.title for g in d.groups}
        reference = st.text_input(_("Reference"), key="wp_reference", placeholder="2004-WP-01")
        title = st.text_input(_("Title"), key="wp_title")
        left, right = st.columns(2)
        with left:
            kind = select(
                _("Kind"),
                list(labels.DECISION_KIND),
                format_func=coded(d, labels.DECISION_KIND),
                key="wp_kind",
            )
        with right:
            group = select(
                _("Working group"),
                [NONE, *group_names],
                format_func=named(d, group_names),
                key="wp_working_group",
            )
        text = st.text_area(_("Proposal"), key="wp_text")
        left, right = st.columns(2)
        with left:
            source = st.text_input(
                _("Source"), key="wp_source", placeholder=_("Chair's letter of …")
            )
        with right:
            note = st.text_input(_("Note"), key="wp_note", placeholder=_("approximate date …"))
        left, right = st.columns(2)
        with left:
            circulated_on = day_input(d, _("Circulated on"), "wp_circulated_on")
        with right:
            deadline = day_input(d, _("Deadline"), "wp_deadline", d.today + timedelta(days=28))
        available = st.checkbox(
            _("The English text is made available to all Participants on the circulation date"),
            key="wp_available",
        )
        if submitted(_("Circulate"), "wp_submit"):
            proc = attempt(
                t,
                lambda: procedures.circulate(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference,
                    title=title,
                    kind=kind,
                    text=text,
                    circulated_on=circulated_on,
                    deadline=deadline,
                    working_group=optional(group),
                    source=source,
                    note=note,
                    available_on=circulated_on if available else None,
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


def reply_form(d: Desk, circulated: int) -> None:
    """The procedures open for replies on the as-of date (``circulated``: how many had been
    circulated by then)."""
    t, _ = d.t, d.t.gettext
    st.subheader(_("Record a reply"))
    open_now = choices.open_procedures(engine=d.engine, on=d.as_of)
    if not circulated:
        st.info(_("No written procedure had been circulated by {date}.", date=t.date(d.as_of)))
        return
    if not open_now:
        st.info(_("No written procedure is open for replies on {date}.", date=t.date(d.as_of)))
        return
    with st.form("reply_form"):
        titles = {c.code: c.title for c in open_now}
        # No defaults: a wrong procedure, Participant or position would record a wrong fact.
        reference = select(
            _("Written procedure"),
            list(titles),
            index=None,
            format_func=named(d, titles),
            key="reply_procedure",
        )
        participant = select(_("Participant"), d.participants, index=None, key="reply_participant")
        reply = st.radio(
            _("Reply"),
            list(labels.REPLY),
            index=None,
            format_func=coded(d, labels.REPLY),
            horizontal=True,
            key="reply_kind",
        )
        received_on = day_input(d, _("Received on"), "reply_received_on")
        reply_note = st.text_input(
            _("How it arrived (required for a reply received before today)"),
            key="reply_note",
            placeholder=_("note verbale, e-mail …"),
        )
        if submitted(_("Record the reply"), "reply_submit"):
            result = attempt(
                t,
                lambda: procedures.record_reply(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference or "",
                    participant=participant or "",
                    kind=reply or "",
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


def circulated_choices(d: Desk) -> list[Choice]:
    """The latest procedures circulated by the as-of date (a tally comes after the deadline)."""
    return [
        Choice(p.reference, p.title)
        for p in procedures.list_procedures(
            engine=d.engine, on=d.as_of, newest_first=True, limit=PAGE_SIZE
        )
    ]


def tally_form(d: Desk, circulated: list[Choice]) -> None:
    """The tally as the record reports it ("40 supports, no objection by the deadline")."""
    t, _ = d.t, d.t.gettext
    st.subheader(_("Record a reported tally"))
    titles = {c.code: c.title for c in circulated}
    with st.form("tally_form"):
        reference = select(
            _("Written procedure"),
            list(titles),
            index=None,
            format_func=named(d, titles),
            key="tally_procedure",
        )
        left, right = st.columns(2)
        with left:
            default("tally_supports", 0)
            supports = st.number_input(_("Supports"), min_value=0, step=1, key="tally_supports")
        with right:
            default("tally_objections", 0)
            objections = st.number_input(
                _("Objections"), min_value=0, step=1, key="tally_objections"
            )
        source = st.text_input(_("Source"), key="tally_source", placeholder=_("Chair's report …"))
        note = st.text_input(_("Note"), key="tally_note")
        if submitted(_("Record the tally"), "tally_submit"):
            view = attempt(
                t,
                lambda: procedures.record_tally(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference or "",
                    supports=int(supports),
                    objections=int(objections),
                    source=source,
                    note=note,
                ),
            )
            if view:
                done(
                    _(
                        "Tally recorded for {reference}: {supports} supports, {objections} "
                        "objections reported, {named} named replies.",
                        reference=view.reference,
                        supports=t.number(view.reported_supports or 0),
                        objections=t.number(view.reported_objections or 0),
                        named=t.number(len(view.replies)),
                    )
                )


def csv_form(d: Desk, circulated: list[Choice]) -> None:
    """Replies in bulk: a CSV of Participant,position,date (and note), all or nothing."""
    t, _ = d.t, d.t.gettext
    st.subheader(_("Record replies from a file"))
    titles = {c.code: c.title for c in circulated}
    with st.form("wpcsv_form"):
        reference = select(
            _("Written procedure"),
            list(titles),
            index=None,
            format_func=named(d, titles),
            key="wpcsv_procedure",
        )
        upload = st.file_uploader(
            _("CSV file: columns Participant, position (support or objection), date (YYYY-MM-DD)"),
            type=["csv"],
            key="wpcsv_file",
        )
        note = st.text_input(
            _("How the replies arrived (for rows without a note)"),
            key="wpcsv_note",
            placeholder=_("note verbale, e-mail …"),
        )
        if submitted(_("Record the replies"), "wpcsv_submit"):
            if upload is None:
                st.error(_("Choose a CSV file first."))
                return
            try:
                text = upload.getvalue().decode("utf-8")
            except UnicodeDecodeError:
                st.error(_("The file is not UTF-8 text; nothing was recorded."))
                return
            result = attempt(
                t,
                lambda: procedures.record_replies(
                    engine=d.engine,
                    actor=d.actor,
                    reference=reference or "",
                    csv_text=text,
                    note=note,
                ),
            )
            if result:
                done(
                    _(
                        "{count} replies recorded for {reference}. Outcome today: {outcome}.",
                        count=t.number(len(result.receipts)),
                        reference=result.reference,
                        outcome=t.label(labels.OUTCOME, result.outcome),
                    )
                )


def procedures_table(d: Desk, total: int) -> None:
    """The procedures circulated by the as-of date, the latest first, a page at a time."""
    t, _ = d.t, d.t.gettext
    st.subheader(_("Written procedures as of {date}", date=t.date(d.as_of)))
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = 1
    if pages > 1:
        page = int(st.number_input(_("Page"), min_value=1, max_value=pages, step=1, key="wp_page"))
    shown = procedures.list_procedures(
        engine=d.engine,
        on=d.as_of,
        newest_first=True,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )  # also when there is none: a rerun sends the same statements whatever the record holds
    if not shown:
        st.write(_("No written procedure had been circulated by {date}.", date=t.date(d.as_of)))
        return
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
                _("Reported"): "—"
                if p.reported_supports is None
                else f"{t.number(p.reported_supports)} / {t.number(p.reported_objections or 0)}",
            }
            for p in shown
        ],
        hide_index=True,
        width="stretch",
        key="wp_table",
    )
    first = (page - 1) * PAGE_SIZE + 1
    st.caption(
        _(
            "{first}–{last} of {total}",
            first=t.number(first),
            last=t.number(first + len(shown) - 1),
            total=t.number(total),
        )
    )


def tab(d: Desk) -> None:
    circulation_form(d)
    total = procedures.count_procedures(engine=d.engine, on=d.as_of)
    reply_form(d, total)
    circulated = circulated_choices(d)
    if circulated:
        tally_form(d, circulated)
        csv_form(d, circulated)
    procedures_table(d, total)
