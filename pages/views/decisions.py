"""Decisions: the register with filters, and one decision's lifecycle, points, replies and text."""

from __future__ import annotations

from functools import partial

import streamlit as st

from governance import labels
from governance.i18n import SOURCE_LANGUAGE, UI_LANGUAGES, endonym
from governance.open_data_format import FORMATS
from governance.services import decisions, meetings, open_data, procedures, translations
from governance.services.views import DecisionView
from ui import citations, context, downloads, page_cache, paging, query
from ui.tables import WRAPPING_ROW_HEIGHT
from ui.widgets import attempt, inert

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
ANY = ""

st.title(_("Decisions"))
st.caption(_("The register as of {date}.", date=t.date(ctx.as_of)))
for column, kind in zip(st.columns(2, width=520), FORMATS, strict=True):
    column.download_button(  # the whole record as open data, built only when clicked
        _("Open data ({format}, zip)", format=kind.upper()),
        data=partial(open_data.export_zip, engine=ctx.engine, format=kind),
        file_name=f"plenary-open-data-{kind}.zip",
        mime="application/zip",
        key=f"decisions_open_data_{kind}",
        on_click="ignore",
        icon=":material/download:",
        help=_("Every table of the record (not only this date), as described in the README."),
    )

held = meetings.meeting_choices(engine=ctx.engine, on=ctx.as_of, reading=ctx.language)
meeting_titles = {code: f"{title} ({t.date_range(s, e)})" for code, title, s, e in held}
STATUSES = [ANY, *(s for s in labels.DECISION_STATUS if s != "not_yet")]
FILTERS = {  # widget key: (query parameter, options; None for free text)
    "decisions_meeting": ("meeting", [ANY, *meeting_titles]),
    "decisions_procedure": ("procedure", [ANY, *labels.PROCEDURE]),
    "decisions_status": ("status", STATUSES),
    "decisions_language": ("language", [ANY, *UI_LANGUAGES]),
    "decisions_text": ("q", None),
}
for key, (param, options) in FILTERS.items():
    query.preset(key, param, options, ANY)
with st.container(border=True):
    first, second, third = st.columns(3)
    meeting = first.selectbox(
        _("Meeting"),
        [ANY, *meeting_titles],
        format_func=lambda c: meeting_titles.get(c, _("All meetings")),
        key="decisions_meeting",
    )
    procedure = second.selectbox(
        _("Procedure"),
        [ANY, *labels.PROCEDURE],
        format_func=lambda c: t.label(labels.PROCEDURE, c) if c else _("All procedures"),
        key="decisions_procedure",
    )
    status = third.selectbox(
        _("Status"),
        STATUSES,
        format_func=lambda c: t.label(labels.DECISION_STATUS, c) if c else _("All statuses"),
        key="decisions_status",
    )
    fourth, fifth = st.columns([1, 2])
    language = fourth.selectbox(
        _("Available in"),
        [ANY, *UI_LANGUAGES],
        format_func=lambda c: t.language_name(c) if c else _("Any language"),
        key="decisions_language",
    )
    text = fifth.text_input(_("Search reference, title or text"), key="decisions_text")
for key, (param, _options) in FILTERS.items():
    query.record(key, param, ANY)

PAGE_SIZE = 50
asked = decisions.RegisterFilter(
    on=ctx.as_of,
    meeting=meeting or None,
    procedure=procedure or None,
    status=status or None,
    language=language or None,
    text=text or None,
    reading=ctx.language,
)
# The page number is kept per filter: another filter starts again from its first page.
page_key = f"decisions_page_{hash((meeting, procedure, status, language, text))}"
query.preset(page_key, "page", None, 1, slot="decisions_page")
chosen = st.session_state.get(page_key)
page = attempt(
    t,
    lambda: page_cache.read(
        decisions.page_of_decisions,
        engine=ctx.engine,
        asked=asked,
        limit=PAGE_SIZE,
        offset=(chosen - 1) * PAGE_SIZE if isinstance(chosen, int) else 0,
    ),
)
found: list[DecisionView] = list(page.rows) if page else []
if found and page is not None:
    paging.page_offset(t, page_key, page.total, PAGE_SIZE)
    query.record(page_key, "page", 1, slot="decisions_page")
    st.write(
        _(
            "Decisions {first}–{last} of {total}",
            first=t.number(page.offset + 1),
            last=t.number(page.offset + len(found)),
            total=t.number(page.total),
        )
    )
if found:
    st.dataframe(
        [
            {
                _("Reference"): d.reference,
                _("Title"): d.title,
                _("Procedure"): t.label(labels.PROCEDURE, d.procedure),
                _("Status"): t.label(labels.DECISION_STATUS, d.status),
                _("Adopted on"): t.date(d.adopted_on, "medium"),
                _("Formally adopted on"): t.date(d.formally_adopted_on, "medium"),
                _("Languages available"): ", ".join(d.languages_available),
            }
            for d in found
        ],
        column_config={  # in pixels: the seven columns fit a laptop's width, text wraps
            _("Reference"): st.column_config.TextColumn(width=100),
            _("Title"): st.column_config.TextColumn(width=230),
            _("Procedure"): st.column_config.TextColumn(width=115),
            _("Status"): st.column_config.TextColumn(width=165),
            _("Adopted on"): st.column_config.TextColumn(width=90),
            _("Formally adopted on"): st.column_config.TextColumn(width=90),
            _("Languages available"): st.column_config.TextColumn(width=90),
        },
        row_height=WRAPPING_ROW_HEIGHT,
        hide_index=True,
        width="stretch",
    )
    if ctx.language != SOURCE_LANGUAGE and not all(d.title_translated for d in found):
        st.caption(_("Titles in English have no version in this language yet."))
else:
    st.info(_("No decision matches these filters on this date."))
    st.stop()

titles = {d.reference: d.title for d in found}
DETAIL, PINNED = "decisions_detail", "decisions_linked"
TEXT_LANGUAGE = "decisions_text_language"
state = st.session_state
wanted = query.linked(DETAIL, "ref")
if wanted:
    state[PINNED] = wanted
elif state.get(DETAIL) == state.get(PINNED):
    wanted = state.get(PINNED)  # the linked decision stays on offer while it is the one chosen
if wanted and wanted not in titles:  # a link to a decision on another page of the register
    linked = attempt(
        t, lambda: decisions.get_decision(engine=ctx.engine, reference=str(wanted), on=ctx.as_of)
    )
    if linked is not None and linked.decision.status != "not_yet":
        titles = {linked.decision.reference: linked.title_in(ctx.language)[0], **titles}
references = list(titles)
query.preset(DETAIL, "ref", references, references[0])
reference: str = (
    st.selectbox(
        _("Decision"),
        references,
        format_func=lambda r: f"{r} — {titles[r]}",
        key=DETAIL,
    )
    or references[0]
)
query.record(DETAIL, "ref", references[0])
detail = page_cache.read(
    decisions.get_decision,
    engine=ctx.engine,
    reference=reference,
    on=ctx.as_of,
    reading=ctx.language,
)
d = detail.decision
title, translated = detail.title_in(ctx.language)

st.header(f"{d.reference} — {title}")
if ctx.language != SOURCE_LANGUAGE and not translated:
    st.caption(_("This title has no version in this language yet; it is shown in English."))
a, b, c = st.columns(3)
a.metric(_("Status"), t.label(labels.DECISION_STATUS, d.status))
b.metric(_("Adopted on"), t.date(d.adopted_on, "medium"))
c.metric(_("Formally adopted on"), t.date(d.formally_adopted_on, "medium"))
st.caption(
    " · ".join(
        part
        for part in (
            t.label(labels.PROCEDURE, d.procedure),
            t.label(labels.DECISION_KIND, d.kind),
            d.working_group or "",
            _("Source: {source}", source=d.source) if d.source else "",
        )
        if part
    )
)
if detail.note:
    st.caption(_("Note: {note}", note=inert(detail.note)))
if d.languages_missing and d.status in ("awaiting_formal_adoption", "adopted_ad_referendum"):
    st.warning(
        _(
            "Not yet formally adopted (Rule 26). Languages missing: {languages}.",
            languages=t.language_list(d.languages_missing),
        )
    )

st.subheader(_("Lifecycle"))
events = []
if d.adopted_on:
    events.append(
        (d.adopted_on, _("Adopted ({procedure})", procedure=t.label(labels.PROCEDURE, d.procedure)))
    )
if detail.procedure:
    events.append((detail.procedure.circulated_on, _("Circulated by written procedure")))
for version in detail.versions:
    for step in version.steps:
        events.append(
            (
                step.taken_on,
                f"{t.language_name(step.language)}: {t.label(labels.VERSION_STATE, step.state)}",
            )
        )
for point in detail.open_points:
    if point.resolved_on:
        events.append((point.resolved_on, _("Open point resolved: {key}", key=point.key)))
if d.confirmed_on:
    events.append((d.confirmed_on, _("Confirmed")))
if d.formally_adopted_on:
    events.append((d.formally_adopted_on, _("Formally adopted (all five languages available)")))
st.dataframe(
    [
        {_("Date"): t.date(on, "medium"), _("Event"): what}
        for on, what in sorted(events, key=lambda e: e[0])
    ],
    hide_index=True,
    width="stretch",
)

if detail.open_points:
    st.subheader(_("Open points (ad referendum)"))
    st.dataframe(
        [
            {
                _("Point"): p.key,
                _("Description"): p.description,
                _("Resolved on"): t.date(p.resolved_on, "medium"),
                _("Resolved by"): p.resolved_by or "—",
            }
            for p in detail.open_points
        ],
        hide_index=True,
        width="stretch",
    )

if detail.procedure:
    # The procedure read through its own service: replies named as on their day, the tally.
    proc = page_cache.read(
        procedures.get_procedure, engine=ctx.engine, reference=d.reference, on=ctx.as_of
    )
    st.subheader(_("Written procedure"))
    st.write(
        _(
            "Circulated on {circulated}, deadline {deadline} — {outcome}.",
            circulated=t.date(proc.circulated_on),
            deadline=t.date(proc.deadline),
            outcome=t.label(labels.OUTCOME, proc.outcome),
        )
    )
    if proc.reported_supports is not None or proc.reported_objections is not None:
        objections = proc.reported_objections or 0
        st.info(
            _(
                "Reported: {supports}, {objections} (named replies below: {named}).",
                supports=t.ngettext(
                    "{n} support",
                    "{n} supports",
                    proc.reported_supports or 0,
                ),
                objections=t.ngettext("{n} objection", "{n} objections", objections)
                if objections
                else _("no objection"),
                named=t.number(len(proc.replies)),
            )
            + (" " + _("Source: {source}", source=proc.source) if proc.source else "")
        )
    if proc.note:
        st.caption(_("Note: {note}", note=inert(proc.note)))
    proposal = page_cache.read(
        procedures.proposal,
        engine=ctx.engine,
        reference=d.reference,
        language=ctx.language,
        on=ctx.as_of,
    )
    with st.expander(_("The proposal as circulated"), expanded=True):
        if proposal.fallback:
            st.caption(
                _(
                    "There is no version of this proposal in {language}. Shown instead: {shown}.",
                    language=t.language_in_text(proposal.asked),
                    shown=t.language_in_text(proposal.language),
                )
            )
        st.markdown(
            inert(proposal.text) if proposal.text else _("The proposal's text was not recorded.")
        )
    if proc.replies:
        st.dataframe(
            [
                {
                    _("Participant"): ctx.name(r.participant),
                    _("Reply"): t.label(labels.REPLY, r.kind),
                    _("Received on"): t.date(r.received_on, "medium"),
                    _("Note"): r.note,
                }
                for r in proc.replies
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.write(_("No reply received: silence so far."))

if detail.obligations:
    st.subheader(_("Deadlines"))
    st.dataframe(
        [
            {
                _("Due"): t.date(o.due_on, "medium"),
                _("Deadline state"): t.label(labels.OBLIGATION_STATE, o.state),
                _("What"): o.title,
                _("Responsible"): o.responsible,
            }
            for o in detail.obligations
        ],
        hide_index=True,
        width="stretch",
    )

if detail.communique:
    st.page_link(
        "pages/views/communiques.py",
        label=_("Announced in the communiqué {code}", code=detail.communique),
        icon=":material/article:",
    )

citations.render(t, ctx.engine, ctx.as_of, decision=d.reference)
st.subheader(_("Text"))
query.preset(TEXT_LANGUAGE, "content", UI_LANGUAGES, ctx.language)
shown = st.selectbox(
    _("Language of the text"),
    UI_LANGUAGES,
    format_func=endonym,  # a language to read in, named as its readers name it
    key=TEXT_LANGUAGE,
)
query.record(TEXT_LANGUAGE, "content", ctx.language)
version = next(v for v in detail.versions if v.language == shown)
if version.state == "missing":
    available = [v.language for v in detail.versions if v.state != "missing"]
    if available:
        st.info(
            _(
                "There is no version of this decision in {language} yet. Available: {available}.",
                language=t.language_in_text(shown),
                available=t.language_list(available),
            )
        )
    elif detail.procedure:
        st.info(
            _(
                "No language version of this decision has been made final yet; the proposal "
                "as circulated is shown above."
            )
        )
    else:
        st.info(_("No language version of this decision has been made final yet."))
else:
    notices = {
        "machine_draft": _("Unofficial machine draft — not a translation of the Plenary."),
        "in_translation": _("Unofficial translation in progress — not final."),
        "final": _("Final, not yet made available to all Participants."),
    }
    if version.state in notices:
        st.warning(notices[version.state])
    else:
        st.success(_("Final, made available on {date}.", date=t.date(version.available_on)))
    if version.title:
        st.markdown(f"**{inert(version.title)}**")
    st.markdown(inert(version.text))
    downloads.text_pdf(t, ctx.engine, d.reference, shown, ctx.as_of)
    downloads.akn_document(ctx, "decision", d.reference, shown)
    flags = translations.terminology_flags(
        engine=ctx.engine, target=d.reference, language=shown, on=ctx.as_of
    )
    if flags:
        st.caption(
            _("Terminology to review: {terms}.", terms=", ".join(f.source_form for f in flags))
        )
