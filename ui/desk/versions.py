"""Desk tab "Language versions" (Rule 26): advance one language version of a decision or
communiqué, or request a machine draft of it."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.machine_translation import ProviderSettings
from governance.rules.errors import NotFoundError
from governance.services import bodies, translations
from governance.services import desk as choices
from governance.services.views import Choice, LanguageVersionView
from ui.desk import Desk, choose, coded, day_input, done, select, submitted
from ui.widgets import attempt, inert


def tab(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    st.subheader(_("Advance a language version"))
    targets = choices.untranslated(engine=d.engine, on=d.as_of)
    body = bodies.get_body(engine=d.engine)
    languages = body.official_languages
    left, right = st.columns(2)
    with left:
        target = choose(
            d,
            _("Decision or communiqué"),
            "tr_target",
            [Choice(c.code, c.title) for c in targets],
            required=True,
        )
    with right:
        language = select(
            _("Language"), list(languages), format_func=t.language_name, key="tr_language"
        )
    if not (target and language):
        return
    chosen: str = target

    def version_now() -> LanguageVersionView:
        """The chosen language version as it stands on the as-of date."""
        found = choices.language_version(
            engine=d.engine, target=chosen, language=language, on=d.as_of
        )
        if found is None:
            raise NotFoundError(what="decision or communiqué", name=chosen)
        return found

    current = attempt(t, version_now)
    if current is None:
        return
    state_line = st.empty()  # filled after the form, so it shows a step just recorded
    # The text field shows the current text of the chosen version until another is chosen.
    if st.session_state.get("tr_loaded") != (target, language):
        st.session_state["tr_loaded"] = (target, language)
        st.session_state["tr_text"] = current.text
        st.session_state["tr_title"] = current.title
    with st.form("tr_form"):
        state = select(
            _("New state"),
            list(labels.VERSION_STATE),
            index=list(labels.VERSION_STATE).index("final"),
            format_func=coded(d, labels.VERSION_STATE),
            key="tr_state",
        )
        taken_on = day_input(
            d, _("On (for “made available”: the date it was made available)"), "tr_on"
        )
        title = st.text_input(
            _("Title in this language"),
            key="tr_title",
            help=_("Readers in this language see it in lists and headings."),
        )
        text = st.text_area(_("Text"), key="tr_text", height=200)
        note = st.text_input(_("Note"), key="tr_note")
        if submitted(_("Record the step"), "tr_submit"):
            # Only a changed text is sent: the service keeps the current one otherwise.
            changed = text if text.strip() != current.text.strip() else None
            version = attempt(
                t,
                lambda: translations.set_state(
                    engine=d.engine,
                    actor=d.actor,
                    target=chosen,
                    language=language,
                    state=state,
                    on=taken_on,
                    text=changed,
                    note=note,
                    title=title if title.strip() != current.title else None,
                ),
            )
            if version:
                done(
                    _(
                        "{target}, {language} version: {state} on {date}.",
                        target=target,
                        language=t.language_name(language),
                        state=t.label(labels.VERSION_STATE, version.state),
                        date=t.date(taken_on),
                    ),
                    keep=("tr_target", "tr_language"),
                )
    shown = version_now()
    state_line.caption(
        _(
            "On {date} the {language} version is: {state}.",
            date=t.date(d.as_of),
            language=t.language_name(language),
            state=t.label(labels.VERSION_STATE, shown.state),
        )
        + (
            " " + _("Made available on {date}.", date=t.date(shown.available_on))
            if shown.available_on
            else ""
        )
    )
    flags = (
        translations.terminology_flags(
            engine=d.engine, target=chosen, language=language, on=d.as_of
        )
        if language != body.source_language  # the source text has nothing to check
        else []
    )
    if flags:
        st.warning(
            _("Terminology to review (not the glossary's rendering):")
            + "\n\n"
            + "\n".join(
                f"- {inert(f.source_form)} → {inert(' / '.join(f.expected[:3]))}" for f in flags
            ),
            icon=":material/spellcheck:",
        )
    if shown.state in ("missing", "machine_draft") and language != "en":
        machine_draft(d, chosen, language)


def machine_draft(d: Desk, chosen: str, language: str) -> None:
    t, _ = d.t, d.t.gettext
    st.caption(
        _(
            "A machine draft is labelled as such everywhere and never counts towards "
            "formal adoption."
        )
    )
    if st.button(_("Request a machine draft"), key="tr_machine"):
        with st.status(_("Requesting a machine draft…"), expanded=True) as box:
            bar = st.progress(0.0)

            def progress(done_parts: int, total: int) -> None:
                bar.progress(
                    done_parts / total,
                    text=_("{done} of {total} passages", done=done_parts, total=total),
                )

            drafted = attempt(
                t,
                lambda: translations.machine_draft(
                    engine=d.engine,
                    actor=d.actor,
                    target=chosen,
                    language=language,
                    on=d.as_of,
                    settings=ProviderSettings.from_env(),
                    progress=progress,
                ),
            )
            box.update(
                label=_("Machine draft stored.") if drafted else _("No draft stored."),
                state="complete" if drafted else "error",
            )
