"""Akoma Ntoso 3.0 documents of the record: every decision and communiqué in every language
version that exists on a date (the export), or one of them (a page's download).

The read is one transaction of a fixed number of statements whatever the record's size: the
decisions' facts in bulk (``decisions.load``), the communiqués' versions, the meetings, the
Chair's terms, and the register's names and standings on every date a document needs (one
statement over those dates, names by ``names.name_on``). The XML is built afterwards, outside
the transaction, by the pure :mod:`governance.akn.build`, and checked against the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import Date, and_, column, or_, true, values
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from governance import i18n
from governance.akn import build, schema
from governance.akn.model import (
    Body,
    Meeting,
    OpenPoint,
    Organization,
    Reply,
    Version,
    Work,
    WorkKind,
    WrittenProcedure,
)
from governance.db import transaction
from governance.models import (
    Communique,
    Decision,
    Entity,
    OfficeTerm,
    Rendering,
    StatusEvent,
    TextVersion,
    VersionStep,
)
from governance.models import Meeting as MeetingRow
from governance.models import WrittenProcedure as ProcedureRow
from governance.rules import decision_status, written_procedure
from governance.rules.decision_status import DecisionStatus, Procedure
from governance.rules.errors import AknInvalidError, AknNoVersionError
from governance.rules.participation import Status
from governance.rules.rotation import Office
from governance.services import decisions, lookup, names, participants
from governance.services.views import LanguageVersionView

CIRCULATED = "circulated"
"""A proposal's source text not yet made final (a written procedure circulated without it)."""


@dataclass(frozen=True)
class AknFile:
    """One document: where it goes in an export folder (``decisions/2003-JHB-01.eng.xml``)
    and its bytes (UTF-8 XML, valid Akoma Ntoso 3.0)."""

    path: str
    content: bytes

    @property
    def name(self) -> str:
        """The file's own name (a download's)."""
        return self.path.rsplit("/", 1)[-1]


MEDIA_TYPE = build.MEDIA_TYPE


def download_name(kind: str, number: str, language: str) -> str:
    """The file name a page offers for the document of a ``decision`` or ``communique`` in
    ``language`` (known before the document is built: ``2003-JHB-01.fra.xml``)."""
    return build.file_name(WorkKind(kind), number, language).rsplit("/", 1)[-1]


def export_documents(*, engine: Engine, on: date) -> list[AknFile]:
    """Every decision and communiqué known on ``on``, one document per language version that
    exists by then (the source language always), decisions by reference then communiqués by
    date of issue; each checked against ``akomantoso30.xsd``."""
    with transaction(engine) as session:
        works = _works(session, on)
    return [_file(work, version.language) for work in works for version in work.versions]


def decision_document(*, engine: Engine, reference: str, language: str, on: date) -> AknFile:
    """The decision ``reference`` in ``language`` as the record stands on ``on``."""
    with transaction(engine) as session:
        works = _works(session, on, decisions_of=[lookup.decision(session, reference)])
    return _one(works, reference, language, on)


def communique_document(*, engine: Engine, code: str, language: str, on: date) -> AknFile:
    """The communiqué ``code`` in ``language`` as the record stands on ``on``."""
    with transaction(engine) as session:
        works = _works(session, on, communiques_of=[lookup.communique(session, code)])
    return _one(works, code, language, on)


def _one(works: Sequence[Work], target: str, language: str, on: date) -> AknFile:
    work = works[0] if works else None
    if work is None or work.version(language) is None:
        raise AknNoVersionError(target=target, language=language, on=on)
    return _file(work, language)


def _file(work: Work, language: str) -> AknFile:
    content = build.document(work, language, i18n.translator(language))
    problems = schema.errors(content)
    if problems:  # a defect of the builder, never of the record: said plainly, nothing written
        raise AknInvalidError(target=work.number, language=language, reason=problems[0])
    return AknFile(build.file_name(work.kind, work.number, language), content)


# --- the read ----------------------------------------------------------------------------------


def _works(
    session: Session,
    on: date,
    *,
    decisions_of: Sequence[Decision] | None = None,
    communiques_of: Sequence[Communique] | None = None,
) -> list[Work]:
    """The facts of the decisions and communiqués asked for (all of them when neither is
    given) that are known on ``on``."""
    config = lookup.body_config(session)
    body = Body(config.code, config.name, config.languages, config.source_language)
    everything = decisions_of is None and communiques_of is None
    rows = list(session.exec(_known_on(on)).all()) if everything else list(decisions_of or ())
    issued = (
        list(
            session.exec(
                select(Communique)
                .where(Communique.issued_on <= on)
                .order_by(col(Communique.issued_on), col(Communique.id))
            ).all()
        )
        if everything
        else [c for c in communiques_of or () if c.issued_on <= on]
    )
    loaded = decisions.load(session, rows, on)
    known = [d for d in rows if _known(d, loaded, on)]
    comm_versions = _communique_versions(session, issued, config.languages, on)
    meetings = _meetings(session, [d.meeting_id for d in known] + [c.meeting_id for c in issued])
    resolvers = _resolver_works(session, body, loaded)
    chairs = list(
        session.exec(
            select(OfficeTerm)
            .where(OfficeTerm.office == Office.CHAIR.value, OfficeTerm.starts_on <= on)
            .order_by(col(OfficeTerm.starts_on))
        ).all()
    )
    days: set[date] = {c.issued_on for c in issued}
    for d in known:
        days.add(_work_date(d, loaded)[0])
        proc = loaded.procedures.get(d.id or -1)
        if proc is not None:
            days.add(proc.circulated_on)
            days |= {r.received_on for r in loaded.replies.get(proc.id or -1, [])}
    register = _Register(session, days)

    def chair_on(day: date) -> Organization | None:
        term = next((t for t in chairs if t.starts_on <= day <= t.ends_on), None)
        return register.organization(term.entity_id, day) if term is not None else None

    works = [
        _decision_work(d, loaded, body, on, meetings, resolvers, register, chair_on) for d in known
    ]
    for c in issued:
        versions = comm_versions.get(c.id or -1, ())
        works.append(
            Work(
                kind=WorkKind.COMMUNIQUE,
                number=c.code,
                title=c.title,
                day=c.issued_on,
                date_name="issue",
                as_of=on,
                body=body,
                meeting=meetings.get(c.meeting_id),
                versions=_existing(versions, config.source_language, ""),
                available=_available(versions),
                participants=register.participants(c.issued_on),
                chair=chair_on(c.issued_on),
                source=c.source,
            )
        )
    return works


def _known_on(on: date) -> SelectOfScalar[Decision]:
    """:func:`_known` in SQL: only the decisions known on ``on`` are loaded with their facts
    (twenty years of later decisions are not read to be dropped)."""
    written = Procedure.WRITTEN_PROCEDURE.value
    return (
        select(Decision)
        .outerjoin(ProcedureRow, col(ProcedureRow.decision_id) == col(Decision.id))
        .where(
            or_(
                and_(col(Decision.procedure) == written, col(ProcedureRow.circulated_on) <= on),
                and_(col(Decision.procedure) != written, col(Decision.adopted_on) <= on),
            )
        )
        .order_by(col(Decision.reference))
    )


def _known(decision: Decision, loaded: decisions.Loaded, on: date) -> bool:
    """Adopted by ``on`` (in Plenary or ad referendum), or circulated by then."""
    proc = loaded.procedures.get(decision.id or -1)
    if decision.procedure == Procedure.WRITTEN_PROCEDURE.value:
        return proc is not None and proc.circulated_on <= on
    return decision.adopted_on is not None and decision.adopted_on <= on


def _work_date(decision: Decision, loaded: decisions.Loaded) -> tuple[date, str]:
    """The date in the work's IRI: its adoption, or for a written procedure its circulation
    (known from the start, so the IRI does not change when the outcome comes)."""
    proc = loaded.procedures.get(decision.id or -1)
    if decision.procedure == Procedure.WRITTEN_PROCEDURE.value and proc is not None:
        return proc.circulated_on, "circulation"
    assert decision.adopted_on is not None
    return decision.adopted_on, "adoption"


def _decision_work(
    decision: Decision,
    loaded: decisions.Loaded,
    body: Body,
    on: date,
    meetings: dict[int, Meeting],
    resolvers: dict[int, str],
    register: _Register,
    chair_on: Callable[[date], Organization | None],
) -> Work:
    assert decision.id is not None
    state = decision_status.decision_state(decisions.facts(loaded, decision), body.languages, on)
    versions = decisions.versions_view(
        loaded.versions.get(decision.id, []),
        loaded.steps.get(decision.id, []),
        body.languages,
        on,
    )
    circulated = next(
        (
            v.text
            for v in loaded.versions.get(decision.id, [])
            if v.language == body.source_language
        ),
        "",
    )
    day, day_name = _work_date(decision, loaded)
    written = None
    proc = loaded.procedures.get(decision.id)
    if proc is not None:
        rule = decisions.written_of(loaded, decision)
        assert rule is not None
        result = written_procedure.result_on(rule, on)
        written = WrittenProcedure(
            circulated_on=proc.circulated_on,
            deadline=proc.deadline,
            replies=tuple(
                Reply(
                    register.organization(r.entity_id, r.received_on), r.kind, r.received_on, r.note
                )
                for r in loaded.replies.get(proc.id or -1, [])
                if r.received_on <= on
            ),
            outcome=result.outcome.value,
            decided_on=result.decided_on,
            circulated_by=chair_on(proc.circulated_on),
        )
    points = tuple(
        OpenPoint(
            key=p.key,
            description=p.description,
            opened_on=decision.adopted_on or day,
            resolved_on=p.resolved_on if p.resolved_on and p.resolved_on <= on else None,
            resolved_by=loaded.references.get(p.resolved_by_id or -1)
            if p.resolved_on and p.resolved_on <= on
            else None,
            resolved_by_work=resolvers.get(p.resolved_by_id or -1)
            if p.resolved_on and p.resolved_on <= on
            else None,
        )
        for p in loaded.points.get(decision.id, [])
    )
    return Work(
        kind=WorkKind.DECISION,
        number=decision.reference,
        title=decision.title,
        day=day,
        date_name=day_name,
        as_of=on,
        body=body,
        meeting=meetings.get(decision.meeting_id) if decision.meeting_id else None,
        versions=_existing(versions, body.source_language, circulated),
        available=_available(versions),
        participants=register.participants(day),
        chair=chair_on(day),
        procedure=decision.procedure,
        status=state.status.value if state.status is not DecisionStatus.NOT_YET else "",
        adopted_on=state.adopted_on,
        confirmed_on=state.confirmed_on,
        formally_adopted_on=state.formally_adopted_on,
        written=written,
        open_points=points,
        source=decision.source,
    )


def _existing(
    versions: Iterable[LanguageVersionView], source_language: str, circulated: str
) -> tuple[Version, ...]:
    """The versions that exist on the date, the source language first and always there (a
    proposal not yet made final: its text as circulated)."""
    result = []
    for v in versions:
        if v.state == "missing" and v.language != source_language:
            continue
        taken = [s.taken_on for s in v.steps if s.state == v.state]
        if v.state == "missing":
            result.append(Version(v.language, CIRCULATED, circulated, "", None, None))
        else:
            since = max(taken, default=None)
            result.append(Version(v.language, v.state, v.text, v.title, since, v.available_on))
    return tuple(sorted(result, key=lambda v: v.language != source_language))


def _available(versions: Iterable[LanguageVersionView]) -> tuple[tuple[str, date], ...]:
    return tuple((v.language, v.available_on) for v in versions if v.available_on is not None)


def _communique_versions(
    session: Session, issued: Sequence[Communique], languages: Sequence[str], on: date
) -> dict[int, tuple[LanguageVersionView, ...]]:
    """Each communiqué's language versions on ``on``: two statements for all of them."""
    ids = [c.id for c in issued if c.id is not None]
    if not ids:
        return {}
    versions = session.exec(
        select(TextVersion).where(col(TextVersion.communique_id).in_(ids))
    ).all()
    by_id = {v.id: v for v in versions}
    steps = session.exec(
        select(VersionStep)
        .where(col(VersionStep.version_id).in_(list(by_id)))
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    ).all()
    result = {}
    for cid in ids:
        own = [v for v in versions if v.communique_id == cid]
        own_steps = [
            (by_id[s.version_id], s) for s in steps if by_id[s.version_id].communique_id == cid
        ]
        result[cid] = decisions.versions_view(own, own_steps, languages, on)
    return result


def _meetings(session: Session, ids: Iterable[int | None]) -> dict[int, Meeting]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(MeetingRow).where(col(MeetingRow.id).in_(wanted))).all()
    titles: dict[int, list[tuple[str, str]]] = {}
    for meeting_id, language, text in session.exec(
        select(Rendering.record_id, Rendering.language, Rendering.text)
        .where(
            Rendering.record == "meeting",
            Rendering.field == "title",
            col(Rendering.record_id).in_(wanted),
        )
        .order_by(col(Rendering.language))
    ).all():
        titles.setdefault(meeting_id, []).append((language, text))
    return {
        m.id: Meeting(m.code, m.title, m.place, m.starts_on, m.ends_on, tuple(titles.get(m.id, [])))
        for m in rows
        if m.id is not None
    }


def _resolver_works(session: Session, body: Body, loaded: decisions.Loaded) -> dict[int, str]:
    """Work IRIs of the decisions that resolved open points (one statement)."""
    ids = {p.resolved_by_id for ps in loaded.points.values() for p in ps if p.resolved_by_id}
    if not ids:
        return {}
    rows = session.exec(
        select(
            col(Decision.id),
            col(Decision.reference),
            col(Decision.adopted_on),
            col(ProcedureRow.circulated_on),
        )
        .outerjoin(ProcedureRow, col(ProcedureRow.decision_id) == col(Decision.id))
        .where(col(Decision.id).in_(ids))
    ).all()
    result = {}
    for decision_id, reference, adopted_on, circulated_on in rows:
        day = circulated_on or adopted_on
        if decision_id is not None and day is not None:
            result[decision_id] = build.work_iri_of(body.code, WorkKind.DECISION, day, reference)
    return result


class _Register:
    """Names and standings of every entity on each of ``days``: one statement (a VALUES list
    of the days, each entity's name by ``names.name_on`` and its latest status event then)."""

    def __init__(self, session: Session, days: Iterable[date]) -> None:
        self.names: dict[tuple[int, date], str] = {}
        self.standing: dict[date, list[tuple[str, int]]] = {}
        wanted = sorted(set(days))
        if not wanted:
            return
        listed = values(column("day", Date), name="days").data([(d,) for d in wanted]).cte("days")
        day = cast(date, listed.c.day)  # a column: name_on and latest_event_id compare with it
        name = names.name_on(Entity.id, Entity.name, day)
        query = (
            select(listed.c.day, Entity.id, name, StatusEvent.status)
            .select_from(listed)
            .join(Entity, true())
            .outerjoin(
                StatusEvent, col(StatusEvent.id) == participants.latest_event_id(Entity.id, day)
            )
        )
        for on, entity_id, entity_name, status in session.exec(query).all():
            assert entity_id is not None
            self.names[(entity_id, on)] = entity_name
            if status == Status.PARTICIPANT.value:
                self.standing.setdefault(on, []).append((entity_name, entity_id))

    def organization(self, entity_id: int, on: date) -> Organization:
        return Organization(self.names[(entity_id, on)], on)

    def participants(self, on: date) -> tuple[Organization, ...]:
        """The Participants on ``on`` under the names of that day, by name."""
        return tuple(Organization(n, on) for n, _ in sorted(self.standing.get(on, [])))
