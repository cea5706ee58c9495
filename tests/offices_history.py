"""A history of offices after 2003 for the offices tests: a Vice Chair selected in Plenary, a
chairmanship extended by written procedure, another Vice Chair selected later."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from governance.rules.permissions import Actor
from governance.services import decisions, offices, procedures

EXTENSION = "2005-WP-01"
"""The written procedure (adopted on 1 November 2005) that extends Botswana's chairmanship."""


def plenary_decision(
    engine: Engine, actor: Actor, reference: str, adopted_on: date, kind: str = "office_selection"
) -> None:
    decisions.record_decision(
        engine=engine,
        actor=actor,
        reference=reference,
        title=f"Decision {reference}",
        kind=kind,
        procedure="plenary",
        adopted_on=adopted_on,
        text=f"The Plenary decided ({reference}).",
    )


def written(
    engine: Engine,
    actor: Actor,
    reference: str,
    circulated_on: date,
    deadline: date,
    kind: str = "administrative_decision",
) -> None:
    procedures.circulate(
        engine=engine,
        actor=actor,
        reference=reference,
        title=f"Proposal {reference}",
        kind=kind,
        text=f"The Chair proposes ({reference}).",
        circulated_on=circulated_on,
        deadline=deadline,
    )


def reply(
    engine: Engine, actor: Actor, reference: str, participant: str, kind: str, on: date
) -> None:
    procedures.record_reply(
        engine=engine,
        actor=actor,
        reference=reference,
        participant=participant,
        kind=kind,
        received_on=on,
        note="Note verbale",
    )


def record(engine: Engine, actor: Actor) -> None:
    """Botswana Vice Chair 2005 (selected 5 November 2004), Chair 2006-2007 by a written
    procedure adopted on 1 November 2005; Canada Vice Chair 2008 (selected 9 November 2007)."""
    plenary_decision(engine, actor, "2004-GAB-01", date(2004, 11, 5))
    offices.select_vice_chair(
        engine=engine, actor=actor, holder="Botswana", year=2005, decision="2004-GAB-01"
    )
    written(engine, actor, EXTENSION, date(2005, 10, 1), date(2005, 10, 31))
    reply(engine, actor, EXTENSION, "Canada", "support", date(2005, 10, 5))
    offices.record_term(
        engine=engine,
        actor=actor,
        office="chair",
        holder="Botswana",
        starts_on=date(2006, 1, 1),
        ends_on=date(2007, 12, 31),
        decision=EXTENSION,
        departure=True,
    )
    plenary_decision(engine, actor, "2007-GAB-01", date(2007, 11, 9))
    offices.select_vice_chair(
        engine=engine, actor=actor, holder="Canada", year=2008, decision="2007-GAB-01"
    )


def months(first: date, last: date) -> list[date]:
    """The first of every month from ``first`` to ``last``."""
    days, day = [], date(first.year, first.month, 1)
    while day <= last:
        days.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return days
