"""Per-session view state: interface language, content language and the as-of date.

Both live in the URL query string (``?lang=fr&as_of=2004-06-01``) so a link reproduces the view,
and in the session so they survive page navigation. The translator is chosen per session from
the per-locale cache; nothing is installed process-wide.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

import streamlit as st
from sqlalchemy.engine import Engine

from governance import clock, db, participant_names
from governance.i18n import (
    UI_LANGUAGES,
    Translator,
    endonym,
    negotiate,
    normalise,
    translator,
)
from governance.rules.errors import PlenaryError
from governance.rules.permissions import ANONYMOUS, Actor
from governance.services import accounts, record
from governance.settings import get_settings
from ui import session_cookie

LANG = "lang"
AS_OF = "as_of"


def engine() -> Engine:
    """The one engine for the configured URL, schema upgraded and record loaded on first use."""
    return _engine(get_settings().database_url)


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    eng = db.get_engine(url)
    record.init_database(eng, get_settings(url))
    return eng


@dataclass(frozen=True)
class Ctx:
    t: Translator
    language: str
    as_of: date
    engine: Engine
    actor: Actor = ANONYMOUS

    def _(self, message: str, **params: object) -> str:
        return self.t.gettext(message, **params)

    def name(self, recorded: str) -> str:
        """A Participant's (or an Observer's) name in the reader's language; the record and
        its search keep the English name."""
        return participant_names.localized(recorded, self.language)


def _query_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


RESOLVED = "resolved_context"
"""The context the entry point resolved in this run, handed to the page it runs (once)."""


def resolve() -> Ctx:
    """Read the language and the as-of date (URL, then session, then browser/today) and keep
    them in the session; the entry point writes them back to the URL once the page is known.
    The page run next gets this context from :func:`current` without resolving it again."""
    state = st.session_state
    language = _language()
    as_of = _query_date(st.query_params.get(AS_OF)) or state.get(AS_OF) or clock.today()
    state[LANG], state[AS_OF] = language, clamped(as_of)
    ctx = Ctx(translator(language), language, state[AS_OF], engine(), current_actor())
    state[RESOLVED] = ctx
    return ctx


def _language() -> str:
    """``?lang=``, else the session's, else the browser's (asked only then), else English."""
    query, session = st.query_params.get(LANG), st.session_state.get(LANG)
    if query in UI_LANGUAGES:
        return str(query)
    if not query and session in UI_LANGUAGES:
        return str(session)
    return normalise(query) or normalise(session) or negotiate(browser=_browser_locale())


CLAMPED = "as_of_clamped"


def clamped(as_of: date) -> date:
    """``as_of`` within the dates the record covers; a date outside (from a link) is moved to
    the nearest bound and the asked-for date kept for a notice (:func:`clamped_notice`)."""
    settings = get_settings()
    bounded = min(max(as_of, settings.earliest_date), settings.latest_date)
    if bounded != as_of:
        st.session_state[CLAMPED] = (as_of, bounded)
    return bounded


def clamped_notice() -> tuple[date, date] | None:
    """(asked, shown) once after an as-of date was clamped, else None."""
    notice = st.session_state.pop(CLAMPED, None)
    return notice if isinstance(notice, tuple) else None


def current() -> Ctx:
    """The context for a page script: the one the entry point resolved for this run (taken
    once; a later call, or a page run without the entry point, resolves it afresh)."""
    state = st.session_state
    resolved = state.pop(RESOLVED, None)
    if isinstance(resolved, Ctx):
        return resolved
    if LANG not in state or AS_OF not in state:
        return resolve()
    return Ctx(translator(state[LANG]), state[LANG], state[AS_OF], engine(), current_actor())


ACTOR = "actor"
SIGNED_OUT = "signed_out"
"""Set when this session was signed out because its account changed; the entry point shows
the notice once (in the session's language) and clears it."""
COOKIE_SCRIPT = "cookie_script"
"""A page script still to run: ask the server to set or clear the sign-in cookie."""
COOKIE_IGNORED = "cookie_ignored"
"""This browser session signed out: the cookie it started with is not read again."""
PROVIDER_READ = "provider_read"
"""The identity provider was asked and has signed nobody in for this browser session (a sign-in
there starts a new browser session)."""
COOKIE_READ = "cookie_read"
"""The cookie this browser session started with was read and signs nobody in: a session's
cookies do not change while it lasts, so it is not read again."""


def current_actor() -> Actor:
    """The signed-in account of this session (plain values in the session, never ORM rows):
    by password (in this session, or from the sign-in cookie of an earlier one), or through the
    identity provider when Streamlit's [auth] is configured.

    A signed-in account is re-read from the database on every rerun: an account disabled, given
    another role or another password since the sign-in ends the session here (and every write
    re-checks it). A public visitor costs no query (the cookie is read once per session)."""
    state = st.session_state
    stored = state.get(ACTOR)
    if stored:
        username, role, _participant, version = stored
        actor = _account(username, version)
        if actor is not None and actor.role.value == role:
            if _stored(actor) != stored:
                remember(actor)  # e.g. the Participant was renamed
            return actor
        _ended()
    elif not state.get(COOKIE_IGNORED) and not state.get(COOKIE_READ):
        cookie = session_cookie.read(_cookie())
        if cookie is not None:
            actor = _account(*cookie)
            if actor is not None:
                remember(actor)
                return actor
            _ended()
        state[COOKIE_READ] = True
    if not state.get(PROVIDER_READ):
        email = _provider_email()
        if email:  # asked again at the next rerun: the account may be created meanwhile
            actor = accounts.actor_for_email(engine=engine(), email=email)
            if actor is not None:
                remember(actor)
                return actor
        else:
            state[PROVIDER_READ] = True
    return ANONYMOUS


def _account(username: str, version: int | None) -> Actor | None:
    if version is None:
        return None
    return accounts.current_actor(engine=engine(), username=username, credential_version=version)


def _ended() -> None:
    """The account changed under this session: sign it out, say so, drop the cookie."""
    state = st.session_state
    state.pop(ACTOR, None)
    state[SIGNED_OUT] = True
    state[COOKIE_IGNORED] = True
    state[COOKIE_SCRIPT] = session_cookie.clear_script()


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(session_cookie.COOKIE)
    except Exception:  # no browser connection (AppTest, bare execution)
        return None


def _stored(actor: Actor) -> tuple[str, str, str | None, int | None]:
    return (actor.username, actor.role.value, actor.participant, actor.credential_version)


def remember(actor: Actor, *, cookie: bool = False) -> None:
    """Keep ``actor`` signed in for this session; ``cookie``: also for later ones in this
    browser (a password sign-in)."""
    st.session_state[ACTOR] = _stored(actor)
    st.session_state.pop(SIGNED_OUT, None)
    if cookie:
        st.session_state[COOKIE_SCRIPT] = session_cookie.set_script(actor)


def signed_out_notice() -> bool:
    """Whether this session was just signed out because its account changed (once)."""
    return bool(st.session_state.pop(SIGNED_OUT, False))


def run_cookie_script() -> None:
    """Run the pending cookie request in the page (once)."""
    script = st.session_state.pop(COOKIE_SCRIPT, None)
    if script:
        st.html(script, unsafe_allow_javascript=True)


def sign_out() -> None:
    """Sign out: this session, and every other one of the account (the cookie's copies too)."""
    state = st.session_state
    actor = current_actor()
    state.pop(ACTOR, None)
    state[COOKIE_IGNORED] = True
    state[COOKIE_SCRIPT] = session_cookie.clear_script()
    with contextlib.suppress(PlenaryError):  # busy: this session is signed out all the same
        accounts.sign_out(engine=engine(), actor=actor)
    if _provider_email():
        st.logout()


def _provider_email() -> str | None:
    try:
        if st.user.is_logged_in:
            email = st.user.get("email")
            return str(email) if email else None
    except Exception:  # no [auth] configured, or no browser session
        return None
    return None


def sync_query() -> None:
    state = st.session_state
    wanted = {LANG: state[LANG], AS_OF: state[AS_OF].isoformat()}
    if any(st.query_params.get(k) != v for k, v in wanted.items()):
        st.query_params.update(wanted)


def set_language(language: str) -> None:
    if language in UI_LANGUAGES:
        st.session_state[LANG] = language
        sync_query()


def set_as_of(value: date) -> None:
    st.session_state[AS_OF] = value
    sync_query()


def language_name(code: str) -> str:
    """A language's name in that language, for the language picker (the same for every
    session: Babel asked once)."""
    return endonym(code)


def _browser_locale() -> str | None:
    try:
        return st.context.locale or st.context.headers.get("Accept-Language")
    except Exception:  # no browser context (AppTest, bare execution)
        return None


PROVIDER = "provider_configured"


def provider_configured() -> bool:
    """Whether Streamlit's [auth] (OIDC) is configured in secrets.toml (asked once a session:
    without a secrets file Streamlit looks for one again at every access)."""
    state = st.session_state
    if PROVIDER not in state:
        try:
            state[PROVIDER] = "auth" in st.secrets
        except Exception:  # no secrets file at all
            state[PROVIDER] = False
    return bool(state[PROVIDER])
