"""Akoma Ntoso 3.0: every document of the 2003 record validates against akomantoso30.xsd (the copy
in the repository, loaded here with lxml and no network), and its lifecycle and workflow carry
the record's dates — adoption, each language made available, formal adoption under Rule 26 when
the last language comes, a written procedure's circulation, replies, deadline and outcome, an
ad referendum point opened and resolved — with the Participants and the Chair named as on the
document's date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import event
from sqlalchemy.engine import Engine

from governance.i18n import translator
from governance.rules.errors import AknNoVersionError
from governance.rules.permissions import Actor, Role
from governance.services import (
    akn,
    decisions,
    demo_data,
    meetings,
    participants,
    procedures,
    translations,
)

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = [pytest.mark.db, pytest.mark.signed(SECRETARIAT)]

REPOSITORY = Path(__file__).resolve().parents[2]
XSD = REPOSITORY / "governance" / "standards" / "akomantoso" / "akomantoso30.xsd"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ON = date(2026, 12, 1)
"""After the record's unofficial translations (prepared on 2026-11-26)."""
LANGUAGES = {"en": "eng", "fr": "fra", "pt": "por", "es": "spa", "ru": "rus"}
DECISIONS = [f"2003-JHB-{n:02}" for n in range(1, 11)] + [f"2003-SUN-{n:02}" for n in range(1, 13)]
COMMUNIQUES = ["2003-johannesburg-communique", "2003-sun-city-communique"]


class LocalOnly(etree.Resolver):  # type: ignore[misc]
    """The test's own resolver: anything but the repository's schema folder fails the test."""

    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        path = Path(url.removeprefix("file://")).resolve()
        assert path.parent == XSD.parent, f"the schema asked for {url}"
        return self.resolve_filename(str(path), context)


@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalOnly())
    return etree.XMLSchema(etree.parse(str(XSD), parser))


def valid(xsd: etree.XMLSchema, content: bytes) -> etree._Element:
    """The document parsed, after checking it against the schema and that every ``#ref`` it
    makes points at an eId it defines."""
    root = etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False))
    assert xsd.validate(root), [f"{e.line}: {e.message}" for e in xsd.error_log][:3]
    defined = {e.get("eId") for e in root.iter() if e.get("eId")}
    for element in root.iter():
        for attribute in ("source", "by", "as", "refersTo", "outcome", "href"):
            for ref in (element.get(attribute) or "").split():
                if ref.startswith("#"):
                    assert ref[1:] in defined, f"{attribute}={ref} undefined"
    return root


def events(root: etree._Element) -> dict[str, date]:
    return {
        e.get("eId"): date.fromisoformat(e.get("date"))
        for e in root.iterfind(".//a:lifecycle/a:eventRef", NS)
    }


def steps(root: etree._Element) -> dict[str, etree._Element]:
    return {s.get("eId"): s for s in root.iterfind(".//a:workflow/a:step", NS)}


def shown(root: etree._Element, ref: str | None) -> str:
    """The showAs of the reference ``#eId``."""
    assert ref is not None and ref.startswith("#")
    found = root.find(f".//a:references/*[@eId='{ref[1:]}']", NS)
    assert found is not None, ref
    return str(found.get("showAs"))


def organizations(root: etree._Element) -> set[str]:
    return {str(o.get("showAs")) for o in root.iterfind(".//a:TLCOrganization", NS)}


def value(root: etree._Element, path: str, attribute: str = "value") -> str:
    found = root.find(path, NS)
    assert found is not None, path
    return str(found.get(attribute))


def by_path(files: list[akn.AknFile]) -> dict[str, etree._Element]:
    return {f.path: etree.fromstring(f.content) for f in files}


def test_every_document_of_the_2003_record_in_every_language_validates(
    engine: Engine, xsd: etree.XMLSchema
) -> None:
    files = akn.export_documents(engine=engine, on=ON)
    # Every decision and both communiqués, in English and in the four unofficial translations
    # the record ships: 120 documents under stable names.
    expected = {
        f"decisions/{ref}.{code}.xml" for ref in DECISIONS for code in LANGUAGES.values()
    } | {f"communiques/{c}.{code}.xml" for c in COMMUNIQUES for code in LANGUAGES.values()}
    assert {f.path for f in files} == expected
    assert len(files) == len(expected) == 120
    for item in files:
        root = valid(xsd, item.content)
        code = item.path.split(".")[-2]
        assert value(root, ".//a:FRBRExpression/a:FRBRlanguage", "language") == code
        authoritative = value(root, ".//a:FRBRExpression/a:FRBRauthoritative")
        translation = root.find(".//a:FRBRExpression/a:FRBRtranslation", NS)
        if code == "eng":  # the source text, final: authoritative, no translation of anything
            assert authoritative == "true"
            assert translation is None
        else:  # the record's translations are unofficial, and say so
            assert authoritative == "false"
            assert translation is not None
            assert translation.get("fromLanguage") == "eng"
            assert translation.get("authoritative") == "false"
            assert "Unofficial translator" in shown(root, translation.get("by"))
            assert value(root, ".//a:FRBRExpression/a:FRBRdate", "date") == "2026-11-26"
            master = value(root, ".//a:FRBRExpression/a:FRBRmasterExpression", "href")
            assert master.endswith("/eng@" + master.rsplit("@", 1)[1])
    # The same export twice gives the same bytes.
    assert [f.content for f in akn.export_documents(engine=engine, on=ON)] == [
        f.content for f in files
    ]


def test_lifecycle_dates_are_the_records(engine: Engine, xsd: etree.XMLSchema) -> None:
    files = {f.path: valid(xsd, f.content) for f in akn.export_documents(engine=engine, on=ON)}
    for ref in DECISIONS:
        detail = decisions.get_decision(engine=engine, reference=ref, on=ON)
        english = next(v for v in detail.versions if v.language == "en")
        for code in LANGUAGES.values():
            root = files[f"decisions/{ref}.{code}.xml"]
            assert events(root)["evt_adoption"] == detail.decision.adopted_on
            assert events(root)["evt_available_eng"] == english.available_on
            # Nothing of 2003 is formally adopted: four languages were never made available.
            assert "evt_formalAdoption" not in events(root)
            assert detail.decision.formally_adopted_on is None
            assert value(root, ".//a:FRBRWork/a:FRBRdate", "date") == str(
                detail.decision.adopted_on
            )
    sun_city = meetings.get_communique(engine=engine, code=COMMUNIQUES[1], on=ON)
    root = files[f"communiques/{COMMUNIQUES[1]}.rus.xml"]
    assert events(root) == {
        "evt_issue": sun_city.issued_on,
        "evt_available_eng": sun_city.issued_on,
    }
    assert "Kimberley Process Plenary Meeting, Sun City" in shown(
        root, root.find(".//a:eventRef[@eId='evt_issue']", NS).get("refersTo").split()[1]
    )
    # The Russian document reads in Russian where it speaks for itself.
    assert root.find(".//a:mainBody", NS).get(XML_LANG) == "ru"
    notice = translator("ru").gettext("Unofficial translation in progress — not final.")
    assert notice != "Unofficial translation in progress — not final."
    assert root.find(".//a:docStatus", NS).text == notice


def test_the_participants_and_the_chair_of_the_date(engine: Engine, xsd: etree.XMLSchema) -> None:
    files = by_path(akn.export_documents(engine=engine, on=ON))
    sun = files["decisions/2003-SUN-02.eng.xml"]
    # 45 Participants certified on 31 October 2003 (44 States and the European Community).
    listed = organizations(sun) - {
        "Kimberley Process Certification Scheme — Plenary",
        "Kimberley Process Certification Scheme — Chair's secretariat",
    }
    assert len(listed) == 45 and {"Brazil", "Romania", "Togo", "European Community"} <= listed
    assert "Chinese Taipei" not in listed  # a trading entity, not a Participant
    chair = sun.find(".//a:preface//a:organization", NS)
    assert chair is not None and chair.text == "South Africa"
    assert shown(sun, sun.find(".//a:preface//a:role", NS).get("refersTo")) == "Chair"
    # In April 2003 nobody was certified yet: the Chair, no list of Participants.
    april = files["decisions/2003-JHB-01.eng.xml"]
    assert "South Africa" in organizations(april) and "Angola" not in organizations(april)


def test_formal_adoption_when_the_last_language_is_made_available(
    engine: Engine, xsd: etree.XMLSchema
) -> None:
    ref = "2003-JHB-01"
    made_available = {"fr": date(2026, 11, 28), "pt": date(2026, 11, 29), "es": date(2026, 11, 29)}
    for language, on in [*made_available.items(), ("ru", date(2026, 11, 30))]:
        for state in ("final", "available"):
            translations.set_state(
                engine=engine,
                actor=SECRETARIAT,
                target=ref,
                language=language,
                state=state,
                on=date(2026, 11, 27) if state == "final" else on,
            )
    before = akn.decision_document(
        engine=engine, reference=ref, language="fr", on=date(2026, 11, 29)
    )
    root = valid(xsd, before.content)
    assert "evt_formalAdoption" not in events(root)  # Russian is not available yet
    assert events(root)["evt_available_fra"] == date(2026, 11, 28)
    assert "evt_available_rus" not in events(root)

    for language in LANGUAGES:
        item = akn.decision_document(engine=engine, reference=ref, language=language, on=ON)
        assert item.path == f"decisions/{ref}.{LANGUAGES[language]}.xml"
        root = valid(xsd, item.content)
        formal = decisions.get_decision(engine=engine, reference=ref, on=ON)
        assert events(root)["evt_formalAdoption"] == formal.decision.formally_adopted_on
        assert formal.decision.formally_adopted_on == date(2026, 11, 30)
        assert events(root)["evt_available_rus"] == date(2026, 11, 30)
        assert events(root)["evt_available_spa"] == date(2026, 11, 29)
        hrefs = {
            e.get("eId"): e.get("href") for e in root.iterfind(".//a:lifecycle/a:eventRef", NS)
        }
        assert str(hrefs["evt_available_por"]).endswith("/por@2003-04-30")
        # A final translation is authoritative now, made by the secretariat.
        assert value(root, ".//a:FRBRExpression/a:FRBRauthoritative") == "true"
        if language != "en":
            translation = root.find(".//a:FRBRtranslation", NS)
            assert translation.get("authoritative") == "true"
            assert "secretariat" in shown(root, translation.get("by"))


def test_a_written_procedure_circulated_answered_and_decided(
    engine: Engine, xsd: etree.XMLSchema
) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Admission of an applicant",
        kind="participation",
        text="The Chair proposes that the Plenary admit the applicant.\nSecond line.",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )
    for participant, on in (("Japan", date(2004, 2, 5)), ("European Community", date(2004, 2, 9))):
        procedures.record_reply(
            engine=engine,
            actor=SECRETARIAT,
            reference="2004-WP-01",
            participant=participant,
            kind="support",
            received_on=on,
            note="note verbale",
        )
    # While it is open: circulated, two replies, the deadline; no outcome, no adoption. Its
    # English text was never made final: the proposal as circulated, not authoritative.
    pending = akn.decision_document(
        engine=engine, reference="2004-WP-01", language="en", on=date(2004, 2, 20)
    )
    root = valid(xsd, pending.content)
    flow = steps(root)
    assert list(flow) == ["wf_circulation", "wf_reply_1", "wf_reply_2", "wf_deadline"]
    assert flow["wf_circulation"].get("date") == "2004-02-01"
    assert shown(root, flow["wf_circulation"].get("by")) == "Canada"  # the Chair for 2004
    assert shown(root, flow["wf_circulation"].get("as")) == "Chair"
    assert [shown(root, flow[f"wf_reply_{n}"].get("by")) for n in (1, 2)] == [
        "Japan",
        "European Community",
    ]
    assert flow["wf_reply_2"].get("date") == "2004-02-09"
    assert shown(root, flow["wf_reply_1"].get("outcome")) == "Support"
    assert flow["wf_deadline"].get("date") == "2004-02-29"
    assert events(root) == {}
    assert value(root, ".//a:FRBRExpression/a:FRBRauthoritative") == "false"
    assert value(root, ".//a:FRBRWork/a:FRBRdate", "name") == "circulation"
    assert root.find(".//a:mainBody/a:p/a:eol", NS) is not None  # the line break kept

    decided = akn.decision_document(
        engine=engine, reference="2004-WP-01", language="en", on=date(2004, 3, 10)
    )
    root = valid(xsd, decided.content)
    outcome = steps(root)["wf_outcome"]
    assert outcome.get("date") == "2004-03-01"  # the day after the deadline
    assert shown(root, outcome.get("outcome")).startswith("Adopted")
    assert events(root) == {"evt_adoption": date(2004, 3, 1)}
    # The same IRI before and after the outcome (the circulation date).
    assert value(root, ".//a:FRBRWork/a:FRBRuri") == (
        "/akn/kpcs/statement/decision/2004-02-01/2004-WP-01"
    )


def test_an_ad_referendum_point_opened_then_resolved(engine: Engine, xsd: etree.XMLSchema) -> None:
    before = valid(
        xsd,
        akn.decision_document(engine=engine, reference="2003-JHB-02", language="en", on=ON).content,
    )
    assert list(steps(before)) == ["wf_point_1_opened"]
    assert steps(before)["wf_point_1_opened"].get("date") == "2003-04-30"
    assert "Decision Making" in shown(
        before, steps(before)["wf_point_1_opened"].get("refersTo").split()[1]
    )
    decisions.resolve_open_point(
        engine=engine,
        actor=SECRETARIAT,
        reference="2003-JHB-02",
        key="decision-making",
        resolved_on=date(2003, 10, 31),
        by_decision="2003-SUN-12",
    )
    after = valid(
        xsd,
        akn.decision_document(engine=engine, reference="2003-JHB-02", language="en", on=ON).content,
    )
    resolved = steps(after)["wf_point_1_resolved"]
    assert resolved.get("date") == "2003-10-31"
    assert resolved.get("href") == "/akn/kpcs/statement/decision/2003-10-31/2003-SUN-12"
    assert events(after)["evt_confirmation"] == date(2003, 10, 31)
    # Viewed before the resolution, it is still open.
    earlier = valid(
        xsd,
        akn.decision_document(
            engine=engine, reference="2003-JHB-02", language="en", on=date(2003, 10, 30)
        ).content,
    )
    assert list(steps(earlier)) == ["wf_point_1_opened"]


def test_names_in_force_on_each_date(engine: Engine, xsd: etree.XMLSchema) -> None:
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
    )
    files = by_path(akn.export_documents(engine=engine, on=ON))
    assert "European Community" in organizations(files["decisions/2003-SUN-02.eng.xml"])
    assert "European Union" not in organizations(files["decisions/2003-SUN-02.eng.xml"])
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2010-WP-01",
        title="A proposal",
        kind="other",
        text="Text.",
        circulated_on=date(2010, 3, 1),
        deadline=date(2010, 3, 31),
    )
    procedures.record_reply(
        engine=engine,
        actor=SECRETARIAT,
        reference="2010-WP-01",
        participant="European Union",
        kind="objection",
        received_on=date(2010, 3, 2),
        note="e-mail",
    )
    root = valid(
        xsd,
        akn.decision_document(engine=engine, reference="2010-WP-01", language="en", on=ON).content,
    )
    assert "European Union" in organizations(root) and "European Community" not in organizations(
        root
    )
    assert shown(root, steps(root)["wf_reply_1"].get("by")) == "European Union"
    assert shown(root, steps(root)["wf_outcome"].get("outcome")).startswith("Not adopted")
    assert "evt_adoption" not in events(root)


def test_only_what_the_record_knows_on_the_date(engine: Engine, xsd: etree.XMLSchema) -> None:
    files = akn.export_documents(engine=engine, on=date(2003, 5, 1))
    assert sorted(f.path for f in files) == sorted(
        [f"decisions/2003-JHB-{n:02}.eng.xml" for n in range(1, 11)]
        + ["communiques/2003-johannesburg-communique.eng.xml"]
    )
    with pytest.raises(AknNoVersionError):
        akn.decision_document(
            engine=engine, reference="2003-JHB-01", language="fr", on=date(2003, 5, 1)
        )
    with pytest.raises(AknNoVersionError):
        akn.communique_document(
            engine=engine, code=COMMUNIQUES[1], language="en", on=date(2003, 5, 1)
        )


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def listener(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    yield seen
    event.remove(engine, "before_cursor_execute", listener)


MOST_STATEMENTS = 20
"""The export's read: a fixed list of statements (a few are skipped when there is nothing to
look up: no replies, no resolved points), whatever the number of decisions and dates."""


def test_a_bigger_record_validates_in_a_bounded_number_of_statements(
    engine: Engine, xsd: etree.XMLSchema, statements: list[str]
) -> None:
    akn.export_documents(engine=engine, on=ON)
    assert len(statements) <= MOST_STATEMENTS, statements
    # A synthetic year more: written procedures with replies, ad referendum points resolved,
    # versions through every state, formal adoptions, renames.
    demo_data.build(engine, scale=2, seed=3)
    statements.clear()
    files = akn.export_documents(engine=engine, on=ON)
    assert len(statements) <= MOST_STATEMENTS, statements
    assert len(files) > 120
    roots = [valid(xsd, f.content) for f in files]
    assert any(steps(r).get("wf_outcome") is not None for r in roots)
    assert any(steps(r).get("wf_point_1_resolved") is not None for r in roots)
    assert any("evt_formalAdoption" in events(r) for r in roots)


def test_titles_in_the_language_else_the_source_title_marked_as_such(
    engine: Engine, xsd: etree.XMLSchema
) -> None:
    files = by_path(akn.export_documents(engine=engine, on=ON))
    french = files["decisions/2003-JHB-02.fra.xml"]
    title = french.find(".//a:docTitle", NS)
    assert title.text == (
        "Règlement intérieur des réunions de la Plénière et de ses organes subsidiaires"
    )
    assert title.get(XML_LANG) is None
    held = french.find(".//a:preface//a:event", NS)
    assert held.text == "Réunion plénière du Processus de Kimberley, Johannesburg"
    # A version without a title of its own: the English title, saying it is English.
    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-X-01",
        title="A decision of 2004",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 3, 1),
        text="The text.",
    )
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2004-X-01",
        language="es",
        state="in_translation",
        on=date(2004, 3, 2),
        text="El texto.",
    )
    root = valid(
        xsd,
        akn.decision_document(
            engine=engine, reference="2004-X-01", language="es", on=date(2004, 3, 3)
        ).content,
    )
    title = root.find(".//a:docTitle", NS)
    assert (title.text, title.get(XML_LANG)) == ("A decision of 2004", "en")
    assert root.find(".//a:mainBody/a:p", NS).text == "El texto."
