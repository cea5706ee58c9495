"""The body itself: its parameters, working groups and committees, and review missions."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance.db import transaction
from governance.models import Body, Decision, Entity, Meeting, ReviewMission, WorkingGroup
from governance.services import content, lookup
from governance.services.views import BodyView, ReviewMissionView, WorkingGroupView


def get_body(*, engine: Engine, reading: str | None = None) -> BodyView:
    """The body's parameters; its name in ``reading`` where the record has it."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        reading = content.reading(config, reading)
        body_id = session.exec(select(Body.id)).first() if reading else None
        name = (
            content.rendering_of(session, "body", body_id, "name", config.name, reading)[0]
            if body_id is not None
            else config.name
        )
        return BodyView(
            code=config.code,
            name=name,
            official_languages=config.languages,
            source_language=config.source_language,
            rule_text=config.rule_text,
            rule_source=config.rule_source,
        )


def list_working_groups(*, engine: Engine, on: date) -> list[WorkingGroupView]:
    """Working groups and committees (those established after ``on`` left out)."""
    with transaction(engine) as session:
        groups = session.exec(select(WorkingGroup).order_by(col(WorkingGroup.name))).all()
        adopted = session.exec(
            select(Decision).where(
                col(Decision.adopted_on).is_not(None), col(Decision.adopted_on) <= on
            )
        ).all()
        return [
            WorkingGroupView(
                code=g.code,
                name=g.name,
                kind=g.kind,
                established_on=g.established_on,
                decisions=tuple(sorted(d.reference for d in adopted if d.working_group_id == g.id)),
                note=g.note,
                source=g.source,
            )
            for g in groups
            if g.established_on is None or g.established_on <= on
        ]


def list_review_missions(*, engine: Engine, on: date) -> list[ReviewMissionView]:
    """Review missions and visits that had begun by ``on``."""
    with transaction(engine) as session:
        rows = session.exec(
            select(ReviewMission)
            .where(ReviewMission.starts_on <= on)
            .order_by(col(ReviewMission.starts_on))
        ).all()
        targets = lookup.names_by_id(session, Entity, (r.target_id for r in rows))
        references = lookup.names_by_id(session, Decision, (r.decision_id for r in rows))
        meetings = {m.id: m for m in session.exec(select(Meeting)).all()}
        result = []
        for r in rows:
            report = meetings.get(r.report_meeting_id) if r.report_meeting_id else None
            result.append(
                ReviewMissionView(
                    kind=r.kind,
                    target=targets[r.target_id],
                    decision=references.get(r.decision_id) if r.decision_id else None,
                    starts_on=r.starts_on,
                    ends_on=r.ends_on,
                    composition=r.composition,
                    report_considered_at=report.code if report and report.starts_on <= on else None,
                    finding=r.finding if r.ends_on <= on else "",
                    source=r.source,
                )
            )
        return result
