"""Named errors carry a stable code and their parameters, and render an English message."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules import errors
from governance.rules.errors import (
    AlreadyResolvedError,
    DeadlineBeforeCirculationError,
    DepartureNotAuthorizedError,
    DuplicateError,
    DuplicateReplyError,
    InvalidTransitionError,
    NotAParticipantError,
    NotFoundError,
    OutOfOrderError,
    OverlappingTermError,
    PlenaryError,
    ReplyOutsidePeriodError,
    ReversedDatesError,
    UnknownValueError,
    ValidationError,
)


def test_an_error_keeps_its_parameters_and_renders_its_message():
    error = NotFoundError(what="decision", name="2003-SC-99")
    assert error.params == {"what": "decision", "name": "2003-SC-99"}
    assert error.message == "No decision named '2003-SC-99'."
    assert str(error) == error.message
    assert error.code == "not_found"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PlenaryError(detail="Something."), "Something."),
        (ValidationError(detail="Not allowed."), "Not allowed."),
        (DuplicateError(what="meeting", name="SC"), "A meeting named 'SC' already exists."),
        (
            ReversedDatesError(what="chair", start=date(2004, 12, 31), end=date(2004, 1, 1)),
            "chair: the end (2004-01-01) is before the start (2004-12-31).",
        ),
        (
            InvalidTransitionError(language="fr", current="available", target="final"),
            "The version in fr cannot go from available to final.",
        ),
        (
            OutOfOrderError(what="fr final", on=date(2003, 11, 1), last=date(2003, 11, 2)),
            "fr final on 2003-11-01 is before the last recorded step (2003-11-02).",
        ),
        (
            DeadlineBeforeCirculationError(
                deadline=date(2003, 6, 1), circulated_on=date(2003, 6, 1)
            ),
            "The deadline (2003-06-01) must be after the circulation date (2003-06-01).",
        ),
        (
            ReplyOutsidePeriodError(
                on=date(2003, 7, 1), circulated_on=date(2003, 6, 1), deadline=date(2003, 6, 30)
            ),
            "A reply on 2003-07-01 is outside the procedure's period (2003-06-01 to 2003-06-30).",
        ),
        (
            DuplicateReplyError(participant="Canada", kind="support", on=date(2003, 6, 5)),
            "Canada has already replied (support) on 2003-06-05.",
        ),
        (
            NotAParticipantError(name="Liberia", on=date(2003, 10, 31), status="applicant"),
            "Liberia is not a Participant on 2003-10-31 (status: applicant).",
        ),
        (
            UnknownValueError(what="language", value="de", allowed="en, fr, pt, es, ru"),
            "Unknown language 'de'; expected one of: en, fr, pt, es, ru.",
        ),
        (
            AlreadyResolvedError(what="2003-JHB-03", on=date(2003, 10, 31)),
            "2003-JHB-03 was already resolved on 2003-10-31.",
        ),
    ],
)
def test_each_error_renders_its_english_message(error, message):
    assert str(error) == message


def test_a_departure_error_names_the_reason_it_departs():
    error = DepartureNotAuthorizedError(reason="a term lasts 12 months")
    assert "(a term lasts 12 months)" in str(error)


def test_an_overlap_error_names_both_holders_and_terms():
    error = OverlappingTermError(
        office="chair",
        holder="Botswana",
        start=date(2004, 1, 1),
        end=date(2004, 12, 31),
        other="Canada",
        other_start=date(2004, 1, 1),
        other_end=date(2004, 12, 31),
    )
    assert "Botswana" in str(error)
    assert "Canada" in str(error)


def test_every_rule_error_is_a_validation_error_with_its_own_code():
    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, PlenaryError)
    ]
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    for cls in classes:
        if cls not in (
            PlenaryError,
            ValidationError,
            NotFoundError,
            DuplicateError,
            errors.SignInError,
            errors.LockedOutError,
            errors.ConcurrentEditError,
            errors.ConflictError,
            errors.BusyError,
            # The environment, not the input: settings, the database, files written.
            errors.SettingError,
            errors.DatabaseUrlError,
            errors.DatabaseUnavailableError,
            errors.StorageError,
            errors.FileWriteError,
            errors.SessionEndedError,
            errors.SchemaMissingError,
            errors.SchemaOutdatedError,
            errors.PoolExhaustedError,
        ):
            assert issubclass(cls, ValidationError)


def test_every_action_and_stored_column_has_a_label_for_the_record_history() -> None:
    """The readable history never shows a raw action code or column name."""
    from sqlmodel import SQLModel

    from governance import labels
    from governance.rules.permissions import Action
    from governance.storable import UNCHECKED_TABLES

    assert {a.value for a in Action} - set(labels.AUDIT_ACTION) == set()
    hidden = {"id", "version"}
    columns = {
        c.name
        for t in SQLModel.metadata.sorted_tables
        if t.name not in UNCHECKED_TABLES | {"body"}  # the body is loaded once, not a history
        for c in t.columns
        if not c.name.endswith("_key") and c.name not in hidden
    }
    assert columns - set(labels.AUDIT_FIELD) == set()
