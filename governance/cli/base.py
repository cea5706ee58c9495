"""What every command group shares: the context (settings, as-of date, output mode, the
account that writes), the output (JSON or readable text) and the lazily loaded command groups.

Nothing here imports a service, the models or Alembic: a command pays only for what it runs.
"""

from __future__ import annotations

import dataclasses
import getpass
import importlib
import json
import socket
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from governance import clock
from governance.incidents import printable
from governance.rules.errors import TextFileError
from governance.rules.permissions import ANONYMOUS, Actor
from governance.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(formats=["%Y-%m-%d"])


@dataclasses.dataclass
class Context:
    settings: Settings
    as_of: date
    json: bool
    username: str | None = None
    language: str = "en"
    """The reader's language (--lang): content in it where the record has it, and errors."""

    @property
    def actor(self) -> Actor:
        """Who writes: the account named by --as (the terminal already holds the database, so
        the account's role is taken as it is); nobody otherwise. Its writes record the
        operating-system user and host beside the account (``origin``)."""
        if not self.username:
            return ANONYMOUS
        from governance.services import accounts

        actor = accounts.actor_for(engine=self.engine, username=self.username)
        return dataclasses.replace(actor, origin=origin())

    @property
    def engine(self) -> Engine:
        """The database, its schema checked to be the one this version needs (one query;
        `plenary init` upgrades it, no other command does)."""
        from governance import db

        engine = db.get_engine(self.settings.database_url)
        db.check_schema(engine)
        return engine

    @property
    def unchecked_engine(self) -> Engine:
        """The database as it is, schema or not (``init`` and ``restore`` bring their own)."""
        from governance import db

        return db.get_engine(self.settings.database_url)

    def on(self, value: datetime | None) -> date:
        """The date a read asks about: --on, else --as-of."""
        return value.date() if value else self.as_of

    @staticmethod
    def when(value: datetime | None) -> date:
        """The date a write records: --on, else the server's today (never --as-of)."""
        return value.date() if value else clock.today()


pass_context = click.make_pass_decorator(Context)


class LazyGroup(click.Group):
    """A group whose subcommands live in other modules, imported only when one of them is run
    (or when ``--help`` lists them): ``lazy`` maps a command's name to ``module:attribute``."""

    def __init__(self, *args: Any, lazy: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


def origin() -> str:
    """``user@host`` of this terminal, for the audit trail (never fails: ``?`` if unknown)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name and no password entry
        user = "?"
    try:
        host = socket.gethostname()
    except OSError:
        host = "?"
    return f"{user or '?'}@{host or '?'}"[:200]


def plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        as_dict = getattr(value, "as_dict", None)
        if callable(as_dict):
            return as_dict()
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit(ctx: Context, value: Any, columns: Sequence[str] | None = None) -> None:
    """JSON with --json; otherwise a readable table (lists) or key: value lines. Stored text
    never drives the terminal: control characters are printed escaped."""
    data = plain(value)
    if ctx.json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if isinstance(data, list):
        rows = [{k: row.get(k) for k in (columns or list(row))} for row in data]
        table = _table(rows, list(columns or (rows[0].keys() if rows else [])))
        click.echo(printable(table))
        return
    for key, val in data.items():
        if columns is None or key in columns:
            click.echo(printable(f"{key}: {_cell(val)}"))


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value) or "—"
    return str(value)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return "(none)"
    cells = [[printable(_cell(r[c]), keep_newlines=False) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def text_of(text: str | None, text_file: Path | None) -> str | None:
    """The text given inline or in a UTF-8 file (a file in another encoding is refused)."""
    if text_file is not None:
        try:
            return text_file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise TextFileError(
                path=str(text_file), reason=f"byte {error.start + 1} is not UTF-8"
            ) from error
        except OSError as error:
            raise TextFileError(path=str(text_file), reason=error.strerror or str(error)) from error
    return text


class PlenaryErrorForCli(click.ClickException):
    exit_code = 2


PAGE = 50
"""Decisions a listing command shows unless told otherwise."""


def decision_paging(command: F) -> F:
    """``--limit`` and ``--offset`` of a command that lists decisions, a page at a time."""
    command = click.option(
        "--offset", type=click.IntRange(min=0), default=0, help="decisions skipped first"
    )(command)
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=PAGE,
        show_default=True,
        help="decisions shown (0: all of them)",
    )(command)
