"""The Chair and the Vice Chair: who holds them, their terms, selections and departures."""

from __future__ import annotations

from datetime import datetime

import click

from governance.cli.base import DATE, Context, emit, pass_context
from governance.services import offices


@click.command()
@click.option("--on", type=DATE, help="Date asked about (default: --as-of).")
@pass_context
def chair(ctx: Context, on: datetime | None) -> None:
    """Who holds the Chair and the Vice Chair on a date, among the terms known then (terms in
    office by the rule and projected terms marked)."""
    emit(ctx, offices.holders_on(engine=ctx.engine, on=ctx.on(on)))


@click.command()
@click.option("--on", type=DATE, help="Date asked about (default: --as-of).")
@pass_context
def terms(ctx: Context, on: datetime | None) -> None:
    """Every Chair and Vice Chair term known on a date: confirmed, in office by the rule
    (unconfirmed, begun) and projected (not begun)."""
    emit(
        ctx,
        offices.timeline(engine=ctx.engine, on=ctx.on(on)),
        ["office", "holder", "starts_on", "ends_on", "projected", "by_rule", "decision"],
    )


@click.group()
def office() -> None:
    """Chair and Vice Chair terms: selections and authorized departures from the rule."""


@office.command(name="vice-chair")
@click.argument("holder")
@click.option("--year", type=int, required=True)
@click.option("--decision", required=True, help="reference of the selecting decision")
@click.option("--note", default="")
@pass_context
def office_vice_chair(ctx: Context, holder: str, year: int, decision: str, note: str) -> None:
    """Record the Plenary's selection of the Vice Chair for a year."""
    emit(
        ctx,
        offices.select_vice_chair(
            engine=ctx.engine,
            actor=ctx.actor,
            holder=holder,
            year=year,
            decision=decision,
            note=note,
        ),
    )


@office.command(name="confirm")
@click.argument("office_name", metavar="OFFICE", type=click.Choice(["chair", "vice_chair"]))
@click.argument("year", type=int)
@click.option("--decision", help="reference of a decision that confirms the term")
@click.option("--note", default="")
@click.option("--source", default="")
@pass_context
def office_confirm(
    ctx: Context, office_name: str, year: int, decision: str | None, note: str, source: str
) -> None:
    """Confirm the term the rotation rule gives for YEAR (the Chair: last year's Vice Chair)."""
    emit(
        ctx,
        offices.confirm_term(
            engine=ctx.engine,
            actor=ctx.actor,
            office=office_name,
            year=year,
            decision=decision,
            note=note,
            source=source,
        ),
    )


@office.command(name="term")
@click.argument("office_name", metavar="OFFICE", type=click.Choice(["chair", "vice_chair"]))
@click.argument("holder")
@click.option("--starts-on", type=DATE, required=True)
@click.option("--ends-on", type=DATE)
@click.option("--decision")
@click.option("--departure", is_flag=True, help="the term departs from the rotation rule")
@click.option("--note", default="")
@click.option("--source", default="")
@pass_context
def office_term(
    ctx: Context,
    office_name: str,
    holder: str,
    starts_on: datetime,
    ends_on: datetime | None,
    decision: str | None,
    departure: bool,
    note: str,
    source: str,
) -> None:
    """Record a term; a departure from the rule needs --departure and --decision."""
    emit(
        ctx,
        offices.record_term(
            engine=ctx.engine,
            actor=ctx.actor,
            office=office_name,
            holder=holder,
            starts_on=starts_on.date(),
            ends_on=ends_on.date() if ends_on else None,
            decision=decision,
            departure=departure,
            note=note,
            source=source,
        ),
    )
