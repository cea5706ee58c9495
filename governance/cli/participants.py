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
@pass_context
def participants_cmd(
    ctx: Context, on: datetime | None, status: str | None, kind: str | None
) -> None:
    """The register of Participants, applicants and Observers on a date."""
    rows = participants.list_entities(engine=ctx.engine, on=ctx.on(on), status=status, kind=kind)
    emit(
        ctx,
        [{k: v for k, v in plain(r).items() if k != "history"} for r in rows],
        ["name", "kind", "status", "since", "stage", "blocked_reason"],
    )


@click.group()
def participant() -> None:
    """Show, add or change the status of a Participant, applicant or Observer."""


@participant.command(name="show")
@click.argument("name")
@click.option("--on", type=DATE)
@pass_context
def participant_show(ctx: Context, name: str, on: datetime | None) -> None:
    emit(ctx, participants.get_entity(engine=ctx.engine, name=name, on=ctx.on(on)))


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
