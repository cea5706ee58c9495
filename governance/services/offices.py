"""Chair and Vice Chair: who holds which office on a date, selections and departures."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.db import transaction, writing
from governance.models import Decision, Entity, OfficeTerm
from governance.rules import rotation
from governance.rules.errors import N_, NotAParticipantError, NumberOutOfRangeError, ValidationError
from governance.rules.participation import Status, standing_on
from governance.rules.permissions import Action, Actor
from governance.rules.rotation import Office, Term
from governance.services import lookup
from governance.services.participants import events_of
from governance.services.views import OfficeHoldersView, TermView


def _terms(
    session: Session,
) -> tuple[list[Term], dict[tuple[str, date], OfficeTerm], dict[str, date | None]]:
    """Every term with its holder's name and its decision's reference and adoption date, in one
    statement. Terms are few (two a year), so all of them are loaded."""
    rows = session.exec(
        select(OfficeTerm, Entity.name, col(Decision.reference), col(Decision.adopted_on))
        .join(Entity, col(Entity.id) == col(OfficeTerm.entity_id))
        .outerjoin(Decision, col(Decision.id) == col(OfficeTerm.decision_id))
        .order_by(col(OfficeTerm.starts_on), col(OfficeTerm.id))
    ).all()
    terms = [
        Term(
            office=Office(r.office),
            holder=holder,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            decision=reference,
            departure=r.departure,
        )
        for r, holder, reference, _ in rows
    ]
    adopted = {reference: on for _, _, reference, on in rows if reference is not None}
    return terms, {(r.office, r.starts_on): r for r, _, _, _ in rows}, adopted


def _view(term: Term | None, rows: dict[tuple[str, date], OfficeTerm]) -> TermView | None:
    if term is None:
        return None
    row = None if term.projected else rows.get((term.office.value, term.starts_on))
    return TermView(
        office=term.office.value,
        holder=term.holder,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        projected=term.projected,
        decision=term.decision,
        departure=term.departure,
        note=row.note if row else "",
        source=row.source if row else "",
    )


def holders_on(*, engine: Engine, on: date) -> OfficeHoldersView:
    """Chair and Vice Chair on ``on``; terms that only follow from the rule are projected."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        terms, rows, _ = _terms(session)
        holders = rotation.holders_on(terms, config.rule, on)
        return OfficeHoldersView(on, _view(holders.chair, rows), _view(holders.vice_chair, rows))


def timeline(*, engine: Engine, on: date | None = None) -> list[TermView]:
    """Every confirmed and projected term known on ``on`` (all when None): a term is known once
    the decision behind it is adopted, or, with no decision, once it has begun."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        terms, rows, adopted = _terms(session)
        if on is not None:
            terms = [t for t in terms if _known(t, adopted, on)]
        return [v for t in rotation.timeline(terms, config.rule) if (v := _view(t, rows))]


def _known(term: Term, adopted: dict[str, date | None], on: date) -> bool:
    if term.decision is None:
        return term.starts_on <= on
    decided = adopted.get(term.decision)
    return decided is not None and decided <= on


def record_term(
    *,
    engine: Engine,
    actor: Actor,
    office: str,
    holder: str,
    starts_on: date,
    ends_on: date | None = None,
    decision: str | None = None,
    departure: bool = False,
    note: str = "",
    source: str = "",
) -> TermView:
    """Record a term of office (a selection, or an authorized departure from the rule).

    A term that departs from the rule needs ``departure=True`` and the reference of the
    decision that authorizes it.
    """
    with writing(engine, actor, Action.RECORD_TERM) as session:
        return add_term(
            session,
            office=office,
            holder=holder,
            starts_on=starts_on,
            ends_on=ends_on,
            decision=decision,
            departure=departure,
            note=note,
            source=source,
        )


def select_vice_chair(
    *, engine: Engine, actor: Actor, holder: str, year: int, decision: str, note: str = ""
) -> TermView:
    """Record the Plenary's selection of the Vice Chair for ``year`` (a calendar-year term)."""
    with writing(engine, actor, Action.SELECT_VICE_CHAIR) as session:
        rule = lookup.body_config(session).rule
        if not 1900 <= year <= 2999:
            raise NumberOutOfRangeError(field="year", low=1900, high=2999)
        starts_on = date(year, rule.term_start_month, rule.term_start_day)
        return add_term(
            session,
            office=Office.VICE_CHAIR.value,
            holder=holder,
            starts_on=starts_on,
            decision=decision,
            note=note,
        )


def add_term(
    session: Session,
    *,
    office: str,
    holder: str,
    starts_on: date,
    ends_on: date | None = None,
    decision: str | None = None,
    departure: bool = False,
    note: str = "",
    source: str = "",
) -> TermView:
    """Validate and add a term inside the caller's transaction."""
    config = lookup.body_config(session)
    office_enum = lookup.choice(Office, office, "office")
    holder_row = lookup.entity(session, holder)
    decision_row = lookup.optional_decision(session, decision)
    if departure and decision_row is None:
        raise ValidationError(
            N_("A departure from the rotation rule needs the decision that authorizes it.")
        )
    end = ends_on or config.rule.standard_end(starts_on)
    effective = config.rule.effective_from
    if effective is None or starts_on >= effective:
        # Under the rule, only a Participant can be selected: check on the day of selection.
        selected_on = (
            decision_row.adopted_on if decision_row and decision_row.adopted_on else starts_on
        )
        standing = standing_on(events_of(session, holder_row), selected_on)
        if standing is None or standing.status is not Status.PARTICIPANT:
            raise NotAParticipantError(
                name=holder_row.name,
                on=selected_on,
                status=standing.status.value if standing else "none",
            )
    term = Term(
        office_enum,
        holder_row.name,
        starts_on,
        end,
        decision_row.reference if decision_row else None,
        departure,
    )
    existing, _, _ = _terms(session)
    rotation.validate_new_term(term, existing, config.rule)
    assert holder_row.id is not None
    session.add(
        OfficeTerm(
            office=office_enum.value,
            entity_id=holder_row.id,
            starts_on=starts_on,
            ends_on=end,
            decision_id=decision_row.id if decision_row else None,
            departure=departure,
            note=note,
            source=source,
        )
    )
    session.flush()
    return TermView(
        office_enum.value,
        holder_row.name,
        starts_on,
        end,
        False,
        term.decision,
        departure,
        note,
        source,
    )
