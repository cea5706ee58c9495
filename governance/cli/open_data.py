"""`plenary export csv|json --out DIR` and `plenary import DIR`: the record as open data."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from governance import open_data_format
from governance.cli.base import Context, emit, origin, pass_context
from governance.i18n import translator
from governance.incidents import printable
from governance.rules.errors import OpenDataInvalidError
from governance.rules.permissions import SYSTEM

OUT = click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the files are written to (created if missing; files of the same name replaced).",
)


def _export(ctx: Context, out: Path, kind: open_data_format.Format) -> None:
    from governance.services import open_data

    files = open_data.export(engine=ctx.engine, format=kind)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)
    emit(ctx, {"folder": str(out), "format": kind, "files": sorted(files)})


@click.command(name="csv")
@OUT
@pass_context
def csv_cmd(ctx: Context, out: Path) -> None:
    """The record as CSV files (UTF-8, a header row, ISO dates) and a datapackage.json."""
    _export(ctx, out, "csv")


@click.command(name="json")
@OUT
@pass_context
def json_cmd(ctx: Context, out: Path) -> None:
    """The record as JSON files (one array of objects per table) and a datapackage.json."""
    _export(ctx, out, "json")


@click.command(name="import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@pass_context
def import_cmd(ctx: Context, folder: Path) -> None:
    """Load open-data files (the CSV or the JSON of `plenary export`) into a database that holds
    no record: every row is checked first and every problem reported by file, row and field;
    then everything is stored in one audited transaction, or nothing.

    Problems are printed one a line (a list with --json), in the language of --lang.
    Needs --as a secretariat or admin account; on a fresh server (a database without any
    account) it runs as the system. A database without a schema is given one first.
    """
    from governance import db
    from governance.services import backup, open_data

    engine = ctx.unchecked_engine
    if db.schema_revision(engine) is None:
        db.upgrade(engine)
    else:
        db.check_schema(engine)
    actor = ctx.actor
    if not ctx.username and not backup.has_accounts(engine=engine):
        actor = dataclasses.replace(SYSTEM, origin=origin())
    files = open_data_format.files_in_folder(folder)
    try:
        checked = open_data.import_files(engine=engine, actor=actor, files=files, where=str(folder))
    except OpenDataInvalidError as error:
        t = translator(ctx.language)  # --lang / PLENARY_LANG
        if ctx.json:
            report = [
                {
                    "file": p.params["file"],
                    "row": p.params["row"],
                    "field": str(p.params["field"]),
                    "message": t.error(p.params["problem"]),
                }
                for p in error.problems
            ]
            click.echo(json.dumps(report, ensure_ascii=False, indent=2), err=True)
        else:
            for problem in error.problems:
                click.echo(printable(t.error(problem), keep_newlines=False), err=True)
        raise
    emit(
        ctx,
        {
            "folder": str(folder),
            "format": checked.format,
            "rows": {f.file: f.rows for f in checked.files},
        },
    )
