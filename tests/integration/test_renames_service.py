"""A Participant renamed in place (the European Community became the European Union on
1 December 2009): one entity whose name depends on the date; bad renames store nothing."""

from __future__ import annotations

from datetime import date

import pytest
from dbcheck import audit_count, count, dump
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from governance.models import AuditEntry, Entity, EntityRename, OfficeTerm, StatusEvent
from governance.rules.errors import (
    DuplicateError,
    FutureDateError,
    NameTakenError,
    NotFoundError,
    RenameBeforeStandingError,
    RenameDecisionError,
    RenameOrderError,
    SameNameError,
    ValidationError,
)
from governance.rules.permissions import Actor, PermissionDeniedError, Role
from governance.services import decisions, desk, lookup, names, overview, participants, procedures

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

BEFORE, ON = date(2009, 11, 30), date(2009, 12, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-02")


def rename_ec(engine: Engine, **extra: object) -> object:
    return participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=ON,
        **extra,  # type: ignore[arg-type]
    )


def names_on(engine: Engine, on: date) -> list[str]:
    return [e.name for e in participants.list_entities(engine=engine, on=on)]


def test_one_entity_whose_name_depends_on_the_date(engine: Engine) -> None:
    with Session(engine) as session:
        before = session.exec(select(Entity).where(Entity.name == "European Community")).one()
    events, entities = count(engine, StatusEvent), count(engine, Entity)
    entries = audit_count(engine)

    view = rename_ec(engine, decision="2003-SUN-04", note="Treaty of Lisbon", source="OJ C 306")

    assert view.name == "European Union"  # type: ignore[attr-defined]
    with Session(engine) as session:
        after = session.exec(select(Entity).where(Entity.id == before.id)).one()
        renames = session.exec(select(EntityRename)).all()
    assert after.name == "European Union" and after.kind == "reio"
    assert [(r.entity_id, r.renamed_on, r.former_name) for r in renames] == [
        (before.id, ON, "European Community")
    ]
    assert count(engine, Entity) == entities  # no new entity
    assert count(engine, StatusEvent) == events  # no false "withdrawn"
    assert audit_count(engine) > entries
    with Session(engine) as session:
        logged = session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()  # type: ignore[union-attr]
    assert logged is not None and logged.action == "rename_entity"

    # The register: the old name before the rename date, the new one from it; never both.
    assert "European Community" in names_on(engine, BEFORE)
    assert "European Union" not in names_on(engine, BEFORE)
    assert "European Union" in names_on(engine, ON)
    assert "European Community" not in names_on(engine, ON)
    assert len(names_on(engine, BEFORE)) == len(names_on(engine, ON))
    assert participants.entity_names(engine=engine, on=BEFORE).count("European Community") == 1
    assert "European Union" in participants.entity_names(engine=engine, on=ON)
    desk_names = [c.name for c in desk.entities(engine=engine, on=BEFORE)]
    assert "European Community" in desk_names and "European Union" not in desk_names
    # Sorted by the name in force that day.
    on_day = names_on(engine, ON)
    assert on_day == sorted(on_day, key=str.casefold) or on_day == sorted(on_day)

    # One history, continuous across the rename, found by either name.
    then = participants.get_entity(engine=engine, name="European Union", on=BEFORE)
    now = participants.get_entity(engine=engine, name="European Community", on=ON)
    assert then.name == "European Community" and now.name == "European Union"
    assert then.status == now.status == "participant"
    assert then.since == now.since == date(2003, 10, 31)
    assert then.history == now.history and len(now.history) >= 1
    assert then.renames == ()
    (rename,) = now.renames
    assert (rename.renamed_on, rename.former_name, rename.new_name) == (
        ON,
        "European Community",
        "European Union",
    )
    assert (rename.decision, rename.note, rename.source) == (
        "2003-SUN-04",
        "Treaty of Lisbon",
        "OJ C 306",
    )


def test_search_finds_an_entity_by_a_former_name(engine: Engine) -> None:
    rename_ec(engine)
    found = participants.list_entities(engine=engine, on=ON, search="community")
    assert [e.name for e in found] == ["European Union"]
    found = participants.list_entities(engine=engine, on=BEFORE, search="european union")
    assert [e.name for e in found] == ["European Community"]
    assert participants.list_entities(engine=engine, on=ON, search="Atlantis") == []


def test_status_changes_after_the_rename_stay_on_the_one_entity(engine: Engine) -> None:
    rename_ec(engine)
    participants.change_status(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",  # the former name is accepted
        status="suspended",
        on=date(2010, 1, 1),
    )
    view = participants.get_entity(engine=engine, name="European Union", on=date(2010, 6, 1))
    assert view.status == "suspended"
    assert [h.status for h in view.history] == ["participant", "suspended"]
    # A new entity cannot take the former name either.
    with pytest.raises(DuplicateError):
        participants.register_entity(
            engine=engine,
            actor=SECRETARIAT,
            name="european community",
            kind="reio",
            status="applicant",
            on=date(2010, 1, 1),
            stage="intent_declared",
        )


def test_overview_names_applicants_by_the_name_of_the_day(engine: Engine) -> None:
    participants.register_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        kind="state",
        status="applicant",
        on=date(2008, 1, 10),
        stage="intent_declared",
    )
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        new_name="Republic of Ruritania",
        on=date(2008, 6, 1),
    )
    early = overview.overview(engine=engine, on=date(2008, 3, 1))
    late = overview.overview(engine=engine, on=date(2008, 7, 1))
    assert "Ruritania" in [a.name for a in early.applicants]
    assert "Republic of Ruritania" not in [a.name for a in early.applicants]
    assert "Republic of Ruritania" in [a.name for a in late.applicants]


def test_a_reply_is_shown_under_the_name_of_its_day(engine: Engine) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2009-WP-01",
        title="Annual reports",
        kind="other",
        text="The Chair proposes ...",
        circulated_on=date(2009, 11, 20),
        deadline=date(2009, 12, 20),
    )
    procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2009-WP-01",
        participant="European Community",
        kind="support",
        received_on=date(2009, 11, 25),
        note="By note verbale",
    )
    rename_ec(engine)
    (early,) = overview.overview(engine=engine, on=BEFORE).open_procedures
    assert [r.participant for r in early.replies] == ["European Community"]
    (late,) = overview.overview(engine=engine, on=date(2009, 12, 5)).open_procedures
    assert [r.participant for r in late.replies] == ["European Union"]
    for on, name in ((BEFORE, "European Community"), (date(2009, 12, 5), "European Union")):
        detail = decisions.get_decision(engine=engine, reference="2009-WP-01", on=on)
        assert detail.procedure is not None
        assert [r.participant for r in detail.procedure.replies] == [name]
        shown = procedures.get_procedure(engine=engine, reference="2009-WP-01", on=on)
        assert [r.participant for r in shown.replies] == [name]


def test_a_second_rename_and_the_name_history(engine: Engine) -> None:
    rename_ec(engine)
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Union",
        new_name="Union of Europe",
        on=date(2020, 1, 1),
    )
    assert participants.get_entity(engine=engine, name="Union of Europe", on=BEFORE).name == (
        "European Community"
    )
    assert (
        participants.get_entity(engine=engine, name="European Community", on=date(2015, 1, 1)).name
        == "European Union"
    )
    view = participants.get_entity(engine=engine, name="European Union", on=date(2021, 1, 1))
    assert view.name == "Union of Europe"
    assert [(r.former_name, r.new_name) for r in view.renames] == [
        ("European Community", "European Union"),
        ("European Union", "Union of Europe"),
    ]
    # The history up to the as-of date only.
    mid = participants.get_entity(engine=engine, name="Union of Europe", on=date(2015, 1, 1))
    assert [r.new_name for r in mid.renames] == ["European Union"]


@pytest.mark.parametrize(
    ("name", "new_name", "on", "decision", "error"),
    [
        ("Atlantis", "Atlantis Union", ON, None, NotFoundError),
        ("European Community", "  ", ON, None, ValidationError),
        ("European Community", "european  COMMUNITY", ON, None, SameNameError),
        ("European Community", "Japan", ON, None, NameTakenError),
        ("European Community", "European Union", date(2026, 12, 3), None, FutureDateError),
        (
            "European Community",
            "European Union",
            date(2003, 10, 30),
            None,
            RenameBeforeStandingError,
        ),
        ("European Community", "European Union", ON, "2099-XX-01", NotFoundError),
        ("Chinese Taipei", "Taipei", date(2003, 6, 1), "2003-SUN-01", RenameDecisionError),
        ("European Community", "European Union", ON, "2009-WP-01", RenameDecisionError),
    ],
)
def test_bad_renames_store_nothing(
    engine: Engine,
    name: str,
    new_name: str,
    on: date,
    decision: str | None,
    error: type[Exception],
) -> None:
    procedures.circulate(  # a written procedure still pending: not adopted
        engine=engine,
        actor=SECRETARIAT,
        reference="2009-WP-01",
        title="Annual reports",
        kind="other",
        text="The Chair proposes ...",
        circulated_on=date(2009, 11, 20),
        deadline=date(2009, 12, 20),
    )
    before = dump(engine)
    with pytest.raises(error):
        participants.rename_entity(
            engine=engine,
            actor=SECRETARIAT,
            name=name,
            new_name=new_name,
            on=on,
            decision=decision,
        )
    assert dump(engine) == before


def test_a_taken_former_name_and_the_order_of_renames(engine: Engine) -> None:
    rename_ec(engine)
    before = dump(engine)
    with pytest.raises(NameTakenError):  # a former name of another entity
        participants.rename_entity(
            engine=engine,
            actor=SECRETARIAT,
            name="Japan",
            new_name="European Community",
            on=ON,
        )
    for on in (ON, date(2009, 6, 1)):  # on or before the earlier rename
        with pytest.raises(RenameOrderError):
            participants.rename_entity(
                engine=engine,
                actor=SECRETARIAT,
                name="European Union",
                new_name="Union of Europe",
                on=on,
            )
    assert dump(engine) == before


def test_a_delegate_cannot_rename(engine: Engine) -> None:
    delegate = Actor("delegate", Role.DELEGATE, "Japan")
    before = dump(engine)
    with pytest.raises(PermissionDeniedError):
        participants.rename_entity(
            engine=engine, actor=delegate, name="Japan", new_name="Nippon", on=ON
        )
    assert dump(engine) == before


def test_a_term_of_office_stays_with_the_renamed_entity(engine: Engine) -> None:
    with Session(engine) as session:
        ec = session.exec(select(Entity).where(Entity.name == "European Community")).one()
        session.add(
            OfficeTerm(
                office="vice_chair",
                entity_id=ec.id,
                starts_on=date(2009, 1, 1),
                ends_on=date(2010, 12, 31),
                departure=True,
            )
        )
        session.commit()
        ec_id = ec.id
    rename_ec(engine)
    with Session(engine) as session:
        (term,) = session.exec(select(OfficeTerm).where(OfficeTerm.starts_on == date(2009, 1, 1)))
        assert term.entity_id == ec_id  # the same entity before and after 1 December 2009
        holder = session.get(Entity, term.entity_id)
        assert holder is not None and holder.name == "European Union"
        assert lookup.entity(session, "European Community").id == ec_id
        assert names.name_of(session, holder, date(2009, 6, 1)) == "European Community"
