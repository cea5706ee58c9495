"""Working groups, committees and review missions."""

from __future__ import annotations

import click

from governance.cli.base import Context, emit, pass_context
from governance.services import bodies


@click.command(name="groups")
@pass_context
def groups_cmd(ctx: Context) -> None:
    """Working groups and committees as of --as-of, with the decisions they prepared."""
    emit(
        ctx,
        bodies.list_working_groups(engine=ctx.engine, on=ctx.as_of),
        ["code", "kind", "established_on", "name", "decisions"],
    )


@click.command(name="missions")
@pass_context
def missions_cmd(ctx: Context) -> None:
    """Review missions and visits begun by --as-of."""
    emit(
        ctx,
        bodies.list_review_missions(engine=ctx.engine, on=ctx.as_of),
        ["kind", "target", "starts_on", "ends_on", "decision", "report_considered_at"],
    )
