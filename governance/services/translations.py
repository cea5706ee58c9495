"""Language versions of decisions and communiqués (Rule 26): texts and their dated steps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import clock, glossary
from governance.db import transaction, writing
from governance.models import Communique, Decision, TextVersion, VersionStep, WrittenProcedure
from governance.rules import permissions, translation
from governance.rules.errors import N_, NotFoundError, ValidationError
from governance.rules.past import check_past
from governance.rules.permissions import Action, Actor
from governance.rules.translation import VersionState
from governance.services import decisions, lookup
from governance.services.views import LanguageVersionView

if TYPE_CHECKING:
    from governance.machine_translation import ProviderSettings

TITLE_LIMIT = 300
"""Characters a language version's title may have (the column's width)."""


def set_state(
    *,
    engine: Engine,
    actor: Actor,
    target: str,
    language: str,
    state: str,
    on: date,
    text: str | None = None,
    note: str = "",
    expected_version: int | None = None,
    title: str | None = None,
) -> LanguageVersionView:
    """Move one language version of a decision (by reference) or communiqué (by code).

    ``available`` records the date the final version was made available to all Participants.
    With ``expected_version`` (the version the editor loaded) a save over someone else's newer
    save is refused.
    """
    with writing(engine, actor, Action.ADVANCE_VERSION) as session:
        return add_step(
            session,
            target=target,
            language=language,
            state=state,
            on=check_past("on", on, today=clock.today()),
            text=text,
            note=note,
            expected_version=expected_version,
            title=title,
        )


@dataclass(frozen=True)
class Step:
    """One step to take: a state on a date, with its text and title (translation and final
    states) and a note."""

    state: str
    on: date
    text: str | None = None
    note: str = ""
    title: str | None = None


def add_step(
    session: Session,
    *,
    target: str,
    language: str,
    state: str,
    on: date,
    text: str | None = None,
    note: str = "",
    expected_version: int | None = None,
    title: str | None = None,
) -> LanguageVersionView:
    return add_steps(
        session,
        target=target,
        language=language,
        steps=[Step(state, on, text, note, title)],
        expected_version=expected_version,
    )


def add_steps(
    session: Session,
    *,
    target: str,
    language: str,
    steps: Sequence[Step],
    expected_version: int | None = None,
) -> LanguageVersionView:
    """Take ``steps`` of one language version in turn, each checked as :func:`add_step` checks
    it (the owner and the version are looked up once: the bulk path of ``demo-data``). The
    view after the last step."""
    config = lookup.body_config(session)
    lang = lookup.language(config, language)
    owner: Decision | Communique | None = None
    earliest: date | None = None
    version: TextVersion | None = None
    history: list[translation.VersionStep] = []
    result: LanguageVersionView | None = None
    for number, step in enumerate(steps):
        state_enum = lookup.choice(VersionState, step.state, "state")
        on = step.on
        if owner is None:
            owner, earliest = _owner(session, target)
        if earliest is not None and on < earliest:
            raise ValidationError(
                N_("{target}: a language step on {on} precedes the text itself ({earliest})."),
                target=target,
                on=on,
                earliest=earliest,
            )
        if number == 0:
            version = session.exec(
                select(TextVersion)
                .where(_owner_filter(owner), TextVersion.language == lang)
                .with_for_update()
            ).first()
            if expected_version is not None:
                decisions.check_version(
                    session,
                    "textversion",
                    version.id if version else None,
                    version.version if version else 0,
                    expected_version,
                    f"{target} ({lang})",
                )
            history = _steps(session, version)
        translation.check_step(history, translation.VersionStep(lang, state_enum, on))
        human = version.text if version else ""
        given = lookup.within_limit(step.text or "").strip()
        title = " ".join((step.title or "").split())
        if title and state_enum in (
            VersionState.MISSING,
            VersionState.AVAILABLE,
            VersionState.MACHINE_DRAFT,
        ):
            raise ValidationError(N_("The title cannot be changed in this step."))
        if len(title) > TITLE_LIMIT:
            raise ValidationError(
                N_("The title is longer than {limit} characters."), limit=TITLE_LIMIT
            )
        if state_enum in (VersionState.MISSING, VersionState.AVAILABLE):
            if given:
                raise ValidationError(N_("The text cannot be changed in this step."))
            step_text = human if state_enum is VersionState.AVAILABLE else ""
        elif state_enum is VersionState.MACHINE_DRAFT:
            # Machine text lives only in its step, apart from the human text of the version.
            if not given:
                raise ValidationError(N_("This language version needs its text."))
            step_text = given
        else:
            step_text = given or human
            if not step_text:
                raise ValidationError(N_("This language version needs its text."))
            human = step_text
        if version is None:
            version = TextVersion(
                language=lang,
                title=title,
                text=human,
                decision_id=owner.id if isinstance(owner, Decision) else None,
                communique_id=owner.id if isinstance(owner, Communique) else None,
            )
        else:
            version.text = human
            version.title = title or version.title
            version.version += 1
        session.add(version)
        if version.id is None:
            session.flush()  # the new version's id, for its step
        assert version.id is not None
        session.add(
            VersionStep(
                version_id=version.id,
                state=state_enum.value,
                taken_on=on,
                text=step_text,
                note=step.note,
            )
        )
        if number == len(steps) - 1:
            session.flush()
        history.append(translation.VersionStep(lang, state_enum, on))
        result = LanguageVersionView(
            language=lang,
            state=state_enum.value,
            available_on=translation.available_on(history, lang, on),
            text=step_text,
            version=version.version,
            title=version.title,
        )
    if result is None:
        raise ValidationError(N_("There is no step to take."))
    return result


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


def _steps(session: Session, version: TextVersion | None) -> list[translation.VersionStep]:
    if version is None:
        return []
    return [
        translation.VersionStep(version.language, VersionState(s.state), s.taken_on)
        for s in _step_rows(session, version)
    ]


def machine_draft(
    *,
    engine: Engine,
    actor: Actor,
    target: str,
    language: str,
    on: date,
    settings: ProviderSettings,
    progress: Callable[[int, int], None] | None = None,
) -> LanguageVersionView:
    """Ask the configured provider for a machine draft of a missing language version.

    The provider is called outside any transaction; the draft is then stored as a machine-draft
    step (apart from human text, never counting towards Rule 26). A provider failure stores
    nothing.
    """
    permissions.check(actor, Action.REQUEST_MACHINE_DRAFT)
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lang = lookup.language(config, language)
        owner, _ = _owner(session, target)
        source = session.exec(
            select(TextVersion).where(
                _owner_filter(owner), TextVersion.language == config.source_language
            )
        ).first()
        if source is None or not source.text.strip():
            raise ValidationError(N_("There is no source text to translate."))
        history = _steps(
            session,
            session.exec(
                select(TextVersion).where(_owner_filter(owner), TextVersion.language == lang)
            ).first(),
        )
        translation.check_step(
            history, translation.VersionStep(lang, VersionState.MACHINE_DRAFT, on)
        )
        source_text, source_language = source.text, config.source_language
    from governance import machine_translation  # requests and deep-translator: only here

    drafted = machine_translation.translate(source_text, source_language, lang, settings, progress)
    with writing(engine, actor, Action.REQUEST_MACHINE_DRAFT) as session:
        return add_step(
            session,
            target=target,
            language=lang,
            state=VersionState.MACHINE_DRAFT.value,
            on=on,
            text=drafted,
            note=f"Machine draft ({settings.provider})",
        )


def terminology_flags(
    *, engine: Engine, target: str, language: str, on: date
) -> list[glossary.Flag]:
    """Glossary terms of the source text that this language version, as it stood on ``on``,
    does not render as the glossary does (for the reviewer; stores nothing)."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        lang = lookup.language(config, language)
        owner, _ = _owner(session, target)
        texts = {v.language: v.text for v in versions_on(session, owner, config.languages, on)}
        if lang == config.source_language or not texts[lang].strip():
            return []
        return glossary.check(
            texts[config.source_language], texts[lang], lang, config.source_language
        )


def versions_on(
    session: Session, owner: Decision | Communique, languages: Sequence[str], on: date
) -> tuple[LanguageVersionView, ...]:
    """Every official language version of one decision or communiqué as it stood on ``on``."""
    versions = session.exec(select(TextVersion).where(_owner_filter(owner))).all()
    by_id = {v.id: v for v in versions}
    steps = session.exec(
        select(VersionStep)
        .where(col(VersionStep.version_id).in_(list(by_id)))
        .order_by(col(VersionStep.taken_on), col(VersionStep.id))
    ).all()
    return decisions.versions_view(
        versions, [(by_id[s.version_id], s) for s in steps], languages, on
    )


def _step_rows(session: Session, version: TextVersion | None) -> list[VersionStep]:
    if version is None:
        return []
    return list(
        session.exec(
            select(VersionStep)
            .where(VersionStep.version_id == version.id)
            .order_by(col(VersionStep.taken_on), col(VersionStep.id))
        ).all()
    )
