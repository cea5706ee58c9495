"""Overview: the state of the scheme as of the chosen date."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.i18n import SOURCE_LANGUAGE
from governance.services import overview
from ui import context, downloads, page_cache
from ui.tables import WRAPPING_ROW_HEIGHT

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
view = page_cache.read(overview.overview, engine=ctx.engine, on=ctx.as_of, reading=ctx.language)


def more(shown: int, total: int) -> None:
    """Under a list cut short: how many of how many, and where to see them all."""
    if total > shown:
        st.caption(_("{shown} of {total}", shown=t.number(shown), total=t.number(total)))
        st.page_link(
            "pages/views/decisions.py",
            label=_("All of them in the decision register"),
            icon=":material/gavel:",
        )


st.title(_("Overview"))
st.caption(_("{body} — the record as of {date}", body=view.body.name, date=t.date(ctx.as_of)))

if view.last_recorded and ctx.as_of > view.last_recorded:
    st.info(
        _(
            "The record ends on {last}: nothing is recorded after that date, so this view shows "
            "what follows from it (projected terms, open deadlines).",
            last=t.date(view.last_recorded),
        ),
        icon=":material/info:",
    )
    st.button(
        _("Show the record as of {last}", last=t.date(view.last_recorded)),
        on_click=context.set_as_of,
        args=(view.last_recorded,),
        type="primary",
    )

chair, vice_chair, participants = st.columns([3, 3, 2])
for column, office, label, term in (
    (chair, "chair", _("Chair"), view.holders.chair),
    (vice_chair, "vice_chair", _("Vice Chair"), view.holders.vice_chair),
):
    with column:
        if term is None:
            st.metric(label, "—")
            if (silent_after := view.unrecorded_after(office)) is not None:
                st.caption(
                    _(
                        "Not recorded after {date}: the record has no term of this office "
                        "after that date.",
                        date=t.date(silent_after),
                    )
                )
            else:
                st.caption(_("Nobody holds this office on this date."))
        else:
            st.metric(label, ctx.name(term.holder))
            st.caption(t.date_range(term.starts_on, term.ends_on))
            if term.projected:
                st.caption(_("Projected: follows from the rotation rule, not yet confirmed."))
            elif term.by_rule:
                st.caption(_("In office (by the rule): no confirmation is recorded."))
with participants:
    st.metric(_("Participants"), t.number(view.participants))
    st.caption(_("Certified in the register."))

if (reported := view.reported) is not None and reported.states is not None:
    if view.participants == 0:
        st.info(
            _(
                "No Participant is certified yet. As reported by the {meeting} ({date}): "
                "{states} States and {reios} taking part. Source: {source}.",
                meeting=reported.meeting,
                date=t.date(reported.ends_on),
                states=t.number(reported.states),
                reios=t.ngettext(
                    "{n} regional economic integration organisation",
                    "{n} regional economic integration organisations",
                    reported.reios or 0,
                ),
                source=reported.source,
            ),
            icon=":material/groups:",
        )
    elif view.states_discrepancy:
        st.caption(
            _(
                "Note: the register counts {certified} States among the Participants; the "
                "{meeting} ({date}) reported {states} States participating. Source: {source}.",
                certified=t.number(view.certified_states),
                meeting=reported.meeting,
                date=t.date(reported.ends_on),
                states=t.number(reported.states),
                source=reported.source,
            )
        )

last, upcoming = st.columns(2)
with last:
    st.subheader(_("Last Plenary"))
    if view.last_meeting:
        m = view.last_meeting
        st.write(f"**{m.title}** — {m.place}, {t.date_range(m.starts_on, m.ends_on)}")
    else:
        st.write(_("No meeting recorded before this date."))
with upcoming:
    st.subheader(_("Next Plenary"))
    if view.next_meeting:
        m = view.next_meeting
        st.write(f"**{m.title}** — {m.place}, {t.date_range(m.starts_on, m.ends_on)}")
    else:
        st.write(_("No meeting recorded after this date."))
downloads.calendar(ctx, key="overview_ics")

st.subheader(_("Adopted, awaiting formal adoption (Rule 26)"))
if view.awaiting_formal_adoption:
    st.dataframe(
        [
            {
                _("Reference"): d.reference,
                _("Title"): d.title,
                _("Adopted on"): t.date(d.adopted_on, "medium"),
                _("Languages missing"): t.language_list(d.languages_missing, standalone=True),
            }
            for d in view.awaiting_formal_adoption
        ],
        hide_index=True,
        width="stretch",
        column_config={  # in pixels: the languages missing stay in view, long text wraps
            _("Reference"): st.column_config.TextColumn(width=100),
            _("Title"): st.column_config.TextColumn(width=300),
            _("Adopted on"): st.column_config.TextColumn(width=100),
            _("Languages missing"): st.column_config.TextColumn(width=250),
        },
        row_height=WRAPPING_ROW_HEIGHT,
    )
    if ctx.language != SOURCE_LANGUAGE and not all(
        d.title_translated for d in view.awaiting_formal_adoption
    ):
        st.caption(_("Titles in English have no version in this language yet."))
    more(len(view.awaiting_formal_adoption), view.awaiting_formal_adoption_total)
else:
    st.write(_("No decision is awaiting formal adoption."))

if view.awaiting_confirmation:
    st.subheader(_("Adopted ad referendum, awaiting confirmation"))
    for d in view.awaiting_confirmation:
        st.write(
            f"**{d.reference}** — {d.title} · "
            + t.ngettext("{n} open point", "{n} open points", d.open_points)
        )
    more(len(view.awaiting_confirmation), view.awaiting_confirmation_total)

st.subheader(_("Open written procedures"))
if view.open_procedures:
    st.dataframe(
        [
            {
                _("Reference"): p.reference,
                _("Title"): p.title,
                _("Deadline"): t.date(p.deadline, "medium"),
                _("Time left"): t.relative(p.deadline, ctx.as_of),
                _("Replies"): t.number(len(p.replies)),
            }
            for p in view.open_procedures
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.write(_("No written procedure is open."))

st.subheader(_("Open and overdue deadlines"))
if view.deadlines:
    st.dataframe(
        [
            {
                _("Due"): t.date(o.due_on, "medium"),
                _("Deadline state"): (
                    _("No fulfilment recorded")
                    if view.no_fulfilment_recorded(o)
                    else t.label(labels.OBLIGATION_STATE, o.state)
                ),
                _("When"): t.relative(o.due_on, ctx.as_of),
                _("What"): o.title,
                _("Responsible"): o.responsible,
                _("Decision"): o.decision,
            }
            for o in view.deadlines
        ],
        hide_index=True,
        width="stretch",
        column_config={  # in pixels: six columns fit a laptop's width, long text wraps
            _("Due"): st.column_config.TextColumn(width=95),
            _("Deadline state"): st.column_config.TextColumn(width=130),
            _("When"): st.column_config.TextColumn(width=110),
            _("What"): st.column_config.TextColumn(width=250),
            _("Responsible"): st.column_config.TextColumn(width=120),
            _("Decision"): st.column_config.TextColumn(width=100),
        },
        row_height=WRAPPING_ROW_HEIGHT,
    )
    if view.deadlines_total > len(view.deadlines):
        st.caption(
            _(
                "{shown} of {total}: the open ones due soonest, then the latest overdue.",
                shown=t.number(len(view.deadlines)),
                total=t.number(view.deadlines_total),
            )
        )
else:
    st.write(_("No open deadline."))

st.subheader(_("Applicants in progress"))
if view.applicants:
    st.dataframe(
        [
            {
                _("Name"): ctx.name(a.name),
                _("Stage"): t.label(labels.STAGE, a.stage),
                _("Since"): t.date(a.since, "medium"),
                _("Blocked"): a.blocked_reason or "—",
            }
            for a in view.applicants
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.write(_("No applicant on this date."))
