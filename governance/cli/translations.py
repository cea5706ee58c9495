"""Language versions of decisions and communiqués (Rule 26), machine drafts included."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import click

from governance.cli.base import DATE, Context, emit, pass_context, text_of
from governance.machine_translation import ProviderSettings
from governance.services import translations


@click.group()
def translation() -> None:
    """Language versions of decisions and communiqués (Rule 26)."""


@translation.command(name="set")
@click.argument("target", metavar="DECISION_OR_COMMUNIQUE")
@click.argument("language")
@click.argument(
    "state", type=click.Choice(["missing", "machine_draft", "in_translation", "final", "available"])
)
@click.option("--on", type=DATE, help="date of the step (for 'available': the made-available date)")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", help="the title in this language (with the text's own steps)")
@click.option("--note", default="")
@pass_context
def translation_set(
    ctx: Context,
    target: str,
    language: str,
    state: str,
    on: datetime | None,
    text: str | None,
    text_file: Path | None,
    title: str | None,
    note: str,
) -> None:
    """Move one language version to STATE on a date."""
    emit(
        ctx,
        translations.set_state(
            engine=ctx.engine,
            actor=ctx.actor,
            target=target,
            language=language,
            state=state,
            on=ctx.when(on),
            text=text_of(text, text_file),
            note=note,
            title=title,
        ),
        ["language", "state", "available_on", "title"],
    )


@translation.command(name="draft")
@click.argument("target", metavar="DECISION_OR_COMMUNIQUE")
@click.argument("language")
@click.option("--on", type=DATE, help="date of the draft (default: today)")
@click.option(
    "--provider", help="google, libretranslate, mymemory or deepl (default: PLENARY_MT_PROVIDER)"
)
@click.option("--url", help="provider URL (LibreTranslate; default: PLENARY_MT_URL)")
@pass_context
def translation_draft(
    ctx: Context,
    target: str,
    language: str,
    on: datetime | None,
    provider: str | None,
    url: str | None,
) -> None:
    """Ask the machine-translation provider for a draft of a missing language version."""
    settings = ProviderSettings.from_env()
    if provider or url:
        settings = dataclasses.replace(
            settings, provider=provider or settings.provider, url=url or settings.url
        )

    def progress(done: int, total: int) -> None:
        click.echo(f"translated {done}/{total}", err=True)

    emit(
        ctx,
        translations.machine_draft(
            engine=ctx.engine,
            actor=ctx.actor,
            target=target,
            language=language,
            on=ctx.when(on),
            settings=settings,
            progress=progress,
        ),
        ["language", "state", "text"],
    )
