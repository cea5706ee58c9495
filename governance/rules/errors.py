"""Named errors raised when input breaks a rule.

Each error carries a stable ``code`` and the parameters of its message so the interface can
render it in the user's language; ``str(error)`` gives the English message.
"""

from __future__ import annotations

from typing import Any, ClassVar


def N_(message: str) -> str:
    """Mark a message for the catalogs; it is translated where it is shown."""
    return message


class PlenaryError(Exception):
    """Base of every error the product raises on purpose.

    ``template`` is an English catalog entry with ``{named}`` parameters; an instance may carry
    its own (``ValidationError(N_("… {x} …"), x=…)``).
    """

    code: ClassVar[str] = "error"
    template: str = "{detail}"

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


class ValidationError(PlenaryError):
    """Input that no rule allows; nothing is stored."""

    code = "invalid"
    template = "{detail}"


class NotFoundError(PlenaryError):
    code = "not_found"
    template = N_("No {what} named {name!r}.")


class DuplicateError(PlenaryError):
    code = "duplicate"
    template = N_("A {what} named {name!r} already exists.")


class ReversedDatesError(ValidationError):
    code = "reversed_dates"
    template = N_("{what}: the end ({end}) is before the start ({start}).")


class OverlappingTermError(ValidationError):
    code = "overlapping_term"
    template = N_(
        "{office} {start}–{end} for {holder} overlaps the term of {other} "
        "({other_start}–{other_end})."
    )


class DepartureNotAuthorizedError(ValidationError):
    code = "departure_not_authorized"
    template = N_(
        "This term departs from the rotation rule ({reason}); record it only with the decision "
        "that authorizes it."
    )


class InvalidTransitionError(ValidationError):
    code = "invalid_transition"
    template = N_("The version in {language} cannot go from {current} to {target}.")


class OutOfOrderError(ValidationError):
    code = "out_of_order"
    template = N_("{what} on {on} is before the last recorded step ({last}).")


class DeadlineBeforeCirculationError(ValidationError):
    code = "deadline_before_circulation"
    template = N_("The deadline ({deadline}) must be after the circulation date ({circulated_on}).")


class ReplyOutsidePeriodError(ValidationError):
    code = "reply_outside_period"
    template = N_(
        "A reply on {on} is outside the procedure's period ({circulated_on} to {deadline})."
    )


class DuplicateReplyError(ValidationError):
    code = "duplicate_reply"
    template = N_("{participant} has already replied ({kind}) on {on}.")


class NotAParticipantError(ValidationError):
    code = "not_a_participant"
    template = N_("{name} is not a Participant on {on} (status: {status}).")


class UnknownValueError(ValidationError):
    code = "unknown_value"
    template = N_("Unknown {what} {value!r}; expected one of: {allowed}.")


class AlreadyResolvedError(ValidationError):
    code = "already_resolved"
    template = N_("{what} was already resolved on {on}.")


class SignInError(PlenaryError):
    code = "sign_in_failed"
    template = N_("Wrong user name or password.")


class LockedOutError(PlenaryError):
    code = "locked_out"
    template = N_("Too many failed attempts: sign-in is locked until {until}.")


class WeakPasswordError(ValidationError):
    code = "weak_password"
    template = N_("A password needs at least {length} characters.")


class ConcurrentEditError(PlenaryError):
    code = "concurrent_edit"
    template = N_("{what} was changed by {user} at {at} — reload it before saving again.")


class TextTooLongError(ValidationError):
    code = "text_too_long"
    template = N_("The text has {length} characters; at most {limit} are accepted.")


class FieldTooLongError(ValidationError):
    code = "field_too_long"
    template = N_("{field} has {length} characters; at most {limit} are accepted.")


class InvalidCharacterError(ValidationError):
    code = "invalid_character"
    template = N_("{field} contains a character that cannot be stored (NUL).")


class NumberOutOfRangeError(ValidationError):
    code = "number_out_of_range"
    template = N_("{field} must be between {low} and {high}.")


class ControlCharacterError(ValidationError):
    code = "control_character"
    template = N_("{field} contains a control character ({char}); only plain text is accepted.")


class DateOutOfRangeError(ValidationError):
    code = "date_out_of_range"
    template = N_("{field} ({value}) is outside the dates the record accepts ({low} to {high}).")


class ConflictError(PlenaryError):
    code = "conflict"
    template = N_(
        "This change conflicts with a record stored at the same moment; nothing was stored."
    )


class BusyError(PlenaryError):
    code = "busy"
    template = N_("The database is busy; nothing was stored. Try again in a moment.")


# --- clock: a write's date is an explicit field or the server's clock ---


class FutureDateError(ValidationError):
    code = "future_date"
    template = N_("{field} ({value}) is after today ({today}); only what has happened is recorded.")


class DelegateReplyDateError(ValidationError):
    code = "delegate_reply_date"
    template = N_(
        "A delegate's reply is received on the day it is sent ({today}); only the secretariat "
        "records a reply received earlier."
    )


class BackdatedReplyNoteError(ValidationError):
    code = "backdated_reply_note"
    template = N_(
        "A reply received before today ({received_on}) needs a note saying how it arrived "
        "(a note verbale, an e-mail)."
    )


# --- inputs: the environment and the files a user hands in ---


class SettingError(PlenaryError):
    code = "setting"
    template = N_("The setting {name}={value!r} is not valid: {expected}.")


class DatabaseUrlError(PlenaryError):
    code = "database_url"
    template = N_("The database URL {url} cannot be used ({reason}).")


class DatabaseUnavailableError(PlenaryError):
    code = "database_unavailable"
    template = N_("The database cannot be opened or read ({reason}); nothing was stored.")


class StorageError(PlenaryError):
    code = "storage"
    template = N_("The database could not store the change ({reason}); nothing was stored.")


class FileWriteError(PlenaryError):
    code = "file_write"
    template = N_("Cannot write {path} ({reason}); nothing was written.")


class TextFileError(ValidationError):
    code = "text_file"
    template = N_("{path} cannot be read as UTF-8 text ({reason}); save it as UTF-8 and try again.")


class ArgumentEncodingError(ValidationError):
    code = "argument_encoding"
    template = N_("An argument is not valid UTF-8 text ({argument}); nothing was done.")


# --- audit ---


class BadHeadError(ValidationError):
    code = "bad_audit_head"
    template = N_("{value} is not a head of the audit trail (SEQ:HASH, as `audit head` prints).")


class BackupTamperedError(ValidationError):
    code = "backup_tampered"
    template = N_("The backup {path} does not verify ({reason}); nothing was restored.")


# --- sessions ---


class SessionEndedError(PlenaryError):
    """The account behind a signed-in session was disabled, removed, or changed (role or
    password) since the session began; nothing is stored."""

    code = "session_ended"
    template = N_("Your session has ended (account disabled or changed); sign in again.")


class LastAdminError(ValidationError):
    code = "last_admin"
    template = N_(
        "{user} is the last enabled admin; enable or appoint another admin first, or nobody "
        "could manage the accounts."
    )


class DisableSelfError(ValidationError):
    code = "disable_self"
    template = N_("You cannot disable your own account; another admin must do it.")


# --- demo ---


class DemoDataPresentError(ValidationError):
    code = "demo_data_present"
    template = N_(
        "This database already holds demo data; start again from a database holding only the "
        "record (`plenary init`)."
    )


# --- cli ---


class SchemaMissingError(PlenaryError):
    """A command run against a database `plenary init` has not set up."""

    code = "schema_missing"
    template = N_(
        "This database has no Plenary schema yet; run `plenary init` to create it and load the "
        "record."
    )


class SchemaOutdatedError(PlenaryError):
    """A command run against a database whose schema is not the one this code needs."""

    code = "schema_outdated"
    template = N_(
        "The database's schema is at revision {found} and this version of Plenary needs "
        "{expected}; run `plenary init` to upgrade it."
    )


class PoolExhaustedError(PlenaryError):
    """Every database connection of this process stayed in use for the pool's timeout."""

    code = "pool_exhausted"
    template = N_(
        "The server is busy (every database connection is in use); nothing was stored. Try "
        "again in a moment."
    )


# --- renames: a Participant's change of name ---


class AmbiguousFormerNameError(ValidationError):
    code = "ambiguous_former_name"
    template = N_("{name!r} was the name of several entities ({entities}); give the current name.")


class SameNameError(ValidationError):
    code = "same_name"
    template = N_("{name} is already called {new_name}; nothing to rename.")


class NameTakenError(ValidationError):
    code = "name_taken"
    template = N_("{new_name!r} is or was the name of {other}; a name belongs to one entity.")


class RenameOrderError(ValidationError):
    code = "rename_order"
    template = N_(
        "{name} was already renamed on {earlier}; a later rename must date from after it."
    )


class RenameBeforeStandingError(ValidationError):
    code = "rename_before_standing"
    template = N_(
        "{name} has no standing before {first} (its first recorded status); a rename cannot "
        "precede it."
    )


class RenameDecisionError(ValidationError):
    code = "rename_decision"
    template = N_(
        "Decision {reference} was not adopted by {on}; a rename can only cite a decision "
        "adopted on or before its date."
    )


# --- procedures ---


class ReplyBeforeEarlierReplyError(ValidationError):
    code = "reply_before_earlier_reply"
    template = N_(
        "{participant} replied on {earlier}; a change of that reply cannot be dated earlier ({on})."
    )


class ProcedureTallyError(ValidationError):
    code = "procedure_tally"
    template = N_(
        "A reported tally counts supports and objections from 0 up; it needs a source "
        "(where the record reports it)."
    )


class TallyBelowNamedRepliesError(ValidationError):
    code = "tally_below_named_replies"
    template = N_(
        "The reported tally ({supports} supports, {objections} objections) counts fewer than "
        "the named replies recorded ({named_supports} supports, {named_objections} objections)."
    )


class TallyObjectionUnnamedError(ValidationError):
    code = "tally_objection_unnamed"
    template = N_(
        "The record reports {objections} objection(s) but no objecting Participant's reply is "
        "recorded; record that reply first (the outcome rests on the named replies)."
    )


class ReplyRowError(ValidationError):
    code = "reply_row"
    template = N_("row {row}: {problem}")


class ReplyRowsError(ValidationError):
    """Rows of a file of replies that are wrong; nothing of the file was recorded."""

    code = "reply_rows"
    template = N_("Nothing was recorded: {errors}")

    @property
    def message(self) -> str:
        errors = self.params.get("errors", ())
        return self.template.format(errors="; ".join(e.message for e in errors))


class ReplyFileError(ValidationError):
    code = "reply_file"
    template = N_(
        "The file of replies needs the columns Participant, position, date (and may have "
        "note); nothing was recorded."
    )


# --- offices ---


class DecisionCannotAuthorizeTermError(ValidationError):
    """A decision of a kind that neither selects an office holder nor departs from the rule."""

    code = "decision_cannot_authorize_term"
    template = N_(
        "Decision {reference} cannot select an office holder or authorize a term: only an "
        "office selection, an administrative decision or a decision on the Rules of Procedure "
        "can."
    )


class DecisionPendingForTermError(ValidationError):
    code = "decision_pending_for_term"
    template = N_(
        "Decision {reference} cannot authorize this term: its written procedure is still pending."
    )


class DecisionRejectedForTermError(ValidationError):
    code = "decision_rejected_for_term"
    template = N_(
        "Decision {reference} cannot authorize this term: it was not adopted (its written "
        "procedure was objected to)."
    )


class DecisionNotAdoptedForTermError(ValidationError):
    code = "decision_not_adopted_for_term"
    template = N_(
        "Decision {reference} cannot authorize a term beginning on {start}: it is not adopted "
        "by then."
    )


class DecisionAdoptedAfterTermError(ValidationError):
    code = "decision_adopted_after_term"
    template = N_(
        "Decision {reference} was adopted on {adopted}, after the term begins on {start}: a "
        "term rests only on a decision adopted on or before its first day."
    )


class NoTermByRuleError(ValidationError):
    code = "no_term_by_rule"
    template = N_(
        "The rotation rule gives nobody the office of {office} for {year}: no Vice Chair "
        "completes twelve months in office the day before."
    )


class TermAlreadyRecordedError(ValidationError):
    code = "term_already_recorded"
    template = N_(
        "A term of {office} is already recorded for {year}: {holder}, from {start} to {end}."
    )


# --- communiques: communiqués as records, decisions linked to them, meeting host and chair ---


class CommuniqueBeforeMeetingError(ValidationError):
    code = "communique_before_meeting"
    template = N_(
        "A communiqué of {meeting} cannot be issued on {issued_on}, before the meeting starts "
        "({starts_on})."
    )


class CommuniqueOfAnotherMeetingError(ValidationError):
    code = "communique_of_another_meeting"
    template = N_(
        "Communiqué {communique} belongs to the meeting {other}, not to {meeting} where "
        "{reference} was adopted."
    )


class UnknownMeetingEntityError(ValidationError):
    code = "unknown_meeting_entity"
    template = N_(
        "{field}: {name!r} is not in the register of Participants and Observers under that "
        "name on {on}."
    )


class AvailableBeforeAdoptionError(ValidationError):
    code = "available_before_adoption"
    template = N_("{reference} cannot be made available on {on}, before it exists ({earliest}).")


# --- instruments ---


class InstrumentTargetError(ValidationError):
    code = "instrument_target"
    template = N_(
        "Link the instrument to one decision or one Participant (optionally its change of "
        "status on a date), not both and not neither."
    )


class StatusEventNotFoundError(ValidationError):
    code = "status_event_not_found"
    template = N_("{participant} has no change of status recorded on {on}.")


class DuplicateCitationError(ValidationError):
    code = "duplicate_citation"
    template = N_("{instrument} is already linked to {target}.")


class RequiredFieldError(ValidationError):
    code = "required_field"
    template = N_("{label} is required.")


# --- akn: Akoma Ntoso export ---


class AknNoVersionError(ValidationError):
    code = "akn_no_version"
    template = N_("{target} has no {language} version on {on}.")


class AknInvalidError(ValidationError):
    code = "akn_invalid"
    template = N_(
        "The Akoma Ntoso document of {target} ({language}) does not validate against the "
        "schema ({reason}); nothing was written."
    )


class ExportFolderError(ValidationError):
    code = "export_folder"
    template = N_("{path} cannot be used as the export folder ({reason}).")


# --- open data ---


class OpenDataNotUtf8Error(ValidationError):
    code = "open_data_not_utf8"
    template = N_("{value!r} is not UTF-8 text: save the file as UTF-8")


class OpenDataBadDateError(ValidationError):
    code = "open_data_bad_date"
    template = N_("{value!r} is not a date (YYYY-MM-DD)")


class OpenDataBadNumberError(ValidationError):
    code = "open_data_bad_number"
    template = N_("{value!r} is not a whole number")


class OpenDataBadBooleanError(ValidationError):
    code = "open_data_bad_boolean"
    template = N_("{value!r} is neither true nor false")


class OpenDataValueRequiredError(ValidationError):
    code = "open_data_value_required"
    template = N_("a value is required")


class OpenDataMissingColumnError(ValidationError):
    code = "open_data_missing_column"
    template = N_("the column is missing")


class OpenDataUnknownColumnError(ValidationError):
    code = "open_data_unknown_column"
    template = N_("unknown column")


class OpenDataShapeError(ValidationError):
    code = "open_data_shape"
    template = N_("cannot be read: expected {expected}")


class OpenDataNotJsonError(ValidationError):
    code = "open_data_not_json"
    template = N_("not JSON: {reason}")


class OpenDataUnknownReferenceError(ValidationError):
    code = "open_data_unknown_reference"
    template = N_("{value!r} is not in {file}")


class OpenDataDuplicateRowError(ValidationError):
    code = "open_data_duplicate_row"
    template = N_("{value!r} is already in row {first}")


class OpenDataProblemError(ValidationError):
    """One line of an import's error report; ``problem`` is the error about the field."""

    code = "open_data_problem"
    template = N_("{file}, row {row}, column {field}: {problem}")


class OpenDataInvalidError(ValidationError):
    """An import refused: ``problems`` holds every :class:`OpenDataProblemError` found."""

    code = "open_data_invalid"
    template = N_("The files have {count} problem(s); nothing was stored.")

    def __init__(self, problems: tuple[OpenDataProblemError, ...]) -> None:
        self.problems = problems
        super().__init__(count=len(problems))


class OpenDataNoFilesError(ValidationError):
    code = "open_data_no_files"
    template = N_("No open-data files found in {where} (expected body.csv … or body.json …).")


class OpenDataMixedFormatsError(ValidationError):
    code = "open_data_mixed_formats"
    template = N_("{where} holds both CSV and JSON files: give one format only.")


class OpenDataMissingFileError(ValidationError):
    code = "open_data_missing_file"
    template = N_("the file is missing")


class OpenDataNotEmptyError(ValidationError):
    code = "open_data_not_empty"
    template = N_(
        "The database already holds a record ({table} has rows) other than the embedded one as "
        "it was loaded: import only into a database without a record."
    )


# --- documents: PDF of communiqués and decisions, the annual report ---


class NoVersionToPrintError(ValidationError):
    code = "no_version_to_print"
    template = N_(
        "{reference} has no {language} version on {on}, so there is nothing to print in that "
        "language. Versions that exist: {existing}."
    )


class UnknownDocumentFormatError(ValidationError):
    code = "unknown_document_format"
    template = N_("Unknown format {format!r}: use one of {allowed}.")


class ReportYearError(ValidationError):
    code = "report_year"
    template = N_("The record holds nothing for {year}: it covers {first} to {last}.")
