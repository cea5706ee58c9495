"""Meetings: the meetings held by the chosen date, and one meeting's reported figures,
communiqué and decisions.

Deep link: ``?meeting=<code>`` (alongside ``lang`` and ``as_of``).
"""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.i18n import SOURCE_LANGUAGE
from governance.services import decisions, meetings
from ui import context, page_cache, paging, query
from ui.tables import WRAPPING_ROW_HEIGHT
from ui.widgets import inert

MEETING = "meeting"  # query parameter
MEETING_KEY = "meetings_choice"
PAGE_KEY = "meetings_page"

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext


def forget() -> None:
    """Another page of the list: its latest item is chosen, not the one from the page left."""
    st.query_params.pop(MEETING, None)
    st.session_state.pop(MEETING_KEY, None)


st.title(_("Meetings"))
st.caption(_("Meetings held by {date}.", date=t.date(ctx.as_of)))

total = meetings.count_meetings(engine=ctx.engine, on=ctx.as_of)
if not total:
    st.info(_("No meeting had begun by {date}.", date=t.date(ctx.as_of)))
    st.stop()

st.write(t.ngettext("{n} meeting", "{n} meetings", total))
size = paging.PAGE_SIZE
offset = paging.page_offset(t, PAGE_KEY, total, size, on_change=forget)
held = page_cache.read(
    meetings.list_meetings,
    engine=ctx.engine,
    on=ctx.as_of,
    limit=size,
    offset=offset,
    newest_first=True,
    reading=ctx.language,
)[::-1]  # the latest window, shown in date order
if total > size:
    st.caption(paging.latest_window_caption(t, offset, len(held), total))
st.dataframe(
    [
        {
            _("Meeting"): m.title,
            _("Kind"): t.label(labels.MEETING_KIND, m.kind),
            _("Dates"): t.date_range(m.starts_on, m.ends_on),
            _("Place"): m.place,
            _("Host"): m.host or "—",
            _("Chair"): m.chair or "—",
            _("Communiqué"): m.communique or "—",
            _("Source"): m.source or "—",
            _("Note"): m.note or "—",
        }
        for m in held
    ],
    hide_index=True,
    width="stretch",
)

by_code = {m.code: m for m in held}
linked = st.query_params.get(MEETING)
if linked and linked not in by_code:  # a link to a meeting on another page of the list
    found = meetings.meeting_listed(
        engine=ctx.engine, code=linked, on=ctx.as_of, reading=ctx.language
    )
    if found is not None:
        by_code[found.code] = found
codes = list(by_code)
query.preset(MEETING_KEY, MEETING, codes, codes[-1])  # the latest
code = st.selectbox(
    _("Meeting"),
    codes,
    format_func=lambda c: _(
        "{title} ({dates})",
        title=by_code[c].title,
        dates=t.date_range(by_code[c].starts_on, by_code[c].ends_on),
    ),
    key=MEETING_KEY,
)
query.record(MEETING_KEY, MEETING, None)
meeting = by_code[code]

st.header(meeting.title)
if ctx.language != SOURCE_LANGUAGE and not meeting.title_translated:
    st.caption(_("This meeting's title and place have no version in this language yet."))
st.caption(
    " · ".join(
        part
        for part in (
            t.label(labels.MEETING_KIND, meeting.kind),
            t.date_range(meeting.starts_on, meeting.ends_on),
            meeting.place,
            _("Source: {source}", source=meeting.source) if meeting.source else "",
        )
        if part
    )
)
host, chair = st.columns(2)
host.metric(_("Host"), meeting.host or "—")
chair.metric(_("Chair"), meeting.chair or "—")
if meeting.note:
    st.info(_("Note: {note}", note=inert(meeting.note)), icon=":material/sticky_note_2:")

st.subheader(_("Reported figures"))
if meeting.figures:
    st.caption(_("Counts as the meeting reported them, in the words of the record."))
    st.dataframe(
        [
            {_("Figure"): f.label, _("Value"): f.value, _("Source"): f.source or "—"}
            for f in meeting.figures
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.write(_("This meeting reported no figures."))

st.subheader(_("Communiqué"))
if meeting.communique:
    st.write(_("Final communiqué: {code}", code=meeting.communique))
    st.page_link(
        "pages/views/communiques.py",
        label=_("Read it on the Communiqués page, in any official language"),
        icon=":material/article:",
        query_params={"communique": meeting.communique},
    )
else:
    st.write(_("No communiqué had been issued for this meeting by this date."))

st.subheader(_("Decisions"))
taken = decisions.list_decisions(
    engine=ctx.engine, on=ctx.as_of, meeting=code, reading=ctx.language
)
if taken:
    st.write(t.ngettext("{n} decision", "{n} decisions", len(taken)))
    st.dataframe(
        [
            {
                _("Reference"): d.reference,
                _("Title"): d.title,
                _("Procedure"): t.label(labels.PROCEDURE, d.procedure),
                _("Status"): t.label(labels.DECISION_STATUS, d.status),
                _("Adopted on"): t.date(d.adopted_on, "medium"),
                _("Formally adopted on"): t.date(d.formally_adopted_on, "medium"),
            }
            for d in taken
        ],
        column_config={_("Status"): st.column_config.TextColumn(width=170)},
        row_height=WRAPPING_ROW_HEIGHT,
        hide_index=True,
        width="stretch",
    )
else:
    st.write(_("No decision of this meeting is recorded by this date."))
