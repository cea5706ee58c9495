"""Each decision's state through time, stored so lists filter and count it in SQL.

``rules.decision_status.timeline`` stays the one statement of Rule 26: it is applied to a
decision's facts whenever a writing transaction changes any of them (the decision, its language
versions and their steps, its open points, its written procedure and the replies), just before
that transaction commits, and the result replaces the decision's :class:`DecisionPeriod` rows.
Nothing outside this module writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Table, delete, event, exists, insert
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from governance.models import (
    Decision,
    DecisionPeriod,
    OpenPoint,
    ProcedureReply,
    TextVersion,
    VersionStep,
    WrittenProcedure,
)
from governance.rules import decision_status
from governance.services import lookup

TOUCHED = "decision_periods_touched"
"""session.info: (decision ids, text-version ids, procedure ids) changed in this transaction."""
CHUNK = 500
"""Decisions refreshed per round (bounded ``IN`` lists: PostgreSQL takes at most 65,535
parameters in a statement)."""
FACTS = (Decision, TextVersion, VersionStep, OpenPoint, WrittenProcedure, ProcedureReply)
"""The rows a decision's state is computed from."""
PERIODS: Table = DecisionPeriod.__table__  # type: ignore[attr-defined]


@event.listens_for(OrmSession, "after_flush")
def _note(session: OrmSession, _context: Any) -> None:
    """Remember which decisions this flush touched (new, changed or deleted facts)."""
    touched: tuple[set[int], set[int], set[int]] | None = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(
            obj,
            Decision | TextVersion | VersionStep | OpenPoint | WrittenProcedure | ProcedureReply,
        ):
            continue
        if touched is None:
            touched = session.info.setdefault(TOUCHED, (set(), set(), set()))
        ids, versions, procedures = touched
        if isinstance(obj, Decision):
            if obj.id is not None:
                ids.add(obj.id)
        elif isinstance(obj, VersionStep):
            versions.add(obj.version_id)
        elif isinstance(obj, ProcedureReply):
            procedures.add(obj.procedure_id)
        elif obj.decision_id is not None:  # text version, open point, written procedure
            ids.add(obj.decision_id)


@event.listens_for(OrmSession, "before_commit")
def _refresh_touched(session: OrmSession) -> None:
    if TOUCHED not in session.info:
        return
    session.flush()
    ids, versions, procedures = session.info.pop(TOUCHED)
    assert isinstance(session, Session)
    for chunk in _chunks(sorted(versions)):
        ids.update(
            session.exec(
                select(TextVersion.decision_id).where(
                    col(TextVersion.id).in_(chunk), col(TextVersion.decision_id).is_not(None)
                )
            ).all()
        )
    for chunk in _chunks(sorted(procedures)):
        ids.update(
            session.exec(
                select(WrittenProcedure.decision_id).where(col(WrittenProcedure.id).in_(chunk))
            ).all()
        )
    refresh(session, sorted(i for i in ids if i is not None))


def refresh(session: Session, decision_ids: Sequence[int]) -> None:
    """Recompute the periods of these decisions from their stored facts (gone ones: dropped)."""
    from governance.services import decisions  # the register's loaders, only for a writer

    languages = lookup.body_config(session).languages if decision_ids else ()
    for chunk in _chunks(decision_ids):
        session.execute(delete(PERIODS).where(PERIODS.c.decision_id.in_(chunk)))
        rows = session.exec(select(Decision).where(col(Decision.id).in_(chunk))).all()
        loaded = decisions.load(session, rows)
        values = [
            value
            for row in rows
            for value in _periods(row, decisions.facts(loaded, row), languages)
        ]
        if values:
            session.execute(insert(PERIODS), values)


def _periods(
    row: Decision, facts: decision_status.DecisionFacts, languages: Sequence[str]
) -> Iterator[dict[str, Any]]:
    spans = decision_status.timeline(facts, languages)
    ends = [start for start, _ in spans[1:]] + [None]
    for (start, state), end in zip(spans, ends, strict=True):
        yield {
            "decision_id": row.id,
            "starts_on": start,
            "ends_on": end,
            "status": state.status.value,
            "adopted_on": state.adopted_on,
            "confirmed_on": state.confirmed_on,
            "formally_adopted_on": state.formally_adopted_on,
            "languages_available": ",".join(state.languages_available),
            "open_points": state.open_points,
        }


def fill_missing(session: Session) -> int:
    """Compute the periods of every decision that has none (a database upgraded from before
    they were stored, or restored from a backup); how many decisions were filled."""
    missing = session.exec(
        select(Decision.id).where(~exists().where(PERIODS.c.decision_id == Decision.id))
    ).all()
    ids = [i for i in missing if i is not None]
    refresh(session, ids)
    return len(ids)


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    it = iter(values)
    while chunk := list(islice(it, CHUNK)):
        yield chunk
