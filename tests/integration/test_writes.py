"""Write use cases on a real database: rules enforced, errors named, nothing half-stored."""

from __future__ import annotations

from datetime import date

import pytest
from dbcheck import count
from sqlalchemy.engine import Engine

from governance.models import Decision, OfficeTerm, ProcedureReply, StatusEvent, VersionStep
from governance.rules.errors import (
    AlreadyResolvedError,
    DeadlineBeforeCirculationError,
    DepartureNotAuthorizedError,
    DuplicateError,
    DuplicateReplyError,
    InvalidTransitionError,
    NotAParticipantError,
    NotFoundError,
    OverlappingTermError,
    ReplyOutsidePeriodError,
    UnknownValueError,
    ValidationError,
)
from governance.rules.permissions import Actor, Role
from governance.services import decisions, meetings, offices, participants, procedures, translations

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

LATER = ("fr", "pt", "es", "ru")


def test_formal_adoption_is_the_latest_made_available_date(engine: Engine) -> None:
    dates = {
        "fr": date(2004, 2, 1),
        "pt": date(2004, 3, 15),
        "es": date(2004, 2, 20),
        "ru": date(2004, 3, 2),
    }
    for lang, available in dates.items():
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-04",
            language=lang,
            state="final",
            on=date(2004, 1, 20),
            text=f"[{lang}] Canada, Chair 2004",
        )
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-04",
            language=lang,
            state="available",
            on=available,
        )
    detail = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2004, 6, 1))
    assert detail.decision.status == "formally_adopted"
    assert detail.decision.formally_adopted_on == date(2004, 3, 15)
    before = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2004, 3, 14))
    assert before.decision.status == "awaiting_formal_adoption"
    assert before.decision.languages_missing == ("pt",)


def test_machine_draft_never_counts_and_available_needs_final(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-01",
        language="fr",
        state="machine_draft",
        on=date(2004, 1, 5),
        text="Examen du Système de certification",
    )
    with pytest.raises(InvalidTransitionError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            state="available",
            on=date(2004, 1, 6),
        )
    view = decisions.get_decision(engine=engine, reference="2003-SUN-01", on=date(2004, 2, 1))
    assert view.decision.languages_available == ("en",)
    fr = next(v for v in view.versions if v.language == "fr")
    assert (fr.state, fr.text) == ("machine_draft", "Examen du Système de certification")


def test_translation_errors_change_nothing(engine: Engine) -> None:
    steps = count(engine, VersionStep)
    with pytest.raises(UnknownValueError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="de",
            state="final",
            on=date(2004, 1, 1),
            text="x",
        )
    with pytest.raises(NotFoundError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2099-XX-01",
            language="fr",
            state="final",
            on=date(2004, 1, 1),
            text="x",
        )
    with pytest.raises(ValidationError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            state="final",
            on=date(2003, 1, 1),
            text="x",
        )
    with pytest.raises(ValidationError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            state="machine_draft",
            on=date(2004, 1, 1),
            text="  ",
        )
    with pytest.raises(InvalidTransitionError):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="en",
            state="in_translation",
            on=date(2004, 1, 1),
            text="x",
        )
    assert count(engine, VersionStep) == steps


def test_communique_language_versions_move_too(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-sun-city-communique",
        language="ru",
        state="in_translation",
        on=date(2004, 1, 10),
        text="Коммюнике",
    )
    view = meetings.get_communique(
        engine=engine, code="2003-sun-city-communique", on=date(2004, 1, 10)
    )
    ru = next(v for v in view.versions if v.language == "ru")
    assert (ru.state, ru.text, ru.available_on) == ("in_translation", "Коммюнике", None)
    assert (
        next(
            v
            for v in meetings.get_communique(
                engine=engine, code="2003-sun-city-communique", on=date(2004, 1, 9)
            ).versions
            if v.language == "ru"
        ).state
        == "missing"
    )


def _circulate(engine: Engine, reference: str = "2004-WP-01") -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference=reference,
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes ...",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )


def test_written_procedure_pending_adopted_and_formally_adopted(engine: Engine) -> None:
    _circulate(engine)
    procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        participant="Canada",
        kind="support",
        received_on=date(2004, 2, 3),
        note="note verbale",
    )
    assert (
        procedures.get_procedure(
            engine=engine, reference="2004-WP-01", on=date(2004, 2, 29)
        ).outcome
        == "pending"
    )
    after = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 1))
    assert (after.outcome, after.decided_on, after.supports) == ("adopted", date(2004, 3, 1), 1)
    listed = {d.reference: d for d in decisions.list_decisions(engine=engine, on=date(2004, 3, 1))}
    assert listed["2004-WP-01"].status == "awaiting_formal_adoption"
    assert listed["2004-WP-01"].adopted_on == date(2004, 3, 1)
    assert "2004-WP-01" not in {
        d.reference for d in decisions.list_decisions(engine=engine, on=date(2004, 1, 31))
    }
    assert [
        p.reference
        for p in procedures.list_procedures(engine=engine, on=date(2004, 2, 10), open_only=True)
    ] == ["2004-WP-01"]


def test_an_objection_standing_at_the_deadline_prevents_adoption(engine: Engine) -> None:
    _circulate(engine)
    procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        participant="Japan",
        kind="objection",
        received_on=date(2004, 2, 29),
        note="note verbale",
    )
    view = procedures.get_procedure(engine=engine, reference="2004-WP-01", on=date(2004, 3, 10))
    assert (view.outcome, view.decided_on, view.objections) == ("not_adopted", date(2004, 3, 1), 1)
    listed = {
        d.reference: d.status for d in decisions.list_decisions(engine=engine, on=date(2004, 3, 10))
    }
    assert listed["2004-WP-01"] == "not_adopted"


def test_bad_replies_are_refused_and_store_nothing(engine: Engine) -> None:
    _circulate(engine)
    procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        participant="Canada",
        kind="support",
        received_on=date(2004, 2, 3),
        note="note verbale",
    )
    with pytest.raises(ReplyOutsidePeriodError):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Japan",
            kind="objection",
            received_on=date(2004, 3, 1),
            note="note verbale",
        )
    with pytest.raises(NotAParticipantError):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="World Diamond Council",
            kind="objection",
            received_on=date(2004, 2, 5),
            note="note verbale",
        )
    with pytest.raises(NotAParticipantError):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Liberia",
            kind="objection",
            received_on=date(2004, 2, 5),
            note="note verbale",
        )
    with pytest.raises(DuplicateReplyError):  # the same reply again (a change is allowed)
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Canada",
            kind="support",
            received_on=date(2004, 2, 6),
            note="note verbale",
        )
    with pytest.raises(UnknownValueError):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant="Japan",
            kind="abstain",
            received_on=date(2004, 2, 6),
            note="note verbale",
        )
    with pytest.raises(ValidationError):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2003-SUN-01",
            participant="Japan",
            kind="support",
            received_on=date(2004, 2, 6),
            note="note verbale",
        )
    assert count(engine, ProcedureReply) == 1


def test_deadline_before_circulation_stores_nothing(engine: Engine) -> None:
    before = count(engine, Decision)
    with pytest.raises(DeadlineBeforeCirculationError):
        procedures.circulate(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-02",
            title="t",
            kind="other",
            text="x",
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 1, 31),
        )
    with pytest.raises(DuplicateError):
        procedures.circulate(
            engine=engine,
            actor=SECRETARIAT,
            reference="2003-SUN-01",
            title="t",
            kind="other",
            text="x",
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 2, 20),
        )
    assert count(engine, Decision) == before


def test_ad_referendum_confirmed_when_its_open_point_is_resolved(engine: Engine) -> None:
    _circulate(engine, "2004-WP-09")
    with pytest.raises(ValidationError):  # the resolving procedure is still pending
        decisions.resolve_open_point(
            engine=engine,
            actor=SECRETARIAT,
            reference="2003-JHB-02",
            key="decision-making",
            resolved_on=date(2004, 2, 15),
            by_decision="2004-WP-09",
        )
    view = decisions.resolve_open_point(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-JHB-02",
        key="decision-making",
        resolved_on=date(2004, 3, 1),
        by_decision="2004-WP-09",
    )
    assert view.status == "awaiting_formal_adoption" and view.confirmed_on == date(2004, 3, 1)
    earlier = decisions.get_decision(engine=engine, reference="2003-JHB-02", on=date(2004, 2, 1))
    assert earlier.decision.status == "adopted_ad_referendum"
    assert earlier.open_points[0].resolved_on is None
    with pytest.raises(AlreadyResolvedError):
        decisions.resolve_open_point(
            engine=engine,
            actor=SECRETARIAT,
            reference="2003-JHB-02",
            key="decision-making",
            resolved_on=date(2004, 3, 2),
            by_decision="2003-SUN-03",
        )
    with pytest.raises(NotFoundError):
        decisions.resolve_open_point(
            engine=engine,
            actor=SECRETARIAT,
            reference="2003-JHB-02",
            key="voting",
            resolved_on=date(2004, 3, 2),
            by_decision="2003-SUN-03",
        )


def test_record_a_meeting_and_an_ad_referendum_decision(engine: Engine) -> None:
    meetings.record_meeting(
        engine=engine,
        actor=SECRETARIAT,
        code="2004-gatineau",
        title="Plenary, Gatineau",
        place="Gatineau, Canada",
        starts_on=date(2004, 10, 27),
        ends_on=date(2004, 10, 29),
        host="Canada",
        chair="Canada",
    )
    view = decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-GAT-01",
        title="Administrative decision on ...",
        kind="administrative_decision",
        procedure="ad_referendum",
        adopted_on=date(2004, 10, 29),
        text="The Plenary adopted ad referendum ...",
        meeting="2004-gatineau",
        open_points=[("annex", "Annex to be agreed")],
    )
    assert (view.status, view.meeting, view.open_points) == (
        "adopted_ad_referendum",
        "2004-gatineau",
        1,
    )
    confirmed = decisions.confirm_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-GAT-01",
        confirmed_on=date(2004, 11, 30),
        by_decision="2003-SUN-03",
    )
    assert confirmed.status == "awaiting_formal_adoption" and confirmed.confirmed_on == date(
        2004, 11, 30
    )
    with pytest.raises(ValidationError):  # adopted outside the meeting's dates
        decisions.record_decision(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-GAT-02",
            title="t",
            kind="other",
            procedure="plenary",
            adopted_on=date(2004, 11, 1),
            text="x",
            meeting="2004-gatineau",
        )
    with pytest.raises(ValidationError):  # reversed dates
        meetings.record_meeting(
            engine=engine,
            actor=SECRETARIAT,
            code="bad",
            title="t",
            place="p",
            starts_on=date(2004, 2, 2),
            ends_on=date(2004, 2, 1),
        )
    with pytest.raises(DuplicateError):
        meetings.record_meeting(
            engine=engine,
            actor=SECRETARIAT,
            code="2004-gatineau",
            title="t",
            place="p",
            starts_on=date(2004, 2, 1),
            ends_on=date(2004, 2, 1),
        )


def test_select_vice_chair_then_projected_chair_follows(engine: Engine) -> None:
    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-GAT-05",
        title="Vice Chair for 2005",
        kind="office_selection",
        procedure="plenary",
        adopted_on=date(2004, 10, 29),
        text="The Plenary selected ...",
    )
    offices.select_vice_chair(
        engine=engine, actor=SECRETARIAT, holder="Botswana", year=2005, decision="2004-GAT-05"
    )
    in_2006 = offices.holders_on(engine=engine, on=date(2006, 3, 1)).as_dict()
    assert in_2006["chair"] == "Botswana" and in_2006["chair_by_rule"] is True
    assert in_2006["chair_projected"] is False
    in_2005_as_of = offices.holders_on(engine=engine, on=date(2005, 3, 1))
    assert in_2005_as_of.vice_chair is not None and in_2005_as_of.vice_chair.holder == "Botswana"
    in_2005 = offices.holders_on(engine=engine, on=date(2005, 3, 1)).as_dict()
    assert in_2005 == {
        "on": "2005-03-01",
        "chair": "Russian Federation",
        "vice_chair": "Botswana",
        "chair_projected": False,
        "vice_chair_projected": False,
        "chair_by_rule": True,
        "vice_chair_by_rule": False,
    }


def test_office_rule_violations_are_refused(engine: Engine) -> None:
    terms = count(engine, OfficeTerm)
    with pytest.raises(OverlappingTermError):
        offices.select_vice_chair(
            engine=engine, actor=SECRETARIAT, holder="Botswana", year=2004, decision="2003-SUN-05"
        )
    with pytest.raises(NotAParticipantError):
        offices.select_vice_chair(
            engine=engine,
            actor=SECRETARIAT,
            holder="World Diamond Council",
            year=2005,
            decision="2003-SUN-05",
        )
    with pytest.raises(
        DepartureNotAuthorizedError
    ):  # the Russian Federation, Vice Chair 2004, is due
        offices.record_term(
            engine=engine,
            actor=SECRETARIAT,
            office="chair",
            holder="India",
            starts_on=date(2005, 1, 1),
            decision="2003-SUN-05",
        )
    with pytest.raises(ValidationError):
        offices.record_term(
            engine=engine,
            actor=SECRETARIAT,
            office="chair",
            holder="India",
            starts_on=date(2005, 1, 1),
            departure=True,
        )
    assert count(engine, OfficeTerm) == terms


def test_a_departure_authorized_by_a_decision_is_recorded(engine: Engine) -> None:
    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-GAT-07",
        title="Extension of the Chair",
        kind="office_selection",
        procedure="plenary",
        adopted_on=date(2004, 10, 29),
        text="The Plenary extended ...",
    )
    offices.record_term(
        engine=engine,
        actor=SECRETARIAT,
        office="chair",
        holder="Canada",
        starts_on=date(2005, 1, 1),
        ends_on=date(2005, 6, 30),
        decision="2004-GAT-07",
        departure=True,
    )
    on = offices.holders_on(engine=engine, on=date(2005, 3, 1))
    assert on.chair is not None and (on.chair.holder, on.chair.projected, on.chair.departure) == (
        "Canada",
        False,
        True,
    )


def test_participation_history_and_admission(engine: Engine) -> None:
    participants.register_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ghana",
        kind="state",
        status="applicant",
        on=date(2004, 1, 10),
        stage="intent_declared",
    )
    with pytest.raises(ValidationError):  # not yet recommended by the Participation Committee
        participants.change_status(
            engine=engine,
            actor=SECRETARIAT,
            name="Ghana",
            status="participant",
            on=date(2004, 2, 1),
            decision="2003-SUN-02",
        )
    participants.change_status(
        engine=engine,
        actor=SECRETARIAT,
        name="Ghana",
        status="applicant",
        stage="recommended",
        on=date(2004, 3, 1),
    )
    view = participants.change_status(
        engine=engine,
        actor=SECRETARIAT,
        name="Ghana",
        status="participant",
        on=date(2004, 4, 1),
        decision="2003-SUN-02",
    )
    assert (view.status, view.since, len(view.history)) == ("participant", date(2004, 4, 1), 3)
    assert (
        participants.get_entity(engine=engine, name="Ghana", on=date(2004, 2, 15)).stage
        == "intent_declared"
    )
    with pytest.raises(ValidationError):  # Liberia is blocked by the embargo
        participants.change_status(
            engine=engine,
            actor=SECRETARIAT,
            name="Liberia",
            status="participant",
            on=date(2004, 4, 1),
            decision="2003-SUN-02",
        )
    with pytest.raises(DuplicateError):
        participants.register_entity(
            engine=engine,
            actor=SECRETARIAT,
            name="ghana",
            kind="state",
            status="applicant",
            on=date(2004, 1, 10),
            stage="intent_declared",
        )
    events = count(engine, StatusEvent)
    with pytest.raises(ValidationError):  # out of order
        participants.change_status(
            engine=engine, actor=SECRETARIAT, name="Ghana", status="suspended", on=date(2004, 3, 31)
        )
    with pytest.raises(UnknownValueError):
        participants.change_status(
            engine=engine, actor=SECRETARIAT, name="Ghana", status="expelled", on=date(2004, 5, 1)
        )
    assert count(engine, StatusEvent) == events


def test_unofficial_translations_ship_in_translation_and_never_count(engine: Engine) -> None:
    today = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2026, 11, 26))
    fr = next(v for v in today.versions if v.language == "fr")
    assert fr.state == "in_translation" and "Canada" in fr.text
    assert today.decision.status == "awaiting_formal_adoption"
    then = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2004, 6, 1))
    assert next(v for v in then.versions if v.language == "fr").state == "missing"


def test_backfilled_official_version_supersedes_the_later_unofficial_one(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-04",
        language="ru",
        state="final",
        on=date(2004, 1, 20),
        text="Официальный текст",
    )
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-04",
        language="ru",
        state="available",
        on=date(2004, 2, 1),
    )
    now = decisions.get_decision(engine=engine, reference="2003-SUN-04", on=date(2026, 12, 1))
    ru = next(v for v in now.versions if v.language == "ru")
    assert (ru.state, ru.text, ru.available_on) == (
        "available",
        "Официальный текст",
        date(2004, 2, 1),
    )
    assert [s.state for s in ru.steps] == ["final", "available", "in_translation"]  # nothing lost
    with pytest.raises(InvalidTransitionError):  # an unofficial draft cannot reopen it
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-04",
            language="ru",
            state="machine_draft",
            on=date(2026, 12, 1),
            text="машинный",
        )


def test_terminology_flags_for_a_version_with_a_wrong_term(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-JHB-03",
        language="fr",
        state="final",
        on=date(2026, 12, 1),
        text="La déclaration instituant une procédure par correspondance a été approuvée.",
    )
    flags = translations.terminology_flags(
        engine=engine, target="2003-JHB-03", language="fr", on=date(2026, 12, 1)
    )
    assert "written-procedure" in {f.key for f in flags}
    shipped = translations.terminology_flags(
        engine=engine, target="2003-JHB-03", language="fr", on=date(2026, 11, 30)
    )
    assert shipped == []
