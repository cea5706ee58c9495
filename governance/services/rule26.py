"""The Rule 26 board: what takes effect when.

A decision is formally adopted only once it is available in every official language (Rule 26,
:func:`governance.rules.translation.formal_adoption_date`). The board lists the decisions
awaiting formal adoption on a date with the state of each language version on that date, which
of them a single language's next publication would complete, and how many decisions each
language had made available over time.

Everything is answered in SQL with a fixed number of statements: the decisions awaiting formal
adoption and what they miss come from the stored :class:`DecisionPeriod` of the date (one
indexed pick per decision), the language versions' steps from one query for the page's
decisions only, and the state of each version from those steps through the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, literal, or_
from sqlalchemy import select as columns
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from governance.db import transaction
from governance.models import Decision, DecisionPeriod, Meeting, TextVersion, VersionStep
from governance.rules import translation
from governance.rules.decision_status import DecisionStatus
from governance.rules.translation import VersionState
from governance.services import content, lookup
from governance.services.views import (
    LanguageCountPoint,
    MeetingChoice,
    Rule26Board,
    Rule26Cell,
    Rule26Completion,
    Rule26Row,
)

PAGE = 50
"""Decisions on a page of the board."""
COMPLETIONS_SHOWN = 20
"""References listed per language under "its next publication would complete" (all counted)."""
AWAITING = DecisionStatus.AWAITING_FORMAL_ADOPTION.value


def board(
    *,
    engine: Engine,
    on: date,
    meeting: str | None = None,
    language: str | None = None,
    limit: int | None = PAGE,
    offset: int = 0,
    progress: bool = True,
    reading: str | None = None,
) -> Rule26Board:
    """The decisions awaiting formal adoption on ``on`` (optionally of one meeting, or still
    waiting for one ``language``), ``limit`` of them (all: None) from ``offset`` in reference
    order, each with its language versions as they stood on ``on``; per language the decisions
    its next publication would make formally adopted; with ``progress``, the number of
    decisions each language had made available by each date up to ``on``. An offset past the
    end gives the first page. Titles in ``reading`` where they exist."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        reading = content.reading(config, reading)
        languages = config.languages
        meeting_id = lookup.meeting(session, meeting).id if meeting else None
        waiting_on = lookup.language(config, language) if language else None
        total = int(
            session.execute(
                _awaiting(on, meeting_id, waiting_on, func.count(col(Decision.id)))
            ).scalar_one()
        )
        offset = offset if 0 <= offset < total else 0
        rows = _rows(session, on, meeting_id, waiting_on, languages, limit, offset, reading)
        return Rule26Board(
            on=on,
            languages=languages,
            rows=rows,
            total=total,
            offset=offset,
            completions=_completions(session, on, meeting_id, waiting_on, languages),
            progress=_progress(session, on, meeting_id, languages) if progress else (),
            meetings=_meetings(session, on, reading),
        )


def _awaiting(on: date, meeting_id: int | None, waiting_on: str | None, *shown: Any) -> Any:
    """``shown`` of the decisions whose period holding on ``on`` awaits formal adoption."""
    period = DecisionPeriod
    query = (
        columns(*shown)
        .select_from(Decision)
        .join(period, col(period.decision_id) == Decision.id)
        .where(
            col(period.starts_on) <= on,
            or_(col(period.ends_on).is_(None), col(period.ends_on) > on),
            col(period.status) == AWAITING,
        )
    )
    if meeting_id is not None:
        query = query.where(col(Decision.meeting_id) == meeting_id)
    if waiting_on is not None:
        listed = literal(",") + col(period.languages_available) + literal(",")
        query = query.where(~listed.contains(f",{waiting_on},", autoescape=True))
    return query


def _rows(
    session: Session,
    on: date,
    meeting_id: int | None,
    waiting_on: str | None,
    languages: Sequence[str],
    limit: int | None,
    offset: int,
    reading: str | None = None,
) -> tuple[Rule26Row, ...]:
    period = DecisionPeriod
    query = (
        _awaiting(
            on,
            meeting_id,
            waiting_on,
            Decision.id,
            Decision.reference,
            content.decision_title(Decision.id, Decision.title, reading, on).label("title"),
            period.status,
            period.adopted_on,
            period.languages_available,
            Meeting.code,
        )
        .outerjoin(Meeting, col(Meeting.id) == Decision.meeting_id)
        .order_by(col(Decision.reference))
    )
    if limit is not None:
        query = query.limit(max(limit, 0)).offset(max(offset, 0))
    found = session.execute(query).all()
    steps = _steps(session, [row.id for row in found], on)
    result = []
    for row in found:
        available = set(row.languages_available.split(",")) if row.languages_available else set()
        missing = [lang for lang in languages if lang not in available]
        result.append(
            Rule26Row(
                reference=row.reference,
                title=row.title,
                status=row.status,
                meeting=row.code,
                adopted_on=row.adopted_on,
                cells=tuple(_cell(steps.get(row.id, []), lang, on) for lang in languages),
                completes_with=missing[0] if len(missing) == 1 else None,
            )
        )
    return tuple(result)


def _steps(
    session: Session, decision_ids: Sequence[int], on: date
) -> dict[int, list[translation.VersionStep]]:
    """The language steps taken by ``on`` of these decisions (one query), in date order, ties
    in recording order."""
    if not decision_ids:
        return {}
    query = (
        columns(
            col(TextVersion.decision_id),
            col(TextVersion.language),
            col(VersionStep.state),
            col(VersionStep.taken_on),
        )
        .join(VersionStep, col(VersionStep.version_id) == TextVersion.id)
        .where(col(TextVersion.decision_id).in_(decision_ids), col(VersionStep.taken_on) <= on)
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    )
    steps: dict[int, list[translation.VersionStep]] = {}
    for decision_id, language, state, taken_on in session.execute(query).all():
        steps.setdefault(decision_id, []).append(
            translation.VersionStep(language, VersionState(state), taken_on)
        )
    return steps


def _cell(steps: Sequence[translation.VersionStep], language: str, on: date) -> Rule26Cell:
    """The version's state on ``on`` and the date of the step that put it there."""
    taken = [s for s in translation.effective_steps(steps, language) if s.on <= on]
    state = translation.state_on(steps, language, on)
    return Rule26Cell(language, state.value, taken[-1].on if taken else None)


def _completions(
    session: Session,
    on: date,
    meeting_id: int | None,
    waiting_on: str | None,
    languages: Sequence[str],
) -> tuple[Rule26Completion, ...]:
    """Per language, the decisions for which it is the only one missing (the stored list of
    available languages is in the body's order, so "all but L" is one string per language)."""
    period = DecisionPeriod
    asked = [waiting_on] if waiting_on else list(languages)
    all_but = {",".join(other for other in languages if other != lang): lang for lang in asked}
    ranked = (
        _awaiting(
            on,
            meeting_id,
            None,
            Decision.reference,
            period.languages_available,
            func.row_number()
            .over(partition_by=period.languages_available, order_by=Decision.reference)
            .label("n"),
            func.count().over(partition_by=period.languages_available).label("total"),
        )
        .where(col(period.languages_available).in_(list(all_but)))
        .subquery()
    )
    found = session.execute(
        columns(ranked.c.reference, ranked.c.languages_available, ranked.c.total)
        .where(ranked.c.n <= COMPLETIONS_SHOWN)
        .order_by(ranked.c.reference)
    ).all()
    totals: dict[str, int] = {}
    references: dict[str, list[str]] = {}
    for reference, available, count in found:
        lang = all_but[available]
        totals[lang] = int(count)
        references.setdefault(lang, []).append(reference)
    return tuple(
        Rule26Completion(lang, totals.get(lang, 0), tuple(references.get(lang, ())))
        for lang in asked
    )


def _progress(
    session: Session, on: date, meeting_id: int | None, languages: Sequence[str]
) -> tuple[LanguageCountPoint, ...]:
    """How many decisions each language had made available by each date it changed, from the
    first such date to ``on`` (a point at ``on`` closes every series)."""
    first: Any = columns(
        col(TextVersion.language).label("language"),
        func.min(VersionStep.taken_on).label("day"),
    ).join(VersionStep, col(VersionStep.version_id) == TextVersion.id)
    if meeting_id is not None:
        first = first.join(Decision, col(Decision.id) == TextVersion.decision_id).where(
            col(Decision.meeting_id) == meeting_id
        )
    made = (
        first.where(
            col(TextVersion.decision_id).is_not(None),
            col(VersionStep.state) == VersionState.AVAILABLE.value,
            col(VersionStep.taken_on) <= on,
        )
        .group_by(col(TextVersion.id), col(TextVersion.language))
        .subquery()
    )
    counted = session.execute(
        columns(made.c.language, made.c.day, func.count())
        .group_by(made.c.language, made.c.day)
        .order_by(made.c.day)
    ).all()
    if not counted:
        return ()
    start = min(day for _, day, _ in counted)
    points: list[LanguageCountPoint] = []
    for lang in languages:
        running = 0
        days = [(day, int(n)) for code, day, n in counted if code == lang]
        if not days or days[0][0] > start:
            points.append(LanguageCountPoint(lang, start, 0))
        for day, n in days:
            running += n
            points.append(LanguageCountPoint(lang, day, running))
        if points[-1].on < on:
            points.append(LanguageCountPoint(lang, on, running))
    return tuple(points)


def _meetings(session: Session, on: date, reading: str | None) -> tuple[MeetingChoice, ...]:
    """The meetings with a decision awaiting formal adoption on ``on``, in date order."""
    title = content.rendered("meeting", Meeting.id, "title", Meeting.title, reading)
    found = session.execute(
        columns(col(Meeting.code), title, col(Meeting.starts_on), col(Meeting.ends_on))
        .where(col(Meeting.id).in_(_awaiting(on, None, None, Decision.meeting_id)))
        .order_by(col(Meeting.starts_on), col(Meeting.code))
    ).all()
    return tuple(MeetingChoice(*row) for row in found)
