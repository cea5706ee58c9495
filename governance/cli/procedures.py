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
@click.option("--source", default="", help="where the record has it (report, note verbale)")
@click.option("--note", default="", help="anything approximate about it")
@click.option(
    "--available-on",
    type=DATE,
    help="the English text made available to all Participants on this date (none if omitted)",
)
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
    source: str,
    note: str,
    available_on: datetime | None,
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
            source=source,
            note=note,
            available_on=available_on.date() if available_on else None,
        ),
    )


@procedure.command(name="reply")
@click.argument("reference")
@click.argument("participant_name", metavar="PARTICIPANT", required=False)
@click.argument("kind", metavar="KIND", type=click.Choice(["support", "objection"]), required=False)
@click.option(
    "--on",
    type=DATE,
    help="date the reply was received, if before today (secretariat only, with --note)",
)
@click.option("--note", default="", help="how a reply received earlier arrived")
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="replies in bulk: a CSV with columns Participant,position,date (and note); "
    "all recorded or none",
)
@pass_context
def procedure_reply(
    ctx: Context,
    reference: str,
    participant_name: str | None,
    kind: str | None,
    on: datetime | None,
    note: str,
    csv_file: Path | None,
) -> None:
    """Record a Participant's reply to a written procedure (received today unless --on), or
    change it until the deadline (the last reply counts); or, with --csv, many replies at
    once. --note is how back-dated replies arrived (for the rows of a CSV without a note)."""
    if csv_file is not None:
        if participant_name or kind or on:
            raise click.UsageError(
                "--csv takes the replies from the file: no PARTICIPANT, KIND or --on"
            )
        text = text_of(None, csv_file) or ""
        result = procedures.record_replies(
            engine=ctx.engine, actor=ctx.actor, reference=reference, csv_text=text, note=note
        )
        if ctx.json:
            emit(ctx, result)
            return
        emit(
            ctx,
            list(result.receipts),
            ["participant", "kind", "received_on", "note", "recorded_by"],
        )
        click.echo(f"{len(result.receipts)} replies recorded; outcome today: {result.outcome}")
        return
    if not participant_name or not kind:
        raise click.UsageError("give PARTICIPANT and KIND (support or objection), or --csv FILE")
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


@procedure.command(name="tally")
@click.argument("reference")
@click.option("--supports", type=click.IntRange(min=0), required=True)
@click.option("--objections", type=click.IntRange(min=0), required=True)
@click.option("--source", required=True, help="where the record reports the tally")
@click.option("--note", default="")
@pass_context
def procedure_tally(
    ctx: Context, reference: str, supports: int, objections: int, source: str, note: str
) -> None:
    """Record the tally the record reports ("40 supports, no objection"), beside the named
    replies."""
    emit(
        ctx,
        procedures.record_tally(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            supports=supports,
            objections=objections,
            source=source,
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
