"""Load a body's embedded record (data/<body>/*.toml) into an empty database, in one transaction.

Every fact goes through the same service functions the secretariat uses, so the record obeys
the same rules as anything entered later.
"""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import db
from governance.db import transaction, writing
from governance.models import Body, Obligation, ReportedFigure, ReviewMission, WorkingGroup
from governance.rules.errors import N_, PlenaryError, ReversedDatesError, ValidationError
from governance.rules.permissions import SYSTEM, Action
from governance.services import (
    content,
    decision_periods,
    decisions,
    instruments,
    lookup,
    meetings,
    offices,
    participants,
    translations,
)
from governance.settings import Settings


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    if not path.exists():
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValidationError(
            N_("The record file {file} cannot be read: {reason}"), file=name, reason=str(error)
        ) from None


def is_loaded(engine: Engine) -> bool:
    with transaction(engine) as session:
        return session.exec(select(Body)).first() is not None


def init_database(engine: Engine, settings: Settings, *, origin: str = "") -> bool:
    """Upgrade the schema and load the record if the database is empty. True if it loaded.
    ``origin`` (the CLI's user@host) goes on the audit trail beside the system."""
    db.upgrade(engine)
    if is_loaded(engine):
        with db.serialized(engine) as session:
            decision_periods.fill_missing(session)
        return False
    load_record(engine, settings.record_dir, origin=origin)
    return True


def load_record(engine: Engine, folder: Path, *, origin: str = "") -> None:
    """Load everything or nothing: a malformed or partial file stores no part of the record."""
    try:
        _load(engine, folder, origin)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, PlenaryError):
            raise
        raise ValidationError(
            N_("The record at {folder} is incomplete or malformed: {reason}"),
            folder=str(folder),
            reason=f"{type(error).__name__}: {error}",
        ) from None


def _load(engine: Engine, folder: Path, origin: str) -> None:
    if not (folder / "body.toml").exists():
        raise ValidationError(N_("No record at {folder} (body.toml missing)."), folder=str(folder))
    actor = dataclasses.replace(SYSTEM, origin=origin)
    with writing(engine, actor, Action.LOAD_RECORD) as session:
        spec = _read(folder, "body.toml")
        body, rotation, record = (
            spec["body"],
            spec["body"]["rotation"],
            spec["body"].get("record", {}),
        )
        month, day = (int(p) for p in rotation["term_starts"].split("-"))
        session.add(
            Body(
                code=body["code"],
                name=body["name"],
                official_languages=",".join(body["official_languages"]),
                source_language=body["source_language"],
                term_months=rotation["term_months"],
                term_start_month=month,
                term_start_day=day,
                rotation_rule=rotation["rule"],
                rule_text=rotation["rule_text"],
                rule_effective_from=rotation.get("effective_from"),
                rule_source=rotation.get("source", ""),
                record_title=record.get("title", ""),
                record_file=record.get("file", ""),
            )
        )
        session.flush()
        for group in _read(folder, "working_groups.toml").get("group", []):
            session.add(
                WorkingGroup(
                    code=group["code"],
                    name=group["name"],
                    kind=group["kind"],
                    established_on=group.get("established_on"),
                    note=group.get("note", ""),
                    source=group.get("source", ""),
                )
            )
        session.flush()
        meeting_specs = _read(folder, "meetings.toml").get("meeting", [])
        communiques = {m["code"]: m["communique"] for m in meeting_specs if "communique" in m}
        for meeting in meeting_specs:
            figures = meeting.get("figure", [])
            meetings.add_meeting(
                session,
                code=meeting["code"],
                title=meeting["title"],
                place=meeting["place"],
                starts_on=meeting["starts_on"],
                ends_on=meeting["ends_on"],
                kind=meeting["kind"],
                host=meeting.get("host", ""),
                chair=meeting.get("chair", ""),
                figures=[(f["key"], f["value"], f["label"]) for f in figures],
                figure_sources=[f.get("source", "") for f in figures],
                source=meeting.get("source", ""),
                note=meeting.get("note", ""),
            )
            if "communique" in meeting:
                c = meeting["communique"]
                meetings.add_communique(
                    session,
                    meeting=meeting["code"],
                    code=c["code"],
                    title=c["title"],
                    issued_on=c["issued_on"],
                    text=(folder / c["text_file"]).read_text(encoding="utf-8"),
                    source=c.get("source", ""),
                    note=c.get("note", ""),
                    available=True,
                )
        entities = _read(folder, "participants.toml").get("entity", [])
        for entity in entities:
            participants.add_entity(
                session,
                name=entity["name"],
                kind=entity["kind"],
                note=entity.get("note", ""),
                source=entity.get("source", ""),
            )
        config = lookup.body_config(session)
        for d in _read(folder, "decisions.toml").get("decision", []):
            decisions.add_decision(
                session,
                reference=d["reference"],
                title=d["title"],
                kind=d["kind"],
                procedure=d["procedure"],
                adopted_on=d.get("adopted_on"),
                text=d["text"],
                meeting=d.get("meeting"),
                working_group=d.get("working_group"),
                open_points=[(p["key"], p["description"]) for p in d.get("open_point", [])],
                source=d.get("source", ""),
            )
            if d.get("meeting") in communiques:
                decisions.make_available(
                    session,
                    reference=d["reference"],
                    on=communiques[d["meeting"]]["issued_on"],
                    note="Made available with the final communiqué",
                )
            for o in d.get("obligation", []):
                decisions.add_obligation(
                    session,
                    decision=d["reference"],
                    title=o["title"],
                    kind=o["kind"],
                    due_on=o["due_on"],
                    responsible=o.get("responsible", ""),
                    met_on=o.get("met_on"),
                    met_source=o.get("met_source", ""),
                    source=o.get("source", ""),
                )
        for entity in entities:
            for event in entity.get("status", []):
                participants.add_status(
                    session,
                    name=entity["name"],
                    status=event["status"],
                    on=event["on"],
                    stage=event.get("stage"),
                    blocked_reason=event.get("blocked_reason"),
                    decision=event.get("decision"),
                    note=event.get("note", ""),
                    source=event.get("source", ""),
                    founding=True,
                )
        _add_instruments(session, _read(folder, "instruments.toml"))
        for term in _read(folder, "offices.toml").get("term", []):
            offices.add_term(
                session,
                office=term["office"],
                holder=term["holder"],
                starts_on=term["starts_on"],
                ends_on=term.get("ends_on"),
                decision=term.get("decision"),
                departure=term.get("departure", False),
                note=term.get("note", ""),
                source=term.get("source", ""),
            )
        for mission in _read(folder, "review_missions.toml").get("mission", []):
            _add_mission(session, mission)
        communique_files = {c["code"]: c["text_file"] for c in communiques.values()}
        for language in config.languages:
            if language != config.source_language:
                _add_unofficial(session, folder, language, communique_files)


def _add_unofficial(
    session: Any, folder: Path, language: str, communique_files: dict[str, str]
) -> None:
    """Unofficial translations shipped with the record: stored as in translation, never final."""
    spec = _read(folder / "translations", f"{language}.toml")
    if not spec:
        return
    on: date = spec["prepared_on"]
    note = "Unofficial translation shipped with the record"
    for reference, entry in spec.get("decisions", {}).items():
        translations.add_step(
            session,
            target=reference,
            language=language,
            state="in_translation",
            on=on,
            text=entry["text"],
            note=note,
            title=entry.get("title"),
        )
    for reference, items in spec.get("obligations", {}).items():
        for number, item in enumerate(items):
            obligation = _obligation(session, reference, number)
            for field in ("title", "responsible"):
                if field in item:
                    content.store(session, "obligation", obligation, field, language, item[field])
    titles = spec.get("communiques", {})
    for code, english_file in communique_files.items():
        path = folder / english_file.replace(".en.txt", f".{language}.txt")
        if path.exists():
            translations.add_step(
                session,
                target=code,
                language=language,
                state="in_translation",
                on=on,
                text=path.read_text(encoding="utf-8"),
                note=note,
                title=titles.get(code, {}).get("title"),
            )
    _add_renderings(session, spec, language)


def _add_renderings(session: Any, spec: dict[str, Any], language: str) -> None:
    """The body's name, meeting titles and places, and reported figures' labels in
    ``language``, as the record's translation file gives them."""
    body = session.exec(select(Body)).one()
    if "name" in spec.get("body", {}):
        assert body.id is not None
        content.store(session, "body", body.id, "name", language, spec["body"]["name"])
    for code, entry in spec.get("meetings", {}).items():
        meeting = lookup.meeting(session, code)
        assert meeting.id is not None
        for field in ("title", "place"):
            if field in entry:
                content.store(session, "meeting", meeting.id, field, language, entry[field])
        for key, label in entry.get("figures", {}).items():
            figure = session.exec(
                select(ReportedFigure).where(
                    ReportedFigure.meeting_id == meeting.id, ReportedFigure.key == key
                )
            ).one()
            assert figure.id is not None
            content.store(session, "reportedfigure", figure.id, "label", language, label)


def _obligation(session: Any, reference: str, number: int) -> int:
    """The id of ``reference``'s obligation number ``number`` (in the order recorded)."""
    decision = lookup.decision(session, reference)
    ids = session.exec(
        select(Obligation.id)
        .where(Obligation.decision_id == decision.id)
        .order_by(col(Obligation.id))
    ).all()
    return int(ids[number])


def _add_mission(session: Any, mission: dict[str, Any]) -> None:
    target = lookup.entity(session, mission["target"])
    decision = lookup.optional_decision(session, mission.get("decision"))
    report = mission.get("report_considered_at")
    starts_on: date = mission["starts_on"]
    ends_on: date = mission["ends_on"]
    if ends_on < starts_on:
        raise ReversedDatesError(what=target.name, start=starts_on, end=ends_on)
    assert target.id is not None
    session.add(
        ReviewMission(
            kind=mission["kind"],
            target_id=target.id,
            decision_id=decision.id if decision else None,
            starts_on=starts_on,
            ends_on=ends_on,
            composition=mission.get("composition", ""),
            report_meeting_id=lookup.meeting(session, report).id if report else None,
            finding=mission.get("finding", ""),
            source=mission.get("source", ""),
        )
    )
    session.flush()


def _add_instruments(session: Any, spec: dict[str, Any]) -> None:
    """External instruments (``instruments.toml``) and what in the record cites them."""
    for item in spec.get("instrument", []):
        instruments.add_instrument(
            session,
            reference=item["reference"],
            body=item["body"],
            kind=item.get("kind", "resolution"),
            adopted_on=item["adopted_on"],
            title=item["title"],
            paragraph=item.get("paragraph", ""),
            url=item.get("url", ""),
            note=item.get("note", ""),
            source=item.get("source", ""),
        )
        for link in item.get("link", []):
            instruments.add_link(
                session,
                reference=item["reference"],
                decision=link.get("decision"),
                participant=link.get("participant"),
                status_on=link.get("status_on"),
                note=link.get("note", ""),
                source=link.get("source", ""),
            )
