"""The `plenary` command line: the same services the pages use, for the secretariat's terminal.

One module per group of commands (:data:`COMMANDS`); a command imports its module, and so only
the services it runs, when it is invoked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import NoReturn

import click

from governance import clock, incidents
from governance.cli.base import DATE, Context, LazyGroup
from governance.incidents import printable
from governance.rules.errors import (
    ArgumentEncodingError,
    DatabaseUnavailableError,
    PlenaryError,
    PoolExhaustedError,
)
from governance.settings import get_settings

COMMANDS = {
    "init": "governance.cli.record:init",
    "demo-data": "governance.cli.record:demo_data_cmd",
    "chair": "governance.cli.offices:chair",
    "terms": "governance.cli.offices:terms",
    "office": "governance.cli.offices:office",
    "participants": "governance.cli.participants:participants_cmd",
    "participant": "governance.cli.participants:participant",
    "decisions": "governance.cli.decisions:decisions_cmd",
    "decision": "governance.cli.decisions:decision",
    "deadlines": "governance.cli.decisions:deadlines_cmd",
    "meetings": "governance.cli.meetings:meetings_cmd",
    "meeting": "governance.cli.meetings:meeting",
    "communique": "governance.cli.meetings:communique_cmd",
    "translation": "governance.cli.translations:translation",
    "procedure": "governance.cli.procedures:procedure",
    "procedures": "governance.cli.procedures:procedures_cmd",
    "groups": "governance.cli.bodies:groups_cmd",
    "instruments": "governance.cli.instruments:instruments_cmd",
    "instrument": "governance.cli.instruments:instrument",
    "missions": "governance.cli.bodies:missions_cmd",
    "user": "governance.cli.accounts:user",
    "audit": "governance.cli.audit:audit_group",
    "backup": "governance.cli.backup:backup_cmd",
    "restore": "governance.cli.backup:restore_cmd",
    "rule26": "governance.cli.rule26:rule26_cmd",
    "export": "governance.cli.exports:export",
    "import": "governance.cli.open_data:import_cmd",
    "report": "governance.cli.documents:report",
}
"""Every command: its name and where it lives (``module:attribute``)."""


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.option("--database-url", envvar="PLENARY_DATABASE_URL", help="SQLite or PostgreSQL URL.")
@click.option("--as-of", type=DATE, help="View the record as of this date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--as", "username", envvar="PLENARY_USER", help="Account that writes (its role applies)."
)
@click.option(
    "--lang",
    "language",
    envvar="PLENARY_LANG",
    default="en",
    help="Your language (en, fr, pt, es, ru): titles and errors in it where they exist.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    database_url: str | None,
    as_of: datetime | None,
    as_json: bool,
    username: str | None,
    language: str,
) -> None:
    """Plenary: the record of a body run by a Plenary (Chairs, meetings, decisions, Rule 26)."""
    ctx.obj = Context(
        get_settings(database_url),
        as_of.date() if as_of else clock.today(),
        as_json,
        username,
        _language(language),
    )


def _language(code: str | None) -> str:
    """A UI language from --lang or PLENARY_LANG ('pt-BR' → 'pt'); English otherwise (without
    loading Babel: a plain command stays light)."""
    if not code or code.strip().lower() == "en":
        return "en"
    from governance.i18n import normalise

    return normalise(code) or "en"


def _asked_language(args: Sequence[str]) -> str:
    """The --lang given before the command, else PLENARY_LANG: for an error raised before the
    context exists, or outside it."""
    number = 0
    while number < len(args):
        argument = args[number]
        if argument == "--lang" and number + 1 < len(args):
            return _language(args[number + 1])
        if argument.startswith("--lang="):
            return _language(argument.partition("=")[2])
        if not argument.startswith("-"):
            break  # the command: later --lang options are its own
        number += 2 if argument in _VALUED else 1
    return _language(os.environ.get("PLENARY_LANG"))


_VALUED = ("--database-url", "--as-of", "--as")
"""The options before the command that take a value."""


def _message(error: PlenaryError, language: str) -> str:
    """The error in the user's language (English needs no catalog)."""
    if language == "en":
        return error.message
    from governance.i18n import translator

    return translator(language).error(error)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(printable(f"error: {message}", keep_newlines=False), err=True)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI. An expected failure is one line on stderr and exit 2, with nothing stored;
    an unexpected one is one line naming a private log file with the details, and exit 1."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        for argument in args:
            try:
                argument.encode("utf-8")
            except UnicodeEncodeError:
                raise ArgumentEncodingError(argument=printable(argument)) from None
        cli.main(args=args, prog_name="plenary", standalone_mode=False)
    except PlenaryError as error:
        _fail(_message(error, _asked_language(args)), 2)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if error.exit_code == 1 else error.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 1)
    except OSError as error:  # a file or folder the command was given
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}; nothing was stored.", 2)
    except Exception as error:
        expected = _database_error(error)
        if expected is not None:
            _fail(_message(expected, _asked_language(args)), 2)
        try:
            log = str(incidents.written(error, "plenary " + " ".join(map(printable, args))))
        except OSError:
            log = "(no log could be written)"
        _fail(f"unexpected failure ({type(error).__name__}); details in {log}", 1)


def _database_error(error: Exception) -> PlenaryError | None:
    """The named error for a database that cannot be reached, opened or read, or whose
    connections are all in use; None for anything else. (SQLAlchemy is imported only if a
    command already did.)"""
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is None:
        return None
    if isinstance(error, exc.DBAPIError):
        return DatabaseUnavailableError(reason=_first_line(error))
    if isinstance(error, exc.TimeoutError):  # the connection pool stayed exhausted
        return PoolExhaustedError()
    return None


def _first_line(error: Exception) -> str:
    return (str(getattr(error, "orig", error)).strip().splitlines() or ["?"])[0]


if __name__ == "__main__":
    main()
