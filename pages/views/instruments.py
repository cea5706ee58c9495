"""External instruments: UN General Assembly and Security Council resolutions, WTO waivers and
the like that frame the Plenary's work, and what in the record cites them."""

from __future__ import annotations

from html import escape

import streamlit as st

from governance import labels
from governance.services import instruments
from governance.services.views import CitationView
from ui import context, page_cache, paging, query
from ui.tables import table, td
from ui.widgets import inert

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext

st.title(_("External instruments"))
st.caption(
    _(
        "Acts of other bodies that frame the Plenary's work, as known on {date}, with the "
        "paragraph that concerns the scheme and what in the record cites them.",
        date=t.date(ctx.as_of),
    )
)


def cited(c: CitationView) -> str:
    if c.target_kind == "status_event" and c.status_on is not None:
        return _("{name} (change of status of {date})", name=c.target, date=t.date(c.status_on))
    return f"{t.label(labels.CITATION_TARGET, c.target_kind)} {c.target}"


total = page_cache.read(instruments.count_instruments, engine=ctx.engine, on=ctx.as_of)
if not total:
    st.info(_("No external instrument is known on this date."), icon=":material/info:")
    st.stop()
size = paging.PAGE_SIZE
query.preset("instruments_page", "page", None, 1)  # checked against the pages by page_offset
offset = paging.page_offset(t, "instruments_page", total, size)
query.record("instruments_page", "page", 1)
shown = page_cache.read(
    instruments.list_instruments, engine=ctx.engine, on=ctx.as_of, limit=size, offset=offset
)
st.write(t.ngettext("{n} instrument", "{n} instruments", total))
# Wrapping cells: the paragraph, the source and what cites each instrument stay in view.
head = [
    _("Number"),
    _("Body"),
    _("Date"),
    _("Title"),
    _("Paragraph that concerns the scheme"),
    _("Source"),
    _("Cited by"),
]
rows = [
    td(f"<b>{escape(i.reference)}</b>")
    + td(escape(t.label(labels.INSTRUMENT_BODY, i.body)))
    + td(escape(t.date(i.adopted_on, "medium")))
    + td(escape(i.title))
    + td(escape(i.paragraph))
    + td(escape(i.source))
    + td(escape("; ".join(cited(c) for c in i.cited_by) or "—"))
    for i in shown
]
st.markdown(
    table(head, rows, widths=("10%", "9%", "9%", "20%", "22%", "12%")), unsafe_allow_html=True
)
for i in shown:
    if i.note or i.url:
        with st.expander(_("Notes on {reference}", reference=i.reference)):
            if i.note:
                st.markdown(inert(i.note))
            if i.url:
                st.markdown(inert(i.url))
