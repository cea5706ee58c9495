"""Rule 26, what takes effect when: the decisions awaiting formal adoption on the chosen date,
each official language version's state and date, what one language's next publication would
complete, and translation progress over time.

Deep link: ``?meeting=<code>&language=<code>`` (alongside ``lang`` and ``as_of``).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from governance import charts, labels
from governance.services import rule26
from governance.services.views import Rule26Cell
from ui import context, page_cache, paging, query
from ui.tables import table, td
from ui.widgets import attempt

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
ANY = ""
MEETING, LANGUAGE = "meeting", "language"  # query parameters
MEETING_KEY, LANGUAGE_KEY = "rule26_meeting", "rule26_language"
state = st.session_state


def chosen(key: str, param: str) -> str:
    """The filter's value: a link's (``?param=``), else the session's, else none (a value that
    does not apply on the date is caught below, once the board is read)."""
    query.preset(key, param, None, ANY)
    return str(state[key] or ANY)


SHADES = {"available": "#e6f4ea", "final": "#fff4e0", "in_translation": "#eef2fb"}


def cell(c: Rule26Cell) -> str:
    """A language version's state, and on the next line the date it reached it."""
    reached = escape(t.label(labels.VERSION_STATE, "missing" if c.on is None else c.state))
    if c.on is None:
        return td(reached)
    return td(
        f"{reached}<br><small>{escape(t.date(c.on, 'medium'))}</small>", SHADES.get(c.state, "")
    )


st.title(_("Rule 26: what takes effect when"))
st.caption(
    _(
        "A decision is formally adopted only once it is available in all five official "
        "languages. The decisions awaiting formal adoption on {date}, with the state of each "
        "language version on that date.",
        date=t.date(ctx.as_of),
    )
)

meeting, language = chosen(MEETING_KEY, MEETING), chosen(LANGUAGE_KEY, LANGUAGE)
# The page number is kept per filter: another filter starts again from its first page.
page_key = f"rule26_page_{hash((meeting, language))}"
number = state.get(page_key)
board = attempt(
    t,
    lambda: page_cache.read(
        rule26.board,
        engine=ctx.engine,
        on=ctx.as_of,
        meeting=meeting or None,
        language=language or None,
        limit=rule26.PAGE,
        offset=(number - 1) * rule26.PAGE if isinstance(number, int) else 0,
        reading=ctx.language,
    ),
)
if board is None and not (meeting or language):
    st.stop()
if board is None or (meeting and meeting not in {m.code for m in board.meetings}):
    # A link naming an unknown meeting or language, or a meeting with nothing awaiting on this
    # date (the as-of date changed): the board without the filters.
    for key, param in ((MEETING_KEY, MEETING), (LANGUAGE_KEY, LANGUAGE)):
        state[key] = ANY
        st.query_params.pop(param, None)
    state["rule26_reset"] = True
    st.rerun()
assert board is not None
if state.pop("rule26_reset", False):
    st.info(_("The filters asked for do not apply on this date: the whole board is shown."))

meeting_titles = {
    m.code: f"{m.title} ({t.date_range(m.starts_on, m.ends_on)})" for m in board.meetings
}
with st.container(border=True):
    first, second = st.columns(2)
    first.selectbox(
        _("Meeting"),
        [ANY, *meeting_titles],
        format_func=lambda c: meeting_titles.get(c, _("All meetings")),
        key=MEETING_KEY,
    )
    second.selectbox(
        _("Still waiting for"),
        [ANY, *board.languages],
        format_func=lambda c: t.language_name(c) if c else _("Any language"),
        key=LANGUAGE_KEY,
    )
query.record(MEETING_KEY, MEETING, ANY)
query.record(LANGUAGE_KEY, LANGUAGE, ANY)

if not board.rows:
    st.info(_("No decision awaits formal adoption on this date with these filters."))
else:
    st.write(
        t.ngettext(
            "{n} decision awaits formal adoption",
            "{n} decisions await formal adoption",
            board.total,
        )
    )
    paging.page_offset(t, page_key, board.total, rule26.PAGE)
    if board.total > len(board.rows):
        st.caption(
            _(
                "Decisions {first}–{last} of {total}",
                first=t.number(board.offset + 1),
                last=t.number(board.offset + len(board.rows)),
                total=t.number(board.total),
            )
        )
    names = {code: t.language_name(code) for code in board.languages}
    # A compact HTML table rather than a data grid: its cells wrap (state, then date), so the
    # five language columns stay in view on a laptop screen, with no horizontal scroll.
    head = [_("Decision"), *names.values(), _("Completed by")]
    body = [
        td(f"<b>{escape(row.reference)}</b><br>{escape(row.title)}")
        + "".join(cell(c) for c in row.cells)
        + td(escape(names[row.completes_with]) if row.completes_with else "—")
        for row in board.rows
    ]
    st.markdown(table(head, body, widths=("30%",)), unsafe_allow_html=True)
    st.caption(_("Completed by: the one language still missing, when only one is."))

st.subheader(_("What each language's next publication would complete"))
st.caption(
    _(
        "Decisions for which this language is the only one still missing: making it available "
        "would make them formally adopted."
    )
)
st.dataframe(
    [
        {
            _("Language"): t.language_name(c.language),
            _("Decisions"): c.total,
            _("References"): ", ".join(c.references) + (" …" if c.total > len(c.references) else "")
            or "—",
        }
        for c in board.completions
    ],
    column_config={_("References"): st.column_config.TextColumn(width="large")},
    hide_index=True,
    width="stretch",
)

st.subheader(_("Translation progress"))
if board.progress:
    chart = charts.translation_progress(
        board.progress,
        charts.ProgressText(
            title=_("Decisions made available, by language"),
            date=_("Date"),
            count=_("Decisions"),
            language=_("Language"),
            languages={code: t.language_name(code) for code in board.languages},
            locale=t.formatting_locale,
            as_of=ctx.as_of,
            as_of_label=_("As of"),
        ),
    )
    st.altair_chart(chart, width="stretch")
else:
    st.write(_("No language version of a decision had been made available by this date."))
