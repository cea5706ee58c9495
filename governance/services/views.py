"""Plain, immutable results returned by the services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class BodyView:
    code: str
    name: str
    official_languages: tuple[str, ...]
    source_language: str
    rule_text: str
    rule_source: str


@dataclass(frozen=True)
class TermView:
    office: str
    holder: str
    starts_on: date
    ends_on: date
    projected: bool
    decision: str | None
    departure: bool = False
    note: str = ""
    source: str = ""
    by_rule: bool = False
    """Follows from the rule, not confirmed, and begun on the date asked about: in office by the
    rule (``projected`` is for such terms not yet begun)."""


@dataclass(frozen=True)
class OfficeHoldersView:
    on: date
    chair: TermView | None
    vice_chair: TermView | None

    def as_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "chair": self.chair.holder if self.chair else None,
            "vice_chair": self.vice_chair.holder if self.vice_chair else None,
            "chair_projected": bool(self.chair and self.chair.projected),
            "vice_chair_projected": bool(self.vice_chair and self.vice_chair.projected),
            "chair_by_rule": bool(self.chair and self.chair.by_rule),
            "vice_chair_by_rule": bool(self.vice_chair and self.vice_chair.by_rule),
        }


@dataclass(frozen=True)
class StatusEventView:
    effective_on: date
    status: str
    stage: str | None
    blocked_reason: str | None
    decision: str | None
    note: str
    source: str


@dataclass(frozen=True)
class EntityView:
    name: str
    kind: str
    status: str
    since: date
    stage: str | None
    blocked_reason: str | None
    note: str
    source: str
    history: tuple[StatusEventView, ...] = ()
    renames: tuple[RenameView, ...] = ()
    """The entity's changes of name up to the as-of date, oldest first (``name`` is the name
    in force on that date)."""


@dataclass(frozen=True)
class FigureView:
    key: str
    value: int
    label: str
    source: str


@dataclass(frozen=True)
class MeetingView:
    code: str
    kind: str
    title: str
    place: str
    starts_on: date
    ends_on: date
    host: str
    chair: str
    source: str
    communique: str | None
    figures: tuple[FigureView, ...] = ()
    decisions: tuple[str, ...] = ()
    note: str = ""
    title_translated: bool = False
    """``title`` and ``place`` are in the reader's language (else as recorded)."""


@dataclass(frozen=True)
class StepView:
    language: str
    state: str
    taken_on: date
    note: str


@dataclass(frozen=True)
class LanguageVersionView:
    language: str
    state: str
    available_on: date | None
    text: str
    steps: tuple[StepView, ...] = ()
    version: int = 0
    """Edit version of the stored text (0: nothing stored yet)."""
    title: str = ""
    """The title in this language ("": none, the source title stands for it)."""


@dataclass(frozen=True)
class OpenPointView:
    key: str
    description: str
    resolved_on: date | None
    resolved_by: str | None
    source: str


@dataclass(frozen=True)
class ReplyView:
    participant: str
    kind: str
    received_on: date
    note: str = ""


@dataclass(frozen=True)
class ReplyReceipt:
    """What a reply stored: shown to whoever sent it, kept on the audit trail."""

    reference: str
    title: str
    participant: str
    kind: str
    received_on: date
    recorded_at: datetime
    recorded_by: str
    note: str
    outcome: str
    """The procedure's outcome on the day the reply was received."""
    replaced: ReplyView | None = None
    """The reply this one changed (the last one counts), if the Participant had replied."""


@dataclass(frozen=True)
class ProcedureView:
    reference: str
    title: str
    circulated_on: date
    deadline: date
    outcome: str
    decided_on: date | None
    supports: int
    objections: int
    replies: tuple[ReplyView, ...] = ()
    reported_supports: int | None = None
    """The tally as the record reports it (beside the named replies, which may be fewer)."""
    reported_objections: int | None = None
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class ObligationView:
    title: str
    decision: str
    kind: str
    due_on: date
    responsible: str
    state: str
    met_on: date | None
    source: str


@dataclass(frozen=True)
class DecisionView:
    reference: str
    title: str
    kind: str
    procedure: str
    status: str
    adopted_on: date | None
    confirmed_on: date | None
    formally_adopted_on: date | None
    languages_available: tuple[str, ...]
    languages_missing: tuple[str, ...]
    open_points: int
    meeting: str | None
    working_group: str | None
    source: str
    version: int = 1
    title_translated: bool = False
    """``title`` is the reader's language's (else the source's, as the record has it)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "title": self.title,
            "kind": self.kind,
            "procedure": self.procedure,
            "status": self.status,
            "adopted_on": _iso(self.adopted_on),
            "confirmed_on": _iso(self.confirmed_on),
            "formally_adopted_on": _iso(self.formally_adopted_on),
            "languages_available": list(self.languages_available),
            "languages_missing": list(self.languages_missing),
            "open_points": self.open_points,
            "meeting": self.meeting,
            "working_group": self.working_group,
            "source": self.source,
        }


@dataclass(frozen=True)
class DecisionPage:
    """One page of the register: ``rows`` from position ``offset`` of ``total``."""

    rows: tuple[DecisionView, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class DecisionDetail:
    decision: DecisionView
    communique: str | None
    versions: tuple[LanguageVersionView, ...]
    open_points: tuple[OpenPointView, ...]
    procedure: ProcedureView | None
    obligations: tuple[ObligationView, ...] = field(default_factory=tuple)
    note: str = ""
    """The secretariat's note on the decision (an approximate fact flagged)."""

    def title_in(self, language: str) -> tuple[str, bool]:
        """The title in ``language`` and whether it is that version's (else the source's)."""
        return title_in(self.decision.title, self.versions, language)


@dataclass(frozen=True)
class CommuniqueView:
    code: str
    meeting: str
    title: str
    issued_on: date
    source: str
    versions: tuple[LanguageVersionView, ...]
    decisions: tuple[DecisionView, ...]
    note: str = ""

    def title_in(self, language: str) -> tuple[str, bool]:
        """The heading in ``language`` and whether it is that version's (else the source's)."""
        return title_in(self.title, self.versions, language)


def title_in(
    source_title: str, versions: Sequence[LanguageVersionView], language: str
) -> tuple[str, bool]:
    """``language``'s title among ``versions`` (a version with a title as of the view's date),
    else ``source_title``; and whether it was found."""
    for version in versions:
        if version.language == language and version.title:
            return version.title, True
    return source_title, False


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class WorkingGroupView:
    code: str
    name: str
    kind: str
    established_on: date | None
    decisions: tuple[str, ...]
    note: str
    source: str


@dataclass(frozen=True)
class ReviewMissionView:
    kind: str
    target: str
    decision: str | None
    starts_on: date
    ends_on: date
    composition: str
    report_considered_at: str | None
    finding: str
    source: str


@dataclass(frozen=True)
class OverviewView:
    """What the landing page shows as of a date."""

    on: date
    body: BodyView
    holders: OfficeHoldersView
    last_meeting: MeetingView | None
    next_meeting: MeetingView | None
    awaiting_formal_adoption: tuple[DecisionView, ...]
    awaiting_confirmation: tuple[DecisionView, ...]
    open_procedures: tuple[ProcedureView, ...]
    deadlines: tuple[ObligationView, ...]
    applicants: tuple[EntityView, ...]
    participants: int
    first_recorded: date | None
    last_recorded: date | None
    awaiting_formal_adoption_total: int
    """How many decisions await formal adoption (the tuple above holds the first of them)."""
    awaiting_confirmation_total: int
    deadlines_total: int
    reported: ReportedParticipationView | None = None
    """The latest participation figures a meeting reported on or before ``on``."""
    certified_states: int = 0
    """Participants on ``on`` that are States (compared with ``reported.states``)."""
    last_term_ends: dict[str, date] = field(default_factory=dict)
    """office -> end of the last term known (confirmed or projected), for each office nobody
    holds on ``on``: past it the record is silent, which is not "nobody holds the office"."""

    def unrecorded_after(self, office: str) -> date | None:
        """The end of the last term of ``office`` when ``on`` falls after it, else None."""
        ends = self.last_term_ends.get(office)
        return ends if ends is not None and self.on > ends else None

    def no_fulfilment_recorded(self, obligation: ObligationView) -> bool:
        """An overdue deadline that fell within the record, whose fulfilment is not recorded:
        the record does not say it was missed, only that no fulfilment is in it."""
        return (
            obligation.state == "overdue"
            and obligation.met_on is None
            and self.last_recorded is not None
            and obligation.due_on <= self.last_recorded
        )

    @property
    def states_discrepancy(self) -> bool:
        """The register's count of certified States differs from the reported figure (only
        once anyone is certified: before, the report is all there is)."""
        return (
            self.reported is not None
            and self.reported.states is not None
            and self.participants > 0
            and self.reported.states != self.certified_states
        )


@dataclass(frozen=True)
class ReportedParticipationView:
    """Participation as a meeting reported it (counts without names)."""

    meeting: str
    place: str
    ends_on: date
    states: int | None
    reios: int | None
    source: str


@dataclass(frozen=True)
class CountPoint:
    on: date
    count: int


@dataclass(frozen=True)
class RenameView:
    """A change of a Participant's name: called ``former_name`` until the day before
    ``renamed_on``, ``new_name`` from then on."""

    renamed_on: date
    former_name: str
    new_name: str
    decision: str | None
    note: str
    source: str


@dataclass(frozen=True)
class ProposalText:
    """A written procedure's proposal in one language: the reader's when that version exists,
    else the source language's (``fallback``), as circulated when no version was made final."""

    language: str
    asked: str
    text: str
    state: str
    """A language version's state (``final``, ``available``, ``machine_draft`` …) or
    ``circulated``: the text as the Chair circulated it."""
    title: str = ""
    """The proposal's title in ``asked`` when that version has one ("": the decision's own)."""

    @property
    def fallback(self) -> bool:
        return self.language != self.asked


@dataclass(frozen=True)
class EarlierReply:
    """A reply that a later one replaced, as the audit trail keeps it."""

    kind: str
    received_on: date
    note: str
    recorded_at: str
    recorded_by: str


@dataclass(frozen=True)
class DelegateProcedure:
    """A written procedure as one Participant's delegate sees it: the proposal, its reply (the
    one that counts) and the earlier ones it replaced, and the outcome."""

    procedure: ProcedureView
    proposal: ProposalText
    reply: ReplyView | None
    earlier: tuple[EarlierReply, ...] = ()
    open: bool = False
    """Replies are still received (deadline not passed on the day asked)."""


@dataclass(frozen=True)
class ReplyImport:
    """Replies recorded from a file, all or none."""

    reference: str
    receipts: tuple[ReplyReceipt, ...]
    outcome: str


# --- Rule 26 board ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule26Cell:
    """One language version of a decision as it stood on the board's date: its state and the
    date of the step that put it there (``None``: no step by then, no version yet)."""

    language: str
    state: str
    on: date | None

    def as_dict(self) -> dict[str, object] | None:
        if self.on is None:
            return None
        return {"state": self.state, "on": self.on.isoformat()}


@dataclass(frozen=True)
class Rule26Row:
    """A decision awaiting formal adoption and its five language versions (body's order);
    ``completes_with``: the one language still missing, whose publication would make it
    formally adopted (``None`` while two or more are missing)."""

    reference: str
    title: str
    status: str
    meeting: str | None
    adopted_on: date | None
    cells: tuple[Rule26Cell, ...]
    completes_with: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "title": self.title,
            "status": self.status,
            "meeting": self.meeting,
            "adopted_on": _iso(self.adopted_on),
            "languages": {cell.language: cell.as_dict() for cell in self.cells},
            "completes_with": self.completes_with,
        }


@dataclass(frozen=True)
class Rule26Completion:
    """The decisions a language's next publication would make formally adopted: ``total`` of
    them, the first ``references`` (reference order)."""

    language: str
    total: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class LanguageCountPoint:
    """How many decisions had ``language`` made available by ``on``."""

    language: str
    on: date
    count: int


@dataclass(frozen=True)
class MeetingChoice:
    code: str
    title: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Rule26Board:
    """Decisions awaiting formal adoption on ``on`` × the official languages: ``rows`` from
    position ``offset`` of ``total``; what each language's next publication would complete;
    translation progress over time; the meetings to filter by."""

    on: date
    languages: tuple[str, ...]
    rows: tuple[Rule26Row, ...]
    total: int
    offset: int
    completions: tuple[Rule26Completion, ...]
    progress: tuple[LanguageCountPoint, ...]
    meetings: tuple[MeetingChoice, ...]


@dataclass(frozen=True)
class CitationView:
    """An external instrument cited by a decision, a Participant or its change of status."""

    instrument: str
    body: str
    kind: str
    adopted_on: date
    title: str
    paragraph: str
    instrument_source: str
    target_kind: str
    """``decision``, ``participant`` or ``status_event``."""
    target: str
    """The decision's reference or the entity's name (in force on the date asked about)."""
    status_on: date | None = None
    """The date of the change of status cited (``status_event`` only)."""
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class InstrumentView:
    reference: str
    body: str
    kind: str
    adopted_on: date
    title: str
    paragraph: str
    url: str
    note: str
    source: str
    cited_by: tuple[CitationView, ...] = ()


@dataclass(frozen=True)
class Choice:
    """Something a form acts on: its public key (reference, code, name) and its title."""

    code: str
    title: str
