"""Printable documents: a communiqué or a decision in one of the official languages as PDF.

One service call reads what the page shows (one transaction) and returns the file's bytes. The
PDF speaks the language of the text it prints: the body's name, the meeting, the labels and
the page numbers come from that language's catalog and glossary, the text from its language
version as it stood on the date asked about. A version that is not final and made available
says so on every page (in translation, machine draft, final but not yet made available); a
language with no version is refused (nothing would be printed), naming the ones that exist.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance import glossary, labels, rendering
from governance.db import transaction
from governance.i18n import Translator, translator
from governance.models import Body, Communique, Decision, Meeting
from governance.rules.errors import NotFoundError, NoVersionToPrintError
from governance.services import content, decisions, lookup, translations
from governance.services.views import LanguageVersionView, title_in

PDF_MIME = rendering.MIME["pdf"]


def body_name(session: Session, language: str) -> str:
    """The body's name in ``language``: the record's rendering, else the glossary's, else the
    name as recorded."""
    config = lookup.body_config(session)
    reading = content.reading(config, language)
    if reading is None:
        return config.name
    body_id = session.exec(select(Body.id)).first()
    if body_id is not None:
        name, found = content.rendering_of(session, "body", body_id, "name", config.name, reading)
        if found:
            return name
    for term in glossary.load():
        if config.name in term.forms.get("en", ()) and term.forms.get(language):
            return term.forms[language][0]
    return config.name


def state_notice(t: Translator, version: LanguageVersionView) -> str:
    """What the version is, in one line of the document's language."""
    if version.state == "available":
        said = t.gettext("Final, made available on {date}.", date=t.date(version.available_on))
        return said[:-1] if said.endswith("..") else said  # "… 2003 г.." in Russian
    return {
        "machine_draft": t.gettext("Unofficial machine draft — not a translation of the Plenary."),
        "in_translation": t.gettext("Unofficial translation in progress — not final."),
        "final": t.gettext("Final, not yet made available to all Participants."),
    }.get(version.state, t.label(labels.VERSION_STATE, version.state))


def banner(t: Translator, version: LanguageVersionView) -> str:
    """The warning printed on every page of a text that is not final and made available."""
    return "" if version.state == "available" else state_notice(t, version)


def text_pdf(*, engine: Engine, reference: str, language: str, on: date) -> bytes:
    """The PDF of the decision or communiqué ``reference`` in ``language`` as it stood on
    ``on``. Refused with :class:`NoVersionToPrintError` when that language has no version yet."""
    return rendering.pdf(
        text_document(engine=engine, reference=reference, language=language, on=on)
    )


def text_document(*, engine: Engine, reference: str, language: str, on: date) -> rendering.Document:
    """The printable document of a decision or communiqué (one transaction)."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lang = lookup.language(config, language.strip().lower())
        decision = lookup.find(session, Decision, Decision.reference, reference)
        if decision is not None:
            return _decision(session, decision, lang, on)
        communique = lookup.find(session, Communique, Communique.code, reference)
        if communique is not None:
            return _communique(session, communique, lang, on)
        raise NotFoundError(what="decision or communiqué", name=reference)


def file_name(reference: str, language: str, fmt: str = "pdf") -> str:
    """A safe file name for a download: ``2003-SUN-04.ru.pdf``."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in reference)
    return f"{safe}.{language}.{fmt}"


def _version(
    session: Session, owner: Decision | Communique, reference: str, language: str, on: date
) -> tuple[LanguageVersionView, tuple[str, bool]]:
    """The version to print and its title (the source's when it has none, and whether it is
    its own); refused when that language has no version on ``on``."""
    config = lookup.body_config(session)
    versions = {
        v.language: v for v in translations.versions_on(session, owner, config.languages, on)
    }
    version = versions[language]
    if version.state == "missing" or not version.text.strip():
        existing = [v for v, found in versions.items() if found.state != "missing"]
        raise NoVersionToPrintError(
            reference=reference, language=language, on=on, existing=", ".join(existing) or "—"
        )
    return version, title_in(owner.title, tuple(versions.values()), language)


def _meeting_lines(
    t: Translator, session: Session, meeting: Meeting, language: str
) -> list[rendering.Block]:
    """The meeting's title, place and dates in ``language`` where the record has them."""
    reading = content.reading(lookup.body_config(session), language)
    assert meeting.id is not None
    title, _ = content.rendering_of(session, "meeting", meeting.id, "title", meeting.title, reading)
    place, _ = content.rendering_of(session, "meeting", meeting.id, "place", meeting.place, reading)
    return [
        rendering.Paragraph(title),
        rendering.Paragraph(
            t.gettext(
                "{place}, {dates}",
                place=place,
                dates=t.date_range(meeting.starts_on, meeting.ends_on),
            )
        ),
    ]


def _frame(
    t: Translator,
    session: Session,
    *,
    reference: str,
    title: tuple[str, bool],
    language: str,
    version: LanguageVersionView,
    on: date,
    facts: list[rendering.Block],
) -> rendering.Document:
    """Title, facts, the version's language and state, then the text."""
    config = lookup.body_config(session)
    language_line = t.gettext(
        "Language: {language} · version: {state}",
        language=t.language_name(language),
        state=t.label(labels.VERSION_STATE, version.state),
    )
    heading = title[0]
    blocks = _title(t, heading, title[1] or language == config.source_language)
    blocks += facts
    blocks += [rendering.Paragraph(language_line), rendering.Paragraph(state_notice(t, version))]
    blocks.append(rendering.Heading(t.gettext("Text"), 2))
    blocks += [
        rendering.Paragraph(paragraph.strip())
        for paragraph in version.text.replace("\r\n", "\n").split("\n\n")
        if paragraph.strip()
    ]
    return rendering.Document(
        title=heading,
        language=language,
        header=body_name(session, language),
        blocks=tuple(blocks),
        banner=banner(t, version),
        footer=t.gettext(
            "{reference} · {language} · as recorded on {date}",
            reference=reference,
            language=t.language_name(language),
            date=t.date(on),
        ),
        page_label=t.gettext("Page {page} of {pages}"),
    )


def _title(t: Translator, heading: str, own: bool) -> list[rendering.Block]:
    """The heading and, when the version has no title of its own, a plain note that the title
    is the source language's."""
    blocks: list[rendering.Block] = [rendering.Heading(heading, 1)]
    if not own:
        blocks.append(
            rendering.Paragraph(
                t.gettext("This version has no title of its own: the original title is shown."),
                note=True,
            )
        )
    return blocks


def _communique(session: Session, row: Communique, language: str, on: date) -> rendering.Document:
    t = translator(language)
    version, title = _version(session, row, row.code, language, on)
    meeting = session.get(Meeting, row.meeting_id)
    assert meeting is not None
    facts: list[rendering.Block] = [
        *_meeting_lines(t, session, meeting, language),
        rendering.Paragraph(t.gettext("Issued on {date}", date=t.date(row.issued_on))),
    ]
    if row.source:
        facts.append(rendering.Paragraph(t.gettext("Source: {source}", source=row.source), True))
    return _frame(
        t,
        session,
        reference=row.code,
        title=title,
        language=language,
        version=version,
        on=on,
        facts=facts,
    )


def _decision(session: Session, row: Decision, language: str, on: date) -> rendering.Document:
    t = translator(language)
    config = lookup.body_config(session)
    version, title = _version(session, row, row.reference, language, on)
    item = decisions.view(row, decisions.load(session, [row], on), config.languages, on)
    facts: list[rendering.Block] = []
    meeting = session.get(Meeting, row.meeting_id) if row.meeting_id else None
    if meeting is not None:
        facts += _meeting_lines(t, session, meeting, language)
    facts.append(
        rendering.Paragraph(
            t.gettext(
                "{procedure} · adopted on {date}",
                procedure=t.label(labels.PROCEDURE, item.procedure),
                date=t.date(item.adopted_on),
            )
        )
    )
    facts.append(
        rendering.Paragraph(
            t.gettext(
                "Status on {date}: {status}",
                date=t.date(on),
                status=t.label(labels.DECISION_STATUS, item.status),
            )
        )
    )
    if item.formally_adopted_on:
        facts.append(
            rendering.Paragraph(
                t.gettext(
                    "Formally adopted on {date} (Rule 26).", date=t.date(item.formally_adopted_on)
                )
            )
        )
    elif item.languages_missing:
        facts.append(
            rendering.Paragraph(
                t.gettext(
                    "Not yet formally adopted (Rule 26): waiting for {languages}.",
                    languages=", ".join(t.language_name(c) for c in item.languages_missing),
                )
            )
        )
    if row.source:
        facts.append(rendering.Paragraph(t.gettext("Source: {source}", source=row.source), True))
    return _frame(
        t,
        session,
        reference=row.reference,
        title=(f"{row.reference} — {title[0]}", title[1]),
        language=language,
        version=version,
        on=on,
        facts=facts,
    )
