"""Chair and Vice Chair: who holds which office on a date, selections and departures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance import clock
from governance.db import transaction, writing
from governance.models import Decision, DecisionPeriod, Entity, OfficeTerm
from governance.rules import decision_status, rotation
from governance.rules.decision_status import DecisionStatus
from governance.rules.errors import N_, NotAParticipantError, NumberOutOfRangeError, ValidationError
from governance.rules.participation import Status, standing_on
from governance.rules.permissions import Action, Actor
from governance.rules.rotation import DecisionOutcome, Office, Standing, Term
from governance.services import lookup
from governance.services.names import name_on
from governance.services.participants import events_of
from governance.services.views import Choice, OfficeHoldersView, TermView

ADOPTED = (
    DecisionStatus.AD_REFERENDUM.value,
    DecisionStatus.AWAITING_FORMAL_ADOPTION.value,
    DecisionStatus.FORMALLY_ADOPTED.value,
)
"""A decision's states in which it is adopted (a written procedure: its outcome is)."""


def _terms(
    session: Session, on: date | None = None
) -> tuple[list[Term], dict[tuple[str, date], OfficeTerm]]:
    """Every term (with ``on``: every term known on ``on``) with its holder's name and its
    decision's reference, in one statement. A term is known once the decision behind it is
    adopted (a written procedure: once its outcome is), or, with no decision, once it has begun;
    holders are named as they were called on ``on`` (their newest name without ``on``). Terms
    are few (two a year), so all of them are loaded."""
    holder = name_on(OfficeTerm.entity_id, Entity.name, on) if on is not None else Entity.name
    query = (
        select(OfficeTerm, holder, col(Decision.reference))
        .join(Entity, col(Entity.id) == col(OfficeTerm.entity_id))
        .outerjoin(Decision, col(Decision.id) == col(OfficeTerm.decision_id))
        .order_by(col(OfficeTerm.starts_on), col(OfficeTerm.id))
    )
    if on is not None:
        period = DecisionPeriod
        query = query.outerjoin(
            period,
            and_(
                col(period.decision_id) == col(OfficeTerm.decision_id),
                col(period.starts_on) <= on,
                or_(col(period.ends_on).is_(None), col(period.ends_on) > on),
            ),
        ).where(
            or_(
                and_(col(OfficeTerm.decision_id).is_(None), col(OfficeTerm.starts_on) <= on),
                col(period.status).in_(ADOPTED),
            )
        )
    rows = session.exec(query).all()
    terms = [
        Term(
            office=Office(r.office),
            holder=name,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            decision=reference,
            departure=r.departure,
        )
        for r, name, reference in rows
    ]
    return terms, {(r.office, r.starts_on): r for r, _, _ in rows}


def _view(term: Term | None, rows: dict[tuple[str, date], OfficeTerm], on: date) -> TermView | None:
    if term is None:
        return None
    row = None if term.projected else rows.get((term.office.value, term.starts_on))
    standing = rotation.standing_on(term, on)
    return TermView(
        office=term.office.value,
        holder=term.holder,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        projected=standing is Standing.PROJECTED,
        decision=term.decision,
        departure=term.departure,
        note=row.note if row else "",
        source=row.source if row else "",
        by_rule=standing is Standing.BY_RULE,
    )


def holders_on(*, engine: Engine, on: date) -> OfficeHoldersView:
    """Chair and Vice Chair on ``on`` among the terms known on ``on``; a term that only follows
    from the rule is in office by the rule once begun (projected before)."""
    return holders_and_last_ends(engine=engine, on=on)[0]


def holders_and_last_ends(*, engine: Engine, on: date) -> tuple[OfficeHoldersView, dict[str, date]]:
    """:func:`holders_on`, and the last day of the last term of each office known on ``on``
    (confirmed or following from the rule), from the same statements."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        terms, rows = _terms(session, on)
        holders = rotation.holders_on(terms, config.rule, on)
        last_ends: dict[str, date] = {}
        for term in rotation.timeline(terms, config.rule):
            office = term.office.value
            last_ends[office] = max(term.ends_on, last_ends.get(office, term.ends_on))
        view = OfficeHoldersView(
            on, _view(holders.chair, rows, on), _view(holders.vice_chair, rows, on)
        )
        return view, last_ends


def timeline(*, engine: Engine, on: date | None = None) -> list[TermView]:
    """Every confirmed term and every term that follows from the rule, known on ``on`` (all when
    None, standing as of today): the same terms :func:`holders_on` reads."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        terms, rows = _terms(session, on)
        when = on if on is not None else clock.today()
        return [v for t in rotation.timeline(terms, config.rule) if (v := _view(t, rows, when))]


def eligible_decisions(*, engine: Engine, on: date, limit: int = 50) -> list[Choice]:
    """Decisions that can select an office holder or authorize a term, adopted on ``on`` (a
    written procedure: its outcome adopted by then), newest first, at most ``limit``."""
    period = DecisionPeriod
    query = (
        select(Decision.reference, Decision.title)
        .join(period, col(period.decision_id) == col(Decision.id))
        .where(
            col(Decision.kind).in_(sorted(rotation.AUTHORIZING_KINDS)),
            col(period.starts_on) <= on,
            or_(col(period.ends_on).is_(None), col(period.ends_on) > on),
            col(period.status).in_(ADOPTED),
        )
        .order_by(col(period.adopted_on).desc(), col(Decision.reference).desc())
        .limit(limit)
    )
    with transaction(engine) as session:
        return [Choice(r, t) for r, t in session.exec(query).all()]


def _authority(session: Session, decision: Decision, starts_on: date) -> date:
    """Check that ``decision`` can select or authorize a term beginning on ``starts_on``; the
    day it was adopted. Its state is read as the record stands on the term's first day or
    today, whichever is later (a plenary decision recorded ahead, as demonstration data are,
    counts on its date); a written procedure whose deadline has not passed today is pending
    whatever the term's date, unless an objection has already broken silence."""
    from governance.services import decisions  # only writes need it: `plenary chair` stays light

    config = lookup.body_config(session)
    loaded = decisions.load(session, [decision])
    facts = decisions.facts(loaded, decision)
    today = clock.today()
    state = decision_status.decision_state(facts, config.languages, max(starts_on, today))
    outcome = {
        DecisionStatus.PENDING: DecisionOutcome.PENDING,
        DecisionStatus.NOT_ADOPTED: DecisionOutcome.REJECTED,
        DecisionStatus.NOT_YET: DecisionOutcome.NOT_YET,
    }.get(state.status, DecisionOutcome.ADOPTED)
    if (
        facts.written is not None
        and today <= facts.written.deadline
        and outcome is DecisionOutcome.ADOPTED
    ):
        outcome = DecisionOutcome.PENDING
    rotation.check_authority(
        decision.reference, decision.kind, outcome, state.adopted_on, starts_on
    )
    assert state.adopted_on is not None
    return state.adopted_on


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


def confirm_term(
    *,
    engine: Engine,
    actor: Actor,
    office: str,
    year: int,
    decision: str | None = None,
    note: str = "",
    source: str = "",
) -> TermView:
    """Confirm the term of ``office`` the rotation rule gives for ``year`` (for the Chair: the
    previous year's Vice Chair), citing ``decision`` if one confirms it. Refused when the rule
    gives nobody or a term of that office is already recorded for the year."""
    with writing(engine, actor, Action.RECORD_TERM) as session:
        rule = lookup.body_config(session).rule
        office_enum = lookup.choice(Office, office, "office")
        if not 1900 <= year <= 2999:
            raise NumberOutOfRangeError(field="year", low=1900, high=2999)
        existing, _ = _terms(session)
        term = rotation.term_by_rule(existing, office_enum, year, rule)
        return add_term(
            session,
            office=office_enum.value,
            holder=term.holder,
            starts_on=term.starts_on,
            ends_on=term.ends_on,
            decision=decision,
            note=note,
            source=source,
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
    adopted_on = _authority(session, decision_row, starts_on) if decision_row else None
    effective = config.rule.effective_from
    if effective is None or starts_on >= effective:
        # Under the rule, only a Participant can be selected: check on the day of selection.
        selected_on = adopted_on or starts_on
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
    existing, _ = _terms(session)
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
