"""Backup and restore of the whole database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from governance import audit
from governance.cli.audit import head_option
from governance.cli.base import Context, emit, origin, pass_context
from governance.rules.permissions import SYSTEM
from governance.services import backup


@click.command(name="backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def backup_cmd(ctx: Context, file: Path) -> None:
    """Write the whole database (audit trail and accounts included) to FILE as checksummed JSON.

    FILE holds the accounts' password hashes: keep it as safe as the database. It is written
    readable by its owner only, and replaced atomically.
    """
    emit(ctx, backup.backup(engine=ctx.engine, path=file))


@click.command(name="restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--head",
    "pinned",
    callback=head_option,
    metavar="SEQ:HASH",
    help="A head kept from the source: the backup's trail must hash to it up to SEQ.",
)
@pass_context
def restore_cmd(ctx: Context, file: Path, pinned: audit.Head | None) -> None:
    """Load a backup FILE into an empty database, verbatim (ids and audit trail as they were).

    Needs --as an admin account; on a fresh server (a database without any account) it runs
    as the system instead. Refused if FILE is corrupt, of another schema version, if its audit
    chain or the replay of its trail does not verify, or if the database holds any row;
    nothing is stored then.
    """
    engine = ctx.unchecked_engine  # restore brings the schema to the newest itself
    actor = ctx.actor
    if not ctx.username and not backup.has_accounts(engine=engine):
        actor = dataclasses.replace(SYSTEM, origin=origin())
    emit(ctx, backup.restore(engine=engine, actor=actor, path=file, head=pinned))
