"""Record history a person can read: found by reference or name, per-field before → after with
labels, referenced records by name, the account and the real UTC time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from governance import labels
from governance.i18n import translator
from governance.rules.errors import NotFoundError, UnknownValueError
from governance.rules.permissions import Actor, Role
from governance.services import audits, decisions, instruments

CLERK = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(CLERK)


def _edit(engine: Engine, reference: str, title: str) -> None:
    current = decisions.get_decision(engine=engine, reference=reference, on=date.max)
    decisions.edit_decision(
        engine=engine,
        actor=CLERK,
        reference=reference,
        expected_version=current.decision.version,
        title=title,
    )


def test_an_edited_decision_shows_each_changed_field_before_and_after(engine: Engine) -> None:
    started = datetime.now(UTC)
    _edit(engine, "2003-SUN-04", "Canada selected as Chair for the year 2004")
    history = audits.readable_history(engine=engine, kind="decision", name="2003-sun-04")
    assert history.name == "2003-SUN-04"
    assert history.total == len(history.changes)
    first, last = history.changes[0], history.changes[-1]
    # The record as loaded: referenced rows by their reference or code, not their number.
    assert (first.operation, first.table, first.actor, first.action) == (
        "insert",
        "decision",
        "system",
        "load_record",
    )
    loaded = {f.field: (f.before, f.after) for f in first.fields}
    assert loaded["meeting_id"] == ("", "2003-sun-city")
    assert loaded["reference"] == ("", "2003-SUN-04")
    assert "id" not in loaded and "reference_key" not in loaded
    # The correction: only what changed, before → after.
    assert (last.operation, last.actor, last.action) == ("update", "clerk", "edit_decision")
    before, after = (
        "Canada selected as Chair for 2004",
        "Canada selected as Chair for the year 2004",
    )
    assert sorted((f.field, f.before, f.after) for f in last.fields) == [
        ("title", before, after),
        ("version", "1", "2"),
    ]
    assert started - timedelta(seconds=5) <= last.at <= datetime.now(UTC)
    assert last.at.tzinfo is not None and last.at.utcoffset() == timedelta(0)
    # Labels in the user's language.
    fr = translator("fr")
    assert fr.label(labels.AUDIT_FIELD, "title") != "title"
    assert fr.label(labels.AUDIT_ACTION, "edit_decision") != "edit_decision"


def test_the_parts_of_a_record_are_in_its_history(engine: Engine) -> None:
    history = audits.readable_history(engine=engine, kind="decision", name="2003-JHB-09")
    tables = {c.table for c in history.changes}
    assert {"decision", "textversion", "versionstep"} <= tables
    steps = [c for c in history.changes if c.table == "versionstep"]
    version = {f.field: f.after for f in steps[0].fields}["version_id"]
    assert version == "2003-JHB-09 (en)"


def test_a_participant_by_name_with_its_changes_of_status(engine: Engine) -> None:
    history = audits.readable_history(engine=engine, kind="participant", name="liberia")
    assert history.name == "Liberia"
    status = [c for c in history.changes if c.table == "statusevent"]
    assert len(status) == 1 and status[0].part == "2003-04-30"
    fields = {f.field: f.after for f in status[0].fields}
    assert fields["decision_id"] == "2003-JHB-09"
    assert fields["entity_id"] == "Liberia"


def test_an_instrument_and_its_links(engine: Engine) -> None:
    instruments.link_instrument(
        engine=engine, actor=CLERK, reference="A/RES/57/302", decision="2003-SUN-12"
    )
    history = audits.readable_history(engine=engine, kind="instrument", name="A/RES/57/302")
    assert [(c.table, c.actor) for c in history.changes] == [
        ("instrument", "system"),
        ("instrumentlink", "clerk"),
    ]
    link = {f.field: f.after for f in history.changes[1].fields}
    assert (link["instrument_id"], link["decision_id"]) == ("A/RES/57/302", "2003-SUN-12")


def test_paged_and_refused_when_unknown(engine: Engine) -> None:
    whole = audits.readable_history(engine=engine, kind="decision", name="2003-JHB-01")
    page = audits.readable_history(
        engine=engine, kind="decision", name="2003-JHB-01", limit=2, offset=1
    )
    assert page.total == whole.total and page.changes == whole.changes[1:3]
    with pytest.raises(NotFoundError):
        audits.readable_history(engine=engine, kind="decision", name="1")
    with pytest.raises(UnknownValueError):
        audits.readable_history(engine=engine, kind="table", name="x")
    assert audits.find_records(engine=engine, kind="meeting", text="sun") == ["2003-sun-city"]
