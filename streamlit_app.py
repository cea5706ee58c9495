"""Plenary — entry point: navigation, interface language and the as-of date for every page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from governance.i18n import UI_LANGUAGES, translator
from governance.rules.errors import N_
from ui import context

PAGES = (
    ("pages/views/overview.py", N_("Overview"), ":material/account_balance:", True),
    ("pages/views/decisions.py", N_("Decisions"), ":material/gavel:", False),
    ("pages/views/communiques.py", N_("Communiqués"), ":material/article:", False),
    ("pages/views/chairs.py", N_("Chairs"), ":material/chair:", False),
    ("pages/views/participants.py", N_("Participants and applicants"), ":material/public:", False),
    ("pages/views/meetings.py", N_("Meetings"), ":material/event:", False),
    ("pages/views/secretariat.py", N_("Secretariat desk"), ":material/edit_document:", False),
)

st.set_page_config(page_title="Plenary", page_icon=":material/balance:", layout="wide")
ctx = context.resolve()
_ = ctx.t.gettext

# The widgets show the session's values (the URL or a button may have changed them).
st.session_state["language_choice"] = ctx.language
st.session_state["as_of_choice"] = ctx.as_of

with st.sidebar:
    st.selectbox(
        _("Language"),
        UI_LANGUAGES,
        format_func=ctx.t.language_name,
        key="language_choice",
        on_change=lambda: context.set_language(st.session_state["language_choice"]),
    )
    st.date_input(
        _("As of"),
        min_value=date(2000, 1, 1),
        max_value=date(2100, 12, 31),
        format="YYYY-MM-DD",
        key="as_of_choice",
        on_change=lambda: context.set_as_of(st.session_state["as_of_choice"]),
        help=_("Every page shows the record as it stood on this date."),
    )
    if ctx.as_of != date.today():
        st.button(_("Back to today"), on_click=context.set_as_of, args=(date.today(),))

t = translator(ctx.language)
navigation = st.navigation(
    [
        st.Page(path, title=t.gettext(title), icon=icon, default=default)
        for path, title, icon, default in PAGES
    ]
)
context.sync_query()
navigation.run()
