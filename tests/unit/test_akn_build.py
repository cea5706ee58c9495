"""The pure Akoma Ntoso builder: facts in, a valid document out, no database — a machine draft
marked as such, a written procedure whose silence was broken, file names that stay apart, and
a schema that never leaves its folder."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from governance.akn import build, schema
from governance.akn.model import (
    Body,
    Meeting,
    Organization,
    Reply,
    Version,
    Work,
    WorkKind,
    WrittenProcedure,
)
from governance.i18n import translator

NS = {"a": schema.NAMESPACE}
BODY = Body("KPCS", "Kimberley Process Certification Scheme", ("en", "fr", "pt", "es", "ru"), "en")
CANADA = Organization("Canada", date(2004, 2, 1))


def work(**changes: object) -> Work:
    facts: dict[str, object] = {
        "kind": WorkKind.DECISION,
        "number": "2004/WP 1",
        "title": "A proposal",
        "day": date(2004, 2, 1),
        "date_name": "circulation",
        "as_of": date(2004, 3, 10),
        "body": BODY,
        "meeting": None,
        "versions": (
            Version("en", "final", "One.\n\nTwo.", "", date(2004, 2, 1), None),
            Version("ru", "machine_draft", "Один.", "Предложение", date(2004, 2, 3), None),
        ),
        "available": (),
        "participants": (CANADA, Organization("Japan", date(2004, 2, 1))),
        "chair": CANADA,
        "procedure": "written_procedure",
        "status": "not_adopted",
        "written": WrittenProcedure(
            circulated_on=date(2004, 2, 1),
            deadline=date(2004, 2, 29),
            replies=(
                Reply(Organization("Japan", date(2004, 2, 5)), "objection", date(2004, 2, 5)),
            ),
            outcome="not_adopted",
            decided_on=date(2004, 3, 1),
            circulated_by=CANADA,
        ),
    }
    facts.update(changes)
    return Work(**facts)  # type: ignore[arg-type]


def test_a_machine_draft_is_not_authoritative_and_says_so_in_its_language() -> None:
    content = build.document(work(), "ru", translator("ru"))
    assert schema.errors(content) == []
    root = etree.fromstring(content)
    assert root.find(".//a:FRBRauthoritative", NS).get("value") == "false"
    translation = root.find(".//a:FRBRtranslation", NS)
    by = translation.get("by")[1:]
    assert "Machine translation" in root.find(f".//*[@eId='{by}']", NS).get("showAs")
    assert root.find(".//a:docStatus", NS).text == translator("ru").gettext(
        build.NOTICES["machine_draft"]
    )
    assert root.find(".//a:docTitle", NS).text == "Предложение"
    steps = {s.get("eId"): s for s in root.iterfind(".//a:step", NS)}
    assert steps["wf_outcome"].get("date") == "2004-03-01"
    # Not adopted: no adoption in the lifecycle, so no lifecycle at all.
    assert root.find(".//a:lifecycle", NS) is None


def test_the_english_expression_is_the_master_and_paragraphs_are_kept() -> None:
    root = etree.fromstring(build.document(work(), "en", translator("en")))
    assert root.find(".//a:FRBRmasterExpression", NS) is None
    assert [p.text for p in root.iterfind(".//a:mainBody/a:p", NS)] == ["One.", "Two."]
    assert root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == (
        "/akn/kpcs/statement/decision/2004-02-01/2004%2FWP%201"
    )


def test_file_names_are_stable_and_never_shared() -> None:
    assert (
        build.file_name(WorkKind.DECISION, "2003-JHB-01", "en") == "decisions/2003-JHB-01.eng.xml"
    )
    assert build.file_name(WorkKind.COMMUNIQUE, "c", "pt") == "communiques/c.por.xml"
    unsafe = {build.file_name(WorkKind.DECISION, r, "fr") for r in ("a/b", "a b", "a%2Fb", "../x")}
    assert len(unsafe) == 4
    assert all(name.count("/") == 1 and not name.split("/")[1].startswith(".") for name in unsafe)


def test_a_communique_is_a_doc_with_its_meeting() -> None:
    meeting = Meeting(
        "m", "Plenary meeting, Gatineau", "Gatineau", date(2004, 10, 27), date(2004, 10, 29),
        (("fr", "Réunion plénière, Gatineau"),),
    )  # fmt: skip
    comm = work(
        kind=WorkKind.COMMUNIQUE,
        number="m-communique",
        day=date(2004, 10, 29),
        date_name="issue",
        meeting=meeting,
        versions=(Version("fr", "available", "Texte.", "", date(2004, 11, 5), date(2004, 11, 5)),
                  Version("en", "available", "Text.", "", date(2004, 10, 29), date(2004, 10, 29))),
        available=(("en", date(2004, 10, 29)), ("fr", date(2004, 11, 5))),
        procedure="",
        status="",
        written=None,
    )  # fmt: skip
    content = build.document(comm, "fr", translator("fr"))
    assert schema.errors(content) == []
    root = etree.fromstring(content)
    assert root.find("a:doc", NS).get("name") == "communique"
    assert root.find(".//a:preface//a:event", NS).text == "Réunion plénière, Gatineau"
    events = {e.get("eId"): e.get("date") for e in root.iterfind(".//a:eventRef", NS)}
    assert events == {
        "evt_issue": "2004-10-29",
        "evt_available_eng": "2004-10-29",
        "evt_available_fra": "2004-11-05",
    }
    # A final translation made available is authoritative.
    assert root.find(".//a:FRBRtranslation", NS).get("authoritative") == "true"


def test_a_document_that_breaks_the_schema_is_reported() -> None:
    root = etree.fromstring(build.document(work(), "en", translator("en")))
    root.find(".//a:meta", NS).remove(root.find(".//a:identification", NS))
    problems = schema.errors(etree.tostring(root))
    assert problems and "identification" in problems[0]


def test_the_schema_resolves_nothing_outside_its_folder() -> None:
    resolver = schema._LocalOnly()
    with pytest.raises(schema.SchemaResourceError):
        resolver.resolve("http://www.w3.org/2001/xml.xsd", None, None)
    with pytest.raises(schema.SchemaResourceError):
        resolver.resolve("/etc/passwd", None, None)
    assert schema.SCHEMA_FILE.is_file() and (schema.FOLDER / "xml.xsd").is_file()
