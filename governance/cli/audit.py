"""The audit trail: verify the hash chain, print its head, show a record's history."""

from __future__ import annotations

import sys

import click

from governance import audit
from governance.cli.base import Context, emit, pass_context
from governance.services import audits


@click.group(name="audit")
def audit_group() -> None:
    """The audit trail: verify the hash chain, show a record's history."""


def head_option(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> audit.Head | None:
    """``--head SEQ:HASH``, parsed."""
    return audit.parse_head(value) if value is not None else None


@audit_group.command(name="verify")
@click.option(
    "--head",
    "pinned",
    callback=head_option,
    metavar="SEQ:HASH",
    help="A head printed earlier by `audit head`: prove the trail up to SEQ still hashes to it.",
)
@pass_context
def audit_verify(ctx: Context, pinned: audit.Head | None) -> None:
    """Recompute the chain, then replay the trail against every audited table; exit 1 at an
    altered or missing entry or at any row changed, added or deleted outside the services."""
    verdict = audits.verify(engine=ctx.engine, head=pinned)
    if ctx.json:
        emit(ctx, verdict)
    else:
        emit(ctx, verdict, ["ok", "entries", "head", "broken_at", "reason"])
        for difference in verdict.differences:
            click.echo(
                f"  {difference.table} {difference.key} {difference.field}: {difference.kind}"
            )
    if not verdict.ok:
        sys.exit(1)


@audit_group.command(name="head")
@pass_context
def audit_head(ctx: Context) -> None:
    """The chain's current head as SEQ:HASH: publish it or keep it elsewhere, then
    `audit verify --head SEQ:HASH` proves the trail was not rewritten up to it."""
    current = audits.head(engine=ctx.engine)
    if ctx.json:
        emit(ctx, {"seq": current.seq, "hash": current.hash, "head": str(current)})
    else:
        click.echo(str(current))


@audit_group.command(name="history")
@click.argument("table")
@click.argument("key")
@pass_context
def audit_history(ctx: Context, table: str, key: str) -> None:
    """Every change of one row (e.g. `decision 3`), with who made it and from where."""
    emit(
        ctx,
        audits.history(engine=ctx.engine, table=table, key=key),
        ["seq", "at", "actor", "origin", "action", "operation", "before", "after"],
    )
