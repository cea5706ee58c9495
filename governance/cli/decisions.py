"""The decision register, one decision, its open points and confirmation; deadlines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from governance.cli.base import (
    DATE,
    Context,
    decision_paging,
    emit,
    pass_context,
    plain,
    text_of,
)
from governance.services import deadlines, decisions

"""Decisions listed at a time unless --limit says otherwise."""


@click.command(name="decisions")
@click.option("--meeting")
@click.option(
    "--status",
    help="pending, not_adopted, adopted_ad_referendum, awaiting_formal_adoption, formally_adopted",
)
@click.option("--procedure", help="plenary, ad_referendum, written_procedure")
@click.option("--language", help="only decisions available in this language")
@click.option("--search", help="free text in reference, title or text")
@decision_paging
@pass_context
def decisions_cmd(
    ctx: Context,
    meeting: str | None,
    status: str | None,
    procedure: str | None,
    language: str | None,
    search: str | None,
    limit: int,
    offset: int,
) -> None:
    """The decision register as of --as-of, in reference order, a page at a time."""
    asked = decisions.RegisterFilter(
        ctx.as_of, meeting, status, procedure, language, search, reading=ctx.language
    )
    page = decisions.page_of_decisions(
        engine=ctx.engine, asked=asked, limit=limit or None, offset=offset
    )
    if page.total > len(page.rows):  # on stderr: --json output stays one document
        click.echo(
            f"decisions {page.offset + 1}–{page.offset + len(page.rows)} of {page.total}"
            " (--offset N for more, --limit 0 for all)",
            err=True,
        )
    emit(
        ctx,
        list(page.rows),
        [
            "reference",
            "procedure",
            "status",
            "adopted_on",
            "formally_adopted_on",
            "languages_available",
            "title",
        ],
    )


@click.group()
def decision() -> None:
    """Show or record a decision; resolve its open points or confirm it."""


@decision.command(name="show")
@click.argument("reference")
@pass_context
def decision_show(ctx: Context, reference: str) -> None:
    emit(
        ctx,
        decisions.get_decision(
            engine=ctx.engine, reference=reference, on=ctx.as_of, reading=ctx.language
        ),
    )


@decision.command(name="add")
@click.argument("reference")
@click.option("--title", required=True)
@click.option("--kind", required=True)
@click.option("--procedure", type=click.Choice(["plenary", "ad_referendum"]), required=True)
@click.option("--adopted-on", type=DATE, required=True)
@click.option("--meeting")
@click.option("--working-group")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--open-point", "open_points", multiple=True, metavar="KEY=DESCRIPTION")
@click.option("--communique", help="code of the communiqué that announced it")
@click.option(
    "--available-on",
    type=DATE,
    help="date the text was made available to all Participants (default: --adopted-on)",
)
@click.option(
    "--not-available", is_flag=True, help="the text has not been made available yet (Rule 26)"
)
@click.option("--note", default="", help="what is approximate or inferred")
@click.option("--source", default="", help="where the decision is recorded")
@pass_context
def decision_add(
    ctx: Context,
    reference: str,
    title: str,
    kind: str,
    procedure: str,
    adopted_on: datetime,
    meeting: str | None,
    working_group: str | None,
    text: str | None,
    text_file: Path | None,
    open_points: tuple[str, ...],
    communique: str | None,
    available_on: datetime | None,
    not_available: bool,
    note: str,
    source: str,
) -> None:
    """Record a decision adopted in Plenary or ad referendum; its text is made available on
    its adoption date (or --available-on) unless --not-available."""
    if not_available and available_on is not None:
        raise click.UsageError("--available-on and --not-available exclude each other")
    points = []
    for item in open_points:
        key, sep, description = item.partition("=")
        if not sep:
            raise click.BadParameter("use KEY=DESCRIPTION", param_hint="--open-point")
        points.append((key, description))
    emit(
        ctx,
        decisions.record_decision(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            title=title,
            kind=kind,
            procedure=procedure,
            adopted_on=adopted_on.date(),
            text=text_of(text, text_file) or "",
            meeting=meeting,
            working_group=working_group,
            open_points=points,
            communique=communique,
            available=not not_available,
            available_on=available_on.date() if available_on else None,
            note=note,
            source=source,
        ),
    )


@decision.command(name="link")
@click.argument("reference")
@click.option("--communique", required=True, help="code of the communiqué that announced it")
@pass_context
def decision_link(ctx: Context, reference: str, communique: str) -> None:
    """Link a decision to the communiqué that announced it."""
    linked = decisions.link_to_communique(
        engine=ctx.engine, actor=ctx.actor, reference=reference, communique=communique
    )
    emit(ctx, {**plain(linked), "communique": communique})


@decision.command(name="resolve")
@click.argument("reference")
@click.argument("key")
@click.option("--by", "by_decision", required=True, help="reference of the resolving decision")
@click.option("--on", type=DATE)
@pass_context
def decision_resolve(
    ctx: Context, reference: str, key: str, by_decision: str, on: datetime | None
) -> None:
    """Resolve an open point of an ad referendum decision."""
    emit(
        ctx,
        decisions.resolve_open_point(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            key=key,
            resolved_on=ctx.when(on),
            by_decision=by_decision,
        ),
    )


@decision.command(name="confirm")
@click.argument("reference")
@click.option("--by", "by_decision", required=True)
@click.option("--on", type=DATE)
@pass_context
def decision_confirm(ctx: Context, reference: str, by_decision: str, on: datetime | None) -> None:
    """Confirm an ad referendum decision as a whole by a later decision."""
    emit(
        ctx,
        decisions.confirm_decision(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            confirmed_on=ctx.when(on),
            by_decision=by_decision,
        ),
    )


@click.command(name="deadlines")
@click.option("--on", type=DATE)
@click.option("--state", help="open, met, overdue, closed")
@pass_context
def deadlines_cmd(ctx: Context, on: datetime | None, state: str | None) -> None:
    """Deadlines set by decisions and whether they are met, open or overdue on a date."""
    emit(
        ctx,
        deadlines.list_deadlines(engine=ctx.engine, on=ctx.on(on), state=state),
        ["due_on", "state", "decision", "responsible", "title"],
    )
