"""The open-data files: their names, columns and types, and how they are written and read.

Pure format code (standard library only): no database, no Streamlit. The service
(:mod:`governance.services.open_data`) reads the record into rows of plain values and stores
rows read back; this module turns rows into CSV or JSON bytes and bytes back into typed rows,
naming every problem by file, row and field.

- one file per table (:data:`TABLES`), ``<name>.csv`` or ``<name>.json``, plus a Frictionless
  ``datapackage.json`` describing them;
- CSV: UTF-8 without a byte-order mark (one is accepted on reading), a header row, RFC 4180
  quoting, CRLF between rows, dates as ``YYYY-MM-DD``, booleans ``true``/``false``, an empty
  cell for no value;
- JSON: UTF-8, one array of objects per file whose keys are the CSV's columns, in the same order;
  dates as ``YYYY-MM-DD`` strings, ``null`` for no value, two-space indent, a final newline;
- rows are numbered from 1, the header (CSV) not counted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from governance.rules.errors import (
    OpenDataBadBooleanError,
    OpenDataBadDateError,
    OpenDataBadNumberError,
    OpenDataMissingColumnError,
    OpenDataNotJsonError,
    OpenDataNotUtf8Error,
    OpenDataShapeError,
    OpenDataUnknownColumnError,
    OpenDataValueRequiredError,
    PlenaryError,
)

Kind = Literal["text", "date", "int", "bool"]
Format = Literal["csv", "json"]
FORMATS: tuple[Format, ...] = ("csv", "json")
PACKAGE = "datapackage.json"
HEADER_ROW = 0
"""The row number a problem with the header (or the file as a whole) is reported on."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = False
    """A value must be given (a required text may not be empty)."""
    nullable: bool = False
    """No value is ``None`` (an empty CSV cell reads as ``None``, not ``""``)."""
    derived: bool = False
    """Computed from the other files when exported; ignored on import."""
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    """Columns whose values identify a row: no two rows may share them."""

    @property
    def stored(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.derived)

    def file(self, fmt: Format) -> str:
        return f"{self.name}.{fmt}"


def _t(name: str, description: str = "", **kw: Any) -> Column:
    return Column(name, "text", description=description, **kw)


def _d(name: str, description: str = "", **kw: Any) -> Column:
    return Column(name, "date", description=description, nullable=not kw.get("required"), **kw)


def _note() -> tuple[Column, ...]:
    return (_t("note"), _t("source", "where the record says it"))


BODY = Table(
    "body",
    "The body served and its parameters (one row).",
    (
        _t("code", required=True),
        _t("name", required=True),
        _t("official_languages", "comma-separated ISO 639-1 codes, in order", required=True),
        _t("source_language", required=True),
        Column("term_months", "int", required=True),
        _t("term_starts", "MM-DD", required=True),
        _t("rotation_rule", required=True),
        _t("rule_text", required=True),
        _d("rule_effective_from"),
        _t("rule_source"),
        _t("record_title"),
        _t("record_file"),
    ),
    ("code",),
)

TABLES_FIXED: tuple[Table, ...] = (
    BODY,
    Table(
        "working_groups",
        "Working groups and committees.",
        (
            _t("code", required=True),
            _t("name", required=True),
            _t("kind", required=True),
            _d("established_on"),
            *_note(),
        ),
        ("code",),
    ),
    Table(
        "participants",
        "Every State, REIO, trading entity and Observer, under its current name.",
        (_t("name", required=True), _t("kind", required=True), *_note()),
        ("name",),
    ),
    Table(
        "participant_names",
        "Renames: before renamed_on the participant was called former_name.",
        (
            _t("participant", "current name", required=True),
            _d("renamed_on", required=True),
            _t("former_name", required=True),
            _t("decision", "reference of the decision that records it"),
            *_note(),
        ),
        ("participant", "renamed_on"),
    ),
    Table(
        "participant_statuses",
        "Each change of status of a participant, in date order.",
        (
            _t("participant", "current name", required=True),
            _d("effective_on", required=True),
            _t("status", required=True),
            _t("stage", "an applicant's stage", nullable=True),
            _t("blocked_reason", nullable=True),
            _t("decision", "reference of the decision that admits, suspends …"),
            *_note(),
        ),
    ),
    Table(
        "meetings",
        "Plenary and intersessional meetings.",
        (
            _t("code", required=True),
            _t("kind", required=True),
            _t("title", required=True),
            _t("place", required=True),
            _d("starts_on", required=True),
            _d("ends_on", required=True),
            _t("host"),
            _t("chair"),
            _t("source"),
            _t("note"),
        ),
        ("code",),
    ),
    Table(
        "meeting_figures",
        "Figures a meeting reported without names (e.g. 20 Applicant States).",
        (
            _t("meeting", required=True),
            _t("key", required=True),
            Column("value", "int", required=True),
            _t("label"),
            _t("source"),
        ),
        ("meeting", "key"),
    ),
    Table(
        "communiques",
        "Final communiqués of meetings (their texts: text_versions).",
        (
            _t("code", required=True),
            _t("meeting", required=True),
            _t("title", required=True),
            _d("issued_on", required=True),
            *_note(),
        ),
        ("code",),
    ),
    # "decisions" is built per body: one state and one made-available column per language.
    Table(
        "open_points",
        "Open points of decisions adopted ad referendum, and what resolved them.",
        (
            _t("decision", required=True),
            _t("key", required=True),
            _t("description", required=True),
            _d("resolved_on"),
            _t("resolved_by", "reference of the resolving decision"),
            _t("source"),
        ),
        ("decision", "key"),
    ),
    Table(
        "obligations",
        "Deadlines set by decisions and when they were met.",
        (
            _t("decision", required=True),
            _t("title", required=True),
            _t("kind", "deliverable or cutoff", required=True),
            _d("due_on", required=True),
            _t("responsible"),
            _d("met_on"),
            _t("met_source"),
            _t("source"),
        ),
    ),
    Table(
        "written_procedures",
        "Proposals circulated for decision by written procedure.",
        (
            _t("decision", required=True),
            _d("circulated_on", required=True),
            _d("deadline", required=True),
            Column("reported_supports", "int", nullable=True),
            Column("reported_objections", "int", nullable=True),
            *_note(),
        ),
        ("decision",),
    ),
    Table(
        "procedure_replies",
        "Each Participant's (last) reply to a written procedure.",
        (
            _t("decision", required=True),
            _t("participant", required=True),
            _t("kind", "support or objection", required=True),
            _d("received_on", required=True),
            _t("note"),
        ),
        ("decision", "participant"),
    ),
    Table(
        "text_versions",
        "The current title and text of each language version of a decision or a communiqué.",
        (
            _t("owner_kind", "decision or communique", required=True),
            _t("owner", "decision reference or communiqué code", required=True),
            _t("language", required=True),
            _t("title", "the title in this language (empty: none)"),
            _t("text"),
        ),
        ("owner_kind", "owner", "language"),
    ),
    Table(
        "version_steps",
        "Dated steps of each language version (machine draft, in translation, final, "
        "available), with the text as it stood at the step.",
        (
            _t("owner_kind", required=True),
            _t("owner", required=True),
            _t("language", required=True),
            _t("state", required=True),
            _d("taken_on", required=True),
            _t("text"),
            _t("note"),
        ),
    ),
    Table(
        "office_terms",
        "Terms of the Chair and the Vice Chair.",
        (
            _t("office", "chair or vice_chair", required=True),
            _t("participant", required=True),
            _d("starts_on", required=True),
            _d("ends_on", required=True),
            _t("decision"),
            Column("departure", "bool", required=True),
            *_note(),
        ),
    ),
    Table(
        "instruments",
        "External instruments (UN resolutions, WTO waivers …).",
        (
            _t("reference", required=True),
            _t("body", required=True),
            _t("kind", required=True),
            _d("adopted_on", required=True),
            _t("title", required=True),
            _t("paragraph"),
            _t("url"),
            *_note(),
        ),
        ("reference",),
    ),
    Table(
        "instrument_links",
        "What cites an instrument: a decision, a participant or one of its changes of status.",
        (
            _t("instrument", required=True),
            _t("decision"),
            _t("participant"),
            _d("status_on", "the participant's change of status of that date"),
            *_note(),
        ),
    ),
    Table(
        "review_missions",
        "Review missions and visits.",
        (
            _t("kind", required=True),
            _t("target", "participant visited", required=True),
            _t("decision"),
            _d("starts_on", required=True),
            _d("ends_on", required=True),
            _t("composition"),
            _t("report_meeting", "meeting that considered the report"),
            _t("finding"),
            _t("source"),
        ),
    ),
    Table(
        "renderings",
        "Short fields of other rows in another language: a meeting's title and place, a "
        "reported figure's label, an obligation's title, the body's name.",
        (
            _t(
                "file",
                "the file of the row: body, meetings, meeting_figures or obligations",
                required=True,
            ),
            _t("row_key", "the row's key: see RENDERED", required=True),
            _t("field", "the column rendered", required=True),
            _t("language", required=True),
            _t("text", required=True),
        ),
        ("file", "row_key", "field", "language"),
    ),
)

RENDERED: dict[str, tuple[str, ...]] = {
    "body": ("code",),
    "meetings": ("code",),
    "meeting_figures": ("meeting", "key"),
    "obligations": ("decision", "due_on", "title"),
}
"""The files whose rows can have renderings, and the columns whose values, joined by " | ",
make a rendering's ``row_key``."""


def row_key(file: str, row: Mapping[str, Any]) -> str:
    """The ``row_key`` naming ``row`` of ``file`` in ``renderings``."""
    return " | ".join(_cell(row[c]) for c in RENDERED[file])


def decisions_table(languages: Sequence[str]) -> Table:
    per_language = tuple(
        column
        for language in languages
        for column in (
            _t(f"state_{language}", f"{language} version: last state recorded", derived=True),
            _d(f"available_on_{language}", f"{language} version made available", derived=True),
        )
    )
    return Table(
        "decisions",
        "Decisions, with their state as the record stands (derived columns, ignored on import).",
        (
            _t("reference", required=True),
            _t("title", required=True),
            _t("kind", required=True),
            _t("procedure", required=True),
            _t("meeting"),
            _t("working_group"),
            _t("communique"),
            _d("adopted_on"),
            _d("confirmed_on"),
            _t("confirmed_by", "reference of the confirming decision"),
            _t("source"),
            _t("note"),
            _t("status", "as the record stands (its last state)", derived=True),
            _d("formally_adopted_on", "Rule 26", derived=True),
            *per_language,
        ),
        ("reference",),
    )


def tables(languages: Sequence[str]) -> tuple[Table, ...]:
    """Every table in the order they are written and imported (what a row names comes first)."""
    position = next(i for i, t in enumerate(TABLES_FIXED) if t.name == "communiques") + 1
    return (*TABLES_FIXED[:position], decisions_table(languages), *TABLES_FIXED[position:])


TABLE_NAMES = tuple(t.name for t in tables(()))


# --- writing ---------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def to_csv(table: Table, rows: Sequence[Mapping[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([_cell(row.get(c.name)) for c in table.columns])
    return out.getvalue().encode("utf-8")


def to_json(table: Table, rows: Sequence[Mapping[str, Any]]) -> bytes:
    document = [{c.name: _json_value(row.get(c.name)) for c in table.columns} for row in rows]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_FRICTIONLESS = {"text": "string", "date": "date", "int": "integer", "bool": "boolean"}


def datapackage(all_tables: Sequence[Table], fmt: Format, title: str) -> bytes:
    """A Frictionless Data Package descriptor of the files (no date in it: exports of one
    record are identical)."""
    package = {
        "profile": "tabular-data-package" if fmt == "csv" else "data-package",
        "name": "plenary-open-data",
        "title": title,
        "resources": [
            {
                **({"profile": "tabular-data-resource"} if fmt == "csv" else {}),
                "name": table.name,
                "path": table.file(fmt),
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/json",
                "encoding": "utf-8",
                "description": table.description,
                "schema": {
                    "fields": [
                        {
                            "name": c.name,
                            "type": _FRICTIONLESS[c.kind],
                            **({"description": c.description} if c.description else {}),
                            **({"constraints": {"required": True}} if c.required else {}),
                            **({"derived": True} if c.derived else {}),
                        }
                        for c in table.columns
                    ],
                    **({"primaryKey": list(table.key)} if table.key else {}),
                },
            }
            for table in all_tables
        ],
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write(
    all_tables: Sequence[Table], rows: Mapping[str, Sequence[Mapping[str, Any]]], fmt: Format,
    title: str,
) -> dict[str, bytes]:  # fmt: skip
    """File name → bytes, for every table (and the descriptor)."""
    encode = to_csv if fmt == "csv" else to_json
    files = {t.file(fmt): encode(t, rows.get(t.name, ())) for t in all_tables}
    files[PACKAGE] = datapackage(all_tables, fmt, title)
    return files


def zipped(files: Mapping[str, bytes]) -> bytes:
    """The files in one zip, in name order, with a fixed timestamp (same files, same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnName:
    """A column's name in an error message, shown as it is in the file (never translated as a
    label would be)."""

    name: str

    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        return format(self.name, spec)


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one row of one file (row 0: the header or the file)."""

    file: str
    row: int
    field: str
    error: PlenaryError


@dataclass
class Parsed:
    """Typed rows of one file and what could not be read."""

    file: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken: list[dict[str, str]] = field(default_factory=list)
    """Rows with a problem, as read (what they name is known to the other files' checks)."""
    readable: bool = True
    """False when the file as a whole could not be read (no row of it is known)."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"-?\d{1,10}")


def _value(column: Column, raw: Any, *, from_csv: bool) -> Any:
    """The typed value of one cell, or a PlenaryError naming what is wrong."""
    if raw is None or (from_csv and raw == ""):
        if column.required and column.kind != "text":
            raise OpenDataValueRequiredError()
        if column.kind == "text" and not column.nullable:
            if column.required:
                raise OpenDataValueRequiredError()
            return ""
        return None
    if column.kind == "text":
        if not isinstance(raw, str):
            raise OpenDataShapeError(expected="text")
        if column.required and not raw.strip():
            raise OpenDataValueRequiredError()
        return raw
    if column.kind == "date":
        text = raw if isinstance(raw, str) else None
        if text is None or not _DATE.fullmatch(text):
            raise OpenDataBadDateError(value=str(raw))
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise OpenDataBadDateError(value=text) from None
    if column.kind == "int":
        if isinstance(raw, bool) or not (
            isinstance(raw, int) or (from_csv and isinstance(raw, str) and _INT.fullmatch(raw))
        ):
            raise OpenDataBadNumberError(value=str(raw))
        return int(raw)
    # bool
    if isinstance(raw, bool):
        return raw
    if from_csv and raw in ("true", "false"):
        return raw == "true"
    raise OpenDataBadBooleanError(value=str(raw))


def _typed(table: Table, file: str, number: int, raw: Mapping[str, Any], out: Parsed,
           *, from_csv: bool) -> None:  # fmt: skip
    row: dict[str, Any] = {}
    ok = True
    for column in table.stored:
        value = raw.get(column.name)
        try:
            if isinstance(value, str) and _not_utf8(value):
                raise OpenDataNotUtf8Error(value=_shown(value))
            row[column.name] = _value(column, value, from_csv=from_csv)
        except PlenaryError as error:
            out.problems.append(Problem(file, number, column.name, error))
            ok = False
    if ok:
        row["_row"] = number
        out.rows.append(row)
    else:  # still names what other files may refer to
        out.broken.append({k: v for k, v in raw.items() if isinstance(v, str)})


def _per_language(table: Table, name: str) -> bool:
    """A decision's derived column of a language (ignored on import, whatever the languages)."""
    return table.name == "decisions" and name.startswith(("state_", "available_on_"))


def _header_problems(table: Table, file: str, names: Sequence[str]) -> list[Problem]:
    known = {c.name for c in table.columns}
    problems = [
        Problem(file, HEADER_ROW, c.name, OpenDataMissingColumnError())
        for c in table.stored
        if c.name not in names
    ]
    problems += [
        Problem(file, HEADER_ROW, name, OpenDataUnknownColumnError())
        for name in names
        if name not in known and not _per_language(table, name)
    ]
    return problems


def _decoded(data: bytes) -> str:
    """The text of a file; bytes that are not UTF-8 are kept as lone surrogates
    (``surrogateescape``) so the rows around them still read, and the cells holding them are
    reported (:func:`_typed`)."""
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")


def _not_utf8(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _shown(value: str) -> str:
    return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in value)


def read_csv(table: Table, file: str, data: bytes) -> Parsed:
    out = Parsed(file)
    text = _decoded(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        out.problems.append(
            Problem(file, max(reader.line_num - 1, 0), "", OpenDataShapeError(expected=str(error)))
        )
        out.readable = False
        return out
    header, body = (records[0], records[1:]) if records else ([], [])
    out.problems += _header_problems(table, file, header)
    if out.problems:
        out.readable = False
        return out
    for number, record in enumerate(body, start=1):
        if len(record) != len(header):
            out.problems.append(
                Problem(
                    file,
                    number,
                    "",
                    OpenDataShapeError(expected=f"{len(header)} cells, found {len(record)}"),
                )
            )
            continue
        _typed(table, file, number, dict(zip(header, record, strict=True)), out, from_csv=True)
    return out


def read_json(table: Table, file: str, data: bytes) -> Parsed:
    out = Parsed(file)
    text = _decoded(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        out.problems.append(Problem(file, error.lineno, "", OpenDataNotJsonError(reason=error.msg)))
        out.readable = False
        return out
    if not isinstance(document, list) or not all(isinstance(r, dict) for r in document):
        out.problems.append(
            Problem(file, HEADER_ROW, "", OpenDataShapeError(expected="a list of objects"))
        )
        out.readable = False
        return out
    names: list[str] = []
    for record in document:
        names += [k for k in record if k not in names]
    out.problems += _header_problems(
        table, file, names if document else [c.name for c in table.columns]
    )
    if out.problems:
        out.readable = False
        return out
    for number, record in enumerate(document, start=1):
        _typed(table, file, number, record, out, from_csv=False)
    return out


def read(table: Table, fmt: Format, data: bytes) -> Parsed:
    file = table.file(fmt)
    return read_csv(table, file, data) if fmt == "csv" else read_json(table, file, data)


def files_in_folder(folder: Path) -> dict[str, bytes]:
    """The open-data files of a folder (by name; other files are left alone)."""
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and _is_ours(path.name)
    }


def files_in_zip(data: bytes) -> dict[str, bytes]:
    """The open-data files in a zip (at its top or in one folder inside it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            Path(info.filename).name: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir() and _is_ours(Path(info.filename).name)
        }


def _is_ours(name: str) -> bool:
    stem, _, suffix = name.rpartition(".")
    return name == PACKAGE or (suffix in FORMATS and stem in TABLE_NAMES)


def format_of(files: Mapping[str, bytes]) -> set[str]:
    """The formats the given files are in (``csv``, ``json``; empty if none)."""
    return {name.rpartition(".")[2] for name in files if name != PACKAGE and _is_ours(name)}
