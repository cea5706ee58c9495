"""The register of Participants, applicants and Observers."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import click

from governance import labels
from governance.cli.base import DATE, Context, F, emit, pass_context, plain
from governance.services import participants


@click.command(name="participants")
@click.option("--on", type=DATE)
@click.option(
    "--status", help="applicant, participant, trading_entity, observer, suspended, withdrawn"
)
@click.option("--kind", help="state, reio, trading_entity, industry, civil_society")
@click.option("--search", help="part of a current or former name")
@pass_context
def participants_cmd(
    ctx: Context, on: datetime | None, status: str | None, kind: str | None, search: str | None
) -> None:
    """The register of Participants, applicants and Observers on a date, each by the name it
    bore that day."""
    rows = participants.list_entities(
        engine=ctx.engine, on=ctx.on(on), status=status, kind=kind, search=search
    )
    emit(
        ctx,
        [{k: v for k, v in plain(r).items() if k not in ("history", "renames")} for r in rows],
        ["name", "kind", "status", "since", "stage", "blocked_reason"],
    )


@click.group()
def participant() -> None:
    """Show, add, rename or change the status of a Participant, applicant or Observer."""


@participant.command(name="show")
@click.argument("name")
@click.option("--on", type=DATE)
@pass_context
def participant_show(ctx: Context, name: str, on: datetime | None) -> None:
    """One entity (by its current or a former name) as of a date: the name it bore then, its
    standing, status history and changes of name."""
    emit(ctx, participants.get_entity(engine=ctx.engine, name=name, on=ctx.on(on)))


@participant.command(name="rename")
@click.argument("name")
@click.argument("new_name")
@click.option("--on", type=DATE, required=True, help="the date the new name takes effect")
@click.option("--decision", help="reference of the decision behind the change")
@click.option("--note", default="")
@click.option("--source", default="")
@pass_context
def participant_rename(
    ctx: Context,
    name: str,
    new_name: str,
    on: datetime,
    decision: str | None,
    note: str,
    source: str,
) -> None:
    """Rename an entity from a date: one entity, whose former name stays on every view of the
    dates before (e.g. "European Community" "European Union" --on 2009-12-01)."""
    emit(
        ctx,
        participants.rename_entity(
            engine=ctx.engine,
            actor=ctx.actor,
            name=name,
            new_name=new_name,
            on=on.date(),
            decision=decision,
            note=note,
            source=source,
        ),
    )


def status_event_options(command: F) -> F:
    """The options of a dated status event, shared by `participant add` and `participant status`."""
    for option in reversed(
        [
            click.option("--on", type=DATE, help="effective date (default: today)"),
            click.option("--stage", help="applicants: " + ", ".join(labels.STAGE)),
            click.option("--blocked-reason"),
            click.option("--decision", help="reference of the decision behind the change"),
            click.option("--note", default=""),
        ]
    ):
        command = option(command)
    return cast(F, pass_context(command))


@participant.command(name="add")
@click.argument("name")
@click.option("--kind", required=True)
@click.option("--status", required=True)
@status_event_options
def participant_add(
    ctx: Context,
    name: str,
    kind: str,
    status: str,
    on: datetime | None,
    stage: str | None,
    blocked_reason: str | None,
    decision: str | None,
    note: str,
) -> None:
    emit(
        ctx,
        participants.register_entity(
            engine=ctx.engine,
            actor=ctx.actor,
            name=name,
            kind=kind,
            status=status,
            on=ctx.when(on),
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            note=note,
        ),
    )


@participant.command(name="status")
@click.argument("name")
@click.argument("status")
@status_event_options
def participant_status(
    ctx: Context,
    name: str,
    status: str,
    on: datetime | None,
    stage: str | None,
    blocked_reason: str | None,
    decision: str | None,
    note: str,
) -> None:
    """Record a change of status (or an applicant's stage or block) on a date."""
    emit(
        ctx,
        participants.change_status(
            engine=ctx.engine,
            actor=ctx.actor,
            name=name,
            status=status,
            on=ctx.when(on),
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            note=note,
        ),
    )
