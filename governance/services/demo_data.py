"""Synthetic history after the embedded record, for trying the product at scale.

``build(engine, scale=N, seed=S)`` extends a database holding the record (``plenary init``) by
N − 1 synthetic years, so the whole holds about N times what the record's year holds: two
meetings a year with their communiqués, about eleven decisions a meeting under the three
procedures (ad referendum open points resolved at the next meeting, written procedures with
replies from the Participants of the day), five language versions moving through their states,
obligations met and missed, applicants admitted by a decision, suspensions, withdrawals, and a
Vice Chair selected every year (the Chair following the rotation rule).

Every row goes through the session-level helpers the services use (the rule checks run) in one
audited transaction of the system (everything or nothing, every row on the audit trail). Dates
come from the synthetic timeline, never from the clock; one ``random.Random(seed)`` drives every
choice, so one seed gives one history.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from governance import audit, db
from governance.models import Entity, Meeting, OfficeTerm
from governance.rules.decision_status import DecisionKind, Procedure
from governance.rules.errors import DemoDataPresentError, NumberOutOfRangeError
from governance.rules.obligations import ObligationKind
from governance.rules.participation import EntityKind, Stage, Status, standing_on
from governance.rules.permissions import SYSTEM
from governance.rules.rotation import Office
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import (
    decisions,
    lookup,
    meetings,
    offices,
    participants,
    procedures,
    translations,
)

LAST_YEAR = 2099
"""The last synthetic year: stored dates end in 2100 (``Settings.latest_date``); past it, a
scale's meetings are packed as extra intersessional meetings into the years there are."""
INTERSESSIONAL_MONTHS = ((6,), (4, 7), (3, 6, 8))
SOURCE = "demo-data (synthetic)"
"""The ``source`` of every synthetic row that has one: how the refusal recognises demo data."""
ACTION = "demo_data"
MAX_SCALE = 1000

PLACES = (
    "Gaborone", "Ottawa", "Moscow", "New Delhi", "Brussels", "Windhoek", "Kinshasa", "Brasília",
    "Tel Aviv", "Dubai", "Washington", "Luanda", "Perth", "Victoria Falls", "Kimberley",
)  # fmt: skip
KINDS = (
    DecisionKind.ADMINISTRATIVE_DECISION,
    DecisionKind.RECOMMENDATION,
    DecisionKind.TERMS_OF_REFERENCE,
    DecisionKind.MANDATE,
    DecisionKind.REVIEW_MISSION,
    DecisionKind.QUESTIONNAIRE,
    DecisionKind.RULES_AMENDMENT,
    DecisionKind.UNDERSTANDING,
    DecisionKind.OTHER,
)
SUBJECTS = (
    "statistics on rough diamond production and trade", "peer review visits",
    "the annual reporting format", "footprints and production capacity of alluvial mining",
    "the certificate's minimum requirements", "artisanal and small-scale mining",
    "cooperation with the World Customs Organization", "the administrative support mechanism",
    "internal controls at export", "the work programme of the working groups",
)  # fmt: skip
VERBS = ("adopts", "endorses", "approves", "takes note of", "welcomes", "mandates work on")
SYLLABLES = ("ka", "lo", "ri", "ta", "mun", "do", "ve", "sa", "nor", "bi", "el", "zan", "qu", "or")


@dataclass(frozen=True)
class DemoSummary:
    """What one run added."""

    years: int
    first_year: int | None
    meetings: int
    decisions: int
    language_versions: int
    steps: int
    replies: int
    audit_entries: int
    seconds: float


@dataclass
class _Counts:
    meetings: int = 0
    decisions: int = 0
    language_versions: int = 0
    steps: int = 0
    replies: int = 0


@dataclass
class _Applicant:
    name: str
    stage: Stage


@dataclass
class _State:
    """What the generator tracks to choose rule-abiding moves (the rules still check them)."""

    status: dict[str, Status] = field(default_factory=dict)
    applicants: list[_Applicant] = field(default_factory=list)
    suspended: dict[str, int] = field(default_factory=dict)
    """Suspended Participant → the year it is reinstated."""
    chair: str | None = None
    """The Chair of the year being generated."""
    vice_chair: str | None = None
    """The Vice Chair of the year being generated (Chair the next year)."""
    open_points: list[tuple[str, str]] = field(default_factory=list)
    """(decision reference, key) of open points to resolve at the next meeting."""


def build(engine: Engine, *, scale: int, seed: int = 0, origin: str = "") -> DemoSummary:
    """Add ``scale − 1`` synthetic years after the last meeting on record; refused
    (:class:`DemoDataPresentError`) when demo data is already there, with nothing stored."""
    if not 1 <= scale <= MAX_SCALE:
        raise NumberOutOfRangeError(field="scale", low=1, high=MAX_SCALE)
    started = time.perf_counter()
    with db.audited(engine, SYSTEM.username, ACTION, origin=origin) as session:
        head_before = audit.current_head(session).seq
        config = lookup.body_config(session)  # not initialised: a named error
        if session.exec(select(Meeting.id).where(Meeting.source == SOURCE)).first() is not None:
            raise DemoDataPresentError()
        last = session.exec(select(func.max(Meeting.starts_on))).one()
        first_year = (last.year if last else 2003) + 1
        meetings_wanted = 2 * (scale - 1)
        years = min(scale - 1, max(LAST_YEAR - first_year + 1, 0))
        if meetings_wanted > 4 * years:
            raise NumberOutOfRangeError(field="scale", low=1, high=2 * years + 1)
        generator = _Generator(
            session,
            random.Random(seed),
            config.languages,
            config.source_language,
            date(first_year + years - 1, 12, 31),
        )
        generator.load_state(date(first_year - 1, 12, 31))
        extra = meetings_wanted - 2 * years  # meetings past the last year, packed earlier
        for i, year in enumerate(range(first_year, first_year + years)):
            generator.year(year, 1 + (extra * (i + 1)) // years - (extra * i) // years)
    with db.transaction(engine) as session:
        audit_entries = audit.current_head(session).seq - head_before
    counts = generator.counts
    return DemoSummary(
        years=years,
        first_year=first_year if years else None,
        meetings=counts.meetings,
        decisions=counts.decisions,
        language_versions=counts.language_versions,
        steps=counts.steps,
        replies=counts.replies,
        audit_entries=audit_entries,
        seconds=round(time.perf_counter() - started, 2),
    )


class _Generator:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        languages: tuple[str, ...],
        source_language: str,
        horizon: date,
    ) -> None:
        self.session = session
        self.rng = rng
        self.languages = languages
        self.source_language = source_language
        self.horizon = horizon
        """Steps after the timeline's last day are not taken: the latest texts stay pending."""
        self.state = _State()
        self.counts = _Counts()
        self.names: set[str] = set()

    # --- the state at the start --------------------------------------------------------------

    def load_state(self, on: date) -> None:
        session = self.session
        for entity in session.exec(select(Entity).order_by(col(Entity.id))).all():
            self.names.add(entity.name)
            standing = standing_on(participants.events_of(session, entity), on)
            if standing is None:
                continue
            self.state.status[entity.name] = standing.status
            if (
                standing.status is Status.APPLICANT
                and standing.stage is not None
                and not standing.blocked_reason
            ):
                self.state.applicants.append(_Applicant(entity.name, standing.stage))
        self.state.chair = self._holder(Office.CHAIR, on + timedelta(days=1))
        self.state.vice_chair = self._holder(Office.VICE_CHAIR, on + timedelta(days=1))

    def _holder(self, office: Office, on: date) -> str | None:
        term = self.session.exec(
            select(OfficeTerm).where(
                OfficeTerm.office == office.value,
                OfficeTerm.starts_on <= on,
                OfficeTerm.ends_on >= on,
            )
        ).first()
        holder = self.session.get(Entity, term.entity_id) if term else None
        return holder.name if holder else None

    # --- one year ----------------------------------------------------------------------------

    def year(self, year: int, intersessionals: int = 1) -> None:
        """Written procedures between meetings, ``intersessionals`` meetings, then the Plenary
        in November (which selects the next Vice Chair)."""
        rng = self.rng
        starts = [date(year, 1, 15)]
        for i, month in enumerate(INTERSESSIONAL_MONTHS[intersessionals - 1], start=1):
            begins = date(year, month, rng.randint(2, 18))
            self.written_procedures(year, starts[-1], begins - timedelta(days=7), f"WP{i}")
            suffix = f"-{i}" if intersessionals > 1 else ""
            self.meeting(year, "intersessional", suffix, begins, begins + timedelta(days=2))
            starts.append(begins + timedelta(days=10))
        november = date(year, 11, rng.randint(1, 18))
        self.written_procedures(year, starts[-1], november - timedelta(days=7), "WP")
        self.meeting(year, "plenary", "", november, november + timedelta(days=3))

    def meeting(self, year: int, kind: str, suffix: str, starts_on: date, ends_on: date) -> None:
        session, rng = self.session, self.rng
        plenary = kind == "plenary"
        code = f"{year}-{kind}{suffix}"
        place = rng.choice(PLACES)
        meetings.add_meeting(
            session,
            code=code,
            title=f"{'Plenary' if plenary else 'Intersessional'} meeting, {place} {year}",
            place=place,
            starts_on=starts_on,
            ends_on=ends_on,
            kind=kind,
            figures=[("participants", self.participant_count(), "Participants")],
            source=SOURCE,
        )
        communique = f"{code}-communique"
        meetings.add_communique(
            session,
            meeting=code,
            code=communique,
            title=f"Final communiqué, {place} {year}",
            issued_on=ends_on,
            text=self.text(f"The {kind} meeting in {place}"),
            source=SOURCE,
        )
        self.counts.meetings += 1
        self.counts.language_versions += 1
        self.counts.steps += 1
        tag = ("PLN" if plenary else "INT") + suffix.lstrip("-")
        number = 0

        def reference() -> str:
            nonlocal number
            number += 1
            return f"{year}-{tag}-{number:02d}"

        resolved = self.state.open_points
        self.state.open_points = []
        for _ in range(rng.randint(8, 11)):
            ad_referendum = rng.random() < 0.2
            ref = reference()
            kind_enum = rng.choice(KINDS)
            points = (
                [(f"point-{k}", self.sentence()) for k in range(1, rng.randint(1, 2) + 1)]
                if ad_referendum
                else []
            )
            self.decision(
                ref,
                kind_enum,
                Procedure.AD_REFERENDUM if ad_referendum else Procedure.PLENARY,
                code,
                ends_on,
                points,
            )
            if not ad_referendum and resolved:
                for target, key in resolved:
                    decisions.resolve_point(
                        session, reference=target, key=key, resolved_on=ends_on, by_decision=ref
                    )
                resolved = []
            self.state.open_points.extend((ref, key) for key, _ in points)
            if not ad_referendum and rng.random() < 0.25:
                self.obligation(ref, ends_on)
        self.participation(year, code, ends_on, reference, plenary=plenary)
        if plenary:
            self.offices(year, code, ends_on, reference())
        self.versions(communique, ends_on, "Final communiqué issued")

    def participation(
        self, year: int, meeting: str, on: date, next_reference: Callable[[], str], *,
        plenary: bool,
    ) -> None:  # fmt: skip
        session, rng, state = self.session, self.rng, self.state
        # applicants move one stage a meeting; recommended ones are admitted by a decision
        for applicant in list(state.applicants):
            if applicant.stage is Stage.RECOMMENDED:
                ref = next_reference()
                self.decision(
                    ref, DecisionKind.PARTICIPATION, Procedure.PLENARY, meeting, on, [],
                    title=f"Admission of {applicant.name} as a Participant",
                )  # fmt: skip
                participants.add_status(
                    session, name=applicant.name, status=Status.PARTICIPANT.value, on=on,
                    decision=ref, source=SOURCE,
                )  # fmt: skip
                state.status[applicant.name] = Status.PARTICIPANT
                state.applicants.remove(applicant)
                continue
            stages = list(Stage)
            applicant.stage = stages[stages.index(applicant.stage) + 1]
            participants.add_status(
                session, name=applicant.name, status=Status.APPLICANT.value, on=on,
                stage=applicant.stage.value, source=SOURCE,
            )  # fmt: skip
        if not plenary:
            for _ in range(rng.randint(0, 2)):
                name = self.new_name()
                participants.add_entity(
                    session, name=name, kind=EntityKind.STATE.value, source=SOURCE
                )
                participants.add_status(
                    session, name=name, status=Status.APPLICANT.value, on=on,
                    stage=Stage.INTENT_DECLARED.value, source=SOURCE,
                )  # fmt: skip
                state.status[name] = Status.APPLICANT
                state.applicants.append(_Applicant(name, Stage.INTENT_DECLARED))
            return
        for name, until in list(state.suspended.items()):
            if until <= year:
                ref = next_reference()
                self.decision(
                    ref, DecisionKind.PARTICIPATION, Procedure.PLENARY, meeting, on, [],
                    title=f"Suspension of {name} lifted",
                )  # fmt: skip
                participants.add_status(
                    session, name=name, status=Status.PARTICIPANT.value, on=on, decision=ref,
                    source=SOURCE,
                )  # fmt: skip
                state.status[name] = Status.PARTICIPANT
                del state.suspended[name]
        protected = set(self.office_holders())
        candidates = [n for n in self.participants() if n not in protected]
        if candidates and rng.random() < 0.3:
            name = rng.choice(candidates)
            ref = next_reference()
            self.decision(
                ref, DecisionKind.PARTICIPATION, Procedure.PLENARY, meeting, on, [],
                title=f"Suspension of {name}",
            )  # fmt: skip
            participants.add_status(
                session, name=name, status=Status.SUSPENDED.value, on=on, decision=ref,
                source=SOURCE,
            )  # fmt: skip
            state.status[name] = Status.SUSPENDED
            state.suspended[name] = year + rng.randint(1, 2)
            candidates.remove(name)
        if candidates and rng.random() < 0.1:
            name = rng.choice(candidates)
            participants.add_status(
                session, name=name, status=Status.WITHDRAWN.value, on=on,
                note="Notified its withdrawal", source=SOURCE,
            )  # fmt: skip
            state.status[name] = Status.WITHDRAWN

    def offices(self, year: int, meeting: str, on: date, ref: str) -> None:
        """The Plenary selects next year's Vice Chair; this year's becomes Chair (the rule)."""
        session, state = self.session, self.state
        chosen = self.rng.choice([n for n in self.participants() if n not in self.office_holders()])
        self.decision(
            ref, DecisionKind.OFFICE_SELECTION, Procedure.PLENARY, meeting, on, [],
            title=f"Selection of {chosen} as Vice Chair for {year + 1}",
        )  # fmt: skip
        starts_on = date(year + 1, 1, 1)
        if state.vice_chair is not None:
            offices.add_term(
                session, office=Office.CHAIR.value, holder=state.vice_chair,
                starts_on=starts_on, decision=ref, source=SOURCE,
                note="The Vice Chair becomes Chair (rotation rule)",
            )  # fmt: skip
        offices.add_term(
            session, office=Office.VICE_CHAIR.value, holder=chosen, starts_on=starts_on,
            decision=ref, source=SOURCE,
        )  # fmt: skip
        state.chair, state.vice_chair = state.vice_chair, chosen

    # --- written procedures ------------------------------------------------------------------

    def written_procedures(self, year: int, first: date, last: date, prefix: str) -> None:
        """Proposals circulated between meetings (no status changes in the window), replies
        from the Participants of the day; an objection now and then breaks silence."""
        session, rng = self.session, self.rng
        span = (last - first).days - 31
        if span < 0:
            return
        for number in range(1, rng.randint(1, 2) + 1):
            ref = f"{year}-{prefix}-{number:02d}"
            circulated = first + timedelta(days=rng.randint(0, span))
            deadline = circulated + timedelta(days=rng.randint(14, 30))
            procedures.add_procedure(
                session,
                reference=ref,
                title=f"Proposal on {rng.choice(SUBJECTS)}",
                kind=rng.choice(KINDS).value,
                text=self.text("Proposal for decision by written procedure"),
                circulated_on=circulated,
                deadline=deadline,
                source=SOURCE,
            )
            self.counts.decisions += 1
            self.counts.language_versions += 1
            translations.add_step(
                session, target=ref, language=self.source_language,
                state=VersionState.FINAL.value, on=circulated, note="Circulated",
            )  # fmt: skip
            self.counts.steps += 1
            voters = self.participants()
            repliers = rng.sample(voters, min(len(voters), rng.randint(3, 12)))
            objection = rng.random() < 0.1
            window = (deadline - circulated).days
            for i, name in enumerate(repliers):
                kind = ReplyKind.OBJECTION if objection and i == 0 else ReplyKind.SUPPORT
                received = circulated + timedelta(days=rng.randint(0, window))
                procedures.add_reply(
                    session,
                    reference=ref,
                    participant=name,
                    kind=kind.value,
                    received_on=received,
                    today=received,  # the synthetic timeline's day, never the clock
                )
                self.counts.replies += 1
            if not objection:
                self.versions(ref, deadline + timedelta(days=1), "Adopted by written procedure")

    # --- one decision ------------------------------------------------------------------------

    def decision(
        self,
        ref: str,
        kind: DecisionKind,
        procedure: Procedure,
        meeting: str,
        on: date,
        points: list[tuple[str, str]],
        *,
        title: str | None = None,
    ) -> None:
        decisions.add_decision(
            self.session,
            reference=ref,
            title=title or f"Decision on {self.rng.choice(SUBJECTS)}",
            kind=kind.value,
            procedure=procedure.value,
            adopted_on=on,
            text=self.text(title or "The Plenary"),
            meeting=meeting,
            open_points=points,
            source=SOURCE,
        )
        self.counts.decisions += 1
        self.counts.language_versions += 1
        self.counts.steps += 1
        self.versions(ref, on, "Made available with the final communiqué")

    def versions(self, target: str, on: date, note: str) -> None:
        """The source version made available on ``on``; every other language drafted,
        translated, final and made available in the weeks after (not past the horizon)."""
        session, rng = self.session, self.rng
        if on > self.horizon:
            return
        translations.add_step(
            session, target=target, language=self.source_language,
            state=VersionState.AVAILABLE.value, on=on, note=note,
        )  # fmt: skip
        self.counts.steps += 1
        for language in self.languages:
            if language == self.source_language:
                continue
            day = on
            text = f"[{language}] {target}"
            plan = [VersionState.IN_TRANSLATION, VersionState.FINAL, VersionState.AVAILABLE]
            if rng.random() < 0.3:
                plan.insert(0, VersionState.MACHINE_DRAFT)
            steps: list[translations.Step] = []
            for state in plan:
                day += timedelta(days=rng.randint(1, 20))
                if day > self.horizon:
                    break
                drafted = state in (VersionState.MACHINE_DRAFT, VersionState.IN_TRANSLATION)
                steps.append(translations.Step(state.value, day, text if drafted else None))
            if steps:
                translations.add_steps(session, target=target, language=language, steps=steps)
                self.counts.steps += len(steps)
                self.counts.language_versions += 1

    def obligation(self, ref: str, on: date) -> None:
        rng = self.rng
        kind = ObligationKind.CUTOFF if rng.random() < 0.15 else ObligationKind.DELIVERABLE
        due = on + timedelta(days=rng.randint(60, 300))
        met = due - timedelta(days=rng.randint(0, 45)) if rng.random() < 0.7 else None
        decisions.add_obligation(
            self.session,
            decision=ref,
            title=f"Report on {rng.choice(SUBJECTS)}",
            kind=kind.value,
            due_on=due,
            responsible="Participants",
            met_on=met if met and met <= self.horizon and kind is ObligationKind.DELIVERABLE
            else None,
            source=SOURCE,
        )  # fmt: skip

    # --- helpers -----------------------------------------------------------------------------

    def participants(self) -> list[str]:
        return sorted(n for n, s in self.state.status.items() if s is Status.PARTICIPANT)

    def participant_count(self) -> int:
        return sum(1 for s in self.state.status.values() if s is Status.PARTICIPANT)

    def office_holders(self) -> list[str]:
        """The Chair and the Vice Chair: not suspended, withdrawn nor selected again."""
        return [n for n in (self.state.chair, self.state.vice_chair) if n]

    def new_name(self) -> str:
        while True:
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
            name = f"Republic of {stem.capitalize()}"
            if name not in self.names:
                self.names.add(name)
                return name

    def sentence(self) -> str:
        return f"Further work on {self.rng.choice(SUBJECTS)}."

    def text(self, opening: str) -> str:
        rng = self.rng
        parts = [
            f"{opening} {rng.choice(VERBS)} {rng.choice(SUBJECTS)}."
            for _ in range(rng.randint(1, 3))
        ]
        return " ".join(parts)
