"""External instruments: UN and WTO acts that frame the Plenary's work, and what cites them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from governance import labels
from governance.cli.base import DATE, Context, emit, pass_context
from governance.services import instruments
from governance.services.views import CitationView, InstrumentView


def _cited(c: CitationView) -> dict[str, Any]:
    return {
        "kind": c.target_kind,
        "target": c.target,
        "status_on": c.status_on.isoformat() if c.status_on else None,
        "note": c.note,
        "source": c.source,
    }


def _row(i: InstrumentView) -> dict[str, Any]:
    return {
        "reference": i.reference,
        "body": i.body,
        "kind": i.kind,
        "adopted_on": i.adopted_on.isoformat(),
        "title": i.title,
        "paragraph": i.paragraph,
        "url": i.url,
        "note": i.note,
        "source": i.source,
        "cited_by": [_cited(c) for c in i.cited_by],
    }


def _cited_text(c: dict[str, Any]) -> str:
    if c["kind"] == "status_event":
        return f"{c['target']} ({c['status_on']})"
    return str(c["target"])


@click.command(name="instruments")
@click.option("--limit", type=click.IntRange(1, 1000), default=200, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@pass_context
def instruments_cmd(ctx: Context, limit: int, offset: int) -> None:
    """External instruments adopted by --as-of, oldest first, with what cites them."""
    rows = [
        _row(i)
        for i in instruments.list_instruments(
            engine=ctx.engine, on=ctx.as_of, limit=limit, offset=offset
        )
    ]
    if ctx.json:
        emit(ctx, rows)
        return
    for row in rows:
        row["cited_by"] = [_cited_text(c) for c in row["cited_by"]]
    emit(ctx, rows, ["reference", "body", "adopted_on", "title", "source", "cited_by"])


@click.group(name="instrument")
def instrument() -> None:
    """Record an external instrument or link it to what cites it."""


@instrument.command(name="add")
@click.argument("reference")
@click.option("--body", required=True, help=", ".join(labels.INSTRUMENT_BODY))
@click.option(
    "--kind", default="resolution", show_default=True, help=", ".join(labels.INSTRUMENT_KIND)
)
@click.option("--adopted-on", type=DATE, required=True)
@click.option("--title", required=True)
@click.option("--paragraph", default="", help="the part that concerns the scheme")
@click.option("--url", default="")
@click.option("--note", default="")
@click.option("--source", default="")
@pass_context
def instrument_add(
    ctx: Context,
    reference: str,
    body: str,
    kind: str,
    adopted_on: datetime,
    title: str,
    paragraph: str,
    url: str,
    note: str,
    source: str,
) -> None:
    """Record an instrument (e.g. `A/RES/57/302 --body unga --adopted-on 2003-04-15`)."""
    emit(
        ctx,
        _row(
            instruments.record_instrument(
                engine=ctx.engine,
                actor=ctx.actor,
                reference=reference,
                body=body,
                kind=kind,
                adopted_on=adopted_on.date(),
                title=title,
                paragraph=paragraph,
                url=url,
                note=note,
                source=source,
            )
        ),
    )


@instrument.command(name="link")
@click.argument("reference")
@click.option("--decision", help="reference of the decision that cites it")
@click.option("--participant", help="the Participant it concerns")
@click.option("--status-on", type=DATE, help="with --participant: its change of status that day")
@click.option("--note", default="")
@click.option("--source", default="")
@pass_context
def instrument_link(
    ctx: Context,
    reference: str,
    decision: str | None,
    participant: str | None,
    status_on: datetime | None,
    note: str,
    source: str,
) -> None:
    """Link an instrument to a decision, or to a Participant (and its change of status)."""
    emit(
        ctx,
        instruments.link_instrument(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            decision=decision,
            participant=participant,
            status_on=status_on.date() if status_on else None,
            note=note,
            source=source,
        ),
    )
