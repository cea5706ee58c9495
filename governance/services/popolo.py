"""The record as Popolo JSON (http://www.popoloproject.com/, the draft-03 JSON Schemas in
``governance/standards/popolo``): the body, its Participants, Observers, trading entities and
applicants, its committees and working groups as organizations (former names as
``other_names``), the Chair and the Vice Chair as posts, terms of office and each entity's
standing in the body as memberships, meetings as events, written procedures as motions with a
vote event each and the Participants' replies as votes.

Identifiers come from the record's keys (:mod:`governance.services.record_keys`). The record
keeps dates, not times: a schema field that wants a date-time (a motion's date, a vote event's
start and end) gets the whole day in UTC — from 00:00:00 on the first day to 23:59:59 on the
last (replies are accepted up to and including the deadline day).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import glossary, participant_names
from governance.db import transaction
from governance.models import (
    Decision,
    Entity,
    EntityRename,
    Meeting,
    OfficeTerm,
    ProcedureReply,
    Rendering,
    StatusEvent,
    TextVersion,
    WorkingGroup,
    WrittenProcedure,
)
from governance.rules import written_procedure
from governance.rules.participation import Status
from governance.rules.written_procedure import Outcome, ReplyKind
from governance.services import lookup, names
from governance.services.record_keys import entity_keys, slug

SCHEMA_URL = "http://www.popoloproject.com/schemas/{name}.json#"

COLLECTIONS: dict[str, str] = {
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
    "motions": "motion",
    "vote_events": "vote_event",
}
"""The document's collections and the schema each of their objects validates against."""

OFFICES = {"chair": ("Chair", "chair"), "vice_chair": ("Vice Chair", "vice-chair")}
"""Each office: its English label and its glossary key (other labels in the other languages)."""

OPTION = {ReplyKind.SUPPORT: "yes", ReplyKind.OBJECTION: "no"}
"""A reply as a Popolo vote option: support is a yes, an objection a no; silence is no vote."""


class ExportInvalidError(RuntimeError):
    """The document built does not conform to the Popolo schemas: a defect of this module, not
    of anyone's input (the CLI reports it as an unexpected failure and writes nothing)."""


RESULT = {Outcome.ADOPTED: "pass", Outcome.NOT_ADOPTED: "fail", Outcome.PENDING: "pending"}


# --- schemas ----------------------------------------------------------------------------------


@functools.cache
def registry() -> Registry:
    """Every Popolo schema, under its own ``id`` URL, read from the package: a ``$ref`` is
    resolved here or not at all (the registry has no way to fetch)."""
    folder = resources.files("governance.standards.popolo")
    registry: Registry = Registry()
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            contents = json.loads(entry.read_text(encoding="utf-8"))
            resource = Resource.from_contents(contents, default_specification=DRAFT3)
            registry = registry.with_resource(contents["id"], resource)
    return registry.crawl()


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time with an offset (jsonschema checks it only with an optional package)."""
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and parsed.tzinfo is not None


@functools.cache
def validator(kind: str) -> Draft3Validator:
    """The draft-03 validator of one Popolo schema (``organization``, ``membership`` …)."""
    schema = registry().contents(SCHEMA_URL.format(name=kind))
    return Draft3Validator(schema, registry=registry(), format_checker=FORMATS)


def problems(document: Mapping[str, Sequence[Mapping[str, Any]]]) -> Iterator[str]:
    """Each schema violation of each object of ``document``, as ``collection[i] (id): message``."""
    for collection, kind in COLLECTIONS.items():
        check = validator(kind)
        for index, item in enumerate(document.get(collection, ())):
            for error in check.iter_errors(item):
                where = "/".join(str(p) for p in error.absolute_path)
                yield f"{collection}[{index}] ({item.get('id')}) {where}: {error.message}"


# --- the document -----------------------------------------------------------------------------


def _day(value: date) -> str:
    return value.isoformat()


def _start(value: date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _end(value: date) -> str:
    return f"{value.isoformat()}T23:59:59Z"


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def document(*, engine: Engine, on: date) -> dict[str, list[dict[str, Any]]]:
    """The whole record as one Popolo document; outcomes of written procedures as they stand on
    ``on``. One transaction, a fixed number of statements whatever the size of the record."""
    with transaction(engine) as session:
        config = lookup.body_config(session)
        body_names = session.exec(
            select(Rendering.language, Rendering.text)
            .where(Rendering.record == "body", Rendering.field == "name")
            .order_by(col(Rendering.language))
        ).all()
        entities = session.exec(select(Entity).order_by(col(Entity.name_key))).all()
        renames = session.exec(
            select(EntityRename).order_by(col(EntityRename.entity_id), col(EntityRename.renamed_on))
        ).all()
        events = session.exec(
            select(StatusEvent).order_by(
                col(StatusEvent.entity_id), col(StatusEvent.effective_on), col(StatusEvent.id)
            )
        ).all()
        groups = session.exec(select(WorkingGroup).order_by(col(WorkingGroup.code_key))).all()
        terms = session.exec(
            select(OfficeTerm, Decision.reference)
            .outerjoin(Decision, col(Decision.id) == col(OfficeTerm.decision_id))
            .order_by(col(OfficeTerm.office), col(OfficeTerm.starts_on))
        ).all()
        meetings = session.exec(
            select(Meeting).order_by(col(Meeting.starts_on), col(Meeting.code_key))
        ).all()
        procedures = session.exec(
            select(Decision, WrittenProcedure)
            .join(WrittenProcedure, col(WrittenProcedure.decision_id) == col(Decision.id))
            .order_by(col(WrittenProcedure.circulated_on), col(Decision.reference_key))
        ).all()
        replies = session.exec(
            select(ProcedureReply)
            .join(WrittenProcedure, col(WrittenProcedure.id) == col(ProcedureReply.procedure_id))
            .order_by(col(ProcedureReply.received_on), col(ProcedureReply.id))
        ).all()
        texts = dict(
            session.exec(
                select(TextVersion.decision_id, TextVersion.text)
                .join(
                    WrittenProcedure, col(WrittenProcedure.decision_id) == TextVersion.decision_id
                )
                .where(TextVersion.language == config.source_language)
            ).all()
        )

    body_id = slug(config.code)
    keys = entity_keys(entities, renames)
    org_id = {i: f"{body_id}/entity/{k}" for i, k in keys.items()}
    renames_of: dict[int, list[EntityRename]] = {}
    for rename in renames:
        renames_of.setdefault(rename.entity_id, []).append(rename)
    name_on = names.names_by_day(entities, renames)

    def member(entity_id: int, day: date) -> dict[str, Any]:
        return {"@type": "Organization", "id": org_id[entity_id], "name": name_on(entity_id, day)}

    organizations: list[dict[str, Any]] = [
        {
            "id": body_id,
            "name": config.name,
            "classification": "plenary body",
            "identifiers": [{"identifier": config.code, "scheme": "plenary"}],
            "other_names": [
                {"name": text, "note": f"name in language {language}"}
                for language, text in sorted(
                    body_names,
                    key=lambda row: (
                        config.languages.index(row[0])
                        if row[0] in config.languages
                        else len(config.languages)
                    ),
                )
            ],
        }
    ]
    for entity in entities:
        assert entity.id is not None
        organizations.append(
            _drop_empty(
                {
                    "id": org_id[entity.id],
                    "name": entity.name,
                    "classification": entity.kind,
                    "other_names": _other_names(renames_of.get(entity.id, []))
                    + _names_in_languages(entity.name),
                    "description": entity.note,
                }
            )
        )
    for group in groups:
        organizations.append(
            _drop_empty(
                {
                    "id": f"{body_id}/group/{slug(group.code)}",
                    "name": group.name,
                    "classification": group.kind,
                    "parent_id": body_id,
                    "founding_date": _day(group.established_on) if group.established_on else None,
                    "description": group.note,
                }
            )
        )

    posts = [
        {
            "id": f"{body_id}/post/{slug(office)}",
            "label": label,
            "role": label,
            "organization_id": body_id,
            "other_label": _other_labels(key, config.languages, config.source_language),
        }
        for office, (label, key) in OFFICES.items()
    ]

    memberships: list[dict[str, Any]] = []
    for term, reference in terms:
        label = OFFICES.get(term.office, (term.office, ""))[0]
        memberships.append(
            _drop_empty(
                {
                    "id": f"{body_id}/term/{slug(term.office)}/{_day(term.starts_on)}",
                    "label": f"{label}, selected by {reference}" if reference else label,
                    "role": label,
                    "member": member(term.entity_id, term.starts_on),
                    "organization_id": body_id,
                    "post_id": f"{body_id}/post/{slug(term.office)}",
                    "start_date": _day(term.starts_on),
                    "end_date": _day(term.ends_on),
                }
            )
        )
    memberships += _standings(body_id, events, member, org_id)

    events_out = [
        _drop_empty(
            {
                "id": f"{body_id}/meeting/{slug(m.code)}",
                "name": m.title,
                "description": m.note,
                "start_date": _day(m.starts_on),
                "end_date": _day(m.ends_on),
                "location": m.place,
                "classification": m.kind,
                "organization_id": body_id,
                "identifiers": [{"identifier": m.code, "scheme": "meeting"}],
            }
        )
        for m in meetings
    ]

    replies_of: dict[int, list[ProcedureReply]] = {}
    for reply in replies:
        replies_of.setdefault(reply.procedure_id, []).append(reply)
    motions: list[dict[str, Any]] = []
    vote_events: list[dict[str, Any]] = []
    for decision, proc in procedures:
        assert proc.id is not None
        motion_id = f"{body_id}/motion/{slug(decision.reference)}"
        event_id = f"{body_id}/vote-event/{slug(decision.reference)}"
        rule_replies = tuple(
            written_procedure.Reply(str(r.entity_id), ReplyKind(r.kind), r.received_on)
            for r in replies_of.get(proc.id, [])
        )
        rule = written_procedure.Procedure(proc.circulated_on, proc.deadline, rule_replies)
        result = written_procedure.result_on(rule, on)
        outcome = RESULT.get(result.outcome)
        motions.append(
            _drop_empty(
                {
                    "id": motion_id,
                    "organization_id": body_id,
                    "identifier": decision.reference,
                    "classification": decision.kind,
                    "text": texts.get(decision.id) or decision.title,
                    "date": _start(proc.circulated_on),
                    "requirement": "no written objection received by the deadline "
                    f"({_day(proc.deadline)}): silence is consent (written procedure)",
                    "result": outcome,
                }
            )
        )
        counted = written_procedure.replies_on(rule, min(on, proc.deadline))
        votes = [
            {
                "id": f"{event_id}/vote/{keys[int(r.participant)]}",
                "vote_event_id": event_id,
                "voter_id": org_id[int(r.participant)],
                "voter": member(int(r.participant), r.received_on),
                "option": OPTION[r.kind],
                "role": "Participant",
            }
            for r in counted
        ]
        supports = proc.reported_supports
        objections = proc.reported_objections
        vote_events.append(
            _drop_empty(
                {
                    "id": event_id,
                    "identifier": decision.reference,
                    "motion_id": motion_id,
                    "organization_id": body_id,
                    "classification": "written procedure",
                    "start_date": _start(proc.circulated_on),
                    "end_date": _end(proc.deadline),
                    "result": outcome,
                    "counts": [
                        {
                            "option": "yes",
                            "value": result.supports if supports is None else supports,
                        },
                        {
                            "option": "no",
                            "value": result.objections if objections is None else objections,
                        },
                    ],
                    "votes": votes,
                }
            )
        )

    return {
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events_out,
        "motions": motions,
        "vote_events": vote_events,
    }


def _names_in_languages(name: str) -> list[dict[str, Any]]:
    """The current name in the other official languages where it differs from the English
    (CLDR territory names, or the forms in ``data/participant_names.toml``)."""
    forms = (
        (lang, participant_names.localized(name, lang)) for lang in participant_names.LANGUAGES
    )
    return [
        {"name": text, "note": f"name in language {lang}"} for lang, text in forms if text != name
    ]


def _other_names(renames: Sequence[EntityRename]) -> list[dict[str, Any]]:
    """Former names, each held from the previous rename (open-ended for the first) to the day
    before the rename that ended it."""
    names = []
    previous: date | None = None
    for rename in sorted(renames, key=lambda r: r.renamed_on):
        names.append(
            _drop_empty(
                {
                    "name": rename.former_name,
                    "start_date": _day(previous) if previous else None,
                    "end_date": _day(rename.renamed_on - timedelta(days=1)),
                    "note": rename.note or "former name",
                }
            )
        )
        previous = rename.renamed_on
    return names


def _other_labels(key: str, languages: Sequence[str], source: str) -> list[str]:
    """The office's name in the other official languages (the glossary's preferred forms)."""
    forms = next((t.forms for t in glossary.load() if t.key == key), {})
    return [forms[lang][0] for lang in languages if lang != source and forms.get(lang)]


def _standings(
    body_id: str,
    events: Sequence[StatusEvent],
    member: Any,
    org_id: Mapping[int, str],
) -> list[dict[str, Any]]:
    """Each entity's standing in the body (Participant, Observer, applicant, trading entity,
    suspended) as a membership from the day of its status event to the day before the next
    one; a withdrawal ends the previous membership and begins none."""
    memberships: list[dict[str, Any]] = []
    by_entity: dict[int, list[StatusEvent]] = {}
    for event in events:
        by_entity.setdefault(event.entity_id, []).append(event)
    for entity_id, rows in by_entity.items():
        seen: dict[str, int] = {}
        for index, event in enumerate(rows):
            if event.status == Status.WITHDRAWN.value:
                continue
            following = rows[index + 1] if index + 1 < len(rows) else None
            ends = following.effective_on - timedelta(days=1) if following else None
            if ends is not None and ends < event.effective_on:
                continue  # replaced on its own day
            base = f"{org_id[entity_id]}/standing/{_day(event.effective_on)}"
            seen[base] = seen.get(base, 0) + 1
            memberships.append(
                _drop_empty(
                    {
                        "id": base if seen[base] == 1 else f"{base}/{seen[base]}",
                        "label": event.stage.replace("_", " ") if event.stage else None,
                        "role": event.status.replace("_", " "),
                        "member": member(entity_id, event.effective_on),
                        "organization_id": body_id,
                        "start_date": _day(event.effective_on),
                        "end_date": _day(ends) if ends else None,
                    }
                )
            )
    return memberships


def to_json(document: Mapping[str, Any]) -> bytes:
    """The document as UTF-8 JSON bytes (stable: same record, same bytes)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export(*, engine: Engine, on: date) -> bytes:
    """:func:`document` as JSON bytes, every object checked against its schema first
    (:class:`ExportInvalidError` names the first violation, and nothing is returned)."""
    built = document(engine=engine, on=on)
    problem = next(problems(built), None)
    if problem is not None:
        raise ExportInvalidError(f"the Popolo export does not conform to its schema: {problem}")
    return to_json(built)
