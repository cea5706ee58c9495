"""The audit trail: verify the hash chain, print its head, show a record's history."""

from __future__ import annotations

import sys
from typing import Any

import click

from governance import audit, labels
from governance.cli.base import Context, emit, pass_context
from governance.i18n import UI_LANGUAGES, Translator, normalise, translator
from governance.incidents import printable
from governance.services import audits
from governance.services.audits import RECORD_KINDS


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
@click.argument("kind", type=click.Choice(list(RECORD_KINDS)))
@click.argument("name")
@click.option("--limit", type=click.IntRange(1, 10000), default=200, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option(
    "--lang",
    envvar="PLENARY_LANG",
    default="en",
    show_default=True,
    help="Language of the labels: " + ", ".join(UI_LANGUAGES),
)
@pass_context
def audit_history(ctx: Context, kind: str, name: str, limit: int, offset: int, lang: str) -> None:
    """Every change of one record, found by its reference or name (`decision 2003-JHB-01`,
    `participant Liberia`, `meeting CODE`, `communique CODE`, `instrument REF`, `account
    USER`), with the parts that belong to it: who, when (UTC), the action, and per changed
    field the value before and after."""
    history = audits.readable_history(
        engine=ctx.engine, kind=kind, name=name, limit=limit, offset=offset
    )
    t = translator(normalise(lang) or "en")
    entries: list[dict[str, Any]] = [
        {
            "seq": c.seq,
            "at": c.at.isoformat(),
            "actor": c.actor,
            "origin": c.origin,
            "action": c.action,
            "action_label": t.label(labels.AUDIT_ACTION, c.action),
            "operation": c.operation,
            "record": t.label(labels.AUDIT_TABLE, c.table),
            "table": c.table,
            "part": c.part,
            "changes": [
                {
                    "field": f.field,
                    "label": t.label(labels.AUDIT_FIELD, f.field),
                    "before": f.before,
                    "after": f.after,
                    "before_label": _value(t, c.table, f.field, f.before),
                    "after_label": _value(t, c.table, f.field, f.after),
                }
                for f in c.fields
            ],
        }
        for c in history.changes
    ]
    if ctx.json:
        emit(ctx, entries)
        return
    click.echo(
        printable(
            f"{t.label(labels.RECORD_KIND, kind)} {history.name}: "
            + t.ngettext("{n} change", "{n} changes", history.total)
        )
    )
    for entry in entries:
        part = f" ({entry['part']})" if entry["part"] else ""
        origin = f" ({entry['origin']})" if entry["origin"] else ""
        click.echo(
            printable(
                f"#{entry['seq']} {entry['at'][:19].replace('T', ' ')} UTC · "
                f"{entry['actor']}{origin} · {entry['action_label']} · "
                f"{t.label(labels.AUDIT_OPERATION, entry['operation'])} {entry['record']}{part}",
                keep_newlines=False,
            )
        )
        for change in entry["changes"]:
            before, after = _short(change["before_label"]), _short(change["after_label"])
            click.echo(printable(f"    {change['label']}: {before} → {after}", keep_newlines=False))


def _short(value: str, width: int = 120) -> str:
    """A value on one line of the terminal (the JSON output keeps it whole)."""
    if not value:
        return "—"
    line = " ".join(value.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _value(t: Translator, table: str, field: str, value: str) -> str:
    """A stored value as the reader knows it: a code by its label, a language by its name."""
    if not value:
        return ""
    if field == "language":
        return t.language_name(value)
    coded = labels.AUDIT_VALUE.get((table, field))
    return t.label(coded, value) if coded else value
