"""`demo-data`: a synthetic history through the services' rules, deterministic for a seed,
verified by the audit trail and by the rules replayed on the stored rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from dbcheck import audit_count, dump
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from governance import db
from governance.models import (
    Entity,
    OfficeTerm,
    ProcedureReply,
    StatusEvent,
    TextVersion,
    VersionStep,
    WrittenProcedure,
)
from governance.rules import participation, rotation, translation
from governance.rules.decision_status import DecisionStatus
from governance.rules.errors import DemoDataPresentError, NumberOutOfRangeError
from governance.rules.participation import EntityKind, Status
from governance.rules.rotation import Office, Term
from governance.rules.translation import VersionState
from governance.services import audits, decisions, demo_data, lookup, participants

END = date(2100, 12, 31)


@pytest.fixture
def second_engine(another_database_url: str) -> Engine:
    return db.get_engine(another_database_url)


def test_builds_a_history_the_audit_trail_and_the_rules_accept(engine: Engine) -> None:
    summary = demo_data.build(engine, scale=4, seed=7)
    assert summary.years == 3 and summary.first_year == 2004
    assert summary.meetings == 6
    assert summary.decisions >= 6 * 8
    assert summary.language_versions > summary.decisions * 4
    assert summary.steps > summary.language_versions * 2
    assert summary.replies > 0
    assert summary.audit_entries > summary.steps
    assert audits.verify(engine=engine).ok
    check_invariants(engine)
    register = decisions.list_decisions(engine=engine, on=END)
    statuses = {d.status for d in register}
    assert DecisionStatus.FORMALLY_ADOPTED.value in statuses
    assert {d.procedure for d in register} == {"plenary", "ad_referendum", "written_procedure"}


def test_one_seed_one_history(engine: Engine, second_engine: Engine) -> None:
    demo_data.build(engine, scale=3, seed=11)
    demo_data.build(second_engine, scale=3, seed=11)
    assert comparable(dump(engine)) == comparable(dump(second_engine))


def test_another_seed_another_history(engine: Engine, second_engine: Engine) -> None:
    demo_data.build(engine, scale=3, seed=1)
    demo_data.build(second_engine, scale=3, seed=2)
    assert comparable(dump(engine)) != comparable(dump(second_engine))


def test_refused_once_demo_data_is_present_and_nothing_is_stored(engine: Engine) -> None:
    demo_data.build(engine, scale=2, seed=3)
    before, entries = dump(engine), audit_count(engine)
    with pytest.raises(DemoDataPresentError):
        demo_data.build(engine, scale=2, seed=4)
    assert dump(engine) == before and audit_count(engine) == entries


def test_a_scale_out_of_range_is_refused(engine: Engine) -> None:
    with pytest.raises(NumberOutOfRangeError):
        demo_data.build(engine, scale=0)
    with pytest.raises(NumberOutOfRangeError):
        demo_data.build(engine, scale=400)  # more meetings than 2004–2099 can hold


def test_scale_one_adds_nothing(engine: Engine) -> None:
    entries = audit_count(engine)
    summary = demo_data.build(engine, scale=1)
    assert summary.years == 0 and summary.decisions == 0
    assert audit_count(engine) == entries


# --- helpers ---------------------------------------------------------------------------------


def comparable(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row, the audit trail without its timestamps and hashes (they differ by run)."""
    result = dict(tables)
    result.pop("audithead")
    # auditentry: id, seq, at, actor, action, table_name, row_key, operation, origin,
    # before, after, prev_hash, hash
    result["auditentry"] = [row[:2] + row[3:9] + row[9:11] for row in tables["auditentry"]]
    return result


def check_invariants(engine: Engine) -> None:
    """The rules replayed on the stored rows: what the services checked row by row still holds
    for the history as a whole."""
    with Session(engine) as session:
        config = lookup.body_config(session)  # type: ignore[arg-type]
        names = {e.id: e for e in session.execute(select(Entity)).scalars()}
        # statuses: every event may follow the ones before it
        events: dict[int, list[StatusEvent]] = {}
        for row in session.execute(
            select(StatusEvent).order_by(col(StatusEvent.effective_on), col(StatusEvent.id))
        ).scalars():
            events.setdefault(row.entity_id, []).append(row)
        for entity_id, rows in events.items():
            history: list[participation.StatusEvent] = []
            for row in rows:
                new = participants.rule_event(row)
                participation.check_event(
                    EntityKind(names[entity_id].kind),
                    history,
                    new,
                    founding=row.source != demo_data.SOURCE,
                )
                history.append(new)
        # offices: never two holders of one office on a day, projected terms included
        terms = [
            Term(Office(t.office), names[t.entity_id].name, t.starts_on, t.ends_on)
            for t in session.execute(select(OfficeTerm)).scalars()
        ]
        rotation.check_no_overlap(terms)
        rotation.check_no_overlap(rotation.timeline(terms, config.rule))
        assert {t.starts_on.year for t in terms if t.office is Office.VICE_CHAIR} >= set(
            range(2004, 2008)
        )
        # language versions: each version's steps, in the order recorded, a legal sequence
        steps: dict[int, list[translation.VersionStep]] = {}
        versions = {v.id: v for v in session.execute(select(TextVersion)).scalars()}
        for step in session.execute(select(VersionStep).order_by(col(VersionStep.id))).scalars():
            history_of = steps.setdefault(step.version_id, [])
            new_step = translation.VersionStep(
                versions[step.version_id].language, VersionState(step.state), step.taken_on
            )
            translation.check_step(history_of, new_step)
            history_of.append(new_step)
        # written procedures: replies within the period, from a Participant of the day
        procedures = {p.id: p for p in session.execute(select(WrittenProcedure)).scalars()}
        for reply in session.execute(select(ProcedureReply)).scalars():
            proc = procedures[reply.procedure_id]
            assert proc.circulated_on <= reply.received_on <= proc.deadline
            rule_events = [participants.rule_event(r) for r in events[reply.entity_id]]
            standing = participation.standing_on(rule_events, reply.received_on)
            assert standing is not None and standing.status is Status.PARTICIPANT
    # Rule 26: formally adopted only with every language made available
    for item in decisions.list_decisions(engine=engine, on=END):
        if item.status == DecisionStatus.FORMALLY_ADOPTED.value:
            assert not item.languages_missing and item.formally_adopted_on is not None


def test_the_command_prints_a_summary_and_refuses_a_second_run(database_url: str) -> None:
    from click.testing import CliRunner

    from governance.cli import cli

    runner = CliRunner()
    done = runner.invoke(
        cli, ["--database-url", database_url, "--json", "demo-data", "--scale", "2"]
    )
    assert done.exit_code == 0, done.output
    assert '"decisions"' in done.output and '"audit_entries"' in done.output
    again = runner.invoke(cli, ["--database-url", database_url, "demo-data", "--scale", "2"])
    assert isinstance(again.exception, DemoDataPresentError)  # main() prints it on one line
