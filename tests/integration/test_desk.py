"""The desk's narrow reads select in SQL exactly what the rules, applied to the whole record,
say each form may act on — on the 2003 record and on a small synthetic history after it."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from governance import db
from governance.rules.permissions import Actor, Role
from governance.services import (
    audits,
    bodies,
    decisions,
    demo_data,
    desk,
    meetings,
    participants,
    procedures,
)

DATES = [
    date(2003, 4, 30),
    date(2003, 6, 1),
    date(2003, 10, 31),
    date(2004, 2, 1),
    date(2004, 5, 15),
    date(2004, 11, 30),
    date(2005, 3, 1),
]
ALL = 100_000
PG_URL = os.environ.get("PLENARY_TEST_DATABASE_URL")
SECRETARIAT = Actor("clerk", Role.SECRETARIAT)


@pytest.fixture(scope="module")
def demo_url(template_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this module's own: the 2003 record followed by a demo-data year
    (``--scale 2``), built once (the tests only read it)."""
    if PG_URL:
        name = f"plenary_desk_{uuid.uuid4().hex[:8]}"
        admin = create_engine(db.normalize_url(PG_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            template = make_url(template_url).database
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        url = make_url(db.normalize_url(PG_URL)).set(database=name).render_as_string(False)
    else:
        path = tmp_path_factory.mktemp("desk") / "demo.sqlite3"
        shutil.copyfile(make_url(template_url).database or "", path)
        url = f"sqlite:///{path}"
    demo_data.build(db.get_engine(url), scale=2, seed=5)
    yield url
    db.dispose_engine(url)
    if PG_URL:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["record", "demo"])
def record(request: pytest.FixtureRequest) -> Engine:
    """The 2003 record, or the record followed by a demo-data year (read only)."""
    if request.param == "demo":
        return db.get_engine(request.getfixturevalue("demo_url"))
    engine: Engine = request.getfixturevalue("engine")
    return engine


@pytest.fixture
def statements(record: Engine) -> Iterator[list[str]]:
    """The SQL statements sent while the test runs."""
    sent: list[str] = []

    def count(*args: object, **kwargs: object) -> None:
        sent.append(str(args[2]))

    event.listen(record, "before_cursor_execute", count)
    yield sent
    event.remove(record, "before_cursor_execute", count)


@pytest.mark.parametrize("on", DATES)
def test_known_decisions_are_those_the_register_lists(record: Engine, on: date) -> None:
    expected = {d.reference: d.title for d in decisions.list_decisions(engine=record, on=on)}
    found = desk.decisions(engine=record, on=on, limit=ALL)
    assert {c.code: c.title for c in found} == expected
    assert len(found) == len(expected)


def test_decisions_come_newest_first_bounded_and_found_by_text(record: Engine) -> None:
    on = date(2005, 3, 1)
    newest = desk.decisions(engine=record, on=on, limit=3)
    assert len(newest) == 3
    everything = desk.decisions(engine=record, on=on, limit=ALL)
    assert newest == everything[:3]
    found = desk.decisions(engine=record, on=on, text="rules of PROCEDURE", limit=ALL)
    assert found
    assert all("rules of procedure" in f"{c.code} {c.title}".lower() for c in found)
    assert {c.code for c in desk.decisions(engine=record, on=on, text="2003-jhb-02")} == {
        "2003-JHB-02"
    }
    assert desk.decisions(engine=record, on=on, text="100%_") == []
    # Without a date: every decision, also those not known yet on any date asked about.
    assert len(desk.decisions(engine=record, on=None, limit=ALL)) >= len(everything)


@pytest.mark.parametrize("on", DATES)
def test_confirmation_and_open_points_follow_the_ad_referendum_rule(
    record: Engine, on: date
) -> None:
    pending = decisions.list_decisions(engine=record, on=on, status="adopted_ad_referendum")
    assert [c.code for c in desk.awaiting_confirmation(engine=record, on=on, limit=ALL)] == sorted(
        (d.reference for d in pending),
        key=lambda r: (next(d.adopted_on for d in pending if d.reference == r), r),
        reverse=True,
    )
    expected = {
        (d.reference, p.key, p.description)
        for d in pending
        for p in decisions.get_decision(
            engine=record, reference=d.reference, on=date.max
        ).open_points
        if p.resolved_on is None
    }
    found = desk.open_points(engine=record, on=on, limit=ALL)
    assert {(p.reference, p.key, p.description) for p in found} == expected


def test_the_johannesburg_open_point_awaits_resolution_in_2004(engine: Engine) -> None:
    assert desk.open_points(engine=engine, on=date(2004, 2, 1)) == [
        desk.PointChoice(
            "2003-JHB-02",
            "decision-making",
            next(
                p.description
                for p in decisions.get_decision(
                    engine=engine, reference="2003-JHB-02", on=date(2004, 2, 1)
                ).open_points
            ),
        )
    ]
    assert [c.code for c in desk.awaiting_confirmation(engine=engine, on=date(2004, 2, 1))] == [
        "2003-JHB-02"
    ]
    assert desk.open_points(engine=engine, on=date(2003, 4, 1)) == []


@pytest.mark.parametrize("on", DATES)
def test_targets_to_translate_are_those_with_a_language_not_yet_available(
    record: Engine, on: date
) -> None:
    expected = {
        d.reference: d.languages_missing
        for d in decisions.list_decisions(engine=record, on=on)
        if d.languages_missing and d.status != "not_adopted"
    }
    for code, _title, _issued in meetings.list_communiques(engine=record, on=on):
        versions = meetings.get_communique(engine=record, code=code, on=on).versions
        missing = tuple(v.language for v in versions if v.available_on is None)
        if missing:
            expected[code] = missing
    found = desk.untranslated(engine=record, on=on, limit=ALL)
    assert {f.code: f.missing for f in found} == expected
    communiques = {c for c, _t, _i in meetings.list_communiques(engine=record, on=on)}
    assert all(f.communique == (f.code in communiques) for f in found)
    newest = desk.untranslated(engine=record, on=on, limit=2)
    assert len(newest) == min(2, len(found))
    assert set(newest) <= set(found)


def test_a_language_version_is_read_as_it_stood(record: Engine) -> None:
    on = date(2004, 2, 1)
    for reference in ("2003-SUN-04", "2003-JHB-02"):
        detail = decisions.get_decision(engine=record, reference=reference, on=on)
        for expected in detail.versions:
            assert (
                desk.language_version(
                    engine=record, target=reference, language=expected.language, on=on
                )
                == expected
            )
    code = meetings.list_communiques(engine=record, on=on)[0][0]
    for expected in meetings.get_communique(engine=record, code=code, on=on).versions:
        found = desk.language_version(engine=record, target=code, language=expected.language, on=on)
        assert found == expected
    assert desk.language_version(engine=record, target="nothing", language="fr", on=on) is None


@pytest.mark.parametrize("on", DATES)
def test_open_procedures_are_circulated_and_not_past_their_deadline(
    record: Engine, on: date
) -> None:
    listed = procedures.list_procedures(engine=record, on=on)
    open_now = [p for p in listed if p.deadline >= on]
    found = desk.open_procedures(engine=record, on=on, limit=ALL)
    assert {(c.code, c.title) for c in found} == {(p.reference, p.title) for p in open_now}
    for participant in ("Canada", "Japan", "South Africa"):
        mine = desk.open_for(engine=record, on=on, participant=participant)
        assert [m.reference for m in mine] == [c.code for c in found]
        for m in mine:
            proc = next(p for p in open_now if p.reference == m.reference)
            assert (m.circulated_on, m.deadline) == (proc.circulated_on, proc.deadline)
            replied = [r for r in proc.replies if r.participant == participant]
            assert m.reply == (replied[0] if replied else None)


def test_open_procedures_on_a_demo_year_hold_replies(demo_url: str) -> None:
    engine = db.get_engine(demo_url)
    every = procedures.list_procedures(engine=engine, on=date(2004, 12, 31))
    assert every, "the demo year circulates written procedures"
    proc = next(p for p in every if p.replies)
    reply = proc.replies[0]
    during = proc.circulated_on
    mine = desk.open_for(engine=engine, on=proc.deadline, participant=reply.participant)
    assert next(m for m in mine if m.reference == proc.reference).reply == reply
    assert proc.reference in {c.code for c in desk.open_procedures(engine=engine, on=during)}


@pytest.mark.parametrize("on", DATES)
def test_entities_and_their_status_on_a_date(record: Engine, on: date) -> None:
    everyone = participants.list_entities(engine=record, on=on)
    assert [(e.name, e.status) for e in desk.entities(engine=record, on=on)] == [
        (e.name, e.status) for e in everyone
    ]
    assert [e.name for e in desk.entities(engine=record, on=on, status="participant")] == [
        e.name for e in everyone if e.status == "participant"
    ]


@pytest.mark.parametrize("on", DATES)
def test_working_groups_and_meetings(record: Engine, on: date) -> None:
    assert [(c.code, c.title) for c in desk.working_groups(engine=record, on=on)] == [
        (g.code, g.name) for g in bodies.list_working_groups(engine=record, on=on)
    ]
    every = meetings.list_meetings(engine=record, on=date(2100, 12, 31))
    newest = sorted(every, key=lambda m: (m.starts_on, m.code), reverse=True)
    assert [c.code for c in desk.meetings(engine=record, limit=ALL)] == [m.code for m in newest]
    assert [c.code for c in desk.meetings(engine=record, limit=1)] == [newest[0].code]


@pytest.mark.parametrize("on", DATES)
@pytest.mark.parametrize("open_only", [False, True])
def test_procedures_are_listed_in_pages_with_a_total(
    record: Engine, on: date, open_only: bool
) -> None:
    every = procedures.list_procedures(engine=record, on=on)
    expected = [p for p in every if p.outcome == "pending"] if open_only else every
    assert procedures.list_procedures(engine=record, on=on, open_only=open_only) == expected
    assert procedures.count_procedures(engine=record, on=on, open_only=open_only) == len(expected)
    newest = sorted(expected, key=lambda p: (p.circulated_on, p.reference), reverse=True)
    pages = [
        procedures.list_procedures(
            engine=record, on=on, open_only=open_only, newest_first=True, limit=2, offset=offset
        )
        for offset in range(0, len(expected) + 2, 2)
    ]
    assert [p for page in pages for p in page] == newest
    assert all(len(page) <= 2 for page in pages)
    for p in expected:
        assert procedures.get_procedure(engine=record, reference=p.reference, on=on) == p


def test_the_statements_do_not_depend_on_the_record(record: Engine, statements: list[str]) -> None:
    """Each read is one transaction of a fixed number of statements (no query per row)."""
    on = date(2005, 3, 1)
    reads = {
        "decisions": lambda: desk.decisions(engine=record, on=on, limit=ALL),
        "open_points": lambda: desk.open_points(engine=record, on=on),
        "awaiting_confirmation": lambda: desk.awaiting_confirmation(engine=record, on=on),
        "open_procedures": lambda: desk.open_procedures(engine=record, on=on),
        "open_for": lambda: desk.open_for(engine=record, on=on, participant="Canada"),
        "meetings": lambda: desk.meetings(engine=record),
        "working_groups": lambda: desk.working_groups(engine=record, on=on),
        "entities": lambda: desk.entities(engine=record, on=on),
        "list_procedures": lambda: procedures.list_procedures(engine=record, on=date(2005, 1, 1)),
        "count_procedures": lambda: procedures.count_procedures(engine=record, on=on),
    }
    for name, read in reads.items():
        statements.clear()
        read()
        at_most = 3 if name == "list_procedures" else 2  # the procedures, then their replies
        assert len(statements) <= at_most, (name, statements)  # and BEGIN (SQLite)
    statements.clear()
    desk.untranslated(engine=record, on=on, limit=ALL)
    assert len(statements) <= 5, statements  # and the body, communiqués, languages


@pytest.mark.signed(SECRETARIAT)
def test_history_is_paged_oldest_first_with_a_total(engine: Engine) -> None:
    reference = "2003-SUN-04"
    key = str(decisions.decision_id(engine=engine, reference=reference))
    for n in range(5):
        current = decisions.get_decision(engine=engine, reference=reference, on=date.max)
        decisions.edit_decision(
            engine=engine,
            actor=SECRETARIAT,
            reference=reference,
            expected_version=current.decision.version,
            title=f"Canada selected as Chair for 2004 ({n})",
        )
    every = audits.history(engine=engine, table="decision", key=key)
    assert len(every) >= 6
    first = audits.history_page(engine=engine, table="decision", key=key, limit=4)
    assert first.total == len(every)
    assert list(first.changes) == every[:4]
    rest = audits.history_page(engine=engine, table="decision", key=key, limit=4, offset=4)
    assert (rest.total, list(rest.changes)) == (len(every), every[4:8])
    none = audits.history_page(engine=engine, table="decision", key="999999")
    assert (none.total, none.changes) == (0, ())


def test_a_decision_to_correct_is_found_by_its_reference(engine: Engine) -> None:
    shown = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date.max).decision
    assert desk.editable(engine=engine, reference="2003-sun-04") == desk.Editable(
        shown.reference, shown.title, shown.kind, shown.version
    )
    assert desk.editable(engine=engine, reference="nothing") is None
