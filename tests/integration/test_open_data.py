"""Open data on real databases: export → import into an empty database → export gives the same
bytes (CSV and JSON, the 2003 record and demo data), and a malformed import stores nothing and
names the file, row and column of every problem."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
import signed
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import db, open_data_format
from governance.models import AuditEntry, Decision, DecisionPeriod, Rendering
from governance.rules.errors import (
    OpenDataBadDateError,
    OpenDataDuplicateRowError,
    OpenDataInvalidError,
    OpenDataMissingFileError,
    OpenDataMixedFormatsError,
    OpenDataNotEmptyError,
    OpenDataNotUtf8Error,
    OpenDataProblemError,
    OpenDataShapeError,
    OpenDataUnknownReferenceError,
)
from governance.rules.permissions import SYSTEM, Actor, PermissionDeniedError, Role
from governance.services import audits, demo_data, open_data, participants

CLERK = Actor("clerk", Role.SECRETARIAT)
ADMIN = Actor("admin", Role.ADMIN)
DELEGATE = Actor("tokyo", Role.DELEGATE, participant="Japan")
pytestmark = pytest.mark.signed(CLERK, ADMIN)

FORMATS = ("csv", "json")


def _empty(url: str) -> Engine:
    engine = db.get_engine(url)
    db.upgrade(engine)
    return engine


def _periods(engine: Engine) -> list[tuple[Any, ...]]:
    with db.transaction(engine) as session:
        rows = session.exec(
            select(Decision.reference, DecisionPeriod).join(
                DecisionPeriod, col(DecisionPeriod.decision_id) == Decision.id
            )
        ).all()
        return sorted(
            (
                ref,
                p.starts_on,
                p.ends_on,
                p.status,
                p.formally_adopted_on,
                p.languages_available,
                p.open_points,
            )
            for ref, p in rows
        )


def _round_trip(engine: Engine, empty_url: str, fmt: str) -> tuple[dict[str, bytes], Engine]:
    first = open_data.export(engine=engine, format=fmt)  # type: ignore[arg-type]
    target = _empty(empty_url)
    open_data.import_files(engine=target, actor=SYSTEM, files=first)
    second = open_data.export(engine=target, format=fmt)  # type: ignore[arg-type]
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    return first, target


def _csv(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_import_export_of_the_2003_record_is_byte_identical(
    engine: Engine, empty_database_url: str, fmt: str
) -> None:
    files, target = _round_trip(engine, empty_database_url, fmt)
    assert _periods(target) == _periods(engine)
    verdict = audits.verify(engine=target)
    assert verdict.ok, verdict.reason
    with db.transaction(target) as session:
        actions = set(session.exec(select(AuditEntry.action)).all())
    assert actions == {"import_open_data"}
    assert open_data_format.PACKAGE in files


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_import_export_of_demo_data_is_byte_identical(
    engine: Engine, empty_database_url: str, fmt: str
) -> None:
    demo_data.build(engine, scale=2, seed=3)
    _, target = _round_trip(engine, empty_database_url, fmt)
    assert (
        len(json.loads(open_data.export(engine=target, format="json")["procedure_replies.json"]))
        > 10
    )
    assert _periods(target) == _periods(engine)
    other = "json" if fmt == "csv" else "csv"
    assert open_data.export(engine=target, format=other) == open_data.export(  # type: ignore[arg-type]
        engine=engine,
        format=other,  # type: ignore[arg-type]
    )


def test_the_files_carry_states_dates_renames_and_stable_columns(
    engine: Engine, empty_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-03")
    participants.rename_entity(
        engine=engine,
        actor=CLERK,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
        note="Treaty of Lisbon",
    )
    files, _ = _round_trip(engine, empty_database_url, "csv")
    decisions = {r["reference"]: r for r in _csv(files, "decisions.csv")}
    assert list(next(iter(decisions.values()))) == [
        "reference", "title", "kind", "procedure", "meeting", "working_group", "communique",
        "adopted_on", "confirmed_on", "confirmed_by", "source", "note", "status",
        "formally_adopted_on", "state_en", "available_on_en", "state_fr", "available_on_fr",
        "state_pt", "available_on_pt", "state_es", "available_on_es", "state_ru",
        "available_on_ru",
    ]  # fmt: skip
    jhb = decisions["2003-JHB-02"]
    assert jhb["procedure"] == "ad_referendum"
    assert jhb["status"] == "adopted_ad_referendum"
    assert (jhb["state_en"], jhb["available_on_en"]) == ("available", "2003-04-30")
    assert jhb["state_ru"] == "in_translation"
    assert jhb["formally_adopted_on"] == ""
    names = _csv(files, "participant_names.csv")
    assert names == [
        {
            "participant": "European Union",
            "renamed_on": "2009-12-01",
            "former_name": "European Community",
            "decision": "",
            "note": "Treaty of Lisbon",
            "source": "",
        }
    ]
    statuses = [r for r in _csv(files, "participant_statuses.csv") if r["participant"] == "Liberia"]
    assert statuses and statuses[0]["blocked_reason"]
    terms = _csv(files, "office_terms.csv")
    assert [(t["office"], t["participant"], t["starts_on"]) for t in terms][-2:] == [
        ("chair", "Canada", "2004-01-01"),
        ("vice_chair", "Russian Federation", "2004-01-01"),
    ]
    meetings = _csv(files, "meetings.csv")
    assert [m["code"] for m in meetings] == ["2003-johannesburg", "2003-sun-city"]
    communiques = _csv(files, "communiques.csv")
    assert [c["meeting"] for c in communiques] == ["2003-johannesburg", "2003-sun-city"]
    figures = _csv(files, "meeting_figures.csv")
    assert any(f["value"] == "51" for f in figures)
    versions = {(v["owner"], v["language"]): v for v in _csv(files, "text_versions.csv")}
    assert versions[("2003-SUN-01", "ru")]["title"].startswith("Обзор Системы сертификации")
    assert versions[("2003-SUN-01", "en")]["title"] == ""  # the decision's title is the English
    renderings = {
        (r["file"], r["row_key"], r["field"], r["language"]): r["text"]
        for r in _csv(files, "renderings.csv")
    }
    assert renderings[("meetings", "2003-johannesburg", "place", "ru")] == (
        "Йоханнесбург, Южная Африка"
    )
    assert renderings[("body", "KPCS", "name", "fr")].startswith("Système de certification")
    assert any(k[0] == "obligations" and k[1].startswith("2003-JHB-01 | ") for k in renderings)
    header = files["decisions.csv"].split(b"\r\n", 1)[0]
    assert header.startswith(b"reference,title,")
    package = json.loads(files["datapackage.json"])
    assert [r["path"] for r in package["resources"]][:3] == [
        "body.csv",
        "working_groups.csv",
        "participants.csv",
    ]


# --- malformed imports -----------------------------------------------------------------------


def _exported(engine: Engine, fmt: str = "csv") -> dict[str, bytes]:
    return open_data.export(engine=engine, format=fmt)  # type: ignore[arg-type]


def _edit_csv(files: dict[str, bytes], name: str, row: int, column: str, value: str) -> None:
    rows = _csv(files, name)
    header = list(rows[0])
    rows[row - 1][column] = value
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    files[name] = out.getvalue().encode("utf-8")


def _refused(url: str, files: dict[str, bytes]) -> list[OpenDataProblemError]:
    target = _empty(url)
    with pytest.raises(OpenDataInvalidError) as refused:
        open_data.import_files(engine=target, actor=SYSTEM, files=files)
    with db.transaction(target) as session:
        assert open_data._holding(session) == (None, False)  # nothing stored
        assert session.exec(select(AuditEntry)).first() is None
    return list(refused.value.problems)


def _where(problem: OpenDataProblemError) -> tuple[str, int, str, type]:
    p = problem.params
    return (p["file"], p["row"], str(p["field"]), type(p["problem"]))


def test_a_bad_date_is_named_by_file_row_and_column(
    engine: Engine, empty_database_url: str
) -> None:
    files = _exported(engine)
    _edit_csv(files, "decisions.csv", 2, "adopted_on", "2003-02-30")
    problems = _refused(empty_database_url, files)
    assert [_where(p) for p in problems] == [
        ("decisions.csv", 2, "adopted_on", OpenDataBadDateError)
    ]
    assert str(problems[0]) == (
        "decisions.csv, row 2, column adopted_on: '2003-02-30' is not a date (YYYY-MM-DD)"
    )


def test_an_unknown_participant_is_named(engine: Engine, empty_database_url: str) -> None:
    files = _exported(engine)
    _edit_csv(files, "office_terms.csv", 2, "participant", "Atlantis")
    problems = _refused(empty_database_url, files)
    assert [_where(p) for p in problems] == [
        ("office_terms.csv", 2, "participant", OpenDataUnknownReferenceError)
    ]
    assert "'Atlantis' is not in participants.csv" in str(problems[0])


def test_a_duplicate_reference_is_named_with_the_first_row(
    engine: Engine, empty_database_url: str
) -> None:
    files = _exported(engine)
    first = _csv(files, "decisions.csv")[0]["reference"]
    _edit_csv(files, "decisions.csv", 3, "reference", first.lower())  # the same key
    problems = _refused(empty_database_url, files)
    where = [_where(p) for p in problems]
    assert ("decisions.csv", 3, "reference", OpenDataDuplicateRowError) in where
    duplicate = next(p for p in problems if p.params["file"] == "decisions.csv")
    assert "is already in row 1" in str(duplicate)


def test_latin1_bytes_are_named_by_row_and_column(engine: Engine, empty_database_url: str) -> None:
    files = _exported(engine)
    rows = _csv(files, "participants.csv")
    row = next(i for i, r in enumerate(rows, start=1) if r["name"] == "Switzerland")
    text = files["participants.csv"].decode("utf-8")
    files["participants.csv"] = text.replace("Switzerland", "Suisse \u00e9").encode("latin-1")
    problems = _refused(empty_database_url, files)
    assert ("participants.csv", row, "name", OpenDataNotUtf8Error) in [_where(p) for p in problems]
    bad = next(
        p for p in problems if p.params["file"] == "participants.csv" and p.params["row"] == row
    )
    assert any("Annex 2 \ufffd2" in str(p) for p in problems)  # the ¶ of a note, in Latin-1
    assert str(bad) == (
        f"participants.csv, row {row}, column name: 'Suisse \ufffd' is not UTF-8 text: "
        "save the file as UTF-8"
    )


def test_a_bad_json_value_is_named(engine: Engine, empty_database_url: str) -> None:
    files = _exported(engine, "json")
    meetings = json.loads(files["meetings.json"])
    meetings[1]["ends_on"] = "31/10/2003"
    files["meetings.json"] = json.dumps(meetings).encode()
    problems = _refused(empty_database_url, files)
    assert [_where(p) for p in problems] == [("meetings.json", 2, "ends_on", OpenDataBadDateError)]


def test_a_missing_file_and_mixed_formats_are_refused(
    engine: Engine, empty_database_url: str
) -> None:
    files = _exported(engine)
    del files["obligations.csv"]
    problems = _refused(empty_database_url, files)
    assert [_where(p) for p in problems] == [("obligations.csv", 0, "", OpenDataMissingFileError)]
    mixed = {**_exported(engine), **_exported(engine, "json")}
    with pytest.raises(OpenDataMixedFormatsError):
        open_data.import_files(engine=_empty(empty_database_url), actor=SYSTEM, files=mixed)


def test_the_untouched_embedded_record_is_replaced(
    engine: Engine, another_database_url: str
) -> None:
    """A server's first start loads the embedded record: an import replaces it while nothing
    else was written to it, in the same transaction (the deletions on the audit trail)."""
    source = db.get_engine(another_database_url)
    demo_data.build(source, scale=2, seed=5)
    files = open_data.export(engine=source, format="csv")
    checked = open_data.check(files, engine=engine)
    assert checked.ok and checked.replaces_embedded
    open_data.import_files(engine=engine, actor=CLERK, files=files)
    assert open_data.export(engine=engine, format="csv") == files
    assert audits.verify(engine=engine).ok
    with db.transaction(engine) as session:
        deleted = session.exec(
            select(AuditEntry).where(
                AuditEntry.operation == "delete", AuditEntry.action == "import_open_data"
            )
        ).all()
    assert {e.table_name for e in deleted} >= {"decision", "entity", "body", "versionstep"}


def test_a_record_written_to_since_it_was_loaded_is_refused_and_unchanged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-03")
    files = _exported(engine)
    participants.rename_entity(
        engine=engine, actor=CLERK, name="Togo", new_name="Togolese Republic", on=date(2010, 1, 1)
    )
    before = _exported(engine)
    with pytest.raises(OpenDataNotEmptyError):
        open_data.import_files(engine=engine, actor=CLERK, files=files)
    assert _exported(engine) == before
    checked = open_data.check(files, engine=engine)
    assert checked.not_empty == "body" and not checked.ok and not checked.replaces_embedded


def test_a_delegate_account_keeps_the_embedded_record(engine: Engine) -> None:
    """A delegate's account is bound to a Participant of the record: it is not replaced."""
    signed.accounts(engine, DELEGATE)
    with pytest.raises(OpenDataNotEmptyError):
        open_data.import_files(engine=engine, actor=CLERK, files=_exported(engine))


def test_only_the_secretariat_and_admins_import(engine: Engine, empty_database_url: str) -> None:
    files = _exported(engine)
    target = _empty(empty_database_url)
    signed.accounts(engine, DELEGATE)
    for actor in (DELEGATE, Actor("anonymous", Role.PUBLIC)):
        with pytest.raises(PermissionDeniedError):
            open_data.import_files(engine=target, actor=actor, files=files)


def test_the_preview_counts_rows_and_shows_the_first(engine: Engine) -> None:
    checked = open_data.check(_exported(engine))
    assert checked.ok and checked.format == "csv"
    counts = {f.file: f.rows for f in checked.files}
    assert counts["decisions.csv"] == 22 and counts["meetings.csv"] == 2
    meetings = next(f for f in checked.files if f.file == "meetings.csv")
    assert meetings.first[0]["code"] == "2003-johannesburg"
    assert meetings.first[0]["starts_on"] == date(2003, 4, 28)


def test_a_body_file_without_its_row_is_refused(engine: Engine, empty_database_url: str) -> None:
    files = _exported(engine)
    files["body.csv"] = files["body.csv"].split(b"\r\n", 1)[0] + b"\r\n"
    problems = _refused(empty_database_url, files)
    assert ("body.csv", 0, "", OpenDataShapeError) in [_where(p) for p in problems]


def test_a_rendering_of_a_row_no_file_holds_is_named(
    engine: Engine, empty_database_url: str
) -> None:
    files = _exported(engine)
    _edit_csv(files, "renderings.csv", 5, "row_key", "2003-nowhere")
    problems = _refused(empty_database_url, files)
    assert [_where(p) for p in problems] == [
        ("renderings.csv", 5, "row_key", OpenDataUnknownReferenceError)
    ]


def test_a_meeting_named_in_another_case_keeps_its_renderings(
    engine: Engine, empty_database_url: str
) -> None:
    """References are matched case-insensitively (the check accepts "2003-JOHANNESBURG" for the
    meeting "2003-johannesburg"): the renderings of those rows are stored, not lost or refused."""
    files = _exported(engine)

    def rewritten(name: str, change: Any) -> None:
        rows = _csv(files, name)
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(change(dict(row)) for row in rows)
        files[name] = out.getvalue().encode("utf-8")

    def upper_meeting(row: dict[str, str]) -> dict[str, str]:
        return {**row, "meeting": row["meeting"].upper()}

    def upper_key(row: dict[str, str]) -> dict[str, str]:
        if row["file"] != "meeting_figures":
            return row
        meeting, rest = row["row_key"].split(" | ", 1)
        return {**row, "row_key": f"{meeting.upper()} | {rest}"}

    rewritten("meeting_figures.csv", upper_meeting)
    rewritten("renderings.csv", upper_key)
    figures = [r for r in _csv(files, "renderings.csv") if r["file"] == "meeting_figures"]
    assert figures and all(r["row_key"].startswith("2003-") for r in figures)
    assert any(r["row_key"].split(" | ")[0].isupper() for r in figures)

    target = _empty(empty_database_url)
    open_data.import_files(engine=target, actor=SYSTEM, files=files)

    def stored(of: Engine) -> list[tuple[str, str, str]]:
        with db.transaction(of) as session:
            rows = session.exec(select(Rendering).where(Rendering.record == "reportedfigure")).all()
            return sorted((r.field, r.language, r.text) for r in rows)

    assert stored(target) == stored(engine) != []
