"""Printable documents: ``plenary export pdf REF`` (a communiqué or a decision in one language)
and ``plenary report unga`` (the draft of the annual report to the UN General Assembly)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from governance.cli.base import DATE, Context, emit, pass_context

FORMATS = ("md", "pdf", "docx")


def _written(ctx: Context, out: Path, data: bytes) -> None:
    out.write_bytes(data)
    emit(ctx, {"file": str(out), "bytes": len(data)})


@click.command(name="pdf")
@click.argument("reference")
@click.option("--language", help="en, fr, pt, es or ru (default: --lang, else English)")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="PDF file"
)
@pass_context
def pdf(ctx: Context, reference: str, language: str | None, out: Path) -> None:
    """A decision (its reference) or a communiqué (its code) as PDF in one language, as it
    stood on --as-of; a version that is not final and made available says so on every page."""
    from governance.services import documents

    data = documents.text_pdf(
        engine=ctx.engine, reference=reference, language=language or ctx.language, on=ctx.as_of
    )
    _written(ctx, out, data)


@click.group(name="report")
def report() -> None:
    """Reports drafted from the record."""


@report.command(name="unga")
@click.option("--year", type=click.IntRange(1990, 2100), required=True, help="the year reported")
@click.option("--language", help="en, fr, pt, es or ru (default: --lang, else English)")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--on", type=DATE, help="the record as it stood on this date (default: 31 December)")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="output file"
)
@pass_context
def unga(ctx: Context, year: int, language: str, fmt: str, on: datetime | None, out: Path) -> None:
    """The draft of the annual report to the UN General Assembly for --year, in the shape of
    the 2003 report: the mandate, participation, meetings, decisions and their Rule 26 state,
    review missions, obligations, the Chair and Vice Chair, external instruments — each figure
    with its source in the record."""
    from governance.services import unga_report

    data = unga_report.written(
        engine=ctx.engine,
        year=year,
        language=language or ctx.language,
        fmt=fmt,
        on=on.date() if on else None,
    )
    _written(ctx, out, data)
