"""Language versions of a text and their steps towards being made available.

missing → machine draft → in translation → final → made available on a date. A machine draft
never counts towards formal adoption, and a version once made available is not withdrawn.

Steps are kept in date order and may be recorded after the fact (the secretariat back-filling
when a version was made available). Once a version is final, a draft-level step dated later
(an unofficial translation or machine draft produced afterwards) is kept but has no effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from governance.rules.errors import InvalidTransitionError, OutOfOrderError


class VersionState(StrEnum):
    MISSING = "missing"
    MACHINE_DRAFT = "machine_draft"
    IN_TRANSLATION = "in_translation"
    FINAL = "final"
    AVAILABLE = "available"


ALLOWED_STEPS: dict[VersionState, frozenset[VersionState]] = {
    VersionState.MISSING: frozenset(
        {VersionState.MACHINE_DRAFT, VersionState.IN_TRANSLATION, VersionState.FINAL}
    ),
    VersionState.MACHINE_DRAFT: frozenset(
        {
            VersionState.MISSING,
            VersionState.MACHINE_DRAFT,
            VersionState.IN_TRANSLATION,
            VersionState.FINAL,
        }
    ),
    VersionState.IN_TRANSLATION: frozenset(
        {VersionState.MISSING, VersionState.IN_TRANSLATION, VersionState.FINAL}
    ),
    VersionState.FINAL: frozenset({VersionState.FINAL, VersionState.AVAILABLE}),
    VersionState.AVAILABLE: frozenset(),
}


@dataclass(frozen=True)
class VersionStep:
    language: str
    state: VersionState
    on: date


DRAFT_STATES = frozenset(
    {VersionState.MISSING, VersionState.MACHINE_DRAFT, VersionState.IN_TRANSLATION}
)


def effective_steps(steps: Iterable[VersionStep], language: str) -> list[VersionStep]:
    """One language's steps in date order (ties in recording order), without the draft-level
    steps dated after the version became final: those no longer change it."""
    result: list[VersionStep] = []
    final = False
    for step in sorted(_of(steps, language), key=lambda s: s.on):
        if final and step.state in DRAFT_STATES:
            continue
        result.append(step)
        final = final or step.state not in DRAFT_STATES
    return result


def state_on(steps: Iterable[VersionStep], language: str, on: date) -> VersionState:
    """The state of one language version on ``on`` (the last effective step taken by then)."""
    current = VersionState.MISSING
    for step in effective_steps(steps, language):
        if step.on > on:
            break
        current = step.state
    return current


def available_on(steps: Iterable[VersionStep], language: str, on: date) -> date | None:
    """The date the version was made available, if it was by ``on``."""
    for step in effective_steps(steps, language):
        if step.state is VersionState.AVAILABLE and step.on <= on:
            return step.on
    return None


def check_step(steps: Sequence[VersionStep], new: VersionStep) -> None:
    """Raise unless the language's history with ``new`` added at its date is a legal sequence."""
    history = _of(steps, new.language)
    if new.state in DRAFT_STATES and any(
        s.state not in DRAFT_STATES and s.on <= new.on for s in history
    ):
        current = state_on(history, new.language, new.on)
        raise InvalidTransitionError(
            language=new.language, current=current.value, target=new.state.value
        )
    current = VersionState.MISSING
    for step in effective_steps([*history, new], new.language):
        if step.state not in ALLOWED_STEPS[current]:
            if step is not new and step.on > new.on:
                raise OutOfOrderError(
                    what=f"{new.language} {new.state.value}", on=new.on, last=step.on
                )
            raise InvalidTransitionError(
                language=new.language, current=current.value, target=step.state.value
            )
        current = step.state


def languages_available(
    steps: Sequence[VersionStep], languages: Sequence[str], on: date
) -> list[str]:
    return [lang for lang in languages if available_on(steps, lang, on) is not None]


def formal_adoption_date(
    adopted_on: date | None, steps: Sequence[VersionStep], languages: Sequence[str], on: date
) -> date | None:
    """Rule 26: the latest of the adoption date and every language's made-available date.

    ``None`` while the decision is not adopted or any official language is not yet final and
    made available on ``on``.
    """
    if adopted_on is None or adopted_on > on:
        return None
    dates = [available_on(steps, lang, on) for lang in languages]
    if any(d is None for d in dates):
        return None
    return max([adopted_on, *(d for d in dates if d is not None)])


def _of(steps: Iterable[VersionStep], language: str) -> list[VersionStep]:
    return [s for s in steps if s.language == language]
