"""`plenary export akn --out DIR`: every decision and communiqué as Akoma Ntoso 3.0."""

from __future__ import annotations

from pathlib import Path

import click

from governance.cli.base import Context, emit, pass_context
from governance.rules.errors import ExportFolderError


@click.command(name="akn")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    help="folder to write into (created if missing; files of the same name are replaced)",
)
@pass_context
def akn(ctx: Context, out: Path) -> None:
    """Every decision and communiqué known on --as-of as Akoma Ntoso 3.0 (OASIS LegalDocML),
    one document per language version that exists: decisions/REF.eng.xml,
    communiques/CODE.fra.xml … Each is checked against akomantoso30.xsd before anything is
    written."""
    from governance.services import akn as documents

    _check_folder(out)
    files = documents.export_documents(engine=ctx.engine, on=ctx.as_of)
    for item in files:
        target = out / item.path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.content)
        except OSError as error:
            raise ExportFolderError(path=str(out), reason=_reason(error)) from error
    summary = {
        "folder": str(out),
        "as_of": ctx.as_of.isoformat(),
        "documents": len(files),
        "decisions": sum(1 for f in files if f.path.startswith("decisions/")),
        "communiques": sum(1 for f in files if f.path.startswith("communiques/")),
        "files": [f.path for f in files],
    }
    emit(ctx, summary, None if ctx.json else [k for k in summary if k != "files"])


def _check_folder(out: Path) -> None:
    """The folder exists or can be created, and can be written into — before any reading."""
    try:
        if out.exists() and not out.is_dir():
            raise ExportFolderError(path=str(out), reason="it is a file, not a folder")
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".plenary-write-check"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ExportFolderError(path=str(out), reason=_reason(error)) from error


def _reason(error: OSError) -> str:
    if isinstance(error, FileExistsError | NotADirectoryError):
        return "a part of the path is a file, not a folder"
    return error.strerror or str(error)
