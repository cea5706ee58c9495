"""Communiqués: a meeting's final communiqué in a chosen language, the state of each language
version and the decisions it announced, as of the chosen date.

Deep link: ``?communique=<code>&content=<language>`` (alongside ``lang`` and ``as_of``).
"""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.i18n import SOURCE_LANGUAGE, endonym
from governance.services import meetings
from ui import context, downloads, page_cache, paging, query
from ui.widgets import inert

COMMUNIQUE, CONTENT = "communique", "content"  # query parameters
COMMUNIQUE_KEY, CONTENT_KEY = "communiques_choice", "communiques_content_language"
PAGE_KEY = "communiques_page"

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext


def forget() -> None:
    """Another page of the list: its latest item is chosen, not the one from the page left."""
    st.query_params.pop(COMMUNIQUE, None)
    st.session_state.pop(COMMUNIQUE_KEY, None)


def read_in(language: str) -> None:
    """A button's choice of the text's language (before the widget is drawn)."""
    st.session_state[CONTENT_KEY] = language


st.title(_("Communiqués"))
st.caption(_("Final communiqués of the Plenary as of {date}.", date=t.date(ctx.as_of)))

total = meetings.count_communiques(engine=ctx.engine, on=ctx.as_of)
if not total:
    st.info(_("No communiqué had been issued by {date}.", date=t.date(ctx.as_of)))
    st.stop()

size = paging.PAGE_SIZE
offset = paging.page_offset(t, PAGE_KEY, total, size, on_change=forget)
issued = meetings.list_communiques(
    engine=ctx.engine,
    on=ctx.as_of,
    limit=size,
    offset=offset,
    newest_first=True,
    reading=ctx.language,
)[::-1]  # the latest window, shown in date order
if total > size:
    st.caption(paging.latest_window_caption(t, offset, len(issued), total))
titles = {code: (title, issued_on) for code, title, issued_on in issued}
linked = st.query_params.get(COMMUNIQUE)
if linked and linked not in titles:  # a link to a communiqué on another page of the list
    found = meetings.communique_listed(
        engine=ctx.engine, code=linked, on=ctx.as_of, reading=ctx.language
    )
    if found is not None:
        titles[found[0]] = (found[1], found[2])
codes = list(titles)
query.preset(COMMUNIQUE_KEY, COMMUNIQUE, codes, codes[-1])  # the latest
code = st.selectbox(
    _("Communiqué"),
    codes,
    format_func=lambda c: _(
        "{title} (issued on {date})", title=titles[c][0], date=t.date(titles[c][1])
    ),
    key=COMMUNIQUE_KEY,
)
query.record(COMMUNIQUE_KEY, COMMUNIQUE, None)

view = page_cache.read(
    meetings.get_communique, engine=ctx.engine, code=code, on=ctx.as_of, reading=ctx.language
)
versions = {v.language: v for v in view.versions}
languages = list(versions)
existing = [lang for lang in languages if versions[lang].state != "missing"]

heading = st.container()  # the heading in the language of the text, once it is chosen
st.caption(
    _("Issued on {date}", date=t.date(view.issued_on))
    + (" · " + _("Source: {source}", source=view.source) if view.source else "")
)
if view.note:
    st.caption(_("Note: {note}", note=inert(view.note)))
st.page_link(
    "pages/views/meetings.py",
    label=_("About the meeting"),
    icon=":material/event:",
    query_params={"meeting": view.meeting},
)

default_language = ctx.language if ctx.language in languages else (existing or languages)[0]
query.preset(CONTENT_KEY, CONTENT, languages, default_language)
language = st.selectbox(
    _("Language of the text"),
    languages,
    format_func=endonym,
    key=CONTENT_KEY,
    help=_("The official languages of the Plenary, each named in its own language."),
)
query.record(CONTENT_KEY, CONTENT, None)
version = versions[language]
name = t.language_in_text(language)
title, translated = view.title_in(language)
heading.header(title)
if language != SOURCE_LANGUAGE and not translated:
    heading.caption(_("This heading has no version in this language yet; shown as recorded."))

if version.state == "missing":
    st.info(
        _(
            "This communiqué has no version in {language} yet: no translation into it is "
            "recorded by this date.",
            language=name,
        ),
        icon=":material/info:",
    )
    if existing:
        st.write(_("Read it in a language that exists:"))
        for column, other in zip(st.columns(len(existing)), existing, strict=True):
            column.button(
                _("Read in {language}", language=t.language_in_text(other)),
                key=f"communiques_read_{other}",
                on_click=read_in,
                args=(other,),
            )
else:
    if version.state == "available":
        st.success(_("Final, made available on {date}.", date=t.date(version.available_on)))
    elif version.state == "final":
        st.info(
            _("Final text, not yet made available to all Participants."),
            icon=":material/info:",
        )
    elif version.state == "in_translation":
        st.info(
            _(
                "Unofficial translation into {language}, in progress: this text is not final "
                "and is not an official text of the Plenary.",
                language=name,
            ),
            icon=":material/construction:",
        )
    else:  # machine_draft
        st.warning(
            _(
                "Unofficial machine draft in {language}: this text was produced by machine "
                "translation. It is not an official text of the Plenary and never counts "
                "towards formal adoption.",
                language=name,
            ),
            icon=":material/warning:",
        )
    downloads.text_pdf(t, ctx.engine, view.code, language, ctx.as_of)
    with st.container(border=True):
        # st.text renders neither Markdown nor HTML: the text is shown exactly as recorded.
        for paragraph in version.text.split("\n\n"):
            if paragraph.strip():
                st.text(paragraph.strip(), width="stretch")
    downloads.akn_document(ctx, "communique", code, language)

st.subheader(_("Language versions"))
st.dataframe(
    [
        {
            _("Language"): t.language_name(v.language),
            _("Version state"): t.label(labels.VERSION_STATE, v.state),
            _("Since"): t.date(v.steps[-1].taken_on) if v.steps else "—",
            _("Made available on"): t.date(v.available_on),
        }
        for v in view.versions
    ],
    hide_index=True,
    width="stretch",
)

st.subheader(_("Decisions announced"))
if view.decisions:
    st.write(
        t.ngettext(
            "This communiqué announced {n} decision.",
            "This communiqué announced {n} decisions.",
            len(view.decisions),
        )
    )
    st.dataframe(
        [
            {
                _("Reference"): d.reference,
                _("Title"): d.title,
                _("Status"): t.label(labels.DECISION_STATUS, d.status),
                _("Adopted on"): t.date(d.adopted_on, "medium"),
                _("Formally adopted on"): t.date(d.formally_adopted_on, "medium"),
                _("Languages available"): t.language_list(d.languages_available, standalone=True),
            }
            for d in view.decisions
        ],
        hide_index=True,
        width="stretch",
    )
    st.page_link(
        "pages/views/decisions.py", label=_("Open the decision register"), icon=":material/gavel:"
    )
else:
    st.write(_("This communiqué announced no recorded decision."))
