"""Language versions of a text and their steps towards being made available.

missing → machine draft → in translation → final → made available on a date. A machine draft
never counts towards formal adoption, and a version once made available is not withdrawn.
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
    VersionState.FINAL: frozenset({VersionState.IN_TRANSLATION, VersionState.AVAILABLE}),
    VersionState.AVAILABLE: frozenset(),
}


@dataclass(frozen=True)
class VersionStep:
    language: str
    state: VersionState
    on: date


def state_on(steps: Iterable[VersionStep], language: str, on: date) -> VersionState:
    """The state of one language version on ``on`` (the last step taken by then)."""
    current = VersionState.MISSING
    for step in sorted(_of(steps, language), key=lambda s: s.on):
        if step.on > on:
            break
        current = step.state
    return current


def available_on(steps: Iterable[VersionStep], language: str, on: date) -> date | None:
    """The date the version was made available, if it was by ``on``."""
    for step in _of(steps, language):
        if step.state is VersionState.AVAILABLE and step.on <= on:
            return step.on
    return None


def check_step(steps: Sequence[VersionStep], new: VersionStep) -> None:
    """Raise if ``new`` is not a legal next step for its language."""
    history = sorted(_of(steps, new.language), key=lambda s: s.on)
    current = history[-1].state if history else VersionState.MISSING
    if new.state not in ALLOWED_STEPS[current]:
        raise InvalidTransitionError(
            language=new.language, current=current.value, target=new.state.value
        )
    if history and new.on < history[-1].on:
        raise OutOfOrderError(
            what=f"{new.language} {new.state.value}", on=new.on, last=history[-1].on
        )


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
