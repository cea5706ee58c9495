"""Open data: the record as CSV or JSON files, and those files imported into an empty database.

The export (:func:`export`) reads every table once (a bounded number of statements) in one
transaction and returns file name → bytes (:mod:`governance.open_data_format` writes them). Rows
are ordered by their public keys in Python (code-point order), not by the database's collation,
so SQLite and PostgreSQL give the same bytes, and rows that tie keep the order they were stored
in — which the import keeps, so export → import → export gives the same files.

The import (:func:`check`, then :func:`import_files`) reads every file and checks every row first
(types, required values, known codes, duplicate keys, references between files, what the
database can store) and reports each problem by file, row and field; only when there is none
does it store everything in one audited transaction (:func:`governance.db.writing`, action
``import_open_data``): every row is on the audit trail and the decisions' periods are computed
from the stored facts before the commit (``services.decision_periods``). It refuses a database
that holds any part of a record (it does not merge). The rules that apply when a fact is first
recorded (rotation, status transitions, replies within the period …) are not applied again: the
files carry facts already recorded under them, as a backup does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from governance import db, storable, textnorm
from governance import open_data_format as fmt
from governance.models import (
    AuditEntry,
    Body,
    Communique,
    Decision,
    DecisionPeriod,
    Entity,
    EntityRename,
    Instrument,
    InstrumentLink,
    Meeting,
    Obligation,
    OfficeTerm,
    OpenPoint,
    ProcedureReply,
    Rendering,
    ReportedFigure,
    ReviewMission,
    StatusEvent,
    TextVersion,
    User,
    VersionStep,
    WorkingGroup,
    WrittenProcedure,
)
from governance.rules import translation
from governance.rules.decision_status import DecisionKind, Procedure
from governance.rules.errors import (
    NotFoundError,
    NumberOutOfRangeError,
    OpenDataDuplicateRowError,
    OpenDataInvalidError,
    OpenDataMissingFileError,
    OpenDataMixedFormatsError,
    OpenDataNoFilesError,
    OpenDataNotEmptyError,
    OpenDataProblemError,
    OpenDataShapeError,
    OpenDataUnknownReferenceError,
    PlenaryError,
    UnknownValueError,
)
from governance.rules.obligations import ObligationKind
from governance.rules.participation import EntityKind, Stage, Status
from governance.rules.permissions import Action, Actor
from governance.rules.rotation import Office
from governance.rules.translation import VersionState
from governance.rules.written_procedure import ReplyKind
from governance.services import lookup
from governance.settings import get_settings

Rows = dict[str, list[dict[str, Any]]]
Progress = Callable[[float, str], None]

RECORD_MODELS: tuple[type[SQLModel], ...] = (
    Body, WorkingGroup, Entity, Meeting, Communique, Decision, Instrument, OfficeTerm,
    StatusEvent, TextVersion, ReviewMission,
)  # fmt: skip
"""A database holding a row of any of these holds (part of) a record: an import is refused."""

MODEL_OF: dict[str, type[SQLModel]] = {
    "body": Body, "working_groups": WorkingGroup, "participants": Entity,
    "participant_names": EntityRename, "participant_statuses": StatusEvent, "meetings": Meeting,
    "meeting_figures": ReportedFigure, "communiques": Communique, "decisions": Decision,
    "open_points": OpenPoint, "obligations": Obligation, "written_procedures": WrittenProcedure,
    "procedure_replies": ProcedureReply, "text_versions": TextVersion,
    "version_steps": VersionStep, "office_terms": OfficeTerm, "instruments": Instrument,
    "instrument_links": InstrumentLink, "review_missions": ReviewMission,
    "renderings": Rendering,
}  # fmt: skip
"""The table each file is stored in (a column named like a table column is checked as it)."""


def _k(value: str) -> str:
    return textnorm.key(value)


def _id(obj: Any) -> int:
    """A flushed row's id."""
    assert obj.id is not None
    return int(obj.id)


# --- export ----------------------------------------------------------------------------------


def collect(session: Session) -> tuple[tuple[fmt.Table, ...], Rows, str]:
    """Every table's rows as plain values, in the files' order; the tables and the body's name."""
    body = session.exec(select(Body)).first()
    if body is None:
        raise NotFoundError(what="body", name="(database not initialised: run `plenary init`)")
    languages = tuple(body.official_languages.split(","))
    order = {language: i for i, language in enumerate(languages)}
    tables = fmt.tables(languages)

    def all_of(model: type[SQLModel]) -> list[Any]:
        return list(session.exec(select(model).order_by(col(model.id))).all())  # type: ignore[attr-defined]

    entity_rows = all_of(Entity)
    entities = {e.id: e.name for e in entity_rows}
    meeting_rows = all_of(Meeting)
    meetings = {m.id: m.code for m in meeting_rows}
    communique_rows = all_of(Communique)
    communiques = {c.id: c.code for c in communique_rows}
    decision_rows = all_of(Decision)
    refs = {d.id: d.reference for d in decision_rows}
    groups_rows = all_of(WorkingGroup)
    groups = {g.id: g.code for g in groups_rows}
    status_rows = all_of(StatusEvent)
    statuses = {s.id: s for s in status_rows}
    instrument_rows = all_of(Instrument)
    instruments = {i.id: i.reference for i in instrument_rows}
    version_rows = all_of(TextVersion)
    versions = {v.id: v for v in version_rows}
    step_rows = all_of(VersionStep)
    procedure_rows = all_of(WrittenProcedure)

    def ref(value: int | None) -> str:
        return refs[value] if value is not None else ""

    def owner(version: TextVersion) -> tuple[str, str]:
        if version.decision_id is not None:
            return "decision", refs[version.decision_id]
        assert version.communique_id is not None
        return "communique", communiques[version.communique_id]

    rows: Rows = {}
    rows["body"] = [
        {
            "code": body.code,
            "name": body.name,
            "official_languages": body.official_languages,
            "source_language": body.source_language,
            "term_months": body.term_months,
            "term_starts": f"{body.term_start_month:02d}-{body.term_start_day:02d}",
            "rotation_rule": body.rotation_rule,
            "rule_text": body.rule_text,
            "rule_effective_from": body.rule_effective_from,
            "rule_source": body.rule_source,
            "record_title": body.record_title,
            "record_file": body.record_file,
        }
    ]
    rows["working_groups"] = sorted(
        (
            _plain(g, ("code", "name", "kind", "established_on", "note", "source"))
            for g in groups_rows
        ),
        key=lambda r: r["code"],
    )
    rows["participants"] = sorted(
        (_plain(e, ("name", "kind", "note", "source")) for e in entity_rows),
        key=lambda r: r["name"],
    )
    rows["participant_names"] = sorted(
        (
            {
                "participant": entities[r.entity_id],
                **_plain(r, ("renamed_on", "former_name")),
                "decision": ref(r.decision_id),
                **_plain(r, ("note", "source")),
            }
            for r in all_of(EntityRename)
        ),
        key=lambda r: (r["participant"], r["renamed_on"]),
    )
    rows["participant_statuses"] = _sorted(
        (
            (entities[s.entity_id], s.effective_on),
            {
                "participant": entities[s.entity_id],
                **_plain(s, ("effective_on", "status", "stage", "blocked_reason")),
                "decision": ref(s.decision_id),
                **_plain(s, ("note", "source")),
            },
        )
        for s in status_rows
    )
    rows["meetings"] = sorted(
        (
            _plain(
                m,
                (
                    "code",
                    "kind",
                    "title",
                    "place",
                    "starts_on",
                    "ends_on",
                    "host",
                    "chair",
                    "source",
                    "note",
                ),
            )
            for m in meeting_rows
        ),
        key=lambda r: (r["starts_on"], r["code"]),
    )
    rows["meeting_figures"] = sorted(
        (
            {"meeting": meetings[f.meeting_id], **_plain(f, ("key", "value", "label", "source"))}
            for f in all_of(ReportedFigure)
        ),
        key=lambda r: (r["meeting"], r["key"]),
    )
    rows["communiques"] = sorted(
        (
            {
                "code": c.code,
                "meeting": meetings[c.meeting_id],
                **_plain(c, ("title", "issued_on", "note", "source")),
            }
            for c in communique_rows
        ),
        key=lambda r: (r["issued_on"], r["code"]),
    )
    steps_of: dict[int, list[translation.VersionStep]] = defaultdict(list)
    for step in step_rows:
        version = versions[step.version_id]
        if version.decision_id is not None:
            steps_of[version.decision_id].append(
                translation.VersionStep(version.language, VersionState(step.state), step.taken_on)
            )
    last_period = {
        p.decision_id: p
        for p in session.exec(
            select(DecisionPeriod).where(col(DecisionPeriod.ends_on).is_(None))
        ).all()
    }
    latest = get_settings().latest_date
    decision_list = []
    for d in decision_rows:
        period = last_period.get(d.id)
        row = {
            "reference": d.reference,
            "title": d.title,
            "kind": d.kind,
            "procedure": d.procedure,
            "meeting": meetings[d.meeting_id] if d.meeting_id is not None else "",
            "working_group": groups[d.working_group_id] if d.working_group_id is not None else "",
            "communique": communiques[d.communique_id] if d.communique_id is not None else "",
            "adopted_on": d.adopted_on,
            "confirmed_on": d.confirmed_on,
            "confirmed_by": ref(d.confirmed_by_id),
            "source": d.source,
            "note": d.note,
            "status": period.status if period else "",
            "formally_adopted_on": period.formally_adopted_on if period else None,
        }
        steps = steps_of.get(d.id or 0, [])
        for language in languages:
            state = translation.state_on(steps, language, latest)
            row[f"state_{language}"] = state.value
            row[f"available_on_{language}"] = translation.available_on(steps, language, latest)
        decision_list.append(row)
    rows["decisions"] = sorted(decision_list, key=lambda r: r["reference"])
    rows["open_points"] = sorted(
        (
            {
                "decision": refs[p.decision_id],
                **_plain(p, ("key", "description", "resolved_on")),
                "resolved_by": ref(p.resolved_by_id),
                "source": p.source,
            }
            for p in all_of(OpenPoint)
        ),
        key=lambda r: (r["decision"], r["key"]),
    )
    rows["obligations"] = _sorted(
        (
            (r["decision"], r["due_on"], r["title"]),
            r,
        )
        for r in (
            {
                "decision": refs[o.decision_id],
                **_plain(
                    o,
                    ("title", "kind", "due_on", "responsible", "met_on", "met_source", "source"),
                ),
            }
            for o in all_of(Obligation)
        )
    )
    procedure_ref = {p.id: refs[p.decision_id] for p in procedure_rows}
    rows["written_procedures"] = sorted(
        (
            {
                "decision": refs[p.decision_id],
                **_plain(
                    p,
                    (
                        "circulated_on",
                        "deadline",
                        "reported_supports",
                        "reported_objections",
                        "note",
                        "source",
                    ),
                ),
            }
            for p in procedure_rows
        ),
        key=lambda r: r["decision"],
    )
    rows["procedure_replies"] = sorted(
        (
            {
                "decision": procedure_ref[r.procedure_id],
                "participant": entities[r.entity_id],
                **_plain(r, ("kind", "received_on", "note")),
            }
            for r in all_of(ProcedureReply)
        ),
        key=lambda r: (r["decision"], r["participant"]),
    )

    def version_key(version: TextVersion) -> tuple[str, str, int, str]:
        kind, name = owner(version)
        return kind, name, order.get(version.language, len(order)), version.language

    rows["text_versions"] = [
        {
            "owner_kind": owner(v)[0],
            "owner": owner(v)[1],
            "language": v.language,
            "title": v.title,
            "text": v.text,
        }
        for v in sorted(version_rows, key=version_key)
    ]
    rows["version_steps"] = _sorted(
        (
            (*version_key(versions[s.version_id]), s.taken_on),
            {
                "owner_kind": owner(versions[s.version_id])[0],
                "owner": owner(versions[s.version_id])[1],
                "language": versions[s.version_id].language,
                **_plain(s, ("state", "taken_on", "text", "note")),
            },
        )
        for s in step_rows
    )
    rows["office_terms"] = _sorted(
        (
            (t.starts_on, t.office, entities[t.entity_id]),
            {
                "office": t.office,
                "participant": entities[t.entity_id],
                **_plain(t, ("starts_on", "ends_on")),
                "decision": ref(t.decision_id),
                **_plain(t, ("departure", "note", "source")),
            },
        )
        for t in all_of(OfficeTerm)
    )
    rows["instruments"] = sorted(
        (
            _plain(
                i,
                (
                    "reference",
                    "body",
                    "kind",
                    "adopted_on",
                    "title",
                    "paragraph",
                    "url",
                    "note",
                    "source",
                ),
            )
            for i in instrument_rows
        ),
        key=lambda r: (r["adopted_on"], r["reference"]),
    )
    link_rows = []
    for link in all_of(InstrumentLink):
        event = statuses.get(link.status_event_id) if link.status_event_id else None
        entity_id = (
            link.entity_id if link.entity_id is not None else (event.entity_id if event else None)
        )
        row = {
            "instrument": instruments[link.instrument_id],
            "decision": ref(link.decision_id),
            "participant": entities[entity_id] if entity_id is not None else "",
            "status_on": event.effective_on if event else None,
            "note": link.note,
            "source": link.source,
        }
        link_rows.append(
            ((row["instrument"], row["decision"], row["participant"], str(row["status_on"])), row)
        )
    rows["instrument_links"] = _sorted(link_rows)
    rows["review_missions"] = _sorted(
        (
            (m.starts_on, entities[m.target_id]),
            {
                "kind": m.kind,
                "target": entities[m.target_id],
                "decision": ref(m.decision_id),
                **_plain(m, ("starts_on", "ends_on", "composition")),
                "report_meeting": meetings[m.report_meeting_id]
                if m.report_meeting_id is not None
                else "",
                **_plain(m, ("finding", "source")),
            },
        )
        for m in all_of(ReviewMission)
    )
    rows["renderings"] = _renderings(session, rows, body, meeting_rows, refs, order)
    return tables, rows, body.name


RENDERED_TABLES = {
    "body": "body", "meeting": "meetings", "reportedfigure": "meeting_figures",
    "obligation": "obligations",
}  # fmt: skip
"""Table a rendering names (``Rendering.record``) → the open-data file of its row."""


def _renderings(
    session: Session, rows: Rows, body: Body, meeting_rows: list[Any], refs: dict[Any, str],
    order: dict[str, int],
) -> list[dict[str, Any]]:  # fmt: skip
    """Every rendering, naming its row by the row's key in its file (not its id)."""
    meetings = {m.id: m.code for m in meeting_rows}
    keys: dict[tuple[str, int], str] = {
        ("body", _id(body)): fmt.row_key("body", {"code": body.code})
    }
    keys |= {("meeting", _id(m)): fmt.row_key("meetings", {"code": m.code}) for m in meeting_rows}
    for figure in session.exec(select(ReportedFigure)).all():
        row = {"meeting": meetings[figure.meeting_id], "key": figure.key}
        keys[("reportedfigure", _id(figure))] = fmt.row_key("meeting_figures", row)
    for obligation in session.exec(select(Obligation).order_by(col(Obligation.id))).all():
        row = {"decision": refs[obligation.decision_id], "due_on": obligation.due_on,
               "title": obligation.title}  # fmt: skip
        keys[("obligation", _id(obligation))] = fmt.row_key("obligations", row)
    found = []
    for r in session.exec(select(Rendering)).all():
        key = keys.get((r.record, r.record_id))
        if key is None or r.record not in RENDERED_TABLES:
            continue  # a rendering of a row that is gone, or of a table open data lacks
        found.append(
            (
                (RENDERED_TABLES[r.record], key, r.field, order.get(r.language, 99), r.language),
                {"file": RENDERED_TABLES[r.record], "row_key": key, "field": r.field,
                 "language": r.language, "text": r.text},
            )
        )  # fmt: skip
    return _sorted(found)


def _plain(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _sorted(keyed: Iterable[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows by their key; rows with one key keep the order they came in (stored order)."""
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def export(*, engine: Engine, format: fmt.Format) -> dict[str, bytes]:
    """The whole record as open-data files (file name → bytes), one consistent read."""
    with db.transaction(engine) as session:
        if engine.dialect.name == "postgresql":  # every table read in one snapshot
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        tables, rows, name = collect(session)
    return fmt.write(tables, rows, format, name)


def export_zip(*, engine: Engine, format: fmt.Format) -> bytes:
    """The open-data files in one zip (the pages' download)."""
    return fmt.zipped(export(engine=engine, format=format))


# --- import: checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class FileSummary:
    file: str
    rows: int
    first: tuple[dict[str, Any], ...]
    """The first rows as they will be stored (plain values)."""


@dataclass(frozen=True)
class Checked:
    """What an import would store, or why it cannot."""

    format: str
    files: tuple[FileSummary, ...]
    problems: tuple[OpenDataProblemError, ...]
    not_empty: str | None
    """The table that makes the database not empty (None: it is empty, or was not asked)."""
    rows: Rows
    replaces_embedded: bool = False
    """The database holds the embedded record only, untouched: the import replaces it."""

    @property
    def ok(self) -> bool:
        return not self.problems and self.not_empty is None


PREVIEW_ROWS = 5


def _problem(file: str, row: int, field: str, error: PlenaryError) -> OpenDataProblemError:
    return OpenDataProblemError(file=file, row=row, field=fmt.ColumnName(field), problem=error)


@dataclass
class _Read:
    """The typed rows of every file, the rows that had a problem (as read), the files that
    could not be read at all, and every problem."""

    kind: fmt.Format
    tables: tuple[fmt.Table, ...]
    rows: Rows
    broken: dict[str, list[dict[str, str]]]
    unreadable: set[str]
    problems: list[OpenDataProblemError]


def parse(files: Mapping[str, bytes], where: str) -> _Read:
    """Read the files (format detected from their names) into typed rows, and their problems."""
    formats = fmt.format_of(files)
    if not formats:
        raise OpenDataNoFilesError(where=where)
    if len(formats) > 1:
        raise OpenDataMixedFormatsError(where=where)
    kind: fmt.Format = "csv" if "csv" in formats else "json"
    read = _Read(kind, (), {}, {}, set(), [])
    body_file = fmt.BODY.file(kind)
    languages: tuple[str, ...] = ()
    if body_file in files:
        parsed = fmt.read(fmt.BODY, kind, files[body_file])
        if parsed.rows:
            languages = tuple(
                x.strip() for x in parsed.rows[0]["official_languages"].split(",") if x.strip()
            )
    read.tables = fmt.tables(languages)
    for table in read.tables:
        name = table.file(kind)
        if name not in files:
            read.problems.append(_problem(name, fmt.HEADER_ROW, "", OpenDataMissingFileError()))
            read.rows[table.name] = []
            read.unreadable.add(table.name)
            continue
        parsed = fmt.read(table, kind, files[name])
        read.problems += [_problem(p.file, p.row, p.field, p.error) for p in parsed.problems]
        read.rows[table.name] = parsed.rows
        read.broken[table.name] = parsed.broken
        if not parsed.readable:
            read.unreadable.add(table.name)
    return read


class _Checker:
    def __init__(self, read: _Read) -> None:
        self.kind = read.kind
        self.tables = {t.name: t for t in read.tables}
        self.rows = read.rows
        self.read = read
        self.problems: list[OpenDataProblemError] = []
        self.settings = get_settings()

    def file(self, table: str) -> str:
        return f"{table}.{self.kind}"

    def add(self, table: str, row: dict[str, Any], field: str, error: PlenaryError) -> None:
        self.problems.append(_problem(self.file(table), row["_row"], field, error))

    def keys(self, table: str, field: str) -> set[str] | None:
        """The keys rows of ``table`` give in ``field`` (those of rows with a problem too);
        None when the file could not be read (what refers to it is not checked)."""
        if table in self.read.unreadable:
            return None
        broken = self.read.broken.get(table, [])
        return {_k(r[field]) for r in self.rows.get(table, [])} | {
            _k(r.get(field) or "") for r in broken
        }

    def run(self) -> list[OpenDataProblemError]:
        body = self.rows.get("body", [])
        if not body and "body" not in self.read.unreadable and not self.read.broken.get("body"):
            self.problems.append(
                _problem(
                    self.file("body"), fmt.HEADER_ROW, "", OpenDataShapeError(expected="one row")
                )
            )
        if len(body) > 1:
            for row in body[1:]:
                self.add("body", row, "code", OpenDataDuplicateRowError(value=row["code"], first=1))
        languages = (
            tuple(x.strip() for x in body[0]["official_languages"].split(","))
            if body else ()
        )  # fmt: skip
        for name, table in self.tables.items():
            if table.key:
                self.unique(name, table.key)
            self.storable(name, table)
        self.references(languages)
        self.codes(languages)
        return self.problems

    def unique(self, table: str, key: Sequence[str]) -> None:
        seen: dict[tuple[Any, ...], int] = {}
        for row in self.rows.get(table, []):
            value = tuple(_k(row[k]) if isinstance(row[k], str) else row[k] for k in key)
            if value in seen:
                shown = " / ".join(str(row[k]) for k in key)
                error = OpenDataDuplicateRowError(value=shown, first=seen[value])
                self.add(table, row, key[-1], error)
            else:
                seen[value] = row["_row"]

    def storable(self, table: str, spec: fmt.Table) -> None:
        """What the database refuses, found before anything is stored: over-long or control
        characters in a text, a date outside the range the record accepts, a number too big."""
        model_columns = MODEL_OF[table].__table__.c  # type: ignore[attr-defined]
        for row in self.rows.get(table, []):
            for column in spec.stored:
                value = row.get(column.name)
                try:
                    if isinstance(value, str) and column.name in model_columns:
                        # a column stored as it is (a reference is checked against its file)
                        length = getattr(model_columns[column.name].type, "length", None)
                        storable.check_text(
                            column.name,
                            textnorm.clean(value),
                            storable.text_limit(column.name, length, self.settings.max_text),
                            multiline=length is None,
                        )
                    elif isinstance(value, date):
                        storable.check_date(column.name, value, self.settings)
                    elif (
                        isinstance(value, int)
                        and not isinstance(value, bool)
                        and not storable.INT_LOW <= value <= storable.INT_HIGH
                    ):
                        raise NumberOutOfRangeError(
                            field=column.name, low=storable.INT_LOW, high=storable.INT_HIGH
                        )
                except PlenaryError as error:
                    self.add(table, row, column.name, error)

    def refer(self, table: str, field: str, target: str, known: set[str] | None, *,
              optional: bool = True) -> None:  # fmt: skip
        if known is None:
            return
        for row in self.rows.get(table, []):
            value = row.get(field)
            if (value or not optional) and _k(value or "") not in known:
                self.add(
                    table, row, field,
                    OpenDataUnknownReferenceError(value=value, file=self.file(target)),
                )  # fmt: skip

    def references(self, languages: Sequence[str]) -> None:
        participants = self.keys("participants", "name")
        decisions = self.keys("decisions", "reference")
        meetings = self.keys("meetings", "code")
        communiques = self.keys("communiques", "code")
        for table, field in (
            ("participant_names", "participant"), ("participant_statuses", "participant"),
            ("procedure_replies", "participant"), ("office_terms", "participant"),
            ("instrument_links", "participant"), ("review_missions", "target"),
        ):  # fmt: skip
            self.refer(table, field, "participants", participants)
        for table, field in (
            ("participant_names", "decision"), ("participant_statuses", "decision"),
            ("decisions", "confirmed_by"), ("open_points", "decision"),
            ("open_points", "resolved_by"), ("obligations", "decision"),
            ("written_procedures", "decision"), ("office_terms", "decision"),
            ("instrument_links", "decision"), ("review_missions", "decision"),
        ):  # fmt: skip
            self.refer(table, field, "decisions", decisions)
        for table, field in (
            ("meeting_figures", "meeting"), ("communiques", "meeting"),
            ("decisions", "meeting"), ("review_missions", "report_meeting"),
        ):  # fmt: skip
            self.refer(table, field, "meetings", meetings)
        self.refer("decisions", "communique", "communiques", communiques)
        self.refer("decisions", "working_group", "working_groups",
                   self.keys("working_groups", "code"))  # fmt: skip
        self.refer("instrument_links", "instrument", "instruments",
                   self.keys("instruments", "reference"))  # fmt: skip
        procedures = self.keys("written_procedures", "decision")
        self.refer("procedure_replies", "decision", "written_procedures", procedures)
        owners = {"decision": decisions or set(), "communique": communiques or set()}
        for table in ("text_versions", "version_steps"):
            for row in self.rows.get(table, []):
                kind = row["owner_kind"]
                if kind not in owners:
                    self.add(table, row, "owner_kind", _unknown("owner kind", kind, owners))
                elif (decisions if kind == "decision" else communiques) is not None and _k(
                    row["owner"]
                ) not in owners[kind]:
                    target = "decisions" if kind == "decision" else "communiques"
                    self.add(
                        table, row, "owner",
                        OpenDataUnknownReferenceError(value=row["owner"], file=self.file(target)),
                    )  # fmt: skip
        versions = {
            (r["owner_kind"], _k(r["owner"]), r["language"])
            for r in self.rows.get("text_versions", [])
        }
        for row in self.rows.get("version_steps", []):
            if "text_versions" in self.read.unreadable or self.read.broken.get("text_versions"):
                break
            if (
                row["owner_kind"] in owners
                and (row["owner_kind"], _k(row["owner"]), row["language"]) not in versions
            ):
                self.add(
                    "version_steps", row, "language",
                    OpenDataUnknownReferenceError(
                        value=f"{row['owner']} {row['language']}",
                        file=self.file("text_versions"),
                    ),
                )  # fmt: skip
        rendered = {
            (file, fmt.row_key(file, row))
            for file in fmt.RENDERED
            for row in [*self.rows.get(file, []), *self.read.broken.get(file, [])]
            if all(c in row for c in fmt.RENDERED[file])
        }
        for row in self.rows.get("renderings", []):
            if row["file"] not in fmt.RENDERED:
                self.add("renderings", row, "file", _unknown("file", row["file"], fmt.RENDERED))
            elif (row["file"], row["row_key"]) not in rendered and not (
                self.read.unreadable & {row["file"], "decisions"}
            ):
                self.add(
                    "renderings", row, "row_key",
                    OpenDataUnknownReferenceError(
                        value=row["row_key"], file=self.file(row["file"])
                    ),
                )  # fmt: skip
        events = {
            (_k(r["participant"]), r["effective_on"])
            for r in self.rows.get("participant_statuses", [])
        }
        for row in self.rows.get("instrument_links", []):
            if "participant_statuses" in self.read.unreadable or self.read.broken.get(
                "participant_statuses"
            ):
                break
            if (
                row["status_on"] is not None
                and (_k(row["participant"]), row["status_on"]) not in events
            ):
                self.add(
                    "instrument_links", row, "status_on",
                    OpenDataUnknownReferenceError(
                        value=f"{row['participant']} {row['status_on']}",
                        file=self.file("participant_statuses"),
                    ),
                )  # fmt: skip

    def codes(self, languages: Sequence[str]) -> None:
        language_set = set(languages)
        checks: tuple[tuple[str, str, str, Iterable[str]], ...] = (
            ("body", "source_language", "language", language_set),
            ("participants", "kind", "kind of entity", [e.value for e in EntityKind]),
            ("participant_statuses", "status", "status", [s.value for s in Status]),
            ("decisions", "kind", "kind of decision", [k.value for k in DecisionKind]),
            ("decisions", "procedure", "procedure", [p.value for p in Procedure]),
            ("obligations", "kind", "kind of deadline", [k.value for k in ObligationKind]),
            ("procedure_replies", "kind", "reply", [k.value for k in ReplyKind]),
            ("text_versions", "language", "language", language_set),
            ("version_steps", "language", "language", language_set),
            ("renderings", "language", "language", language_set),
            ("version_steps", "state", "state",
             [s.value for s in VersionState if s is not VersionState.MISSING]),
            ("office_terms", "office", "office", [o.value for o in Office]),
        )  # fmt: skip
        for table, field, what, allowed in checks:
            allowed_set = set(allowed)
            for row in self.rows.get(table, []):
                if row[field] not in allowed_set:
                    self.add(table, row, field, _unknown(what, row[field], allowed_set))
        stages = {s.value for s in Stage}
        for row in self.rows.get("participant_statuses", []):
            if row["stage"] is not None and row["stage"] not in stages:
                error = _unknown("stage", row["stage"], stages)
                self.add("participant_statuses", row, "stage", error)
        for row in self.rows.get("body", []):
            month, _, day = row["term_starts"].partition("-")
            try:
                date(2000, int(month), int(day))
            except ValueError:
                error = _unknown("day (MM-DD)", row["term_starts"], ())
                self.add("body", row, "term_starts", error)


def _unknown(what: str, value: Any, allowed: Iterable[str]) -> UnknownValueError:
    return UnknownValueError(what=what, value=value, allowed=", ".join(sorted(allowed)) or "—")


def _row_number(problem: OpenDataProblemError) -> tuple[str, int]:
    return str(problem.params["file"]), int(problem.params["row"])


def check(
    files: Mapping[str, bytes], *, engine: Engine | None = None, where: str = "the files"
) -> Checked:
    """Read and check the files (and, given an engine, that its database holds no record):
    what would be stored, and every problem by file, row and field. Stores nothing."""
    read = parse(files, where)
    kind, tables, rows = read.kind, read.tables, read.rows
    problems = read.problems + _Checker(read).run()
    problems.sort(key=_row_number)
    table, replaceable = _record_table(engine) if engine is not None else (None, False)
    not_empty = None if replaceable else table
    summaries = tuple(
        FileSummary(
            file=table.file(kind),
            rows=len(rows[table.name]),
            first=tuple(
                {c.name: r.get(c.name) for c in table.stored}
                for r in rows[table.name][:PREVIEW_ROWS]
            ),
        )
        for table in tables
    )
    return Checked(
        kind, summaries, tuple(problems), not_empty, rows, table is not None and replaceable
    )


def _record_table(engine: Engine) -> tuple[str | None, bool]:
    with db.transaction(engine) as session:
        return _holding(session)


EMBEDDED_ACTIONS = frozenset({"load_record"})
"""A record written by these actions only is the embedded one as ``plenary init`` (or the app's
first start) loaded it: an import replaces it."""

DELETION_ORDER: tuple[type[SQLModel], ...] = (
    Rendering, InstrumentLink, ReviewMission, OfficeTerm, VersionStep, TextVersion, ProcedureReply,
    WrittenProcedure, Obligation, OpenPoint, StatusEvent, EntityRename, Decision, Communique,
    ReportedFigure, Meeting, Entity, Instrument, WorkingGroup, Body,
)  # fmt: skip


def _holding(session: Session) -> tuple[str | None, bool]:
    """The first table holding part of a record (None: there is none), and whether that record
    is only the embedded one, untouched since it was loaded (no other write to any of its
    tables on the audit trail, no delegate account bound to one of its Participants)."""
    for model in RECORD_MODELS:
        if session.exec(select(model.id).limit(1)).first() is not None:  # type: ignore[attr-defined]
            break
    else:
        return None, False
    tables = [str(m.__tablename__) for m in DELETION_ORDER]
    actions = set(
        session.exec(
            select(AuditEntry.action).where(col(AuditEntry.table_name).in_(tables)).distinct()
        ).all()
    )
    bound = session.exec(select(User.id).where(col(User.participant_id).is_not(None))).first()
    return str(model.__tablename__), actions == EMBEDDED_ACTIONS and bound is None


def _remove_embedded(session: Session) -> None:
    """Delete the untouched embedded record (every deletion on the audit trail)."""
    for model in DELETION_ORDER:
        rows = list(session.exec(select(model)).all())
        if model is Decision:
            session.execute(delete(DecisionPeriod))
            _delete_decisions(session, rows)
            continue
        for row in rows:
            session.delete(row)
        session.flush()
    session.info.pop(lookup.BODY_CONFIG, None)


def _delete_decisions(session: Session, rows: list[Any]) -> None:
    """Decisions that confirm no remaining one go first (a decision may cite another)."""
    remaining = list(rows)
    while remaining:
        cited = {d.confirmed_by_id for d in remaining}
        first = [d for d in remaining if d.id not in cited] or remaining
        for row in first:
            session.delete(row)
        session.flush()
        gone = {id(d) for d in first}
        remaining = [d for d in remaining if id(d) not in gone]


# --- import: storing -------------------------------------------------------------------------


def import_files(
    *,
    engine: Engine,
    actor: Actor,
    files: Mapping[str, bytes],
    where: str = "the files",
    progress: Progress | None = None,
) -> Checked:
    """Check the files, then store every row in one audited transaction — or nothing:
    :class:`OpenDataInvalidError` lists every problem; :class:`OpenDataNotEmptyError` if the
    database holds a record."""
    checked = check(files, where=where)
    if checked.problems:
        raise OpenDataInvalidError(checked.problems)
    with db.writing(engine, actor, Action.IMPORT_OPEN_DATA) as session:
        holding, replaceable = _holding(session)
        if holding is not None and not replaceable:
            raise OpenDataNotEmptyError(table=holding)
        if holding is not None:
            _remove_embedded(session)
        _Store(session, checked.rows, progress or (lambda _f, _n: None), checked.format).run()
    return checked


class _Store:
    def __init__(self, session: Session, rows: Rows, progress: Progress, kind: str) -> None:
        self.file = f"decisions.{kind}"
        self.session = session
        self.rows = rows
        self.progress = progress
        self.total = sum(len(v) for v in rows.values()) or 1
        self.done = 0

    def each(self, table: str) -> list[dict[str, Any]]:
        return self.rows.get(table, [])

    def put(self, table: str, objects: Iterable[SQLModel]) -> None:
        for obj in objects:
            self.session.add(obj)
        self.session.flush()
        self.done += len(self.each(table))
        self.progress(min(self.done / self.total, 1.0), table)

    def run(self) -> None:
        body = self.each("body")[0]
        month, _, day = body["term_starts"].partition("-")
        body_row = Body(
            code=body["code"], name=body["name"],
            official_languages=",".join(x.strip() for x in body["official_languages"].split(",")),
            source_language=body["source_language"], term_months=body["term_months"],
            term_start_month=int(month), term_start_day=int(day),
            rotation_rule=body["rotation_rule"], rule_text=body["rule_text"],
            rule_effective_from=body["rule_effective_from"], rule_source=body["rule_source"],
            record_title=body["record_title"], record_file=body["record_file"],
        )  # fmt: skip
        self.put("body", [body_row])
        groups = [WorkingGroup(**_fields(r)) for r in self.each("working_groups")]
        self.put("working_groups", groups)
        group = {_k(g.code): _id(g) for g in groups}
        meetings = [Meeting(**_fields(r)) for r in self.each("meetings")]
        self.put("meetings", meetings)
        meeting = {_k(m.code): _id(m) for m in meetings}
        figures = [
            ReportedFigure(meeting_id=meeting[_k(r["meeting"])], **_fields(r, "meeting"))
            for r in self.each("meeting_figures")
        ]
        self.put("meeting_figures", figures)
        communiques = [
            Communique(meeting_id=meeting[_k(r["meeting"])], **_fields(r, "meeting"))
            for r in self.each("communiques")
        ]
        self.put("communiques", communiques)
        communique = {_k(c.code): _id(c) for c in communiques}
        entities = [Entity(**_fields(r)) for r in self.each("participants")]
        self.put("participants", entities)
        entity = {_k(e.name): _id(e) for e in entities}
        decision = self.decisions(meeting, group, communique)

        def ref(value: str) -> int | None:
            return decision[_k(value)] if value else None

        self.put("participant_names", [
            EntityRename(entity_id=entity[_k(r["participant"])], decision_id=ref(r["decision"]),
                         **_fields(r, "participant", "decision"))
            for r in self.each("participant_names")
        ])  # fmt: skip
        events = [
            StatusEvent(entity_id=entity[_k(r["participant"])], decision_id=ref(r["decision"]),
                        **_fields(r, "participant", "decision"))
            for r in self.each("participant_statuses")
        ]  # fmt: skip
        self.put("participant_statuses", events)
        event: dict[tuple[int | None, date], int] = {}
        for e in events:
            event.setdefault((e.entity_id, e.effective_on), _id(e))
        self.put("open_points", [
            OpenPoint(decision_id=decision[_k(r["decision"])], resolved_by_id=ref(r["resolved_by"]),
                      **_fields(r, "decision", "resolved_by"))
            for r in self.each("open_points")
        ])  # fmt: skip
        obligations = [
            Obligation(decision_id=decision[_k(r["decision"])], **_fields(r, "decision"))
            for r in self.each("obligations")
        ]
        self.put("obligations", obligations)
        procedures = [
            WrittenProcedure(decision_id=decision[_k(r["decision"])], **_fields(r, "decision"))
            for r in self.each("written_procedures")
        ]
        self.put("written_procedures", procedures)
        procedure = {p.decision_id: _id(p) for p in procedures}
        self.put("procedure_replies", [
            ProcedureReply(
                procedure_id=procedure[decision[_k(r["decision"])]],
                entity_id=entity[_k(r["participant"])],
                **_fields(r, "decision", "participant"),
            )
            for r in self.each("procedure_replies")
        ])  # fmt: skip

        def owner(row: dict[str, Any]) -> dict[str, int]:
            if row["owner_kind"] == "decision":
                return {"decision_id": decision[_k(row["owner"])]}
            return {"communique_id": communique[_k(row["owner"])]}

        versions = []
        for r in self.each("text_versions"):
            ids = owner(r)
            versions.append(
                TextVersion(
                    decision_id=ids.get("decision_id"),
                    communique_id=ids.get("communique_id"),
                    language=r["language"],
                    title=r["title"],
                    text=r["text"],
                )
            )
        self.put("text_versions", versions)
        version = {(v.decision_id, v.communique_id, v.language): _id(v) for v in versions}
        self.put("version_steps", [
            VersionStep(
                version_id=version[(o.get("decision_id"), o.get("communique_id"), r["language"])],
                **_fields(r, "owner_kind", "owner", "language"),
            )
            for r in self.each("version_steps")
            for o in (owner(r),)
        ])  # fmt: skip
        self.put("office_terms", [
            OfficeTerm(entity_id=entity[_k(r["participant"])], decision_id=ref(r["decision"]),
                       **_fields(r, "participant", "decision"))
            for r in self.each("office_terms")
        ])  # fmt: skip
        instruments = [Instrument(**_fields(r)) for r in self.each("instruments")]
        self.put("instruments", instruments)
        instrument = {_k(i.reference): _id(i) for i in instruments}
        links = []
        for r in self.each("instrument_links"):
            entity_id = entity[_k(r["participant"])] if r["participant"] else None
            links.append(InstrumentLink(
                instrument_id=instrument[_k(r["instrument"])], decision_id=ref(r["decision"]),
                entity_id=entity_id,
                status_event_id=event[(entity_id, r["status_on"])] if r["status_on"] else None,
                note=r["note"], source=r["source"],
            ))  # fmt: skip
        self.put("instrument_links", links)
        self.put("review_missions", [
            ReviewMission(
                target_id=entity[_k(r["target"])], decision_id=ref(r["decision"]),
                report_meeting_id=meeting[_k(r["report_meeting"])] if r["report_meeting"] else None,
                **_fields(r, "target", "decision", "report_meeting"),
            )
            for r in self.each("review_missions")
        ])  # fmt: skip
        self.put("renderings", self.renderings(_id(body_row), meetings, figures, obligations))

    def renderings(
        self, body_id: int, meetings: list[Meeting], figures: list[ReportedFigure],
        obligations: list[Obligation],
    ) -> list[Rendering]:  # fmt: skip
        # The keys are made from the file's rows, as the check made them (a reference may be
        # written in another case than the row it names), paired with what was stored for them.
        ids: dict[tuple[str, str], tuple[str, int]] = {
            ("body", fmt.row_key("body", self.each("body")[0])): ("body", body_id)
        }
        stored: tuple[tuple[str, str, Sequence[SQLModel]], ...] = (
            ("meetings", "meeting", meetings),
            ("meeting_figures", "reportedfigure", figures),
            ("obligations", "obligation", obligations),
        )
        for file, record, objects in stored:
            for row, obj in zip(self.each(file), objects, strict=True):
                ids.setdefault((file, fmt.row_key(file, row)), (record, _id(obj)))
        out = []
        for r in self.each("renderings"):
            record, record_id = ids[(r["file"], r["row_key"])]
            out.append(Rendering(record=record, record_id=record_id, field=r["field"],
                                 language=r["language"], text=r["text"]))  # fmt: skip
        return out

    def decisions(
        self, meeting: dict[str, int], group: dict[str, int], communique: dict[str, int]
    ) -> dict[str, int]:
        """Decisions stored so that one confirming another is stored first (no update)."""
        stored: dict[str, int] = {}
        pending = list(self.each("decisions"))
        while pending:
            ready = [r for r in pending if not r["confirmed_by"] or _k(r["confirmed_by"]) in stored]
            if not ready:  # a cycle of confirmations
                raise OpenDataInvalidError(tuple(
                    _problem(self.file, r["_row"], "confirmed_by",
                             OpenDataUnknownReferenceError(value=r["confirmed_by"],
                                                           file=self.file))
                    for r in pending
                ))  # fmt: skip
            rows = [
                Decision(
                    meeting_id=meeting[_k(r["meeting"])] if r["meeting"] else None,
                    working_group_id=group[_k(r["working_group"])] if r["working_group"] else None,
                    communique_id=communique[_k(r["communique"])] if r["communique"] else None,
                    confirmed_by_id=stored[_k(r["confirmed_by"])] if r["confirmed_by"] else None,
                    **_fields(r, "meeting", "working_group", "communique", "confirmed_by"),
                )
                for r in ready
            ]
            for obj in rows:
                self.session.add(obj)
            self.session.flush()
            stored.update({_k(d.reference): _id(d) for d in rows})
            done = {id(r) for r in ready}
            pending = [r for r in pending if id(r) not in done]
        self.done += len(self.each("decisions"))
        self.progress(min(self.done / self.total, 1.0), "decisions")
        return stored


def _fields(row: Mapping[str, Any], *names_out: str) -> dict[str, Any]:
    """A row's stored columns that are the model's own (references excluded)."""
    return {k: v for k, v in row.items() if k != "_row" and k not in names_out}
