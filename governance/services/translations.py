"""Language versions of decisions and communiqués (Rule 26): texts and their dated steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction
from governance.models import Communique, Decision, TextVersion, VersionStep, WrittenProcedure
from governance.rules import translation
from governance.rules.errors import NotFoundError, ValidationError
from governance.rules.translation import VersionState
from governance.services import lookup
from governance.services.views import LanguageVersionView


def set_state(
    *,
    engine: Engine,
    target: str,
    language: str,
    state: str,
    on: date,
    text: str | None = None,
    note: str = "",
) -> LanguageVersionView:
    """Move one language version of a decision (by reference) or communiqué (by code).

    ``available`` records the date the final version was made available to all Participants.
    """
    with transaction(engine) as session:
        return add_step(
            session, target=target, language=language, state=state, on=on, text=text, note=note
        )


def add_step(
    session: Session,
    *,
    target: str,
    language: str,
    state: str,
    on: date,
    text: str | None = None,
    note: str = "",
) -> LanguageVersionView:
    config = lookup.body_config(session)
    lang = lookup.language(config, language)
    state_enum = lookup.choice(VersionState, state, "state")
    owner, earliest = _owner(session, target)
    if earliest is not None and on < earliest:
        raise ValidationError(
            detail=f"{target}: a language step on {on} precedes the text itself ({earliest})."
        )
    filters = _owner_filter(owner)
    version = session.exec(select(TextVersion).where(filters, TextVersion.language == lang)).first()
    history = _steps(session, version)
    translation.check_step(history, translation.VersionStep(lang, state_enum, on))
    if state_enum in (VersionState.MACHINE_DRAFT, VersionState.IN_TRANSLATION, VersionState.FINAL):
        new_text = (text if text is not None else (version.text if version else "")).strip()
        if not new_text:
            raise ValidationError(detail=f"A {state_enum.value} version needs its text.")
    elif text is not None and text.strip():
        raise ValidationError(detail=f"Text cannot be changed in state {state_enum.value}.")
    else:
        new_text = version.text if version else ""
    if version is None:
        version = TextVersion(language=lang, text=new_text, **_owner_ids(owner))
    else:
        version.text = new_text
    session.add(version)
    session.flush()
    assert version.id is not None
    session.add(
        VersionStep(
            version_id=version.id, state=state_enum.value, taken_on=on, text=new_text, note=note
        )
    )
    session.flush()
    steps = [*history, translation.VersionStep(lang, state_enum, on)]
    return LanguageVersionView(
        language=lang,
        state=state_enum.value,
        available_on=translation.available_on(steps, lang, on),
        text=new_text if state_enum is not VersionState.MISSING else "",
    )


def _owner(session: Session, target: str) -> tuple[Decision | Communique, date | None]:
    try:
        decision = lookup.decision(session, target)
    except NotFoundError:
        pass
    else:
        if decision.adopted_on is None:
            proc = session.exec(
                select(WrittenProcedure).where(WrittenProcedure.decision_id == decision.id)
            ).first()
            return decision, proc.circulated_on if proc else None
        return decision, decision.adopted_on
    try:
        communique = lookup.communique(session, target)
    except NotFoundError:
        raise NotFoundError(what="decision or communiqué", name=target) from None
    return communique, communique.issued_on


def _owner_filter(owner: Decision | Communique):  # type: ignore[no-untyped-def]
    if isinstance(owner, Decision):
        return TextVersion.decision_id == owner.id
    return TextVersion.communique_id == owner.id


def _owner_ids(owner: Decision | Communique) -> dict[str, int | None]:
    if isinstance(owner, Decision):
        return {"decision_id": owner.id}
    return {"communique_id": owner.id}


def _steps(session: Session, version: TextVersion | None) -> list[translation.VersionStep]:
    if version is None:
        return []
    rows = session.exec(
        select(VersionStep)
        .where(VersionStep.version_id == version.id)
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    ).all()
    return [
        translation.VersionStep(version.language, VersionState(s.state), s.taken_on) for s in rows
    ]
