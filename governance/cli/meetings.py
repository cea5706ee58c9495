"""Meetings and their communiqués."""

from __future__ import annotations

from datetime import datetime

import click

from governance.cli.base import DATE, Context, PlenaryErrorForCli, emit, pass_context, plain
from governance.services import meetings


@click.command(name="meetings")
@pass_context
def meetings_cmd(ctx: Context) -> None:
    """Meetings held by --as-of."""
    emit(
        ctx,
        meetings.list_meetings(engine=ctx.engine, on=ctx.as_of),
        ["code", "kind", "starts_on", "ends_on", "place", "communique"],
    )


@click.group()
def meeting() -> None:
    """Show or record a meeting."""


@meeting.command(name="show")
@click.argument("code")
@pass_context
def meeting_show(ctx: Context, code: str) -> None:
    emit(ctx, meetings.get_meeting(engine=ctx.engine, code=code, on=ctx.as_of))


@meeting.command(name="add")
@click.argument("code")
@click.option("--title", required=True)
@click.option("--place", required=True)
@click.option("--starts-on", type=DATE, required=True)
@click.option("--ends-on", type=DATE, required=True)
@click.option("--kind", default="plenary")
@click.option("--host", default="")
@click.option("--chair", default="")
@pass_context
def meeting_add(
    ctx: Context,
    code: str,
    title: str,
    place: str,
    starts_on: datetime,
    ends_on: datetime,
    kind: str,
    host: str,
    chair: str,
) -> None:
    emit(
        ctx,
        meetings.record_meeting(
            engine=ctx.engine,
            actor=ctx.actor,
            code=code,
            title=title,
            place=place,
            starts_on=starts_on.date(),
            ends_on=ends_on.date(),
            kind=kind,
            host=host,
            chair=chair,
        ),
    )


@click.command(name="communique")
@click.argument("code")
@click.option("--language", default=None, help="print this language's text")
@pass_context
def communique_cmd(ctx: Context, code: str, language: str | None) -> None:
    """A communiqué's language versions as of --as-of (or one language's text)."""
    view = meetings.get_communique(engine=ctx.engine, code=code, on=ctx.as_of)
    if language is None:
        emit(
            ctx,
            [
                {k: v for k, v in plain(x).items() if k not in ("text", "steps")}
                for x in view.versions
            ],
            ["language", "state", "available_on"],
        )
        return
    version = next((v for v in view.versions if v.language == language), None)
    if version is None:
        raise PlenaryErrorForCli(f"Unknown language {language!r}.")
    emit(ctx, version)
