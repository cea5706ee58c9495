"""`plenary export popolo|ics|atom --out FILE`: the record as Popolo JSON, as a calendar and as
an Atom feed (services ``popolo`` and ``feeds``; one file each)."""

from __future__ import annotations

from pathlib import Path

import click

from governance.cli.base import Context, pass_context
from governance.i18n import UI_LANGUAGES

OUT = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="the file to write (replaced if it exists)",
)
LANGUAGE = click.option(
    "--language",
    type=click.Choice(UI_LANGUAGES),
    default=None,
    help="language of the labels and, where the record has them, of titles and places "
    "(default: the global --lang, else English)",
)


def _write(out: Path, data: bytes, what: str) -> None:
    """Write ``data`` whole: to a temporary file beside ``out``, then renamed over it, so a
    failure leaves no half-written file."""
    partial = out.with_name(f".{out.name}.partial")
    partial.write_bytes(data)
    partial.replace(out)
    click.echo(f"{what}: {len(data)} bytes written to {out}", err=True)


@click.command(name="popolo")
@OUT
@pass_context
def popolo(ctx: Context, out: Path) -> None:
    """The body, its Participants, Observers and working groups, the Chair and Vice Chair and
    their terms, meetings and written procedures with replies, as Popolo JSON (validated against
    the Popolo schemas before it is written; outcomes as of --as-of)."""
    from governance.services import popolo as service

    _write(out, service.export(engine=ctx.engine, on=ctx.as_of), "Popolo JSON")


@click.command(name="ics")
@OUT
@LANGUAGE
@pass_context
def ics(ctx: Context, out: Path, language: str | None) -> None:
    """Meetings, written-procedure deadlines and obligations as an iCalendar file (all-day
    events; the identifier of each comes from the record and stays the same in every export;
    decision titles as their language versions had them on --as-of)."""
    from governance.services import feeds

    _write(
        out,
        feeds.ics(engine=ctx.engine, language=language or ctx.language, on=ctx.as_of),
        "iCalendar",
    )


@click.command(name="atom")
@OUT
@LANGUAGE
@pass_context
def atom(ctx: Context, out: Path, language: str | None) -> None:
    """Decisions and changes of status of Participants, applicants and Observers as an Atom feed
    (as of --as-of)."""
    from governance.services import feeds

    _write(
        out, feeds.atom(engine=ctx.engine, language=language or ctx.language, on=ctx.as_of), "Atom"
    )
