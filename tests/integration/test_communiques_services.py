"""Communiqués as records, decisions linked to them, a decision's English made available on
adoption, notes and sources, and a meeting's host and chair taken from the register."""

from __future__ import annotations

from datetime import date

import pytest
from dbcheck import audit_count, dump
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import db
from governance.models import AuditEntry, Communique, Meeting, TextVersion, VersionStep
from governance.rules.errors import (
    AvailableBeforeAdoptionError,
    CommuniqueBeforeMeetingError,
    CommuniqueOfAnotherMeetingError,
    DuplicateError,
    FutureDateError,
    NotFoundError,
    UnknownMeetingEntityError,
    ValidationError,
)
from governance.rules.permissions import Actor, PermissionDeniedError, Role
from governance.services import communiques, decisions, meetings, translations

CLERK = Actor("clerk", Role.SECRETARIAT)
JAPAN = Actor("tokyo", Role.DELEGATE, "Japan")
pytestmark = pytest.mark.signed(CLERK, JAPAN)

TEXT = "The Kimberley Process Plenary met in Gatineau.\n\nIt welcomed new Participants."


@pytest.fixture
def gatineau(engine: Engine) -> Engine:
    meetings.record_meeting(
        engine=engine,
        actor=CLERK,
        code="2004-gatineau",
        title="Plenary meeting, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        host="canada",
        chair="Canada",
        note="Dates from the Chair's letter (approximate).",
        source="Chair's letter of 1 November 2004",
    )
    return engine


def _communique(engine: Engine, **changes: object) -> object:
    fields: dict[str, object] = {
        "code": "2004-gatineau-communique",
        "meeting": "2004-gatineau",
        "issued_on": date(2004, 10, 29),
        "title": "Final Communiqué, Gatineau",
        "text": TEXT,
        "note": "Undated; the last day of the meeting.",
        "source": "KP website",
    }
    fields.update(changes)
    return communiques.record_communique(engine=engine, actor=CLERK, **fields)  # type: ignore[arg-type]


def test_a_meeting_keeps_its_note_source_and_the_register_names(gatineau: Engine) -> None:
    view = meetings.get_meeting(engine=gatineau, code="2004-gatineau", on=date(2004, 11, 1))
    assert (view.host, view.chair) == ("Canada", "Canada")  # as the register spells it
    assert view.note == "Dates from the Chair's letter (approximate)."
    assert view.source == "Chair's letter of 1 November 2004"
    assert view.communique is None  # nothing issued yet


@pytest.mark.parametrize("field", ["host", "chair"])
def test_a_host_or_chair_outside_the_register_is_refused(engine: Engine, field: str) -> None:
    before, trail = dump(engine), audit_count(engine)
    with pytest.raises(UnknownMeetingEntityError) as raised:
        meetings.record_meeting(
            engine=engine,
            actor=CLERK,
            code="2004-gatineau",
            title="Plenary",
            place="Gatineau",
            starts_on=date(2004, 10, 27),
            ends_on=date(2004, 10, 29),
            **{field: "Atlantis"},  # type: ignore[arg-type]
        )
    assert raised.value.params["field"] == field
    assert "'Atlantis' is not in the register" in raised.value.message
    assert dump(engine) == before and audit_count(engine) == trail


def test_a_host_not_yet_known_on_the_start_date_is_refused(engine: Engine) -> None:
    with pytest.raises(UnknownMeetingEntityError):
        meetings.record_meeting(
            engine=engine,
            actor=CLERK,
            code="1990-somewhere",
            title="Plenary",
            place="Somewhere",
            starts_on=date(1990, 1, 1),
            ends_on=date(1990, 1, 2),
            host="Canada",
        )


def test_a_communique_is_stored_final_and_available_on_its_day(gatineau: Engine) -> None:
    trail = audit_count(gatineau)
    view = _communique(gatineau)
    assert audit_count(gatineau) > trail
    with db.transaction(gatineau) as session:
        row = session.exec(
            select(Communique).where(Communique.code == "2004-gatineau-communique")
        ).one()
        meeting = session.get(Meeting, row.meeting_id)
        assert meeting is not None and meeting.code == "2004-gatineau"
        assert (row.title, row.issued_on, row.note, row.source) == (
            "Final Communiqué, Gatineau",
            date(2004, 10, 29),
            "Undated; the last day of the meeting.",
            "KP website",
        )
        version = session.exec(select(TextVersion).where(TextVersion.communique_id == row.id)).one()
        assert (version.language, version.text) == ("en", TEXT)
        steps = session.exec(
            select(VersionStep)
            .where(VersionStep.version_id == version.id)
            .order_by(col(VersionStep.taken_on), col(VersionStep.id))  # as recorded
        ).all()
        assert [(s.state, s.taken_on) for s in steps] == [
            ("final", date(2004, 10, 29)),
            ("available", date(2004, 10, 29)),
        ]
        actions = {e.action for e in session.exec(select(AuditEntry).where(AuditEntry.seq > trail))}
        assert actions == {"record_communique"}
    english = next(v for v in view.versions if v.language == "en")  # type: ignore[attr-defined]
    assert (english.state, english.available_on) == ("available", date(2004, 10, 29))
    # The meeting now has its communiqué — from the day it was issued.
    on_the_day = meetings.get_meeting(engine=gatineau, code="2004-gatineau", on=date(2004, 10, 29))
    assert on_the_day.communique == "2004-gatineau-communique"
    before = meetings.get_meeting(engine=gatineau, code="2004-gatineau", on=date(2004, 10, 28))
    assert before.communique is None
    shown = meetings.get_communique(
        engine=gatineau, code="2004-gatineau-communique", on=date(2004, 11, 1)
    )
    assert (shown.note, shown.source, shown.meeting) == (
        "Undated; the last day of the meeting.",
        "KP website",
        "2004-gatineau",
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"issued_on": date(2004, 10, 26)}, CommuniqueBeforeMeetingError),
        ({"issued_on": date(2004, 11, 2)}, FutureDateError),
        ({"code": "2003-sun-city-communique"}, DuplicateError),
        ({"code": "2003-SUN-CITY-communique"}, DuplicateError),
        ({"meeting": "2004-nowhere"}, NotFoundError),
        ({"text": "  "}, ValidationError),
        ({"title": ""}, ValidationError),
    ],
)
def test_a_bad_communique_is_refused_and_nothing_stored(
    gatineau: Engine, monkeypatch: pytest.MonkeyPatch, changes: dict[str, object], error: type
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    before, trail = dump(gatineau), audit_count(gatineau)
    with pytest.raises(error):
        _communique(gatineau, **changes)
    assert dump(gatineau) == before and audit_count(gatineau) == trail


def test_a_second_communique_with_the_same_code_is_refused(gatineau: Engine) -> None:
    _communique(gatineau)
    before = dump(gatineau)
    with pytest.raises(DuplicateError, match="2004-gatineau-communique"):
        _communique(gatineau, title="Another")
    assert dump(gatineau) == before


@pytest.mark.parametrize("actor", [JAPAN, Actor("anonymous", Role.PUBLIC)])
def test_only_the_secretariat_records_a_communique(gatineau: Engine, actor: Actor) -> None:
    before = dump(gatineau)
    with pytest.raises(PermissionDeniedError):
        communiques.record_communique(
            engine=gatineau,
            actor=actor,
            code="x",
            meeting="2004-gatineau",
            issued_on=date(2004, 10, 29),
            title="x",
            text="x",
        )
    assert dump(gatineau) == before


def test_a_communique_goes_through_rule_26_in_french(gatineau: Engine) -> None:
    _communique(gatineau)
    code = "2004-gatineau-communique"
    for state, on in (("in_translation", date(2004, 11, 5)), ("final", date(2004, 11, 20))):
        translations.set_state(
            engine=gatineau,
            actor=CLERK,
            target=code,
            language="fr",
            state=state,
            on=on,
            text="La Plénière s'est réunie à Gatineau." if state == "in_translation" else None,
        )
    translations.set_state(
        engine=gatineau, actor=CLERK, target=code, language="fr", state="available",
        on=date(2004, 12, 1),
    )  # fmt: skip
    shown = meetings.get_communique(engine=gatineau, code=code, on=date(2004, 12, 1))
    french = next(v for v in shown.versions if v.language == "fr")
    assert (french.state, french.available_on, french.text) == (
        "available",
        date(2004, 12, 1),
        "La Plénière s'est réunie à Gatineau.",
    )
    earlier = meetings.get_communique(engine=gatineau, code=code, on=date(2004, 11, 10))
    assert next(v for v in earlier.versions if v.language == "fr").state == "in_translation"


def _decision(engine: Engine, reference: str, **changes: object) -> object:
    fields: dict[str, object] = {
        "title": "Admission of a Participant",
        "kind": "participation",
        "procedure": "plenary",
        "adopted_on": date(2004, 10, 29),
        "text": "The Plenary admitted the applicant.",
        "meeting": "2004-gatineau",
    }
    fields.update(changes)
    return decisions.record_decision(engine=engine, actor=CLERK, reference=reference, **fields)  # type: ignore[arg-type]


def test_decisions_are_linked_to_the_communique_that_announced_them(gatineau: Engine) -> None:
    _communique(gatineau)
    _decision(gatineau, "2004-GAT-01", communique="2004-gatineau-communique", note="Inferred.")
    _decision(gatineau, "2004-GAT-02")  # its meeting's communiqué by default
    _decision(gatineau, "2004-WP-09", meeting=None, adopted_on=date(2004, 11, 1))
    decisions.link_to_communique(
        engine=gatineau, actor=CLERK, reference="2004-WP-09", communique="2004-gatineau-communique"
    )
    shown = meetings.get_communique(
        engine=gatineau, code="2004-gatineau-communique", on=date(2004, 11, 2)
    )
    assert [d.reference for d in shown.decisions] == ["2004-GAT-01", "2004-GAT-02", "2004-WP-09"]
    detail = decisions.get_decision(engine=gatineau, reference="2004-GAT-01", on=date(2004, 11, 2))
    assert (detail.communique, detail.note) == ("2004-gatineau-communique", "Inferred.")


def test_a_communique_of_another_meeting_is_refused(gatineau: Engine) -> None:
    _communique(gatineau)
    before, trail = dump(gatineau), audit_count(gatineau)
    with pytest.raises(CommuniqueOfAnotherMeetingError) as raised:
        decisions.link_to_communique(
            engine=gatineau,
            actor=CLERK,
            reference="2003-SUN-01",
            communique="2004-gatineau-communique",
        )
    assert raised.value.message == (
        "Communiqué 2004-gatineau-communique belongs to the meeting 2004-gatineau, not to "
        "2003-sun-city where 2003-SUN-01 was adopted."
    )
    with pytest.raises(CommuniqueOfAnotherMeetingError):
        _decision(gatineau, "2004-GAT-01", communique="2003-sun-city-communique")
    with pytest.raises(NotFoundError):
        decisions.link_to_communique(
            engine=gatineau, actor=CLERK, reference="2003-SUN-01", communique="nope"
        )
    assert dump(gatineau) == before and audit_count(gatineau) == trail


def _english_steps(engine: Engine, reference: str) -> list[tuple[str, date]]:
    detail = decisions.get_decision(engine=engine, reference=reference, on=date(2026, 1, 1))
    english = next(v for v in detail.versions if v.language == "en")
    return [(s.state, s.taken_on) for s in english.steps]


def test_a_decision_recorded_with_its_text_is_available_in_english_on_adoption(
    gatineau: Engine,
) -> None:
    view = _decision(gatineau, "2004-GAT-01")
    assert "en" in view.languages_available  # type: ignore[attr-defined]
    assert _english_steps(gatineau, "2004-GAT-01") == [
        ("final", date(2004, 10, 29)),
        ("available", date(2004, 10, 29)),
    ]
    _decision(gatineau, "2004-GAT-02", available_on=date(2004, 11, 15))
    assert _english_steps(gatineau, "2004-GAT-02")[-1] == ("available", date(2004, 11, 15))
    _decision(gatineau, "2004-GAT-03", available=False)
    assert _english_steps(gatineau, "2004-GAT-03") == [("final", date(2004, 10, 29))]
    on_the_day = decisions.get_decision(
        engine=gatineau, reference="2004-GAT-01", on=date(2004, 10, 29)
    ).decision
    assert "en" in on_the_day.languages_available and "en" not in on_the_day.languages_missing


@pytest.mark.parametrize(
    ("available_on", "error"),
    [(date(2004, 11, 2), FutureDateError), (date(2004, 10, 28), AvailableBeforeAdoptionError)],
)
def test_an_available_date_after_today_or_before_adoption_is_refused(
    gatineau: Engine, monkeypatch: pytest.MonkeyPatch, available_on: date, error: type
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2004-11-01")
    before = dump(gatineau)
    with pytest.raises(error):
        _decision(gatineau, "2004-GAT-01", available_on=available_on)
    assert dump(gatineau) == before


def test_the_2003_record_keeps_meeting_and_communique_notes(engine: Engine) -> None:
    johannesburg = meetings.get_meeting(
        engine=engine, code="2003-johannesburg", on=date(2003, 12, 31)
    )
    assert johannesburg.note.startswith("Dates and place also in Annex 1")
    communique = meetings.get_communique(
        engine=engine, code="2003-sun-city-communique", on=date(2003, 12, 31)
    )
    assert communique.note.startswith("The communiqué carries no date")
    english = next(v for v in communique.versions if v.language == "en")
    assert (english.state, english.available_on) == ("available", date(2003, 10, 31))
    # The loader's decisions are made available with the communiqué, through the same code.
    assert _english_steps(engine, "2003-SUN-01")[-1] == ("available", date(2003, 10, 31))
