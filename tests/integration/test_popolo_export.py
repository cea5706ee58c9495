"""The record as Popolo JSON: every object validates against its draft-03 schema (resolved from
the package, never fetched), and the organizations, posts, memberships, events, motions, vote
events and votes say what the record says."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from governance.rules.participation import Status
from governance.rules.permissions import Actor, Role
from governance.services import participants, popolo, procedures

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
LATER = date(2026, 1, 1)
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-02")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: schemas come from the package."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def circulate_with_replies(engine: Engine) -> None:
    """2009-WP-01, circulated 20 November 2009, deadline 20 December; the European Community
    supports (before its rename), Japan objects, then withdraws its objection and supports;
    Canada objects."""
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2009-WP-01",
        title="Annual reports",
        kind="other",
        text="The Chair proposes that annual reports be submitted by 31 March.",
        circulated_on=date(2009, 11, 20),
        deadline=date(2009, 12, 20),
    )
    for who, kind, on in (
        ("European Community", "support", date(2009, 11, 25)),
        ("Japan", "objection", date(2009, 11, 26)),
        ("Japan", "support", date(2009, 12, 10)),
        ("Canada", "objection", date(2009, 12, 15)),
    ):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2009-WP-01",
            participant=who,
            kind=kind,
            received_on=on,
            note="By note verbale",
        )


def rename_ec(engine: Engine) -> None:
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
        note="Treaty of Lisbon",
    )


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def test_every_object_of_the_record_validates_against_its_schema(
    engine: Engine, no_network: None
) -> None:
    circulate_with_replies(engine)
    rename_ec(engine)
    document = popolo.document(engine=engine, on=LATER)
    assert list(popolo.problems(document)) == []
    for collection, kind in popolo.COLLECTIONS.items():
        assert document[collection], collection
        for item in document[collection]:
            popolo.validator(kind).validate(item)  # raises on the first violation
    ids = [item["id"] for items in document.values() for item in items]
    assert len(ids) == len(set(ids))
    # the export refuses nothing here and writes the same document
    assert json.loads(popolo.export(engine=engine, on=LATER)) == document


def test_a_violation_is_found_through_the_local_references(no_network: None) -> None:
    """A bad date inside ``other_names`` (other_name.json, reached from organization.json by
    its absolute URL) and a date-time without a zone are both caught, offline."""
    bad = {
        "organizations": [
            {"id": "x", "name": "X", "other_names": [{"name": "Y", "end_date": "30 Nov 2009"}]}
        ],
        "motions": [{"id": "m", "date": "2009-11-20"}],
        "memberships": [{"id": "t", "start_date": 2004}],
    }
    found = list(popolo.problems(bad))
    assert any("other_names/0/end_date" in p for p in found), found
    assert any(p.startswith("motions[0]") and "date-time" in p for p in found), found
    assert any(p.startswith("memberships[0]") for p in found), found


def test_an_invalid_document_is_not_written(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = popolo.document

    def broken(**kwargs: Any) -> dict[str, list[dict[str, Any]]]:
        document = real(**kwargs)
        document["events"][0]["start_date"] = "28 April 2003"
        return document

    monkeypatch.setattr(popolo, "document", broken)
    with pytest.raises(popolo.ExportInvalidError, match=r"events\[0\]"):
        popolo.export(engine=engine, on=LATER)


def test_the_offices_are_posts_and_their_terms_memberships(engine: Engine) -> None:
    document = popolo.document(engine=engine, on=LATER)
    posts = by_id(document["posts"])
    assert posts["kpcs/post/chair"]["label"] == "Chair"
    assert "Председатель" in posts["kpcs/post/chair"]["other_label"]
    assert posts["kpcs/post/vice_chair"]["label"] == "Vice Chair"
    terms = [m for m in document["memberships"] if m.get("post_id")]
    chair = [
        (m["member"]["name"], m["start_date"], m["end_date"])
        for m in terms
        if m["post_id"] == "kpcs/post/chair"
    ]
    assert chair == [
        ("South Africa", "2000-05-01", "2003-12-31"),
        ("Canada", "2004-01-01", "2004-12-31"),
    ]
    vice = [m for m in terms if m["post_id"] == "kpcs/post/vice_chair"]
    assert [(m["member"]["name"], m["start_date"], m["end_date"]) for m in vice] == [
        ("Russian Federation", "2004-01-01", "2004-12-31")
    ]
    assert vice[0]["role"] == "Vice Chair"
    assert vice[0]["organization_id"] == "kpcs"
    assert vice[0]["member"]["id"] == "kpcs/entity/russian+federation"
    assert "2003-SUN-05" in vice[0]["label"]
    orgs = by_id(document["organizations"])
    for term in terms:  # every member and post is in the document
        assert term["member"]["id"] in orgs
        assert term["post_id"] in posts


def test_participants_observers_and_groups_are_organizations(engine: Engine) -> None:
    on = date(2003, 10, 31)
    document = popolo.document(engine=engine, on=LATER)
    orgs = by_id(document["organizations"])
    assert orgs["kpcs"]["name"] == "Kimberley Process Certification Scheme"
    assert {
        "name": "Система сертификации Кимберлийского процесса",
        "note": "name in language ru",
    } in (orgs["kpcs"]["other_names"])
    register = participants.list_entities(engine=engine, on=on)
    names = {o["name"] for o in orgs.values()}
    assert {e.name for e in register} <= names
    kinds = {o.get("classification") for o in orgs.values()}
    assert {"state", "reio", "trading_entity", "industry", "civil_society"} <= kinds
    groups = [o for o in orgs.values() if o.get("parent_id") == "kpcs"]
    assert {g["name"] for g in groups} >= {"Participation Committee", "Working Group on Statistics"}
    committee = next(g for g in groups if g["name"] == "Participation Committee")
    assert committee["classification"] == "committee"
    assert committee["founding_date"] == "2003-04-30"

    # Each entity's standing on 31 October 2003 is the membership running that day.
    def standing(member_name: str) -> str:
        running = [
            m
            for m in document["memberships"]
            if not m.get("post_id")
            and m["member"]["name"] == member_name
            and m["start_date"] <= on.isoformat() <= m.get("end_date", "9999")
        ]
        assert len(running) == 1, (member_name, running)
        return str(running[0]["role"])

    for entity in register:
        assert standing(entity.name) == entity.status.replace("_", " ")
    statuses = {e.status for e in register}
    assert {Status.PARTICIPANT.value, Status.OBSERVER.value, Status.TRADING_ENTITY.value} <= (
        statuses
    )


def test_former_names_are_other_names_with_their_dates(engine: Engine) -> None:
    before = by_id(popolo.document(engine=engine, on=LATER)["organizations"])
    ec = before["kpcs/entity/european+community"]
    assert ec["name"] == "European Community"
    # no former name yet: its other names are its name in the other official languages
    assert [n["note"] for n in ec["other_names"]] == [
        f"name in language {language}" for language in ("fr", "pt", "es", "ru")
    ]
    assert ec["other_names"][0]["name"] == "Communauté européenne"
    rename_ec(engine)
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Union",
        new_name="Union européenne (essai)",
        on=date(2012, 1, 1),
    )
    document = popolo.document(engine=engine, on=LATER)
    orgs = by_id(document["organizations"])
    eu = orgs["kpcs/entity/european+community"]  # the same identifier across renames
    assert eu["name"] == "Union européenne (essai)"
    assert eu["other_names"] == [
        {"name": "European Community", "end_date": "2009-11-30", "note": "Treaty of Lisbon"},
        {
            "name": "European Union",
            "start_date": "2009-12-01",
            "end_date": "2011-12-31",
            "note": "former name",
        },
    ]
    # memberships name the member as it was called when they began
    standings = [m for m in document["memberships"] if m["member"]["id"] == eu["id"]]
    assert standings and all(m["member"]["name"] == "European Community" for m in standings)


def test_written_procedures_are_motions_with_vote_events_and_votes(engine: Engine) -> None:
    circulate_with_replies(engine)
    rename_ec(engine)
    pending = popolo.document(engine=engine, on=date(2009, 12, 12))
    (motion,) = pending["motions"]
    (vote_event,) = pending["vote_events"]
    assert motion["result"] == vote_event["result"] == "pending"
    assert {c["option"]: c["value"] for c in vote_event["counts"]} == {"yes": 2, "no": 0}

    document = popolo.document(engine=engine, on=LATER)
    (motion,) = document["motions"]
    assert motion["id"] == "kpcs/motion/2009-wp-01"
    assert motion["identifier"] == "2009-WP-01"
    assert motion["text"].startswith("The Chair proposes that annual reports")
    assert motion["date"] == "2009-11-20T00:00:00Z"
    assert motion["organization_id"] == "kpcs"
    assert motion["result"] == "fail"  # Canada's objection stands at the deadline
    (vote_event,) = document["vote_events"]
    assert vote_event["motion_id"] == motion["id"]
    assert vote_event["start_date"] == "2009-11-20T00:00:00Z"
    assert vote_event["end_date"] == "2009-12-20T23:59:59Z"
    assert {c["option"]: c["value"] for c in vote_event["counts"]} == {"yes": 2, "no": 1}
    votes = {v["voter"]["name"]: v["option"] for v in vote_event["votes"]}
    # Japan's last reply counts; the EC replied before its rename and is named as it was then
    assert votes == {"European Community": "yes", "Japan": "yes", "Canada": "no"}
    orgs = by_id(document["organizations"])
    for vote in vote_event["votes"]:
        assert vote["vote_event_id"] == vote_event["id"]
        assert vote["voter_id"] in orgs


def test_the_export_reads_a_fixed_number_of_statements(engine: Engine) -> None:
    statements: list[str] = []

    def counted(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", counted)
    try:
        popolo.document(engine=engine, on=LATER)
        first = len(statements)
        circulate_with_replies(engine)
        rename_ec(engine)
        statements.clear()
        popolo.document(engine=engine, on=LATER)
        assert len(statements) == first
    finally:
        event.remove(engine, "before_cursor_execute", counted)


def test_plenary_export_popolo_writes_the_file(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "record.popolo.json"
    result = subprocess.run(
        [PLENARY, "--database-url", database_url, "export", "popolo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(popolo.problems(document)) == []
    assert "kpcs/entity/south+africa" in by_id(document["organizations"])
    missing = subprocess.run(
        [
            PLENARY,
            "--database-url",
            database_url,
            "export",
            "popolo",
            "--out",
            str(tmp_path / "no" / "x.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2
    assert len(missing.stderr.strip().splitlines()) == 1 and "Traceback" not in missing.stderr
