"""The app's shell around every page: notices, the sidebar (interface language, as-of date,
sign-in) and the navigation by role. The entry point (``streamlit_app.py``) calls :func:`run`
at every rerun; being a module, it is compiled once per process, not at every rerun."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from governance import clock
from governance.i18n import UI_LANGUAGES
from governance.rules.errors import N_
from governance.rules.permissions import Action, can
from governance.services import accounts
from governance.settings import get_settings
from ui import context
from ui.boundary import page_boundary
from ui.widgets import attempt

PUBLIC_PAGES = (
    ("pages/views/overview.py", N_("Overview"), ":material/account_balance:", True),
    ("pages/views/decisions.py", N_("Decisions"), ":material/gavel:", False),
    ("pages/views/communiques.py", N_("Communiqués"), ":material/article:", False),
    ("pages/views/chairs.py", N_("Chairs"), ":material/chair:", False),
    ("pages/views/participants.py", N_("Participants and applicants"), ":material/public:", False),
    ("pages/views/meetings.py", N_("Meetings"), ":material/event:", False),
    ("pages/views/rule26.py", N_("Rule 26: what takes effect when"), ":material/translate:", False),
    (
        "pages/views/instruments.py",
        N_("External instruments"),
        ":material/library_books:",
        False,
    ),
)
PAGES = "navigation_pages"
# Pages that need a role: registered for everyone (a direct URL gets a refusal on the page
# itself), listed in the navigation only for those who may use them.
ROLE_PAGES = (
    (
        "pages/views/replies.py",
        N_("Reply to written procedures"),
        ":material/how_to_vote:",
        Action.REPLY_TO_PROCEDURE,
    ),
    (
        "pages/views/secretariat.py",
        N_("Secretariat desk"),
        ":material/edit_document:",
        Action.RECORD_DECISION,
    ),
    ("pages/views/history.py", N_("Record history"), ":material/history:", Action.RECORD_DECISION),
    (
        "pages/views/report.py",
        N_("Annual report to the UN General Assembly"),
        ":material/summarize:",
        Action.DRAFT_REPORT,
    ),
    (
        "pages/views/accounts.py",
        N_("Accounts"),
        ":material/manage_accounts:",
        Action.MANAGE_ACCOUNTS,
    ),
)


def sign_in_form(ctx: context.Ctx) -> None:
    """User name and password; a note while no admin account exists yet."""
    t, _ = ctx.t, ctx.t.gettext
    with st.form("sign_in"):
        username = st.text_input(_("User name"), key="sign_in_user")
        password = st.text_input(_("Password"), type="password", key="sign_in_password")
        if st.form_submit_button(_("Sign in")):
            actor = attempt(
                t,
                lambda: accounts.sign_in(
                    engine=ctx.engine, username=username, password=password, now=datetime.now(UTC)
                ),
            )
            if actor is not None:
                context.remember(actor, cookie=True)
                st.rerun()
    if not accounts.has_admin(engine=ctx.engine):
        st.info(
            _(
                "Read-only until the first admin account exists. On the server run: "
                "plenary user add NAME --role admin"
            )
        )


def run() -> None:
    """One rerun: resolve the session's context, show the notices and the sidebar, then run the
    page asked for inside the page boundary."""
    ctx = context.resolve()
    notices(ctx)
    sidebar(ctx)
    document_language(ctx.language)
    wrapping_values()
    navigation = st.navigation(navigation_pages(ctx))
    # The browser's tab and history name the page, in the reader's language.
    st.set_page_config(page_title=f"{navigation.title} · Plenary")
    context.sync_query()
    with page_boundary(ctx.t, navigation.url_path or "overview"):
        navigation.run()


def notices(ctx: context.Ctx) -> None:
    """A clamped as-of date, a session ended by an account change, a pending cookie request."""
    t, _ = ctx.t, ctx.t.gettext
    settings = get_settings()
    if (notice := context.clamped_notice()) is not None:
        st.warning(
            _(
                "The record covers {low} to {high}; {asked} is outside it, so the record is shown "
                "as of {shown}.",
                low=t.date(settings.earliest_date),
                high=t.date(settings.latest_date),
                asked=notice[0].isoformat(),
                shown=t.date(notice[1]),
            ),
            icon=":material/event_busy:",
        )

    if context.signed_out_notice():
        st.warning(
            _("You have been signed out: your account was disabled or changed. Sign in again."),
            icon=":material/logout:",
        )
    context.run_cookie_script()


def document_language(language: str) -> None:
    """``<html lang>`` in the interface language, so screen readers, hyphenation and the
    browser's translation offer know the page's language (Streamlit serves ``lang="en"`` and
    has no setting for it; ``st.html`` runs a script in the page itself, not in an iframe).
    The script changes only when the language does, so it runs again then."""
    if language not in UI_LANGUAGES:  # never anything but a known code in the script
        return
    with st.sidebar:
        st.html(
            f"<script>document.documentElement.lang = {json.dumps(language)};</script>",
            unsafe_allow_javascript=True,
        )


WRAPPING_VALUES = """<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: break-word; height: auto !important; line-height: 1.2;
}
</style>"""
"""Metric values wrap instead of ending in "…": a status or a name is longer in French or
Russian than the column Streamlit gives it ("Adoptée, en atten…")."""


def wrapping_values() -> None:
    """The style that lets every metric value wrap (a style-only ``st.html`` takes no space)."""
    st.html(WRAPPING_VALUES)


def sidebar(ctx: context.Ctx) -> None:
    """Interface language, as-of date, and who is signed in (or the ways to sign in)."""
    _ = ctx.t.gettext
    settings = get_settings()
    # The widgets show the session's values (the URL or a button may have changed them).
    st.session_state["language_choice"] = ctx.language
    st.session_state["as_of_choice"] = ctx.as_of

    with st.sidebar:
        st.selectbox(
            _("Language"),
            UI_LANGUAGES,
            format_func=context.language_name,
            key="language_choice",
            on_change=lambda: context.set_language(st.session_state["language_choice"]),
        )
        st.date_input(
            _("As of"),
            min_value=settings.earliest_date,
            max_value=settings.latest_date,
            format="YYYY-MM-DD",
            key="as_of_choice",
            on_change=lambda: context.set_as_of(st.session_state["as_of_choice"]),
            help=_("Every page shows the record as it stood on this date."),
        )
        if ctx.as_of != clock.today():
            st.button(_("Back to today"), on_click=context.set_as_of, args=(clock.today(),))

        st.divider()
        if ctx.actor.role.value != "public":
            st.caption(
                _("Signed in as {user}", user=ctx.actor.username)
                + (f" · {ctx.name(ctx.actor.participant)}" if ctx.actor.participant else "")
            )
            st.button(_("Sign out"), on_click=context.sign_out, key="sign_out")
        else:
            if context.provider_configured():
                st.button(_("Sign in with your organisation"), on_click=st.login, key="oidc")
            # The form (and the question whether an admin exists) only while the expander is open.
            with st.expander(
                _("Sign in"), icon=":material/login:", key="sign_in_open", on_change="rerun"
            ) as sign_in_box:
                if sign_in_box.open:
                    sign_in_form(ctx)


def listed(ctx: context.Ctx, action: Action) -> bool:
    """Replies are a delegate's page (the secretariat records replies at its desk)."""
    if action is Action.REPLY_TO_PROCEDURE:
        return ctx.actor.participant is not None
    return can(ctx.actor, action)


def navigation_pages(ctx: context.Ctx) -> list[StreamlitPage]:
    """The pages in this session's language, the role pages listed as the account may use
    them; built once per language and listing (a page resolves its file when built)."""
    shown = tuple(listed(ctx, action) for *_, action in ROLE_PAGES)
    t, key = ctx.t, (ctx.language, shown)
    built = st.session_state.get(PAGES)
    if built is not None and built[0] == key:
        return list(built[1])
    pages = [
        st.Page(path, title=t.gettext(title), icon=icon, default=default)
        for path, title, icon, default in PUBLIC_PAGES
    ]
    pages += [
        st.Page(
            path, title=t.gettext(title), icon=icon, visibility="visible" if visible else "hidden"
        )
        for (path, title, icon, _action), visible in zip(ROLE_PAGES, shown, strict=True)
    ]
    st.session_state[PAGES] = (key, pages)
    return pages
