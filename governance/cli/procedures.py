"""Written procedures: circulate, reply, show, list."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from governance.cli.base import DATE, Context, emit, pass_context, text_of
from governance.services import procedures


@click.group()
def procedure() -> None:
    """Written procedures: circulate, reply, show."""


@procedure.command(name="circulate")
@click.argument("reference")
@click.option("--title", required=True)
@click.option("--kind", default="other")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--circulated-on", type=DATE)
@click.option("--deadline", type=DATE, required=True)
@click.option("--working-group")
@pass_context
def procedure_circulate(
    ctx: Context,
    reference: str,
    title: str,
    kind: str,
    text: str | None,
    text_file: Path | None,
    circulated_on: datetime | None,
    deadline: datetime,
    working_group: str | None,
) -> None:
    """Circulate a proposal for decision by written procedure."""
    emit(
        ctx,
        procedures.circulate(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            title=title,
            kind=kind,
            text=text_of(text, text_file) or "",
            circulated_on=ctx.when(circulated_on),
            deadline=deadline.date(),
            working_group=working_group,
        ),
    )


@procedure.command(name="reply")
@click.argument("reference")
@click.argument("participant_name", metavar="PARTICIPANT")
@click.argument("kind", type=click.Choice(["support", "objection"]))
@click.option(
    "--on",
    type=DATE,
    help="date the reply was received, if before today (secretariat only, with --note)",
)
@click.option("--note", default="", help="how a reply received earlier arrived")
@pass_context
def procedure_reply(
    ctx: Context,
    reference: str,
    participant_name: str,
    kind: str,
    on: datetime | None,
    note: str,
) -> None:
    """Record a Participant's reply to a written procedure, received today."""
    emit(
        ctx,
        procedures.record_reply(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            participant=participant_name,
            kind=kind,
            received_on=on.date() if on else None,
            note=note,
        ),
    )


@procedure.command(name="show")
@click.argument("reference")
@pass_context
def procedure_show(ctx: Context, reference: str) -> None:
    """A written procedure's outcome as of --as-of."""
    emit(ctx, procedures.get_procedure(engine=ctx.engine, reference=reference, on=ctx.as_of))


@click.command(name="procedures")
@click.option("--open", "open_only", is_flag=True, help="only those still pending")
@pass_context
def procedures_cmd(ctx: Context, open_only: bool) -> None:
    """Written procedures circulated by --as-of and their outcome then."""
    emit(
        ctx,
        procedures.list_procedures(engine=ctx.engine, on=ctx.as_of, open_only=open_only),
        ["reference", "circulated_on", "deadline", "outcome", "supports", "objections", "title"],
    )
