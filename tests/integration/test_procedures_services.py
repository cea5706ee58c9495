"""Written procedures a delegate can read and answer: a reply changed until the deadline (the last
counts, every one kept), the decision's stored state following it, the reported tally and the
replies recorded in bulk from a CSV, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from dbcheck import count, dump
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.i18n import translator
from governance.models import AuditEntry, Decision, DecisionPeriod, ProcedureReply, WrittenProcedure
from governance.rules.errors import (
    AvailableBeforeAdoptionError,
    BackdatedReplyNoteError,
    DuplicateReplyError,
    NotFoundError,
    ProcedureTallyError,
    ReplyFileError,
    ReplyOutsidePeriodError,
    ReplyRowsError,
    TallyBelowNamedRepliesError,
    TallyObjectionUnnamedError,
)
from governance.rules.permissions import Actor, PermissionDeniedError, Role
from governance.services import decisions, procedures, translations

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
JAPAN = Actor("japan-delegate", Role.DELEGATE, participant="Japan")
pytestmark = pytest.mark.signed(SECRETARIAT, JAPAN)

REFERENCE = "2004-WP-01"
TEXT = "The Chair proposes that the Plenary admit the applicant."


def _circulate(engine: Engine, **extra: str) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference=REFERENCE,
        title="Admission of an applicant",
        kind="participation",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
        **extra,  # type: ignore[arg-type]
    )


def _today(monkeypatch: pytest.MonkeyPatch, on: date) -> None:
    monkeypatch.setenv("PLENARY_TODAY", on.isoformat())


def _reply(engine: Engine, kind: str, actor: Actor = JAPAN) -> object:
    return procedures.record_reply(
        engine=engine, actor=actor, reference=REFERENCE, participant="Japan", kind=kind
    )


def _status(engine: Engine, on: date) -> str:
    listed = {d.reference: d.status for d in decisions.list_decisions(engine=engine, on=on)}
    return listed[REFERENCE]


def test_circulation_keeps_its_note_and_source(engine: Engine) -> None:
    _circulate(engine, source="Chair's letter of 1 February", note="deadline approximate")
    with Session(engine) as session:
        row = session.exec(select(WrittenProcedure)).one()
    assert (row.source, row.note) == ("Chair's letter of 1 February", "deadline approximate")
    view = procedures.get_procedure(engine=engine, reference=REFERENCE, on=date(2004, 2, 2))
    assert (view.source, view.note) == ("Chair's letter of 1 February", "deadline approximate")


def test_the_english_text_is_available_from_the_date_given_or_not_at_all(engine: Engine) -> None:
    _circulate(engine)
    shown = decisions.get_decision(engine=engine, reference=REFERENCE, on=date(2004, 2, 2))
    assert "en" not in shown.decision.languages_available

    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-02",
        title="Annual reports",
        kind="questionnaire",
        text=TEXT,
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
        available_on=date(2004, 2, 1),
    )
    shown = decisions.get_decision(engine=engine, reference="2004-WP-02", on=date(2004, 2, 1))
    assert "en" in shown.decision.languages_available
    before = dump(engine)
    with pytest.raises(AvailableBeforeAdoptionError):
        procedures.circulate(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-03",
            title="Annual reports",
            kind="questionnaire",
            text=TEXT,
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 2, 29),
            available_on=date(2004, 1, 31),  # before it was circulated
        )
    assert dump(engine) == before


def test_a_delegate_changes_its_reply_until_the_deadline_and_the_last_counts(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "objection")
    assert _status(engine, date(2004, 3, 10)) == "not_adopted"
    _today(monkeypatch, date(2004, 2, 20))
    receipt = procedures.record_reply(
        engine=engine, actor=JAPAN, reference=REFERENCE, participant="Japan", kind="support"
    )
    assert (receipt.kind, receipt.received_on, receipt.recorded_by) == (
        "support",
        date(2004, 2, 20),
        "japan-delegate",
    )
    assert receipt.replaced is not None
    assert (receipt.replaced.kind, receipt.replaced.received_on) == ("objection", date(2004, 2, 5))
    # One row, updated: the last reply counts, and the decision's stored state follows it.
    assert count(engine, ProcedureReply) == 1
    assert _status(engine, date(2004, 3, 10)) == "awaiting_formal_adoption"
    # The stored periods were recomputed on the update of the reply row (not only an insert).
    with Session(engine) as session:
        periods = session.exec(
            select(DecisionPeriod.starts_on, DecisionPeriod.status)
            .join(Decision, col(Decision.id) == col(DecisionPeriod.decision_id))
            .where(Decision.reference == REFERENCE)
            .order_by(col(DecisionPeriod.starts_on))
        ).all()
    assert [(s, st) for s, st in periods][1:] == [
        (date(2004, 2, 1), "pending"),
        (date(2004, 3, 1), "awaiting_formal_adoption"),
    ]
    view = procedures.get_procedure(engine=engine, reference=REFERENCE, on=date(2004, 3, 10))
    assert (view.outcome, view.supports, view.objections) == ("adopted", 1, 0)
    # Every reply is kept: the trail has the insert and the update, before and after.
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.table_name == "procedurereply")
            .order_by(col(AuditEntry.seq))
        ).all()
    assert [e.operation for e in entries] == ["insert", "update"]
    assert '"objection"' in entries[1].before and '"support"' in entries[1].after


def test_a_support_changed_to_an_objection_on_the_deadline_day_prevents_adoption(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    assert _status(engine, date(2004, 3, 1)) == "awaiting_formal_adoption"
    _today(monkeypatch, date(2004, 2, 29))
    _reply(engine, "objection")
    assert _status(engine, date(2004, 2, 29)) == "pending"
    assert _status(engine, date(2004, 3, 1)) == "not_adopted"


def test_a_reply_after_the_deadline_is_refused_and_changes_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    _today(monkeypatch, date(2004, 3, 1))
    before = dump(engine)
    with pytest.raises(ReplyOutsidePeriodError):
        _reply(engine, "objection")
    assert dump(engine) == before


def test_the_same_reply_twice_is_refused(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    with pytest.raises(DuplicateReplyError):
        _reply(engine, "support")


def test_the_delegate_sees_its_reply_the_earlier_one_and_the_outcome_after_the_deadline(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    _today(monkeypatch, date(2004, 2, 10))
    _reply(engine, "objection")
    during = procedures.for_participant(
        engine=engine, participant="Japan", on=date(2004, 2, 10), language="en"
    )
    assert [d.procedure.reference for d in during] == [REFERENCE]
    assert during[0].open and during[0].reply is not None
    assert during[0].reply.kind == "objection"
    assert [(e.kind, e.received_on, e.recorded_by) for e in during[0].earlier] == [
        ("support", date(2004, 2, 5), "japan-delegate")
    ]
    assert during[0].proposal.text == TEXT
    # After the deadline the procedure stays listed, with the reply and the outcome.
    after = procedures.for_participant(
        engine=engine, participant="Japan", on=date(2004, 3, 15), language="en"
    )
    assert [d.procedure.reference for d in after] == [REFERENCE]
    assert not after[0].open
    assert after[0].procedure.outcome == "not_adopted"
    assert after[0].reply is not None and after[0].reply.kind == "objection"
    # Another Participant that did not reply no longer sees it once closed.
    others = procedures.for_participant(
        engine=engine, participant="Canada", on=date(2004, 3, 15), language="en"
    )
    assert others == []


def test_the_proposal_in_the_readers_language_else_english_said(engine: Engine) -> None:
    _circulate(engine)
    english = procedures.proposal(
        engine=engine, reference=REFERENCE, language="fr", on=date(2004, 2, 2)
    )
    assert (english.language, english.text, english.state, english.fallback) == (
        "en",
        TEXT,
        "circulated",
        True,
    )
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target=REFERENCE,
        language="fr",
        state="final",
        on=date(2004, 2, 3),
        text="Le Président propose que la Plénière admette le candidat.",
    )
    french = procedures.proposal(
        engine=engine, reference=REFERENCE, language="fr", on=date(2004, 2, 3)
    )
    assert (french.language, french.fallback, french.state) == ("fr", False, "final")
    assert french.text.startswith("Le Président propose")
    # Before the French version existed, the English one, said so.
    earlier = procedures.proposal(
        engine=engine, reference=REFERENCE, language="fr", on=date(2004, 2, 2)
    )
    assert earlier.fallback and earlier.text == TEXT


def test_the_reported_tally_is_kept_beside_the_named_replies(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    _today(monkeypatch, date(2004, 3, 10))
    view = procedures.record_tally(
        engine=engine,
        actor=SECRETARIAT,
        reference=REFERENCE,
        supports=40,
        objections=0,
        source="Chair's report, 10 March 2004",
    )
    assert (view.reported_supports, view.reported_objections, view.supports) == (40, 0, 1)
    assert view.source == "Chair's report, 10 March 2004"
    assert view.outcome == "adopted"


def test_a_tally_that_contradicts_the_named_replies_is_refused(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 5))
    _reply(engine, "support")
    before = dump(engine)
    with pytest.raises(TallyBelowNamedRepliesError):
        procedures.record_tally(
            engine=engine,
            actor=SECRETARIAT,
            reference=REFERENCE,
            supports=0,
            objections=0,
            source="report",
        )
    with pytest.raises(TallyObjectionUnnamedError):
        procedures.record_tally(
            engine=engine,
            actor=SECRETARIAT,
            reference=REFERENCE,
            supports=5,
            objections=1,
            source="report",
        )
    with pytest.raises(ProcedureTallyError):
        procedures.record_tally(
            engine=engine,
            actor=SECRETARIAT,
            reference=REFERENCE,
            supports=5,
            objections=0,
            source="",
        )
    with pytest.raises(PermissionDeniedError):
        procedures.record_tally(
            engine=engine, actor=JAPAN, reference=REFERENCE, supports=5, objections=0, source="r"
        )
    assert dump(engine) == before


CSV_OK = """Participant,position,date,note
Canada,support,2004-02-03,note verbale No. 4
India,objection,2004-02-10,
Botswana,support,,
"""


def test_replies_from_a_csv_are_recorded_all_together(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 12))
    result = procedures.record_replies(
        engine=engine,
        actor=SECRETARIAT,
        reference=REFERENCE,
        csv_text=CSV_OK,
        note="e-mail to the secretariat",
    )
    assert [(r.participant, r.kind, r.received_on, r.note) for r in result.receipts] == [
        ("Canada", "support", date(2004, 2, 3), "note verbale No. 4"),
        ("India", "objection", date(2004, 2, 10), "e-mail to the secretariat"),
        ("Botswana", "support", date(2004, 2, 12), "e-mail to the secretariat"),
    ]
    assert result.outcome == "pending"
    assert count(engine, ProcedureReply) == 3
    assert _status(engine, date(2004, 3, 1)) == "not_adopted"


def test_a_csv_with_a_bad_row_records_nothing_and_names_every_bad_row(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _circulate(engine)
    _today(monkeypatch, date(2004, 2, 12))
    before = dump(engine)
    bad = (
        "Participant,position,date\n"
        "Canada,support,2004-02-12\n"
        "Atlantis,support,2004-02-12\n"
        "India,abstain,2004-02-12\n"
        "Japan,objection,2004-02-05\n"
        "Botswana,support,12/02/2004\n"
    )
    with pytest.raises(ReplyRowsError) as raised:
        procedures.record_replies(
            engine=engine, actor=SECRETARIAT, reference=REFERENCE, csv_text=bad
        )
    rows = [e.params["row"] for e in raised.value.params["errors"]]
    assert rows == [3, 4, 5, 6]
    problems = [type(e.params["problem"]) for e in raised.value.params["errors"]]
    assert problems[0] is NotFoundError and problems[2] is BackdatedReplyNoteError
    assert raised.value.message.startswith("Nothing was recorded: row 3: No participant")
    assert dump(engine) == before
    # Each row's problem in the user's language (the "row N" frame is a catalog entry too).
    french = translator("fr").error(raised.value)
    assert "Introuvable" in french and "Valeur inconnue" in french


def test_a_file_without_the_columns_is_refused(engine: Engine) -> None:
    _circulate(engine)
    with pytest.raises(ReplyFileError):
        procedures.record_replies(
            engine=engine, actor=SECRETARIAT, reference=REFERENCE, csv_text="Name,reply\nX,y\n"
        )
    with pytest.raises(ReplyFileError):
        procedures.record_replies(
            engine=engine, actor=SECRETARIAT, reference=REFERENCE, csv_text=""
        )


def test_a_delegate_cannot_record_replies_in_bulk(engine: Engine) -> None:
    _circulate(engine)
    with pytest.raises(PermissionDeniedError):
        procedures.record_replies(engine=engine, actor=JAPAN, reference=REFERENCE, csv_text=CSV_OK)


def _statements(engine: Engine, call: Callable[[], object]) -> int:
    seen: list[str] = []

    def note(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def test_what_a_delegate_sees_takes_the_same_statements_for_one_procedure_or_many(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def asked() -> object:
        return procedures.for_participant(
            engine=engine, participant="Japan", on=date(2004, 2, 20), language="fr"
        )

    counts = []
    for n in range(1, 4):
        procedures.circulate(
            engine=engine,
            actor=SECRETARIAT,
            reference=f"2004-WP-1{n}",
            title="Proposal",
            kind="other",
            text="The Chair proposes …",
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 2, 29),
        )
        _today(monkeypatch, date(2004, 2, 5))
        procedures.record_reply(
            engine=engine,
            actor=JAPAN,
            reference=f"2004-WP-1{n}",
            participant="Japan",
            kind="support",
        )
        _today(monkeypatch, date(2004, 2, 6))
        procedures.record_reply(
            engine=engine,
            actor=JAPAN,
            reference=f"2004-WP-1{n}",
            participant="Japan",
            kind="objection",
        )
        counts.append(_statements(engine, asked))
    assert len(set(counts)) == 1, counts
    seen = procedures.for_participant(
        engine=engine, participant="Japan", on=date(2004, 2, 20), language="fr"
    )
    assert len(seen) == 3 and all(len(d.earlier) == 1 for d in seen)
