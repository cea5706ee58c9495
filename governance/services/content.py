"""Content in the reader's language: titles of decisions and communiqués from their language
versions, short fields of other records from :class:`Rendering`, the source text where neither
exists (and the view says so through the language it gives back).

Each helper is a SQL expression (a correlated subquery, so no extra statement per row) or a
one-row read; ``language`` None means the record as written (:func:`reading` gives None for the
source language).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import exists, func, literal
from sqlmodel import Session, col, select

from governance.models import Rendering, TextVersion, VersionStep
from governance.rules.translation import VersionState
from governance.services import lookup

TITLED_STATES = tuple(
    s.value for s in (VersionState.IN_TRANSLATION, VersionState.FINAL, VersionState.AVAILABLE)
)
"""Steps after which a version's human title is shown (a machine draft has none)."""


def reading(config: lookup.BodyConfig, language: str | None) -> str | None:
    """The language to look for translations in: None for the source language (and for a
    language the body does not have)."""
    if not language or language == config.source_language or language not in config.languages:
        return None
    return language


def reading_for(session: Session, language: str | None) -> str | None:
    """:func:`reading` with the body's configuration read only when a language is asked (the
    record as written costs no statement)."""
    return reading(lookup.body_config(session), language) if language else None


def _version_title(owner_column: Any, owner_id: Any, language: str, on: date) -> Any:
    """The version's title, once the version had a step with a text by ``on``."""
    stepped = exists().where(
        col(VersionStep.version_id) == TextVersion.id,
        col(VersionStep.taken_on) <= on,
        col(VersionStep.state).in_(TITLED_STATES),
    )
    return (
        select(func.nullif(TextVersion.title, ""))
        .where(owner_column == owner_id, col(TextVersion.language) == language, stepped)
        .limit(1)
        .scalar_subquery()
    )


def title_in(
    owner_column: Any, owner_id: Any, source_title: Any, language: str | None, on: date
) -> Any:
    """SQL: the title of the decision or communiqué whose id is ``owner_id`` in ``language``
    (``owner_column``: ``TextVersion.decision_id`` or ``.communique_id``), else
    ``source_title``."""
    if not language:
        return source_title
    return func.coalesce(_version_title(owner_column, owner_id, language, on), source_title)


def title_translated(owner_column: Any, owner_id: Any, language: str | None, on: date) -> Any:
    """SQL: whether the version in ``language`` has a title (else the source's is shown)."""
    if not language:
        return literal(False)
    return _version_title(owner_column, owner_id, language, on).is_not(None)


def decision_title(decision_id: Any, source_title: Any, language: str | None, on: date) -> Any:
    return title_in(TextVersion.decision_id, decision_id, source_title, language, on)


def decision_title_translated(decision_id: Any, language: str | None, on: date) -> Any:
    return title_translated(TextVersion.decision_id, decision_id, language, on)


def communique_title(communique_id: Any, source_title: Any, language: str | None, on: date) -> Any:
    return title_in(TextVersion.communique_id, communique_id, source_title, language, on)


def communique_title_translated(communique_id: Any, language: str | None, on: date) -> Any:
    return title_translated(TextVersion.communique_id, communique_id, language, on)


def rendered(record: str, record_id: Any, field: str, source: Any, language: str | None) -> Any:
    """SQL: ``field`` of the ``record`` row ``record_id`` in ``language`` (a
    :class:`Rendering`), else ``source`` (the column as written)."""
    if not language:
        return source
    found = (
        select(Rendering.text)
        .where(
            col(Rendering.record) == record,
            col(Rendering.record_id) == record_id,
            col(Rendering.field) == field,
            col(Rendering.language) == language,
        )
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(found, source)


def renderings_of(
    session: Session, record: str, scope: Any, language: str | None
) -> dict[tuple[int, str], str]:
    """Every field in ``language`` of the ``record`` rows whose ids ``scope`` selects (a list
    or a subquery), by (id, field): one statement."""
    if not language:
        return {}
    rows = session.exec(
        select(Rendering.record_id, Rendering.field, Rendering.text).where(
            Rendering.record == record,
            col(Rendering.record_id).in_(scope),
            Rendering.language == language,
        )
    ).all()
    return {(record_id, field): text for record_id, field, text in rows}


def rendering_of(
    session: Session, record: str, record_id: int, field: str, source: str, language: str | None
) -> tuple[str, bool]:
    """``field`` of one row in ``language`` and whether it was found there (else the source)."""
    if not language:
        return source, False
    found = session.exec(
        select(Rendering.text).where(
            Rendering.record == record,
            Rendering.record_id == record_id,
            Rendering.field == field,
            Rendering.language == language,
        )
    ).first()
    return (found, True) if found else (source, False)


def store(
    session: Session, record: str, record_id: int, field: str, language: str, text: str
) -> None:
    """Record (or replace) ``field`` of one row in ``language``."""
    row = session.exec(
        select(Rendering).where(
            Rendering.record == record,
            Rendering.record_id == record_id,
            Rendering.field == field,
            Rendering.language == language,
        )
    ).first()
    cleaned = " ".join(text.split())
    if row is None:
        row = Rendering(
            record=record, record_id=record_id, field=field, language=language, text=cleaned
        )
    row.text = cleaned
    session.add(row)
