"""The facts an Akoma Ntoso document is built from: what the record says about one decision or
one communiqué as of a date, with names as they were in force on their dates.

Plain frozen dataclasses: ``services.akn`` fills them in one transaction, ``akn.build`` turns
them into XML without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class WorkKind(StrEnum):
    DECISION = "decision"
    COMMUNIQUE = "communique"


@dataclass(frozen=True)
class Body:
    code: str
    """The body's code (``KPCS``): the jurisdiction part of every IRI, lower-cased."""
    name: str
    languages: tuple[str, ...]
    """The official languages (ISO 639-1 codes, the body's order)."""
    source_language: str


@dataclass(frozen=True)
class Organization:
    """A Participant (or another entity of the register) under the name it bore on ``on``."""

    name: str
    on: date


@dataclass(frozen=True)
class Meeting:
    code: str
    title: str
    place: str
    starts_on: date
    ends_on: date
    titles: tuple[tuple[str, str], ...] = ()
    """(language, title) where the record renders the title in another language."""

    def title_in(self, language: str) -> tuple[str, bool]:
        """The title in ``language`` and whether it is in that language (else the source's)."""
        found = dict(self.titles).get(language)
        return (found, True) if found else (self.title, False)


@dataclass(frozen=True)
class Version:
    """One language version that exists on the date asked about."""

    language: str
    state: str
    """``VersionState`` value; ``circulated`` for a proposal's source text not yet final."""
    text: str
    title: str
    """The version's own title; "" when it has none (the work's title is used, marked so)."""
    since: date | None
    """When it reached its state (its last effective step), if it took one."""
    available_on: date | None
    """When it was made available to all Participants (Rule 26), if it was by the date."""

    @property
    def authoritative(self) -> bool:
        """Final text of the Plenary (made available or not); an unofficial translation, a
        machine draft or a proposal as circulated is not."""
        return self.state in ("final", "available")


@dataclass(frozen=True)
class Reply:
    participant: Organization
    kind: str
    """``support`` or ``objection``."""
    received_on: date
    note: str = ""


@dataclass(frozen=True)
class WrittenProcedure:
    circulated_on: date
    deadline: date
    replies: tuple[Reply, ...]
    """Every reply received by the date, in the order received (a reply replaced later stays:
    it is part of the history)."""
    outcome: str
    """``pending``, ``adopted`` or ``not_adopted`` on the date."""
    decided_on: date | None
    circulated_by: Organization | None
    """The Chair on the day of circulation, when a term is recorded."""


@dataclass(frozen=True)
class OpenPoint:
    key: str
    description: str
    opened_on: date
    resolved_on: date | None
    resolved_by: str | None
    """Reference of the decision that resolved it."""
    resolved_by_work: str | None
    """Work IRI of that decision, when it is known."""


@dataclass(frozen=True)
class Work:
    """A decision or a communiqué as the record knows it on ``as_of``."""

    kind: WorkKind
    number: str
    """The decision's reference or the communiqué's code."""
    title: str
    day: date
    """The work's date: adoption, else circulation (a written procedure), or issue."""
    date_name: str
    """What the date is: ``adoption``, ``circulation`` or ``issue``."""
    as_of: date
    body: Body
    meeting: Meeting | None
    versions: tuple[Version, ...]
    """The language versions that exist on ``as_of``, the source language first."""
    available: tuple[tuple[str, date], ...]
    """(language, made available on) of every language made available by ``as_of``."""
    participants: tuple[Organization, ...]
    """The Participants on the work's date, under the names of that date."""
    chair: Organization | None
    """The Chair on the work's date."""
    procedure: str = ""
    status: str = ""
    adopted_on: date | None = None
    confirmed_on: date | None = None
    formally_adopted_on: date | None = None
    written: WrittenProcedure | None = None
    open_points: tuple[OpenPoint, ...] = ()
    source: str = ""

    def version(self, language: str) -> Version | None:
        return next((v for v in self.versions if v.language == language), None)
