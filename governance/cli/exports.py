"""`plenary export …`: the record in open formats, one subcommand per format.

Each format lives in its own module (:data:`EXPORTS`), imported only when it is run.
"""

from __future__ import annotations

import click

from governance.cli.base import LazyGroup

EXPORTS: dict[str, str] = {
    "akn": "governance.cli.export_akn:akn",
    "popolo": "governance.cli.export_feeds:popolo",
    "ics": "governance.cli.export_feeds:ics",
    "atom": "governance.cli.export_feeds:atom",
    "csv": "governance.cli.open_data:csv_cmd",
    "json": "governance.cli.open_data:json_cmd",
    "pdf": "governance.cli.documents:pdf",
}
"""Every export: its name and where it lives (``module:attribute``)."""


@click.group(name="export", cls=LazyGroup, lazy=EXPORTS)
def export() -> None:
    """Write the record in an open format (a file or a folder, --out)."""
