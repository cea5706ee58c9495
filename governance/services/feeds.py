"""The record to subscribe to: a calendar (iCalendar, RFC 5545) of meetings, written-procedure
deadlines and obligations, and an Atom feed (RFC 4287) of decisions and changes of status.

Every item has an identifier derived from its key in the record (:mod:`record_keys`): a meeting's
code, a decision's reference, an obligation's decision, due date and title, an entity's first
name with the date and status of the change — never a row number or the time of the export, so
a calendar application or a feed reader recognises the items it already has.

Labels come from the interface catalogs in the language asked for; a decision's title from its
language version when one has a title (else the English title, said to be a fallback). The record
keeps dates, not times: calendar items are all-day events (DTEND is the day after the last,
RFC 5545 §3.6.1), so no VTIMEZONE is needed — one would be added only beside a time of day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from icalendar import Calendar, Event
from sqlalchemy import or_
from sqlalchemy import select as columns
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import clock, glossary, labels, participant_names
from governance.db import transaction
from governance.i18n import Translator, translator
from governance.models import (
    Body,
    Decision,
    DecisionPeriod,
    Entity,
    EntityRename,
    Meeting,
    Obligation,
    StatusEvent,
    WrittenProcedure,
)
from governance.rules.errors import N_
from governance.services import content, deadlines, lookup, names
from governance.services.record_keys import entity_keys, slug, uid

PRODID = "-//Plenary//Plenary record//EN"


@dataclass(frozen=True)
class Title:
    text: str
    fallback: bool
    """The record has no title in the language asked for: ``text`` is the English one."""


def _decision_title(reading: str | None, on: date) -> tuple[Any, Any]:
    """SQL columns: a decision's title in ``reading`` as of ``on`` (its language version's,
    else the English one) and whether it was found in ``reading``."""
    return (
        content.decision_title(Decision.id, Decision.title, reading, on),
        content.decision_title_translated(Decision.id, reading, on),
    )


def _title(text: str, translated: bool | None, reading: str | None) -> Title:
    return Title(text, reading is not None and not translated)


def _body_name(session: Session, name: str, reading: str | None) -> str:
    body_id = session.exec(select(Body.id)).first() if reading else None
    if body_id is None:
        return name
    return content.rendering_of(session, "body", body_id, "name", name, reading)[0]


def field(t: Translator, label: str, value: str) -> str:
    """``label: value`` in the language of ``t`` (``label`` a catalog entry)."""
    return t.gettext("{label}: {value}", label=t.gettext(label), value=value)


def _fallback_note(t: Translator, title: Title) -> list[str]:
    return (
        [t.gettext("Title in English: no translated title is recorded.")] if title.fallback else []
    )


class _Keys:
    """Item keys made unique: a key met again (two identical obligations of one decision, two
    identical changes of status on one day) gets its occurrence number appended."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, ...], int] = {}

    def __call__(self, *key: str) -> tuple[str, ...]:
        count = self.seen[key] = self.seen.get(key, 0) + 1
        return key if count == 1 else (*key, str(count))


# --- calendar ---------------------------------------------------------------------------------


def ics(*, engine: Engine, language: str, on: date) -> bytes:
    """The calendar of the whole record in ``language``: every meeting (its days), every written
    procedure's deadline for replies and every obligation's due date, as all-day events; titles
    of decisions as their language versions had them on ``on``."""
    t = translator(language)
    with transaction(engine) as session:
        config = lookup.body_config(session)
        reading = content.reading(config, t.language)
        body_name = _body_name(session, config.name, reading)
        meetings = session.exec(
            select(Meeting).order_by(col(Meeting.starts_on), col(Meeting.code_key))
        ).all()
        fields = content.renderings_of(session, "meeting", select(Meeting.id), reading)
        title_column, translated_column = _decision_title(reading, on)
        procedures = session.exec(
            select(Decision, WrittenProcedure, title_column, translated_column)
            .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
            .order_by(col(WrittenProcedure.deadline), col(Decision.reference_key))
        ).all()
        obligation_row, due_column, who_column = deadlines.columns(reading)
        obligations = session.execute(
            columns(
                obligation_row,
                due_column,
                who_column,
                col(Decision.reference),
                title_column,
                translated_column,
            )
            .join(Decision, col(Decision.id) == col(Obligation.decision_id))
            .order_by(col(Obligation.due_on), col(Decision.reference_key), col(Obligation.title))
        ).all()

    body = config.code
    stamp = clock.now().replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", t.gettext("{body}: calendar", body=body_name))

    unique = _Keys()

    def event(key: Sequence[str], first: date, last: date, summary: str) -> Event:
        item = Event()
        item.add("uid", f"{uid(body, *unique(*key))}")
        item.add("dtstamp", stamp)
        item.add("dtstart", first)
        item.add("dtend", last + timedelta(days=1))
        item.add("summary", summary)
        item.add("transp", "TRANSPARENT")
        return item

    for m in meetings:
        assert m.id is not None
        title = Title(
            fields.get((m.id, "title"), m.title), bool(reading) and (m.id, "title") not in fields
        )
        item = event(("meeting", m.code), m.starts_on, m.ends_on, title.text)
        item.add("location", fields.get((m.id, "place"), m.place))
        item.add("categories", [t.label(labels.MEETING_KIND, m.kind)])
        lines = [t.date_range(m.starts_on, m.ends_on)]
        lines += [field(t, N_("Host"), m.host)] if m.host else []
        lines += [field(t, N_("Chair"), m.chair)] if m.chair else []
        lines += [field(t, N_("Source"), m.source)] if m.source else []
        lines += _fallback_note(t, title)
        item.add("description", "\n".join(lines))
        calendar.add_component(item)

    for decision, proc, text, translated in procedures:
        title = _title(text, translated, reading)
        item = event(
            ("procedure-deadline", decision.reference),
            proc.deadline,
            proc.deadline,
            t.gettext(
                "Written procedure {reference}: last day for replies — {title}",
                reference=decision.reference,
                title=title.text,
            ),
        )
        item.add("categories", [t.gettext(labels.PROCEDURE["written_procedure"])])
        lines = [
            field(t, N_("Circulated on"), t.date(proc.circulated_on)),
            t.gettext(
                "Replies are received up to and including this day; a written objection "
                "standing at the deadline breaks silence and the proposal is not adopted."
            ),
            *_fallback_note(t, title),
        ]
        item.add("description", "\n".join(lines))
        calendar.add_component(item)

    for obligation, due, who, reference, text, translated in obligations:
        title = _title(text, translated, reading)
        what = Title(due, bool(reading) and due == obligation.title)
        item = event(
            ("obligation", reference, obligation.due_on.isoformat(), obligation.title),
            obligation.due_on,
            obligation.due_on,
            t.gettext("Due: {title} ({reference})", title=what.text, reference=reference),
        )
        item.add("categories", [t.gettext("Deadline")])
        lines = [t.gettext("Set by {reference}: {title}", reference=reference, title=title.text)]
        responsible = who or glossary.rendering(obligation.responsible, reading)
        lines += [field(t, N_("Responsible"), responsible)] if responsible else []
        lines += [field(t, N_("Met on"), t.date(obligation.met_on))] if obligation.met_on else []
        lines += _fallback_note(t, what if what.fallback else title)
        item.add("description", "\n".join(lines))
        calendar.add_component(item)
    return bytes(calendar.to_ical())


# --- Atom -------------------------------------------------------------------------------------


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def atom(*, engine: Engine, language: str, on: date) -> bytes:
    """An Atom feed, as of ``on``, of the decisions (each as it stands on ``on``, updated when
    its state last changed) and of every change of status of Participants, applicants and
    Observers (under the name of that day), newest first."""
    t = translator(language)
    with transaction(engine) as session:
        config = lookup.body_config(session)
        reading = content.reading(config, t.language)
        body_name = _body_name(session, config.name, reading)
        decided = session.exec(
            select(Decision, DecisionPeriod, *_decision_title(reading, on))
            .join(DecisionPeriod, col(DecisionPeriod.decision_id) == col(Decision.id))
            .where(
                col(DecisionPeriod.starts_on) <= on,
                or_(col(DecisionPeriod.ends_on).is_(None), col(DecisionPeriod.ends_on) > on),
                col(DecisionPeriod.status) != "not_yet",
            )
            .order_by(col(Decision.reference_key))
        ).all()
        meetings = dict(session.exec(select(Meeting.id, Meeting.code)).all())
        changes = session.exec(
            select(StatusEvent, Decision.reference)
            .outerjoin(Decision, col(Decision.id) == col(StatusEvent.decision_id))
            .where(col(StatusEvent.effective_on) <= on)
            .order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
        ).all()
        entities = session.exec(select(Entity)).all()
        renames = session.exec(select(EntityRename).order_by(col(EntityRename.renamed_on))).all()

    body = config.code
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uid(body, 'feed')}")
    feed.title(t.gettext("{body}: decisions and changes of status", body=body_name))
    feed.author({"name": body_name})
    feed.language(t.language)
    feed.subtitle(t.gettext("The record as of {date}", date=t.date(on)))
    latest: date | None = None

    entries: list[tuple[date, str, dict[str, Any]]] = []
    for decision, period, text, translated in decided:
        title = _title(text, translated, reading)
        lines = [
            field(t, N_("Status"), t.label(labels.DECISION_STATUS, period.status)),
            t.label(labels.PROCEDURE, decision.procedure),
        ]
        if period.adopted_on:
            lines.append(field(t, N_("Adopted on"), t.date(period.adopted_on)))
        if period.formally_adopted_on:
            lines.append(field(t, N_("Formally adopted on"), t.date(period.formally_adopted_on)))
        if decision.meeting_id in meetings:
            lines.append(field(t, N_("Meeting"), meetings[decision.meeting_id]))
        lines += _fallback_note(t, title)
        entries.append(
            (
                period.starts_on,
                f"decision {decision.reference_key}",
                {
                    "id": f"urn:uuid:{uid(body, 'decision', decision.reference)}",
                    "title": f"{decision.reference}: {title.text}",
                    "published": decision.adopted_on or period.starts_on,
                    "content": "\n".join(lines),
                    "category": ("decision", t.gettext("Decision")),
                },
            )
        )

    keys = entity_keys(entities, renames)
    name_on = names.names_by_day(entities, renames)
    unique = _Keys()

    for event, reference in changes:
        name = participant_names.localized(name_on(event.entity_id, event.effective_on), language)
        status = t.label(labels.STATUS, event.status)
        heading = (
            t.gettext(
                "{name}: {status} ({stage})",
                name=name,
                status=status,
                stage=t.label(labels.STAGE, event.stage),
            )
            if event.stage
            else t.gettext("{name}: {status}", name=name, status=status)
        )
        lines = [field(t, N_("Since"), t.date(event.effective_on))]
        if reference:
            lines.append(t.gettext("Decision: {reference}", reference=reference))
        if event.blocked_reason:
            lines.append(t.gettext("Blocked: {reason}", reason=event.blocked_reason))
        key = unique(
            "status",
            keys[event.entity_id],
            event.effective_on.isoformat(),
            event.status,
            event.stage or "",
        )
        entries.append(
            (
                event.effective_on,
                f"status {keys[event.entity_id]}",
                {
                    "id": f"urn:uuid:{uid(body, *key)}",
                    "title": heading,
                    "published": event.effective_on,
                    "content": "\n".join(lines),
                    "category": ("status", t.gettext("Change of status")),
                },
            )
        )

    for updated, _, data in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True):
        entry = feed.add_entry(order="append")
        entry.id(data["id"])
        entry.title(data["title"])
        entry.updated(_moment(updated))
        published = data["published"]
        assert isinstance(published, date)
        entry.published(_moment(published))
        entry.content(str(data["content"]), type="text")
        term, label = data["category"]
        entry.category(term=term, label=label)
        latest = max(latest or updated, updated)
    feed.updated(_moment(latest or on))
    result: bytes = feed.atom_str(pretty=True)
    return result


__all__ = ["atom", "ics", "slug"]
