"""The `plenary` command line: the same services the pages use, for the secretariat's terminal."""

from __future__ import annotations

import dataclasses
import getpass
import json
import socket
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

import click
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from governance import audit, clock, db, incidents, labels
from governance.incidents import printable
from governance.machine_translation import ProviderSettings
from governance.rules.errors import (
    ArgumentEncodingError,
    DatabaseUnavailableError,
    PlenaryError,
    TextFileError,
)
from governance.rules.permissions import ANONYMOUS, SYSTEM, Actor
from governance.services import (
    accounts,
    audits,
    backup,
    bodies,
    deadlines,
    decisions,
    demo_data,
    meetings,
    offices,
    participants,
    procedures,
    record,
    translations,
)
from governance.settings import Settings, get_settings

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(formats=["%Y-%m-%d"])


@dataclasses.dataclass
class Context:
    settings: Settings
    as_of: date
    json: bool
    username: str | None = None

    @property
    def actor(self) -> Actor:
        """Who writes: the account named by --as (the terminal already holds the database, so
        the account's role is taken as it is); nobody otherwise. Its writes record the
        operating-system user and host beside the account (``origin``)."""
        if not self.username:
            return ANONYMOUS
        actor = accounts.actor_for(engine=self.engine, username=self.username)
        return dataclasses.replace(actor, origin=origin())

    @property
    def engine(self) -> Engine:
        engine = db.get_engine(self.settings.database_url)
        db.upgrade(engine)
        return engine

    def on(self, value: datetime | None) -> date:
        """The date a read asks about: --on, else --as-of."""
        return value.date() if value else self.as_of

    @staticmethod
    def when(value: datetime | None) -> date:
        """The date a write records: --on, else the server's today (never --as-of)."""
        return value.date() if value else clock.today()


pass_context = click.make_pass_decorator(Context)


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


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        as_dict = getattr(value, "as_dict", None)
        if callable(as_dict):
            return as_dict()
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit(ctx: Context, value: Any, columns: Sequence[str] | None = None) -> None:
    """JSON with --json; otherwise a readable table (lists) or key: value lines. Stored text
    never drives the terminal: control characters are printed escaped."""
    data = _plain(value)
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


def _text(text: str | None, text_file: Path | None) -> str | None:
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


@click.group()
@click.option("--database-url", envvar="PLENARY_DATABASE_URL", help="SQLite or PostgreSQL URL.")
@click.option("--as-of", type=DATE, help="View the record as of this date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--as", "username", envvar="PLENARY_USER", help="Account that writes (its role applies)."
)
@click.pass_context
def cli(
    ctx: click.Context,
    database_url: str | None,
    as_of: datetime | None,
    as_json: bool,
    username: str | None,
) -> None:
    """Plenary: the record of a body run by a Plenary (Chairs, meetings, decisions, Rule 26)."""
    ctx.obj = Context(
        get_settings(database_url), as_of.date() if as_of else clock.today(), as_json, username
    )


@cli.command()
@pass_context
def init(ctx: Context) -> None:
    """Upgrade the schema and load the embedded record into an empty database."""
    loaded = record.init_database(
        db.get_engine(ctx.settings.database_url), ctx.settings, origin=origin()
    )
    message = (
        f"loaded the {ctx.settings.body} record"
        if loaded
        else "record already present; schema up to date"
    )
    emit(ctx, {"loaded": loaded, "message": message})


@cli.command(name="demo-data")
@click.option("--scale", type=int, required=True, help="About N times the record's year.")
@click.option("--seed", type=int, default=0, show_default=True, help="One seed, one history.")
@pass_context
def demo_data_cmd(ctx: Context, scale: int, seed: int) -> None:
    """Add a synthetic, rule-abiding history after the record (a database `init` loaded)."""
    summary = demo_data.build(ctx.engine, scale=scale, seed=seed, origin=origin())
    emit(ctx, summary)


@cli.command()
@click.option("--on", type=DATE, help="Date asked about (default: --as-of).")
@pass_context
def chair(ctx: Context, on: datetime | None) -> None:
    """Who holds the Chair and the Vice Chair on a date (projected terms marked)."""
    emit(ctx, offices.holders_on(engine=ctx.engine, on=ctx.on(on)))


@cli.command()
@pass_context
def terms(ctx: Context) -> None:
    """Every Chair and Vice Chair term, confirmed and projected."""
    emit(
        ctx,
        offices.timeline(engine=ctx.engine),
        ["office", "holder", "starts_on", "ends_on", "projected", "decision"],
    )


@cli.command(name="participants")
@click.option("--on", type=DATE)
@click.option(
    "--status", help="applicant, participant, trading_entity, observer, suspended, withdrawn"
)
@click.option("--kind", help="state, reio, trading_entity, industry, civil_society")
@pass_context
def participants_cmd(
    ctx: Context, on: datetime | None, status: str | None, kind: str | None
) -> None:
    """The register of Participants, applicants and Observers on a date."""
    rows = participants.list_entities(engine=ctx.engine, on=ctx.on(on), status=status, kind=kind)
    emit(
        ctx,
        [{k: v for k, v in _plain(r).items() if k != "history"} for r in rows],
        ["name", "kind", "status", "since", "stage", "blocked_reason"],
    )


@cli.group()
def participant() -> None:
    """Show, add or change the status of a Participant, applicant or Observer."""


@participant.command(name="show")
@click.argument("name")
@click.option("--on", type=DATE)
@pass_context
def participant_show(ctx: Context, name: str, on: datetime | None) -> None:
    emit(ctx, participants.get_entity(engine=ctx.engine, name=name, on=ctx.on(on)))


def status_event_options(command: F) -> F:
    """The options of a dated status event, shared by `participant add` and `participant status`."""
    for option in reversed(
        [
            click.option("--on", type=DATE, help="effective date (default: today)"),
            click.option("--stage", help="applicants: " + ", ".join(labels.STAGE)),
            click.option("--blocked-reason"),
            click.option("--decision", help="reference of the decision behind the change"),
            click.option("--note", default=""),
        ]
    ):
        command = option(command)
    return cast(F, pass_context(command))


@participant.command(name="add")
@click.argument("name")
@click.option("--kind", required=True)
@click.option("--status", required=True)
@status_event_options
def participant_add(
    ctx: Context,
    name: str,
    kind: str,
    status: str,
    on: datetime | None,
    stage: str | None,
    blocked_reason: str | None,
    decision: str | None,
    note: str,
) -> None:
    emit(
        ctx,
        participants.register_entity(
            engine=ctx.engine,
            actor=ctx.actor,
            name=name,
            kind=kind,
            status=status,
            on=ctx.when(on),
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            note=note,
        ),
    )


@participant.command(name="status")
@click.argument("name")
@click.argument("status")
@status_event_options
def participant_status(
    ctx: Context,
    name: str,
    status: str,
    on: datetime | None,
    stage: str | None,
    blocked_reason: str | None,
    decision: str | None,
    note: str,
) -> None:
    """Record a change of status (or an applicant's stage or block) on a date."""
    emit(
        ctx,
        participants.change_status(
            engine=ctx.engine,
            actor=ctx.actor,
            name=name,
            status=status,
            on=ctx.when(on),
            stage=stage,
            blocked_reason=blocked_reason,
            decision=decision,
            note=note,
        ),
    )


@cli.command(name="decisions")
@click.option("--meeting")
@click.option(
    "--status",
    help="pending, not_adopted, adopted_ad_referendum, awaiting_formal_adoption, formally_adopted",
)
@click.option("--procedure", help="plenary, ad_referendum, written_procedure")
@click.option("--language", help="only decisions available in this language")
@click.option("--search", help="free text in reference, title or text")
@pass_context
def decisions_cmd(
    ctx: Context,
    meeting: str | None,
    status: str | None,
    procedure: str | None,
    language: str | None,
    search: str | None,
) -> None:
    """The decision register as of --as-of."""
    emit(
        ctx,
        decisions.list_decisions(
            engine=ctx.engine,
            on=ctx.as_of,
            meeting=meeting,
            status=status,
            procedure=procedure,
            language=language,
            text=search,
        ),
        [
            "reference",
            "procedure",
            "status",
            "adopted_on",
            "formally_adopted_on",
            "languages_available",
            "title",
        ],
    )


@cli.group()
def decision() -> None:
    """Show or record a decision; resolve its open points or confirm it."""


@decision.command(name="show")
@click.argument("reference")
@pass_context
def decision_show(ctx: Context, reference: str) -> None:
    emit(ctx, decisions.get_decision(engine=ctx.engine, reference=reference, on=ctx.as_of))


@decision.command(name="add")
@click.argument("reference")
@click.option("--title", required=True)
@click.option("--kind", required=True)
@click.option("--procedure", type=click.Choice(["plenary", "ad_referendum"]), required=True)
@click.option("--adopted-on", type=DATE, required=True)
@click.option("--meeting")
@click.option("--working-group")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--open-point", "open_points", multiple=True, metavar="KEY=DESCRIPTION")
@pass_context
def decision_add(
    ctx: Context,
    reference: str,
    title: str,
    kind: str,
    procedure: str,
    adopted_on: datetime,
    meeting: str | None,
    working_group: str | None,
    text: str | None,
    text_file: Path | None,
    open_points: tuple[str, ...],
) -> None:
    """Record a decision adopted in Plenary or ad referendum."""
    points = []
    for item in open_points:
        key, sep, description = item.partition("=")
        if not sep:
            raise click.BadParameter("use KEY=DESCRIPTION", param_hint="--open-point")
        points.append((key, description))
    emit(
        ctx,
        decisions.record_decision(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            title=title,
            kind=kind,
            procedure=procedure,
            adopted_on=adopted_on.date(),
            text=_text(text, text_file) or "",
            meeting=meeting,
            working_group=working_group,
            open_points=points,
        ),
    )


@decision.command(name="resolve")
@click.argument("reference")
@click.argument("key")
@click.option("--by", "by_decision", required=True, help="reference of the resolving decision")
@click.option("--on", type=DATE)
@pass_context
def decision_resolve(
    ctx: Context, reference: str, key: str, by_decision: str, on: datetime | None
) -> None:
    """Resolve an open point of an ad referendum decision."""
    emit(
        ctx,
        decisions.resolve_open_point(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            key=key,
            resolved_on=ctx.when(on),
            by_decision=by_decision,
        ),
    )


@decision.command(name="confirm")
@click.argument("reference")
@click.option("--by", "by_decision", required=True)
@click.option("--on", type=DATE)
@pass_context
def decision_confirm(ctx: Context, reference: str, by_decision: str, on: datetime | None) -> None:
    """Confirm an ad referendum decision as a whole by a later decision."""
    emit(
        ctx,
        decisions.confirm_decision(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            confirmed_on=ctx.when(on),
            by_decision=by_decision,
        ),
    )


@cli.command(name="deadlines")
@click.option("--on", type=DATE)
@click.option("--state", help="open, met, overdue, closed")
@pass_context
def deadlines_cmd(ctx: Context, on: datetime | None, state: str | None) -> None:
    """Deadlines set by decisions and whether they are met, open or overdue on a date."""
    emit(
        ctx,
        deadlines.list_deadlines(engine=ctx.engine, on=ctx.on(on), state=state),
        ["due_on", "state", "decision", "responsible", "title"],
    )


@cli.command(name="meetings")
@pass_context
def meetings_cmd(ctx: Context) -> None:
    """Meetings held by --as-of."""
    emit(
        ctx,
        meetings.list_meetings(engine=ctx.engine, on=ctx.as_of),
        ["code", "kind", "starts_on", "ends_on", "place", "communique"],
    )


@cli.group()
def meeting() -> None:
    """Show or record a meeting."""


@meeting.command(name="show")
@click.argument("code")
@pass_context
def meeting_show(ctx: Context, code: str) -> None:
    emit(ctx, meetings.get_meeting(engine=ctx.engine, code=code, on=ctx.as_of))


@meeting.command(name="add")
@click.argument("code")
@click.option("--title", required=True)
@click.option("--place", required=True)
@click.option("--starts-on", type=DATE, required=True)
@click.option("--ends-on", type=DATE, required=True)
@click.option("--kind", default="plenary")
@click.option("--host", default="")
@click.option("--chair", default="")
@pass_context
def meeting_add(
    ctx: Context,
    code: str,
    title: str,
    place: str,
    starts_on: datetime,
    ends_on: datetime,
    kind: str,
    host: str,
    chair: str,
) -> None:
    emit(
        ctx,
        meetings.record_meeting(
            engine=ctx.engine,
            actor=ctx.actor,
            code=code,
            title=title,
            place=place,
            starts_on=starts_on.date(),
            ends_on=ends_on.date(),
            kind=kind,
            host=host,
            chair=chair,
        ),
    )


@cli.command(name="communique")
@click.argument("code")
@click.option("--language", default=None, help="print this language's text")
@pass_context
def communique_cmd(ctx: Context, code: str, language: str | None) -> None:
    """A communiqué's language versions as of --as-of (or one language's text)."""
    view = meetings.get_communique(engine=ctx.engine, code=code, on=ctx.as_of)
    if language is None:
        emit(
            ctx,
            [
                {k: v for k, v in _plain(x).items() if k not in ("text", "steps")}
                for x in view.versions
            ],
            ["language", "state", "available_on"],
        )
        return
    version = next((v for v in view.versions if v.language == language), None)
    if version is None:
        raise PlenaryErrorForCli(f"Unknown language {language!r}.")
    emit(ctx, version)


@cli.group()
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
            text=_text(text, text_file),
            note=note,
        ),
        ["language", "state", "available_on"],
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


@cli.group()
def procedure() -> None:
    """Written procedures: circulate, reply, show."""


@procedure.command(name="circulate")
@click.argument("reference")
@click.option("--title", required=True)
@click.option("--kind", default="other")
@click.option("--text")
@click.option("--text-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--circulated-on", type=DATE)
@click.option("--deadline", type=DATE, required=True)
@click.option("--working-group")
@pass_context
def procedure_circulate(
    ctx: Context,
    reference: str,
    title: str,
    kind: str,
    text: str | None,
    text_file: Path | None,
    circulated_on: datetime | None,
    deadline: datetime,
    working_group: str | None,
) -> None:
    """Circulate a proposal for decision by written procedure."""
    emit(
        ctx,
        procedures.circulate(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            title=title,
            kind=kind,
            text=_text(text, text_file) or "",
            circulated_on=ctx.on(circulated_on),
            deadline=deadline.date(),
            working_group=working_group,
        ),
    )


@procedure.command(name="reply")
@click.argument("reference")
@click.argument("participant_name", metavar="PARTICIPANT")
@click.argument("kind", type=click.Choice(["support", "objection"]))
@click.option(
    "--on",
    type=DATE,
    help="date the reply was received, if before today (secretariat only, with --note)",
)
@click.option("--note", default="", help="how a reply received earlier arrived")
@pass_context
def procedure_reply(
    ctx: Context,
    reference: str,
    participant_name: str,
    kind: str,
    on: datetime | None,
    note: str,
) -> None:
    """Record a Participant's reply to a written procedure, received today."""
    emit(
        ctx,
        procedures.record_reply(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            participant=participant_name,
            kind=kind,
            received_on=on.date() if on else None,
            note=note,
        ),
    )


@procedure.command(name="show")
@click.argument("reference")
@pass_context
def procedure_show(ctx: Context, reference: str) -> None:
    """A written procedure's outcome as of --as-of."""
    emit(ctx, procedures.get_procedure(engine=ctx.engine, reference=reference, on=ctx.as_of))


@cli.command(name="procedures")
@click.option("--open", "open_only", is_flag=True, help="only those still pending")
@pass_context
def procedures_cmd(ctx: Context, open_only: bool) -> None:
    """Written procedures circulated by --as-of and their outcome then."""
    emit(
        ctx,
        procedures.list_procedures(engine=ctx.engine, on=ctx.as_of, open_only=open_only),
        ["reference", "circulated_on", "deadline", "outcome", "supports", "objections", "title"],
    )


@cli.group()
def office() -> None:
    """Chair and Vice Chair terms: selections and authorized departures from the rule."""


@office.command(name="vice-chair")
@click.argument("holder")
@click.option("--year", type=int, required=True)
@click.option("--decision", required=True, help="reference of the selecting decision")
@pass_context
def office_vice_chair(ctx: Context, holder: str, year: int, decision: str) -> None:
    """Record the Plenary's selection of the Vice Chair for a year."""
    emit(
        ctx,
        offices.select_vice_chair(
            engine=ctx.engine, actor=ctx.actor, holder=holder, year=year, decision=decision
        ),
    )


@office.command(name="term")
@click.argument("office_name", metavar="OFFICE", type=click.Choice(["chair", "vice_chair"]))
@click.argument("holder")
@click.option("--starts-on", type=DATE, required=True)
@click.option("--ends-on", type=DATE)
@click.option("--decision")
@click.option("--departure", is_flag=True, help="the term departs from the rotation rule")
@click.option("--note", default="")
@pass_context
def office_term(
    ctx: Context,
    office_name: str,
    holder: str,
    starts_on: datetime,
    ends_on: datetime | None,
    decision: str | None,
    departure: bool,
    note: str,
) -> None:
    """Record a term; a departure from the rule needs --departure and --decision."""
    emit(
        ctx,
        offices.record_term(
            engine=ctx.engine,
            actor=ctx.actor,
            office=office_name,
            holder=holder,
            starts_on=starts_on.date(),
            ends_on=ends_on.date() if ends_on else None,
            decision=decision,
            departure=departure,
            note=note,
        ),
    )


@cli.command(name="groups")
@pass_context
def groups_cmd(ctx: Context) -> None:
    """Working groups and committees as of --as-of, with the decisions they prepared."""
    emit(
        ctx,
        bodies.list_working_groups(engine=ctx.engine, on=ctx.as_of),
        ["code", "kind", "established_on", "name", "decisions"],
    )


@cli.command(name="missions")
@pass_context
def missions_cmd(ctx: Context) -> None:
    """Review missions and visits begun by --as-of."""
    emit(
        ctx,
        bodies.list_review_missions(engine=ctx.engine, on=ctx.as_of),
        ["kind", "target", "starts_on", "ends_on", "decision", "report_considered_at"],
    )


@cli.group()
def user() -> None:
    """Accounts: add, change a password, disable, enable, change a role, list. The first admin
    needs no --as."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@user.command(name="add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "secretariat", "delegate"]), required=True)
@click.option("--participant", help="the Participant a delegate acts for")
@click.option("--email", help="e-mail known to the identity provider (OIDC sign-in)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@pass_context
def user_add(
    ctx: Context,
    username: str,
    role: str,
    participant: str | None,
    email: str | None,
    password_stdin: bool,
) -> None:
    """Create an account (the first admin: run without --as, on the server)."""
    engine = ctx.engine
    actor = ctx.actor
    if actor is ANONYMOUS and role == "admin" and not accounts.has_admin(engine=engine):
        actor = dataclasses.replace(SYSTEM, origin=origin())
    created = accounts.add_user(
        engine=engine,
        actor=actor,
        username=username,
        role=role,
        password=_password(password_stdin),
        email=email,
        participant=participant,
    )
    emit(ctx, created)


@user.command(name="passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True)
@pass_context
def user_passwd(ctx: Context, username: str, password_stdin: bool) -> None:
    """Set a password (an admin for anyone, a user for themselves)."""
    accounts.set_password(
        engine=ctx.engine, actor=ctx.actor, username=username, password=_password(password_stdin)
    )
    emit(ctx, {"user": username, "password": "changed"})


@user.command(name="disable")
@click.argument("username")
@pass_context
def user_disable(ctx: Context, username: str) -> None:
    """Disable an account: it can no longer sign in and its open sessions end (not your own,
    nor the last enabled admin)."""
    name = accounts.disable_user(engine=ctx.engine, actor=ctx.actor, username=username)
    emit(ctx, {"user": name, "disabled": True})


@user.command(name="enable")
@click.argument("username")
@pass_context
def user_enable(ctx: Context, username: str) -> None:
    """Enable a disabled account again (with the password it had)."""
    name = accounts.enable_user(engine=ctx.engine, actor=ctx.actor, username=username)
    emit(ctx, {"user": name, "disabled": False})


@user.command(name="role")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "secretariat", "delegate"]))
@click.option("--participant", help="the Participant a delegate acts for")
@pass_context
def user_role(ctx: Context, username: str, role: str, participant: str | None) -> None:
    """Give an account another role; its open sessions end (the last enabled admin stays)."""
    changed = accounts.set_role(
        engine=ctx.engine, actor=ctx.actor, username=username, role=role, participant=participant
    )
    emit(ctx, changed)


@user.command(name="list")
@pass_context
def user_list(ctx: Context) -> None:
    rows = accounts.list_users(engine=ctx.engine, actor=ctx.actor)
    emit(ctx, [{"user": u, "role": r, "participant": p, "disabled": d} for u, r, p, d in rows])


@cli.group(name="audit")
def audit_group() -> None:
    """The audit trail: verify the hash chain, show a record's history."""


def _head(_ctx: click.Context, _param: click.Parameter, value: str | None) -> audit.Head | None:
    return audit.parse_head(value) if value is not None else None


@audit_group.command(name="verify")
@click.option(
    "--head",
    "pinned",
    callback=_head,
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
@click.argument("table")
@click.argument("key")
@pass_context
def audit_history(ctx: Context, table: str, key: str) -> None:
    """Every change of one row (e.g. `decision 3`), with who made it and from where."""
    emit(
        ctx,
        audits.history(engine=ctx.engine, table=table, key=key),
        ["seq", "at", "actor", "origin", "action", "operation", "before", "after"],
    )


@cli.command(name="backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def backup_cmd(ctx: Context, file: Path) -> None:
    """Write the whole database (audit trail and accounts included) to FILE as checksummed JSON.

    FILE holds the accounts' password hashes: keep it as safe as the database. It is written
    readable by its owner only, and replaced atomically.
    """
    emit(ctx, backup.backup(engine=ctx.engine, path=file))


@cli.command(name="restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--head",
    "pinned",
    callback=_head,
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
    engine = ctx.engine
    actor = ctx.actor
    if not ctx.username and not backup.has_accounts(engine=engine):
        actor = dataclasses.replace(SYSTEM, origin=origin())
    emit(ctx, backup.restore(engine=engine, actor=actor, path=file, head=pinned))


class PlenaryErrorForCli(click.ClickException):
    exit_code = 2


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
        _fail(error.message, 2)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if error.exit_code == 1 else error.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 1)
    except DBAPIError as error:  # the database cannot be reached, opened or read
        _fail(DatabaseUnavailableError(reason=_first_line(error)).message, 2)
    except OSError as error:  # a file or folder the command was given
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}; nothing was stored.", 2)
    except Exception as error:
        try:
            log = str(incidents.written(error, "plenary " + " ".join(map(printable, args))))
        except OSError:
            log = "(no log could be written)"
        _fail(f"unexpected failure ({type(error).__name__}); details in {log}", 1)


def _first_line(error: DBAPIError) -> str:
    return (str(error.orig).strip().splitlines() or ["?"])[0]


if __name__ == "__main__":
    main()
