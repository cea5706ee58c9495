"""`plenary init` (the schema upgrade and the record) and `plenary demo-data`."""

from __future__ import annotations

import click

from governance.cli.base import Context, emit, origin, pass_context


@click.command()
@pass_context
def init(ctx: Context) -> None:
    """Upgrade the schema and load the embedded record into an empty database."""
    from governance.services import record

    loaded = record.init_database(ctx.unchecked_engine, ctx.settings, origin=origin())
    message = (
        f"loaded the {ctx.settings.body} record"
        if loaded
        else "record already present; schema up to date"
    )
    emit(ctx, {"loaded": loaded, "message": message})


@click.command(name="demo-data")
@click.option("--scale", type=int, required=True, help="About N times the record's year.")
@click.option("--seed", type=int, default=0, show_default=True, help="One seed, one history.")
@pass_context
def demo_data_cmd(ctx: Context, scale: int, seed: int) -> None:
    """Add a synthetic, rule-abiding history after the record (a database `init` loaded)."""
    from governance.services import demo_data

    summary = demo_data.build(ctx.engine, scale=scale, seed=seed, origin=origin())
    emit(ctx, summary)
