"""The decision register: recording decisions, open points, and their status on a date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, func, literal, or_
from sqlalchemy import select as columns
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import audit, clock, storable
from governance.db import transaction, writing
from governance.models import (
    Communique,
    Decision,
    DecisionPeriod,
    Entity,
    Meeting,
    Obligation,
    OpenPoint,
    ProcedureReply,
    TextVersion,
    VersionStep,
    WorkingGroup,
    WrittenProcedure,
)
from governance.rules import (
    decision_status,
    referendum,
    translation,
    written_procedure,
)
from governance.rules.decision_status import DecisionFacts, DecisionKind, DecisionStatus, Procedure
from governance.rules.errors import (
    N_,
    AlreadyResolvedError,
    AvailableBeforeAdoptionError,
    CommuniqueOfAnotherMeetingError,
    ConcurrentEditError,
    DuplicateError,
    NotFoundError,
    ValidationError,
)
from governance.rules.obligations import ObligationKind
from governance.rules.past import check_past
from governance.rules.permissions import Action, Actor
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import content, deadlines, lookup
from governance.services.views import (
    DecisionDetail,
    DecisionPage,
    DecisionView,
    LanguageVersionView,
    ObligationView,
    OpenPointView,
    ProcedureView,
    ReplyView,
    StepView,
)


@dataclass
class Loaded:
    """Everything needed to apply the rules to a set of decisions, loaded in bulk."""

    steps: dict[int, list[tuple[TextVersion, VersionStep]]]
    versions: dict[int, list[TextVersion]]
    points: dict[int, list[OpenPoint]]
    procedures: dict[int, WrittenProcedure]
    replies: dict[int, list[ProcedureReply]]
    entity_names: dict[int, str]
    references: dict[int, str]
    meetings: dict[int, str]
    groups: dict[int, str]


def load(session: Session, decisions: Sequence[Decision], on: date | None = None) -> Loaded:
    """Every fact of ``decisions`` in a fixed number of statements; Participants who replied are
    named as on ``on`` (their current name when None)."""
    ids = [d.id for d in decisions if d.id is not None]
    versions = session.exec(select(TextVersion).where(col(TextVersion.decision_id).in_(ids))).all()
    version_by_id = {v.id: v for v in versions}
    steps = session.exec(
        select(VersionStep)
        .where(col(VersionStep.version_id).in_(list(version_by_id)))
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    ).all()
    loaded = Loaded({}, {}, {}, {}, {}, {}, {}, {}, {})
    for v in versions:
        assert v.decision_id is not None
        loaded.versions.setdefault(v.decision_id, []).append(v)
    for s in steps:
        v = version_by_id[s.version_id]
        assert v.decision_id is not None
        loaded.steps.setdefault(v.decision_id, []).append((v, s))
    for p in session.exec(select(OpenPoint).where(col(OpenPoint.decision_id).in_(ids))).all():
        loaded.points.setdefault(p.decision_id, []).append(p)
    procedures = session.exec(
        select(WrittenProcedure).where(col(WrittenProcedure.decision_id).in_(ids))
    ).all()
    loaded.procedures = {p.decision_id: p for p in procedures}
    replies = session.exec(
        select(ProcedureReply)
        .where(col(ProcedureReply.procedure_id).in_([p.id for p in procedures]))
        .order_by(col(ProcedureReply.received_on), col(ProcedureReply.id))
    ).all()
    for r in replies:
        loaded.replies.setdefault(r.procedure_id, []).append(r)
    loaded.entity_names = lookup.names_by_id(session, Entity, (r.entity_id for r in replies), on=on)
    resolvers = (p.resolved_by_id for points in loaded.points.values() for p in points)
    loaded.references = lookup.names_by_id(session, Decision, resolvers)
    meeting_ids = {d.meeting_id for d in decisions if d.meeting_id is not None}
    group_ids = {d.working_group_id for d in decisions if d.working_group_id is not None}
    loaded.meetings = {
        m.id: m.code
        for m in session.exec(select(Meeting).where(col(Meeting.id).in_(meeting_ids))).all()
        if m.id
    }
    loaded.groups = {
        g.id: g.code
        for g in session.exec(select(WorkingGroup).where(col(WorkingGroup.id).in_(group_ids)))
        if g.id
    }
    return loaded


def written_of(loaded: Loaded, decision: Decision) -> written_procedure.Procedure | None:
    proc = loaded.procedures.get(decision.id or -1)
    if proc is None:
        return None
    return written_procedure.Procedure(
        circulated_on=proc.circulated_on,
        deadline=proc.deadline,
        replies=tuple(
            written_procedure.Reply(
                loaded.entity_names[r.entity_id], ReplyKind(r.kind), r.received_on, r.note
            )
            for r in loaded.replies.get(proc.id or -1, [])
        ),
    )


def facts(loaded: Loaded, decision: Decision) -> DecisionFacts:
    assert decision.id is not None
    return DecisionFacts(
        procedure=Procedure(decision.procedure),
        adopted_on=decision.adopted_on,
        steps=tuple(
            translation.VersionStep(v.language, VersionState(s.state), s.taken_on)
            for v, s in loaded.steps.get(decision.id, [])
        ),
        open_points=tuple(
            referendum.OpenPoint(
                p.key, p.description, p.resolved_on, loaded.references.get(p.resolved_by_id or -1)
            )
            for p in loaded.points.get(decision.id, [])
        ),
        confirmation=decision.confirmed_on,
        written=written_of(loaded, decision),
    )


def view(
    decision: Decision,
    loaded: Loaded,
    languages: Sequence[str],
    on: date,
    reading: str | None = None,
) -> DecisionView:
    """The decision as it stands on ``on``; its title in ``reading`` when that version had a
    title by then (see :mod:`content`)."""
    state = decision_status.decision_state(facts(loaded, decision), languages, on)
    title = _title_on(decision, loaded, reading, on) if reading else None
    return DecisionView(
        reference=decision.reference,
        title=title or decision.title,
        title_translated=title is not None,
        kind=decision.kind,
        procedure=decision.procedure,
        status=state.status.value,
        adopted_on=state.adopted_on,
        confirmed_on=state.confirmed_on,
        formally_adopted_on=state.formally_adopted_on,
        languages_available=state.languages_available,
        languages_missing=state.languages_missing,
        open_points=state.open_points,
        meeting=loaded.meetings.get(decision.meeting_id or -1),
        working_group=loaded.groups.get(decision.working_group_id or -1),
        source=decision.source,
        version=decision.version,
    )


def _title_on(decision: Decision, loaded: Loaded, language: str, on: date) -> str | None:
    for version, step in loaded.steps.get(decision.id or -1, []):
        if (
            version.language == language
            and version.title
            and step.taken_on <= on
            and step.state in content.TITLED_STATES
        ):
            return version.title
    return None


@dataclass(frozen=True)
class RegisterFilter:
    """What the register is asked for: decisions known on ``on`` (adopted, or circulated by
    written procedure), optionally of one meeting, status or procedure, with one language made
    available, or containing a text."""

    on: date
    meeting: str | None = None
    status: str | None = None
    procedure: str | None = None
    language: str | None = None
    text: str | None = None
    reading: str | None = None
    """The reader's content language: titles from its versions where they have one."""


def list_decisions(
    *,
    engine: Engine,
    on: date,
    meeting: str | None = None,
    status: str | None = None,
    procedure: str | None = None,
    language: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    reading: str | None = None,
) -> list[DecisionView]:
    """Decisions known on ``on``, filtered, in reference order; ``limit`` of them from
    ``offset`` (all when ``limit`` is None); titles in ``reading`` where they exist."""
    asked = RegisterFilter(on, meeting, status, procedure, language, text, reading)
    with transaction(engine) as session:
        return _rows(session, asked, limit, offset)


def count_decisions(
    *,
    engine: Engine,
    on: date,
    meeting: str | None = None,
    status: str | None = None,
    procedure: str | None = None,
    language: str | None = None,
    text: str | None = None,
) -> int:
    """How many decisions :func:`list_decisions` lists with the same filters."""
    asked = RegisterFilter(on, meeting, status, procedure, language, text)
    with transaction(engine) as session:
        return _count(session, asked)


def page_of_decisions(
    *, engine: Engine, asked: RegisterFilter, limit: int | None, offset: int = 0
) -> DecisionPage:
    """``limit`` decisions of the register (all: None) from ``offset`` and how many match in
    all, in one transaction; an offset past the end gives the first page (a list shortened
    since the page was chosen)."""
    with transaction(engine) as session:
        total = _count(session, asked)
        offset = offset if 0 <= offset < total else 0
        return DecisionPage(tuple(_rows(session, asked, limit, offset)), total, offset)


def _rows(
    session: Session, asked: RegisterFilter, limit: int | None, offset: int
) -> list[DecisionView]:
    config = lookup.body_config(session)
    query = _register(session, config, asked).order_by(col(Decision.reference))
    if limit is not None:
        query = query.limit(max(limit, 0)).offset(max(offset, 0))
    return [_listed(row, config.languages) for row in session.execute(query).all()]


def _count(session: Session, asked: RegisterFilter) -> int:
    config = lookup.body_config(session)
    counted = _register(session, config, asked).with_only_columns(func.count())
    return int(session.execute(counted).scalar_one())


def _register(session: Session, config: lookup.BodyConfig, asked: RegisterFilter) -> Any:
    """The register's query: each decision with the period of its state holding on the day
    (one indexed pick per decision, see :class:`DecisionPeriod`), its meeting and its group."""
    period = DecisionPeriod
    reading = content.reading(config, asked.reading)
    shown: list[Any] = [
        Decision.reference,
        content.decision_title(Decision.id, Decision.title, reading, asked.on).label("title"),
        Decision.kind,
        Decision.procedure,
        Decision.source,
        Decision.version,
        Meeting.code,
        WorkingGroup.code,
        period.status,
        period.adopted_on,
        period.confirmed_on,
        period.formally_adopted_on,
        period.languages_available,
        period.open_points,
        content.decision_title_translated(Decision.id, reading, asked.on).label("title_translated"),
    ]
    query = (
        columns(*shown)
        .join(period, col(period.decision_id) == Decision.id)
        .outerjoin(Meeting, col(Meeting.id) == Decision.meeting_id)
        .outerjoin(WorkingGroup, col(WorkingGroup.id) == Decision.working_group_id)
        .where(
            col(period.starts_on) <= asked.on,
            or_(col(period.ends_on).is_(None), col(period.ends_on) > asked.on),
            col(period.status) != DecisionStatus.NOT_YET.value,
        )
    )
    if asked.meeting:
        query = query.where(col(Decision.meeting_id) == lookup.meeting(session, asked.meeting).id)
    if asked.procedure:
        wanted = lookup.choice(Procedure, asked.procedure, "procedure")
        query = query.where(col(Decision.procedure) == wanted.value)
    if asked.status:
        status = lookup.choice(DecisionStatus, asked.status, "status")
        query = query.where(col(period.status) == status.value)
    if asked.language:
        language = lookup.language(config, asked.language)
        listed = literal(",") + col(period.languages_available) + literal(",")
        query = query.where(listed.contains(f",{language},", autoescape=True))
    needle = (asked.text or "").strip().lower()
    if needle:
        in_versions = exists().where(
            col(TextVersion.decision_id) == Decision.id,
            or_(
                func.lower(TextVersion.text).contains(needle, autoescape=True),
                func.lower(TextVersion.title).contains(needle, autoescape=True),
            ),
        )
        query = query.where(
            or_(
                func.lower(Decision.reference).contains(needle, autoescape=True),
                func.lower(Decision.title).contains(needle, autoescape=True),
                in_versions,
            )
        )
    return query


def _listed(row: Any, languages: Sequence[str]) -> DecisionView:
    available = tuple(row.languages_available.split(",")) if row.languages_available else ()
    return DecisionView(
        reference=row.reference,
        title=row.title,
        kind=row.kind,
        procedure=row.procedure,
        status=row.status,
        adopted_on=row.adopted_on,
        confirmed_on=row.confirmed_on,
        formally_adopted_on=row.formally_adopted_on,
        languages_available=available,
        languages_missing=tuple(lang for lang in languages if lang not in available),
        open_points=row.open_points,
        meeting=row[6],
        working_group=row[7],
        source=row.source,
        version=row.version,
        title_translated=bool(row.title_translated),
    )


def get_decision(
    *, engine: Engine, reference: str, on: date, reading: str | None = None
) -> DecisionDetail:
    """One decision with its versions, open points, procedure and obligations on ``on``
    (deadlines in ``reading`` where the record has them)."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        row = lookup.decision(session, reference)
        loaded = load(session, [row], on)
        item = view(row, loaded, config.languages, on)
        communique = session.get(Communique, row.communique_id) if row.communique_id else None
        return DecisionDetail(
            decision=item,
            communique=communique.code if communique else None,
            versions=versions_view(
                loaded.versions.get(row.id or -1, []),
                loaded.steps.get(row.id or -1, []),
                config.languages,
                on,
            ),
            open_points=tuple(
                OpenPointView(
                    p.key,
                    p.description,
                    p.resolved_on if p.resolved_on and p.resolved_on <= on else None,
                    loaded.references.get(p.resolved_by_id or -1)
                    if p.resolved_on and p.resolved_on <= on
                    else None,
                    p.source,
                )
                for p in loaded.points.get(row.id or -1, [])
            ),
            procedure=procedure_view(row, loaded, on),
            obligations=tuple(obligations_of(session, [row], on, reading)),
            note=row.note,
        )


def versions_view(
    versions: Sequence[TextVersion],
    steps: Sequence[tuple[TextVersion, VersionStep]],
    languages: Sequence[str],
    on: date,
) -> tuple[LanguageVersionView, ...]:
    """Each official language's version as it stood on ``on`` (missing when none), with the
    text of its last effective step by then (a machine draft's text included, labelled by state)."""
    rule_steps = [
        translation.VersionStep(v.language, VersionState(s.state), s.taken_on) for v, s in steps
    ]
    texts = {id(rule): s.text for rule, (_, s) in zip(rule_steps, steps, strict=True)}
    result = []
    for lang in languages:
        state = translation.state_on(rule_steps, lang, on)
        taken = [s for s in translation.effective_steps(rule_steps, lang) if s.on <= on]
        result.append(
            LanguageVersionView(
                language=lang,
                state=state.value,
                available_on=translation.available_on(rule_steps, lang, on),
                text=texts[id(taken[-1])] if taken and state is not VersionState.MISSING else "",
                version=next((v.version for v in versions if v.language == lang), 0),
                title=next(
                    (v.title for v in versions if v.language == lang),
                    "",
                )
                if taken and state is not VersionState.MISSING
                else "",
                steps=tuple(
                    StepView(v.language, s.state, s.taken_on, s.note)
                    for v, s in steps
                    if v.language == lang and s.taken_on <= on
                ),
            )
        )
    return tuple(result)


def procedure_view(decision: Decision, loaded: Loaded, on: date) -> ProcedureView | None:
    proc = written_of(loaded, decision)
    return None if proc is None else written_view(decision, proc, on)


def written_view(decision: Decision, proc: written_procedure.Procedure, on: date) -> ProcedureView:
    """A written procedure as it stands on ``on``: its outcome and the replies received by then."""
    result = written_procedure.result_on(proc, on)
    return ProcedureView(
        reference=decision.reference,
        title=decision.title,
        circulated_on=proc.circulated_on,
        deadline=proc.deadline,
        outcome=result.outcome.value,
        decided_on=result.decided_on,
        supports=result.supports,
        objections=result.objections,
        replies=tuple(
            ReplyView(r.participant, r.kind.value, r.received_on, r.note)
            for r in written_procedure.replies_on(proc, on)
        ),
    )


def obligations_of(
    session: Session, decisions: Sequence[Decision], on: date, reading: str | None = None
) -> list[ObligationView]:
    """The deadlines ``decisions`` set, as they stand on ``on``; what and who in ``reading``
    where the record has them in it (who: else the glossary's form)."""
    references = {d.id: d.reference for d in decisions}
    reading = content.reading_for(session, reading)
    found = session.execute(
        select(*deadlines.columns(reading))
        .where(col(Obligation.decision_id).in_(list(references)))
        .order_by(col(Obligation.due_on), col(Obligation.id))
    ).all()
    return [
        deadlines.view(o, references[o.decision_id], on, title, who, reading)
        for o, title, who in found
    ]


def record_decision(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    title: str,
    kind: str,
    procedure: str,
    adopted_on: date,
    text: str,
    meeting: str | None = None,
    working_group: str | None = None,
    open_points: Sequence[tuple[str, str]] = (),
    source: str = "",
    note: str = "",
    communique: str | None = None,
    available: bool = True,
    available_on: date | None = None,
) -> DecisionView:
    """Record a decision adopted in Plenary or ad referendum (with its open points).

    The text is stored as the source-language version, final on the adoption date, and made
    available on ``available_on`` (default: the adoption date, if not after today) unless
    ``available`` is False (Rule 26: the secretariat says the text was not yet made
    available). ``communique`` links it to the communiqué that announced it (default: its
    meeting's, if one is recorded).
    """
    with writing(engine, actor, Action.RECORD_DECISION) as session:
        if procedure == Procedure.WRITTEN_PROCEDURE.value:
            raise ValidationError(
                N_("A proposal by written procedure is circulated, not recorded as adopted.")
            )
        row = add_decision(
            session,
            reference=reference,
            title=title,
            kind=kind,
            procedure=procedure,
            adopted_on=adopted_on,
            text=text,
            meeting=meeting,
            working_group=working_group,
            communique=communique,
            open_points=open_points,
            source=source,
            note=note,
        )
        # By default the text is made available on the adoption date once that date has come
        # (an adoption recorded ahead of its day is not); a date given is checked.
        if available and (available_on is not None or adopted_on <= clock.today()):
            make_available(
                session,
                reference=row.reference,
                on=available_on or adopted_on,
                note="Made available with its adoption" if available_on is None else "",
            )
        config = lookup.body_config(session)
        return view(row, load(session, [row]), config.languages, available_on or adopted_on)


def make_available(session: Session, *, reference: str, on: date, note: str = "") -> None:
    """The decision's source-language text made available to all Participants on ``on`` (a
    Rule 26 step): what recording a decision with its text does, and the 2003 loader with the
    communiqué's date. Refused after today and before the decision exists."""
    from governance.services import translations  # it imports this module

    row = lookup.decision(session, reference)
    check_past("available_on", on, today=clock.today())
    earliest = row.adopted_on
    if earliest is None:
        proc = session.exec(
            select(WrittenProcedure).where(WrittenProcedure.decision_id == row.id)
        ).first()
        earliest = proc.circulated_on if proc else None
    if earliest is not None and on < earliest:
        raise AvailableBeforeAdoptionError(reference=row.reference, on=on, earliest=earliest)
    translations.add_step(
        session,
        target=row.reference,
        language=lookup.body_config(session).source_language,
        state=VersionState.AVAILABLE.value,
        on=on,
        note=note,
    )


def link_to_communique(
    *, engine: Engine, actor: Actor, reference: str, communique: str
) -> DecisionView:
    """Link a decision to the communiqué that announced it. A decision of a meeting is
    announced by a communiqué of that meeting."""
    with writing(engine, actor, Action.LINK_TO_COMMUNIQUE) as session:
        config = lookup.body_config(session)
        row = lookup.decision(session, reference, for_update=True)
        found = lookup.communique(session, communique)
        check_communique(session, row.reference, row.meeting_id, found)
        row.communique_id = found.id
        row.version += 1
        session.add(row)
        session.flush()
        return view(row, load(session, [row]), config.languages, clock.today())


def check_communique(
    session: Session, reference: str, meeting_id: int | None, found: Communique
) -> None:
    """Refuse a communiqué of another meeting than the decision's (when it has one)."""
    if meeting_id is None or found.meeting_id == meeting_id:
        return
    ours = session.get(Meeting, meeting_id)
    other = session.get(Meeting, found.meeting_id)
    raise CommuniqueOfAnotherMeetingError(
        communique=found.code,
        other=other.code if other else "?",
        meeting=ours.code if ours else "?",
        reference=reference,
    )


def add_decision(
    session: Session,
    *,
    reference: str,
    title: str,
    kind: str,
    procedure: str,
    adopted_on: date | None,
    text: str,
    meeting: str | None = None,
    working_group: str | None = None,
    communique: str | None = None,
    open_points: Sequence[tuple[str, str]] = (),
    confirmed_on: date | None = None,
    source: str = "",
    note: str = "",
) -> Decision:
    config = lookup.body_config(session)
    reference = reference.strip()
    if not reference or not title.strip():
        raise ValidationError(N_("A decision needs a reference and a title."))
    if not text.strip():
        raise ValidationError(N_("A decision needs its text."))
    lookup.within_limit(text)
    kind_enum = lookup.choice(DecisionKind, kind, "decision kind")
    procedure_enum = lookup.choice(Procedure, procedure, "procedure")
    if procedure_enum is not Procedure.AD_REFERENDUM and open_points:
        raise ValidationError(N_("Only a decision adopted ad referendum has open points."))
    try:
        lookup.decision(session, reference)
    except NotFoundError:
        pass
    else:
        raise DuplicateError(what="decision", name=reference)
    meeting_row = lookup.meeting(session, meeting) if meeting else None
    if (
        meeting_row
        and adopted_on
        and not meeting_row.starts_on <= adopted_on <= meeting_row.ends_on
    ):
        raise ValidationError(
            N_("A decision of {meeting} is adopted between {start} and {end}, not on {on}."),
            meeting=meeting_row.code,
            start=meeting_row.starts_on,
            end=meeting_row.ends_on,
            on=adopted_on,
        )
    group = lookup.working_group(session, working_group) if working_group else None
    communique_row = lookup.communique(session, communique) if communique else None
    if communique_row is not None:
        at = meeting_row.id if meeting_row else None
        check_communique(session, reference, at, communique_row)
    if communique_row is None and meeting_row is not None:
        communique_row = session.exec(
            select(Communique).where(Communique.meeting_id == meeting_row.id)
        ).first()
    keys = [k.strip() for k, _ in open_points]
    if any(not k for k in keys) or len(set(keys)) != len(keys):
        raise ValidationError(N_("Each open point needs its own key."))
    row = Decision(
        reference=reference,
        title=title.strip(),
        kind=kind_enum.value,
        procedure=procedure_enum.value,
        meeting_id=meeting_row.id if meeting_row else None,
        working_group_id=group.id if group else None,
        communique_id=communique_row.id if communique_row else None,
        adopted_on=adopted_on,
        confirmed_on=confirmed_on,
        source=source,
        note=note,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    version = TextVersion(decision_id=row.id, language=config.source_language, text=text.strip())
    session.add(version)
    session.flush()
    assert version.id is not None
    if adopted_on is not None:
        session.add(
            VersionStep(
                version_id=version.id,
                state=VersionState.FINAL.value,
                taken_on=adopted_on,
                text=version.text,
            )
        )
    for key, description in open_points:
        session.add(
            OpenPoint(decision_id=row.id, key=key.strip(), description=description, source=source)
        )
    session.flush()
    return row


def add_obligation(
    session: Session,
    *,
    decision: str,
    title: str,
    kind: str,
    due_on: date,
    responsible: str = "",
    met_on: date | None = None,
    met_source: str = "",
    source: str = "",
) -> None:
    row = lookup.decision(session, decision)
    assert row.id is not None
    if not title.strip():
        raise ValidationError(N_("An obligation needs a title."))
    session.add(
        Obligation(
            decision_id=row.id,
            title=title.strip(),
            kind=lookup.choice(ObligationKind, kind, "obligation kind").value,
            due_on=due_on,
            responsible=responsible,
            met_on=met_on,
            met_source=met_source,
            source=source,
        )
    )
    session.flush()


def resolve_open_point(
    *, engine: Engine, actor: Actor, reference: str, key: str, resolved_on: date, by_decision: str
) -> DecisionView:
    """Resolve an open point of an ad referendum decision by a later decision."""
    with writing(engine, actor, Action.RESOLVE_OPEN_POINT) as session:
        config = lookup.body_config(session)
        row = resolve_point(
            session, reference=reference, key=key, resolved_on=resolved_on, by_decision=by_decision
        )
        return view(row, load(session, [row]), config.languages, resolved_on)


def resolve_point(
    session: Session, *, reference: str, key: str, resolved_on: date, by_decision: str
) -> Decision:
    """Resolve an open point inside the caller's transaction; the decision it belongs to."""
    row = lookup.decision(session, reference)
    point = session.exec(
        select(OpenPoint).where(
            OpenPoint.decision_id == row.id,
            OpenPoint.key == storable.check_text("key", key.strip()),
        )
    ).first()
    if point is None:
        raise NotFoundError(what=f"open point of {row.reference}", name=key)
    if point.resolved_on is not None:
        raise AlreadyResolvedError(what=f"{row.reference} / {point.key}", on=point.resolved_on)
    resolver = _later_decision(session, row, by_decision, resolved_on)
    point.resolved_on = resolved_on
    point.resolved_by_id = resolver.id
    session.add(point)
    session.flush()
    return row


def confirm_decision(
    *, engine: Engine, actor: Actor, reference: str, confirmed_on: date, by_decision: str
) -> DecisionView:
    """Confirm a decision adopted ad referendum, as a whole, by a later decision."""
    with writing(engine, actor, Action.CONFIRM_DECISION) as session:
        config = lookup.body_config(session)
        row = lookup.decision(session, reference)
        if row.procedure != Procedure.AD_REFERENDUM.value:
            raise ValidationError(
                N_("{reference} was not adopted ad referendum."), reference=row.reference
            )
        if row.confirmed_on is not None:
            raise AlreadyResolvedError(what=row.reference, on=row.confirmed_on)
        resolver = _later_decision(session, row, by_decision, confirmed_on)
        row.confirmed_on = confirmed_on
        row.confirmed_by_id = resolver.id
        session.add(row)
        session.flush()
        return view(row, load(session, [row]), config.languages, confirmed_on)


def _later_decision(session: Session, decision: Decision, reference: str, on: date) -> Decision:
    resolver = lookup.decision(session, reference)
    if resolver.id == decision.id:
        raise ValidationError(N_("A decision cannot confirm itself."))
    if decision.adopted_on and on < decision.adopted_on:
        raise ValidationError(
            N_("{on} is before the adoption of {reference} ({adopted_on})."),
            on=on,
            reference=decision.reference,
            adopted_on=decision.adopted_on,
        )
    config = lookup.body_config(session)
    state = decision_status.decision_state(
        facts(load(session, [resolver]), resolver), config.languages, on
    )
    if state.status in (DecisionStatus.NOT_YET, DecisionStatus.PENDING, DecisionStatus.NOT_ADOPTED):
        raise ValidationError(
            N_("{reference} is not adopted on {on} ({status})."),
            reference=resolver.reference,
            on=on,
            status=state.status.value,
        )
    return resolver


def decision_id(*, engine: Engine, reference: str) -> int:
    """The record number of a decision (to look up its history)."""
    with transaction(engine) as session:
        row = lookup.decision(session, reference)
        assert row.id is not None
        return row.id


def edit_decision(
    *,
    engine: Engine,
    actor: Actor,
    reference: str,
    expected_version: int,
    title: str | None = None,
    kind: str | None = None,
    working_group: str | None = None,
) -> DecisionView:
    """Correct a decision's title, kind or working group. Refused when someone saved the
    decision since ``expected_version`` was read: nothing is silently overwritten."""
    with writing(engine, actor, Action.EDIT_DECISION) as session:
        config = lookup.body_config(session)
        row = lookup.decision(session, reference, for_update=True)
        check_version(session, "decision", row.id, row.version, expected_version, row.reference)
        if title is not None:
            if not title.strip():
                raise ValidationError(N_("A decision needs a reference and a title."))
            row.title = title.strip()
        if kind is not None:
            row.kind = lookup.choice(DecisionKind, kind, "decision kind").value
        if working_group is not None:
            row.working_group_id = (
                lookup.working_group(session, working_group).id if working_group else None
            )
        row.version += 1
        session.add(row)
        session.flush()
        return view(row, load(session, [row]), config.languages, date.max)


def check_version(
    session: Session, table: str, row_id: int | None, current: int, expected: int, what: str
) -> None:
    """Raise :class:`ConcurrentEditError` naming who saved last, and when, if the row moved on."""
    if current == expected:
        return
    changes = audit.history(session, table, str(row_id))
    last = changes[-1] if changes else None
    raise ConcurrentEditError(
        what=what,
        user=last.actor if last else "?",
        at=last.at[:16].replace("T", " ") + " UTC" if last else "?",
    )
