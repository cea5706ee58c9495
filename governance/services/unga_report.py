"""The draft of the annual report to the UN General Assembly, generated from the record.

It follows the shape of the 2003 report (the body's record file): the mandate (the General
Assembly resolutions that ask for the report), participation (the Participants certified as of
a date, trading entities, Observers, applicants and their number), the meetings held with their
dates and places, the decisions of the year and where each stands under Rule 26, review
missions and visits, progress on obligations, the outgoing and incoming Chair and the Vice
Chair, and the external instruments of the year. Every figure and every entry carries its
source in the record (the ``source`` fields), so the secretariat can check the draft against it.

The report speaks one of the official languages: its headings and sentences come from that
language's catalog, dates are formatted for it, the body's name from the glossary, and the
content from the language versions of the record; where a version is missing the report says
so plainly. One read transaction, a fixed number of statements whatever the size of the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import labels, participant_names, rendering
from governance.db import transaction
from governance.i18n import Translator, translator
from governance.models import (
    Communique,
    Decision,
    Entity,
    Instrument,
    Meeting,
    Obligation,
    ReportedFigure,
    ReviewMission,
    TextVersion,
    VersionStep,
)
from governance.rules import obligations, rotation
from governance.rules.errors import N_, ReportYearError, UnknownDocumentFormatError
from governance.rules.obligations import ObligationKind
from governance.services import (
    content,
    decisions,
    lookup,
    offices,
    overview,
    participants,
)
from governance.services.documents import body_name
from governance.services.views import EntityView, TermView

FORMATS = tuple(rendering.WRITERS)

MISSION_KIND = {"review_mission": N_("Review mission"), "review_visit": N_("Review visit")}


def written(*, engine: Engine, year: int, language: str, fmt: str, on: date | None = None) -> bytes:
    """The draft for ``year`` in ``language`` as ``fmt`` (``md``, ``pdf`` or ``docx``)."""
    if fmt not in rendering.WRITERS:
        raise UnknownDocumentFormatError(format=fmt, allowed=", ".join(FORMATS))
    return rendering.write(draft(engine=engine, year=year, language=language, on=on), fmt)


@dataclass(frozen=True)
class ReportPage:
    """What the secretariat's page shows: the years the record covers and the draft of one."""

    years: tuple[int, ...]
    year: int
    document: rendering.Document


def page(*, engine: Engine, year: int | None, language: str, on: date) -> ReportPage:
    """The years the record covers up to ``on`` and the draft for ``year`` (default: the last
    year ended by ``on``, else the latest) in ``language``: one read."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lang = lookup.language(config, language.strip().lower())
        first, last = overview._recorded_span(session)
        if first is None or last is None:
            raise ReportYearError(year=year or on.year, first="—", last="—")
        years = tuple(range(first.year, max(first.year, min(last.year, on.year)) + 1))
        # By default the last year that ended by ``on`` (the report follows the year).
        chosen = year if year in years else (on.year - 1 if on.year - 1 in years else years[-1])
        document = _Draft(session, chosen, lang, date(chosen, 12, 31)).document()
        return ReportPage(years, chosen, document)


def draft(
    *, engine: Engine, year: int, language: str, on: date | None = None
) -> rendering.Document:
    """The draft report for ``year`` in ``language``, from the record as it stood on ``on``
    (default: 31 December of that year). Refused for a year the record does not reach."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lang = lookup.language(config, language.strip().lower())
        first, last = overview._recorded_span(session)
        if first is None or last is None or not first.year <= year <= last.year:
            raise ReportYearError(year=year, first=first or "—", last=last or "—")
        return _Draft(session, year, lang, on or date(year, 12, 31)).document()


class _Draft:
    """One report being written: the session, the year, the language and the date read."""

    def __init__(self, session: Session, year: int, language: str, on: date) -> None:
        self.session = session
        self.year = year
        self.language = language
        self.on = on
        self.start, self.end = date(year, 1, 1), date(year, 12, 31)
        self._rendered: dict[tuple[int, str], str] | None = None
        self._meetings: list[Meeting] | None = None
        self._instruments: list[Instrument] | None = None
        self.reported_states: tuple[int, Meeting, str] | None = None
        self.t: Translator = translator(language)
        self.config = lookup.body_config(session)
        self.body = body_name(session, language)
        self.reading = content.reading(self.config, language)

    def _(self, message: str, **params: object) -> str:
        return self.t.gettext(message, **params)

    def sourced(self, text: str, source: str) -> str:
        """An entry with its source in the record, or said to have none."""
        if source:
            return self._("{text} (source: {source})", text=text, source=source)
        return self._("{text} (no source recorded)", text=text)

    def document(self) -> rendering.Document:
        _, t = self._, self.t
        blocks: list[rendering.Block] = [
            rendering.Heading(
                _(
                    "{body}: report to the United Nations General Assembly for {year}",
                    body=self.body,
                    year=self.year,
                ),
                1,
            ),
            rendering.Paragraph(
                _(
                    "Draft generated from the record as it stood on {date}; every figure "
                    "and entry gives its source in the record: check them before transmission.",
                    date=t.date(self.on),
                ),
                note=True,
            ),
        ]
        if self.reading:
            blocks.append(
                rendering.Paragraph(
                    _(
                        "Names, sources and passages quoted from the record are given as "
                        "recorded, in the original language, where the record has no version of "
                        "them in this language."
                    ),
                    note=True,
                )
            )
        for section in (
            self.mandate,
            self.participation,
            self.meetings,
            self.decisions,
            self.missions,
            self.obligations,
            self.offices,
            self.instruments,
            self.communiques,
        ):
            blocks += section()
        return rendering.Document(
            title=_(
                "{body}: report to the United Nations General Assembly for {year}",
                body=self.body,
                year=self.year,
            ),
            language=self.language,
            header=self.body,
            blocks=tuple(blocks),
            banner=_("Draft generated from the record — not an official document."),
            footer=_("Draft of {date}", date=t.date(self.on)),
            page_label=_("Page {page} of {pages}"),
        )

    # --- sections ------------------------------------------------------------------------------

    def instruments_until(self) -> list[Instrument]:
        """Instruments adopted by the date, read once (the mandate and the instruments of the
        year both use them)."""
        if self._instruments is None:
            self._instruments = list(
                self.session.exec(
                    select(Instrument)
                    .where(Instrument.adopted_on <= self.on)
                    .order_by(col(Instrument.adopted_on), col(Instrument.reference))
                ).all()
            )
        return self._instruments

    def mandate(self) -> list[rendering.Block]:
        """The General Assembly resolutions asking for the report: those of the year and the
        year before, else the latest one."""
        _, t = self._, self.t
        unga = [i for i in self.instruments_until() if i.body == "unga"]
        asking = [i for i in unga if i.adopted_on >= date(self.year - 1, 1, 1)] or unga[-1:]
        blocks: list[rendering.Block] = [rendering.Heading(_("Mandate"), 2)]
        if not asking:
            blocks.append(
                rendering.Paragraph(_("No General Assembly resolution is recorded by this date."))
            )
            return blocks
        items = tuple(
            self.sourced(
                _(
                    "Resolution {reference} of {date}, “{title}”: {paragraph}",
                    reference=i.reference,
                    date=t.date(i.adopted_on),
                    title=i.title,
                    paragraph=i.paragraph,
                ),
                i.source,
            )
            for i in asking
        )
        blocks.append(rendering.Items(items))
        return blocks

    def participation(self) -> list[rendering.Block]:
        _, t = self._, self.t
        register = participants.standings(self.session, on=self.on)
        by_status: dict[str, list[EntityView]] = {}
        for entity in register:
            by_status.setdefault(entity.status, []).append(entity)
        blocks: list[rendering.Block] = [rendering.Heading(_("Participation"), 2)]
        certified = by_status.get("participant", [])
        if certified:
            as_of = max(e.since for e in certified)
            states = sum(1 for e in certified if e.kind == "state")
            blocks.append(
                rendering.Paragraph(
                    t.ngettext(
                        "{n} entry was certified as a Participant as of {date}, {states} of "
                        "them States:",
                        "{n} entries were certified as Participants as of {date}, {states} of "
                        "them States:",
                        len(certified),
                        date=t.date(as_of),
                        states=t.number(states),
                    )
                )
            )
            blocks.append(
                rendering.Items(
                    tuple(self.sourced(self.name(e.name), e.source) for e in certified),
                    numbered=True,
                )
            )
        else:
            blocks.append(
                rendering.Paragraph(
                    _(
                        "On {date} no Participant is certified in the register.",
                        date=t.date(self.on),
                    )
                )
            )
        for status, heading in (
            ("trading_entity", N_("Trading entities")),
            ("observer", N_("Observers")),
            ("applicant", N_("Applicants")),
        ):
            found = by_status.get(status, [])
            blocks.append(rendering.Heading(_(heading), 3))
            if status == "applicant":
                blocks.append(
                    rendering.Paragraph(
                        t.ngettext(
                            "In the register on {date}: {n} applicant.",
                            "In the register on {date}: {n} applicants.",
                            len(found),
                            date=t.date(self.on),
                        )
                    )
                )
            if found:
                blocks.append(rendering.Items(tuple(self.standing(e) for e in found)))
            elif status != "applicant":
                blocks.append(rendering.Paragraph(_("None in the register on this date.")))
        figures = self.figures()
        if figures:
            blocks.append(rendering.Heading(_("As reported at the meetings of the year"), 3))
            blocks.append(rendering.Items(tuple(figures)))
        if certified and self.reported_states is not None:
            reported, meeting, source = self.reported_states
            if reported != states:
                blocks.append(
                    rendering.Paragraph(
                        self.sourced(
                            _(
                                "The register counts {states} certified States; the meeting in "
                                "{place} reported {reported}. The record does not reconcile "
                                "the two.",
                                states=t.number(states),
                                place=self.meeting_field(meeting, "place"),
                                reported=t.number(reported),
                            ),
                            source,
                        ),
                        note=True,
                    )
                )
        return blocks

    def name(self, recorded: str) -> str:
        """A Participant's name (as recorded, in English) in the report's language."""
        return participant_names.localized(recorded, self.language)

    def standing(self, entity: EntityView) -> str:
        _, t = self._, self.t
        text = _(
            "{name} ({kind}), since {date}",
            name=self.name(entity.name),
            kind=t.label(labels.ENTITY_KIND, entity.kind),
            date=t.date(entity.since),
        )
        if entity.stage:
            text += " — " + t.label(labels.STAGE, entity.stage)
        if entity.blocked_reason:
            text += " — " + _("blocked: {reason}", reason=entity.blocked_reason)
        return self.sourced(text, entity.source)

    def year_meetings(self) -> list[Meeting]:
        if self._meetings is None:
            self._meetings = list(
                self.session.exec(
                    select(Meeting)
                    .where(
                        Meeting.starts_on >= self.start,
                        Meeting.starts_on <= min(self.end, self.on),
                    )
                    .order_by(col(Meeting.starts_on), col(Meeting.id))
                ).all()
            )
        return self._meetings

    def meeting_field(self, meeting: Meeting, field: str) -> str:
        """A meeting's title or place in the report's language where the record has it."""
        assert meeting.id is not None
        if self._rendered is None:
            ids = [m.id for m in self.year_meetings()]
            self._rendered = content.renderings_of(self.session, "meeting", ids, self.reading)
        return self._rendered.get((meeting.id, field)) or str(getattr(meeting, field))

    def figures(self) -> list[str]:
        """The figures the year's meetings reported, each with its source; the last reported
        count of participating States is kept for the comparison with the register."""
        meetings = {m.id: m for m in self.year_meetings()}
        if not meetings:
            return []
        rows = self.session.execute(
            select(
                ReportedFigure,
                content.rendered(
                    "reportedfigure", ReportedFigure.id, "label", ReportedFigure.label, self.reading
                ),
            )
            .where(col(ReportedFigure.meeting_id).in_(list(meetings)))
            .order_by(col(ReportedFigure.meeting_id), col(ReportedFigure.id))
        ).all()
        for f, _label in rows:
            if f.key == "participating_states" and meetings[f.meeting_id].ends_on <= self.on:
                self.reported_states = (f.value, meetings[f.meeting_id], f.source)
        return [
            self.sourced(
                self._(
                    "{place}, {date}: {label}: {value}",
                    place=self.meeting_field(meetings[f.meeting_id], "place"),
                    date=self.t.date(meetings[f.meeting_id].ends_on),
                    label=label or f.key,
                    value=self.t.number(f.value),
                ),
                f.source,
            )
            for f, label in rows
        ]

    def meetings(self) -> list[rendering.Block]:
        _, t = self._, self.t
        held = self.year_meetings()
        blocks: list[rendering.Block] = [rendering.Heading(_("Meetings held"), 2)]
        if not held:
            blocks.append(
                rendering.Paragraph(_("No meeting is recorded in {year}.", year=self.year))
            )
            return blocks
        blocks.append(
            rendering.Paragraph(
                t.ngettext(
                    "{n} meeting was held in {year}:",
                    "{n} meetings were held in {year}:",
                    len(held),
                    year=self.year,
                )
            )
        )
        items = []
        for m in held:
            text = _(
                "{kind}: {place}, {dates}",
                kind=t.label(labels.MEETING_KIND, m.kind),
                place=self.meeting_field(m, "place"),
                dates=t.date_range(m.starts_on, m.ends_on),
            )
            if m.host:
                text += " — " + _("hosted by {host}", host=m.host)
            if m.chair:
                text += " — " + _("chaired by {chair}", chair=m.chair)
            items.append(self.sourced(text, m.source))
        blocks.append(rendering.Items(tuple(items)))
        return blocks

    def decisions(self) -> list[rendering.Block]:
        _, t = self._, self.t
        found = self.session.execute(
            select(
                Decision,
                content.decision_title(Decision.id, Decision.title, self.reading, self.on),
                content.decision_title_translated(Decision.id, self.reading, self.on),
            )
            .where(
                col(Decision.adopted_on).is_not(None),
                col(Decision.adopted_on) >= self.start,
                col(Decision.adopted_on) <= min(self.end, self.on),
            )
            .order_by(col(Decision.adopted_on), col(Decision.reference))
        ).all()
        rows = [row for row, _title, _own in found]
        titles = {row.id: (title, bool(own)) for row, title, own in found}
        blocks: list[rendering.Block] = [
            rendering.Heading(_("Decisions of the year and their formal adoption (Rule 26)"), 2)
        ]
        if not rows:
            blocks.append(
                rendering.Paragraph(_("No decision is recorded in {year}.", year=self.year))
            )
            return blocks
        loaded = decisions.load(self.session, rows, self.on)
        items = []
        formally = 0
        for row in rows:
            view = decisions.view(row, loaded, self.config.languages, self.on)
            formally += view.formally_adopted_on is not None
            state = t.label(labels.DECISION_STATUS, view.status)
            if view.formally_adopted_on:
                state = _("formally adopted on {date}", date=t.date(view.formally_adopted_on))
            elif view.languages_missing:
                state += " — " + _(
                    "languages not yet made available: {languages}",
                    languages=", ".join(t.language_name(c) for c in view.languages_missing),
                )
            items.append(
                self.sourced(
                    _(
                        "{reference} — {title}, adopted on {date}: {state}",
                        reference=row.reference,
                        title=titles[row.id][0],
                        date=t.date(row.adopted_on),
                        state=state,
                    ),
                    row.source,
                )
            )
        blocks.append(rendering.Items(tuple(items)))
        blocks.append(
            rendering.Paragraph(
                _(
                    "Formally adopted on {date}: {formally} of {total}.",
                    formally=t.number(formally),
                    total=t.number(len(rows)),
                    date=t.date(self.on),
                )
            )
        )
        untitled = [row.reference for row in rows if self.reading and not titles[row.id][1]]
        if untitled:
            blocks.append(
                rendering.Paragraph(
                    _(
                        "No title in this language is recorded for {references}: their original "
                        "titles are shown.",
                        references=", ".join(untitled),
                    ),
                    note=True,
                )
            )
        return blocks

    def missions(self) -> list[rendering.Block]:
        _, t = self._, self.t
        rows = list(
            self.session.exec(
                select(ReviewMission)
                .where(
                    ReviewMission.starts_on >= self.start,
                    ReviewMission.starts_on <= min(self.end, self.on),
                )
                .order_by(col(ReviewMission.starts_on), col(ReviewMission.id))
            ).all()
        )
        blocks: list[rendering.Block] = [rendering.Heading(_("Review missions and visits"), 2)]
        if not rows:
            blocks.append(
                rendering.Paragraph(
                    _("No review mission or visit is recorded in {year}.", year=self.year)
                )
            )
            return blocks
        targets = lookup.names_by_id(self.session, Entity, (r.target_id for r in rows))
        items = []
        for r in rows:
            text = _(
                "{kind}: {target}, {dates}",
                kind=t.label(MISSION_KIND, r.kind),
                target=self.name(targets[r.target_id]),
                dates=t.date_range(r.starts_on, r.ends_on),
            )
            if r.composition:
                text += "; " + r.composition
            if r.finding and r.ends_on <= self.on:
                text += "; " + _("Finding: {finding}", finding=r.finding)
            items.append(self.sourced(text, r.source))
        blocks.append(rendering.Items(tuple(items)))
        return blocks

    def obligations(self) -> list[rendering.Block]:
        _, t = self._, self.t
        rows = self.session.execute(
            select(
                Obligation,
                Decision.reference,
                content.rendered(
                    "obligation", Obligation.id, "title", Obligation.title, self.reading
                ),
            )
            .join(Decision, col(Decision.id) == col(Obligation.decision_id))
            .where(
                col(Decision.adopted_on).is_not(None),
                col(Decision.adopted_on) <= self.on,
                Obligation.due_on >= self.start,
                Obligation.due_on <= self.end,
            )
            .order_by(col(Obligation.due_on), col(Obligation.id))
        ).all()
        blocks: list[rendering.Block] = [rendering.Heading(_("Progress on obligations"), 2)]
        if not rows:
            blocks.append(
                rendering.Paragraph(_("No obligation fell due in {year}.", year=self.year))
            )
            return blocks
        items = []
        for o, reference, title in rows:
            state = obligations.obligation_state(
                ObligationKind(o.kind), o.due_on, o.met_on, self.on
            ).value
            if o.met_on and o.met_on <= self.on:
                said = _("met on {date}", date=t.date(o.met_on))
                if o.met_source:
                    said = _(
                        "met on {date} according to {source}",
                        date=t.date(o.met_on),
                        source=o.met_source,
                    )
            elif state == "overdue":
                said = _("No fulfilment recorded")
            else:
                said = t.label(labels.OBLIGATION_STATE, state)
            items.append(
                self.sourced(
                    _(
                        "{title} ({reference}), due {date}: {state}",
                        title=title,
                        reference=reference,
                        date=t.date(o.due_on),
                        state=said,
                    ),
                    o.source,
                )
            )
        blocks.append(rendering.Items(tuple(items)))
        return blocks

    def offices(self) -> list[rendering.Block]:
        _ = self._
        terms, rows = offices._terms(self.session, self.on)
        rule = self.config.rule
        now = rotation.holders_on(terms, rule, self.end)
        following = self.end.replace(year=self.year + 1, month=1, day=1)
        then = rotation.holders_on(terms, rule, following)
        outgoing = offices._view(now.chair, rows, self.end)
        incoming = offices._view(then.chair, rows, following)
        vice = offices._view(then.vice_chair, rows, following)
        blocks: list[rendering.Block] = [rendering.Heading(_("Chair and Vice Chair"), 2)]
        items = []
        if outgoing and incoming and outgoing.holder != incoming.holder:
            items.append(self.term(_("Outgoing Chair"), outgoing))
            items.append(self.term(_("Incoming Chair"), incoming))
        elif outgoing or incoming:
            term = outgoing or incoming
            assert term is not None
            items.append(self.term(_("Chair"), term))
        else:
            items.append(_("Chair: not recorded."))
        items.append(self.term(_("Vice Chair"), vice) if vice else _("Vice Chair: not recorded."))
        blocks.append(rendering.Items(tuple(items)))
        return blocks

    def term(self, office: str, term: TermView) -> str:
        _, t = self._, self.t
        text = _(
            "{office}: {holder}, {dates}",
            office=office,
            holder=self.name(term.holder),
            dates=t.date_range(term.starts_on, term.ends_on),
        )
        if term.decision:
            text += " — " + _("decision {reference}", reference=term.decision)
        if term.projected or term.by_rule:
            text += " — " + _("following from the rule of succession")
        return self.sourced(text, term.source)

    def instruments(self) -> list[rendering.Block]:
        _, t = self._, self.t
        found = [i for i in self.instruments_until() if i.adopted_on >= self.start]
        found = [i for i in found if i.adopted_on <= self.end]
        blocks: list[rendering.Block] = [
            rendering.Heading(_("External instruments of the year"), 2)
        ]
        if not found:
            blocks.append(
                rendering.Paragraph(
                    _("No external instrument is recorded in {year}.", year=self.year)
                )
            )
            return blocks
        blocks.append(
            rendering.Items(
                tuple(
                    self.sourced(
                        _(
                            "{reference} — {body}, {kind} of {date}: {title}. {paragraph}",
                            reference=i.reference,
                            body=t.label(labels.INSTRUMENT_BODY, i.body),
                            kind=t.label(labels.INSTRUMENT_KIND, i.kind),
                            date=t.date(i.adopted_on),
                            title=i.title,
                            paragraph=i.paragraph,
                        ),
                        i.source,
                    )
                    for i in found
                )
            )
        )
        return blocks

    def communiques(self) -> list[rendering.Block]:
        """The communiqués of the year, annexed to the report, and whether this language's
        version exists."""
        _, t = self._, self.t
        found = self.session.execute(
            select(
                Communique,
                content.communique_title(Communique.id, Communique.title, self.reading, self.on),
            )
            .where(
                Communique.issued_on >= self.start, Communique.issued_on <= min(self.end, self.on)
            )
            .order_by(col(Communique.issued_on), col(Communique.id))
        ).all()
        rows: Sequence[Communique] = [row for row, _title in found]
        titles = {row.id: title for row, title in found}
        blocks: list[rendering.Block] = [rendering.Heading(_("Annexes: communiqués"), 2)]
        if not rows:
            blocks.append(
                rendering.Paragraph(_("No communiqué is recorded in {year}.", year=self.year))
            )
            return blocks
        stored = self.session.exec(
            select(TextVersion).where(
                col(TextVersion.communique_id).in_([r.id for r in rows]),
                TextVersion.language == self.language,
            )
        ).all()
        steps = self.session.exec(
            select(VersionStep)
            .where(col(VersionStep.version_id).in_([v.id for v in stored]))
            .order_by(col(VersionStep.taken_on), col(VersionStep.id))
        ).all()
        by_id = {v.id: v for v in stored}
        items = []
        for number, row in enumerate(rows, start=1):
            mine = [v for v in stored if v.communique_id == row.id]
            ids = {v.id for v in mine}
            (version,) = decisions.versions_view(
                mine,
                [(by_id[s.version_id], s) for s in steps if s.version_id in ids],
                (self.language,),
                self.on,
            )
            if version.state == "missing":
                said = _(
                    "{language}: no version on {date}",
                    language=t.language_name(self.language),
                    date=t.date(self.on),
                )
            else:
                said = _(
                    "{language}: {state}",
                    language=t.language_name(self.language),
                    state=t.label(labels.VERSION_STATE, version.state),
                )
            items.append(
                self.sourced(
                    _(
                        "Annex {number}: {title} — {state}",
                        number=number,
                        title=titles[row.id],
                        state=said,
                    ),
                    row.source,
                )
            )
        blocks.append(rendering.Items(tuple(items)))
        return blocks
