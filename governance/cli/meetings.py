"""Meetings and their communiqués."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from governance.cli.base import (
    DATE,
    Context,
    PlenaryErrorForCli,
    emit,
    pass_context,
    plain,
    text_of,
)
from governance.services import meetings


@click.command(name="meetings")
@pass_context
def meetings_cmd(ctx: Context) -> None:
    """Meetings held by --as-of."""
    emit(
        ctx,
        meetings.list_meetings(engine=ctx.engine, on=ctx.as_of, reading=ctx.language),
        ["code", "kind", "starts_on", "ends_on", "place", "communique", "note"],
    )


@click.group()
def meeting() -> None:
    """Show or record a meeting."""


@meeting.command(name="show")
@click.argument("code")
@pass_context
def meeting_show(ctx: Context, code: str) -> None:
    emit(
        ctx, meetings.get_meeting(engine=ctx.engine, code=code, on=ctx.as_of, reading=ctx.language)
    )


@meeting.command(name="add")
@click.argument("code")
@click.option("--title", required=True)
@click.option("--place", required=True)
@click.option("--starts-on", type=DATE, required=True)
@click.option("--ends-on", type=DATE, required=True)
@click.option("--kind", default="plenary")
@click.option("--host", default="", help="an entity of the register (its name on --starts-on)")
@click.option("--chair", default="", help="an entity of the register (its name on --starts-on)")
@click.option("--note", default="", help="what is approximate or inferred")
@click.option("--source", default="", help="where the facts come from")
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
    note: str,
    source: str,
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
            note=note,
            source=source,
        ),
    )


class CommuniqueGroup(click.Group):
    """``plenary communique CODE`` shows a communiqué (as it always did); ``plenary communique
    add CODE …`` records one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] != "--help":
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(name="communique", cls=CommuniqueGroup)
def communique_cmd() -> None:
    """A communiqué: `communique CODE` shows it, `communique add CODE …` records one."""


@communique_cmd.command(name="add")
@click.argument("code")
@click.option("--meeting", required=True, help="code of the meeting that issued it")
@click.option("--issued-on", type=DATE, required=True)
@click.option("--title", required=True)
@click.option(
    "--text-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="the text in the source language (UTF-8)",
)
@click.option("--note", default="", help="what is approximate or inferred")
@click.option("--source", default="", help="where the text comes from")
@pass_context
def communique_add(
    ctx: Context,
    code: str,
    meeting: str,
    issued_on: datetime,
    title: str,
    text_file: Path,
    note: str,
    source: str,
) -> None:
    """Record a meeting's communiqué, its text final and available on the day it is issued."""
    from governance.services import communiques

    view = communiques.record_communique(
        engine=ctx.engine,
        actor=ctx.actor,
        code=code,
        meeting=meeting,
        issued_on=issued_on.date(),
        title=title,
        text=text_of(None, text_file) or "",
        note=note,
        source=source,
    )
    emit(
        ctx,
        {k: v for k, v in plain(view).items() if k not in ("versions", "decisions")},
    )


@communique_cmd.command(name="show")
@click.argument("code")
@click.option("--language", default=None, help="print this language's text")
@pass_context
def communique_show(ctx: Context, code: str, language: str | None) -> None:
    """A communiqué's language versions as of --as-of (or one language's text)."""
    view = meetings.get_communique(engine=ctx.engine, code=code, on=ctx.as_of, reading=ctx.language)
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
