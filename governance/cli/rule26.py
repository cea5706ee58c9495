"""The Rule 26 board: decisions awaiting formal adoption and their five language versions."""

from __future__ import annotations

import click

from governance.cli.base import Context, decision_paging, emit, pass_context
from governance.services import rule26

"""Decisions listed at a time unless --limit says otherwise."""


@click.command(name="rule26")
@click.option("--meeting", help="only the decisions of this meeting (its code)")
@click.option("--language", help="only the decisions still waiting for this language")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@decision_paging
@pass_context
def rule26_cmd(
    ctx: Context,
    meeting: str | None,
    language: str | None,
    as_json: bool,
    limit: int,
    offset: int,
) -> None:
    """What takes effect when: the decisions awaiting formal adoption on --as-of, each language
    version's state and date, and the one language whose publication would complete each."""
    found = rule26.board(
        engine=ctx.engine,
        on=ctx.as_of,
        meeting=meeting,
        language=language,
        limit=limit or None,
        offset=offset,
        progress=False,
        reading=ctx.language,
    )
    if found.total > len(found.rows):  # on stderr: --json output stays one document
        click.echo(
            f"decisions {found.offset + 1}–{found.offset + len(found.rows)} of {found.total}"
            " (--offset N for more, --limit 0 for all)",
            err=True,
        )
    if as_json or ctx.json:
        ctx.json = True
        emit(ctx, list(found.rows))
        return
    table = [
        {
            "reference": row.reference,
            **{
                cell.language: f"{cell.state} {cell.on.isoformat()}" if cell.on else None
                for cell in row.cells
            },
            "completes_with": row.completes_with,
            "title": row.title,
        }
        for row in found.rows
    ]
    emit(ctx, table, ["reference", *found.languages, "completes_with", "title"])
