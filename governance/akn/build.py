"""One Akoma Ntoso 3.0 document per language version of a decision or a communiqué (lxml).

Pure: the facts come in (:class:`governance.akn.model.Work`), bytes go out; the only other input
is the translator of the document's language, for the human-readable lines of its preface.

What goes where:

- a decision is a ``<statement name="decision">`` (a deliberative body's act that is not
  legislation), a communiqué a ``<doc name="communique">``;
- FRBR: the Work is the decision or communiqué (``/akn/<body>/statement/decision/<date>/<ref>``),
  each language version an Expression (``…/<ISO 639-2/T>@<date>``, ``FRBRlanguage``), this XML
  file its Manifestation (``…/!main.xml``, ``application/akn+xml``). Whether an Expression is
  authoritative is said by ``FRBRauthoritative`` (true only for a final text of the Plenary) and,
  for a version in another language than the source, by ``FRBRtranslation`` (``fromLanguage``,
  ``authoritative``, ``by`` the secretariat, an unofficial translator or machine translation)
  with ``FRBRmasterExpression`` pointing at the source-language Expression; the preface says it
  in words (``docStatus``) in the document's language;
- ``lifecycle``: adoption (or issue), confirmation of an ad referendum adoption, each language
  made available (``href``: that language's Expression), formal adoption under Rule 26;
- ``workflow``: a written procedure's circulation, each reply, its deadline and outcome; an ad
  referendum decision's open points (opened, resolved);
- ``references``: the Plenary, the secretariat, the meeting (``TLCEvent``), the Participants on
  the work's date and everyone who replied under the names of those dates
  (``TLCOrganization``), the Chair (``TLCRole``), and the events and concepts the lifecycle and
  workflow refer to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import quote

from lxml import etree

from governance import labels, participant_names
from governance.akn.model import Organization, Version, Work, WorkKind
from governance.akn.schema import NAMESPACE
from governance.i18n import Translator

AKN = f"{{{NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/akn+xml"

ISO_639_2T = {
    "en": "eng", "fr": "fra", "pt": "por", "es": "spa", "ru": "rus", "ar": "ara", "zh": "zho",
    "de": "deu", "it": "ita", "nl": "nld", "ja": "jpn", "ko": "kor", "sw": "swa",
}  # fmt: skip
"""ISO 639-1 → ISO 639-2/T (terminology) codes, what ``FRBRlanguage`` carries."""

NOTICES = {
    "final": "Final, not yet made available to all Participants.",
    "in_translation": "Unofficial translation in progress — not final.",
    "machine_draft": "Unofficial machine draft — not a translation of the Plenary.",
    "circulated": "The proposal as circulated",
}
"""The preface's statement of a version's standing (catalog entries the pages use already)."""
AVAILABLE_NOTICE = "Final, made available on {date}."

# Who made an expression (FRBRtranslation/@by, the Expression's FRBRauthor).
SECRETARIAT, PLENARY = "secretariat", "plenary"
UNOFFICIAL, MACHINE = "unofficial translator", "machine translation"


def language_code(language: str) -> str:
    """The ISO 639-2/T code of an ISO 639-1 code (``fr`` → ``fra``)."""
    return ISO_639_2T.get(language, language)


def file_name(kind: WorkKind, number: str, language: str) -> str:
    """Where a document goes in an export folder: ``decisions/2003-JHB-01.eng.xml``,
    ``communiques/<code>.fra.xml`` (a reference's unsafe characters and a leading dot
    percent-encoded, so two references never share a file and none is hidden)."""
    folder = "decisions" if kind is WorkKind.DECISION else "communiques"
    name = quote(number, safe="-_.~")
    if name.startswith("."):  # never a hidden file
        name = "%2E" + name[1:]
    return f"{folder}/{name}.{language_code(language)}.xml"


def work_iri(work: Work) -> str:
    return work_iri_of(work.body.code, work.kind, work.day, work.number)


def work_iri_of(body: str, kind: WorkKind, on: date, number: str) -> str:
    doc_type = "statement" if kind is WorkKind.DECISION else "doc"
    number = quote(number, safe="-_.~")
    return f"/akn/{_country(body)}/{doc_type}/{kind.value}/{on.isoformat()}/{number}"


def expression_iri(work: Work, language: str) -> str:
    return f"{work_iri(work)}/{language_code(language)}@{work.day.isoformat()}"


def document(work: Work, language: str, t: Translator) -> bytes:
    """The Akoma Ntoso document of ``work``'s ``language`` version (which must exist)."""
    version = work.version(language)
    if version is None:
        raise ValueError(f"{work.number} has no {language} version on {work.as_of}")
    root = _Document(work, version, t).build()
    content: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return content


def _country(code: str) -> str:
    return _ascii_slug(code) or "body"


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")


def _camel(text: str) -> str:
    words = _ascii_slug(text).split("-")
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:]) if words[0] else ""


class _Document:
    """Builds one document; keeps the references it uses and their eIds unique."""

    def __init__(self, work: Work, version: Version, t: Translator) -> None:
        self.work, self.version, self.t = work, version, t
        self.country = _country(work.body.code)
        self.used: set[str] = set()
        self.references: list[tuple[str, str, str, str]] = []  # (element, eId, href, showAs)
        self.by_key: dict[tuple[str, str], str] = {}
        self.organizations: dict[tuple[str, date], str] = {}

    # --- references -------------------------------------------------------------------------

    def ref(self, element: str, key: str, show_as: str, ontology: str, name: str = "") -> str:
        """The eId of the reference ``key`` of kind ``element`` (added on first use), made from
        ``name`` (default: the key) and kept unique in the document."""
        found = self.by_key.get((element, key))
        if found is not None:
            return found
        name = name or key
        base = _camel(name) or element.removeprefix("TLC").lower()
        eid, n = base, 1
        while eid in self.used:
            n += 1
            eid = f"{base}{n}"
        self.used.add(eid)
        slug = quote(re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or eid, safe="-")
        href = f"/akn/ontology/{ontology}/{self.country}/{slug}"
        self.references.append((element, eid, href, show_as))
        self.by_key[(element, key)] = eid
        return eid

    def organization(self, org: Organization) -> str:
        """A Participant under the name it bore on its date (one reference per name), shown in
        the document's language; its eId and IRI keep the recorded (English) name."""
        show_as = participant_names.localized(org.name, self.version.language)
        return self.ref("TLCOrganization", f"entity {org.name}", show_as, "organizations", org.name)

    def agent(self, which: str) -> str:
        body = self.work.body.name
        show = {
            PLENARY: f"{body} — Plenary",
            SECRETARIAT: f"{body} — Chair's secretariat",
            UNOFFICIAL: "Unofficial translator (not a translation of the Plenary)",
            MACHINE: "Machine translation (not a translation of the Plenary)",
        }[which]
        return self.ref("TLCOrganization", f"agent {which}", show, "organizations", which)

    def event(self, key: str, show_as: str) -> str:
        return self.ref("TLCEvent", key, show_as, "events")

    def concept(self, key: str, show_as: str) -> str:
        return self.ref("TLCConcept", key, show_as, "concepts")

    def chair_role(self) -> str:
        return self.ref("TLCRole", "chair", "Chair", "roles")

    def meeting(self) -> str | None:
        m = self.work.meeting
        if m is None:
            return None
        show = f"{m.title} ({m.starts_on.isoformat()} – {m.ends_on.isoformat()})"
        return self.ref("TLCEvent", f"meeting {m.code}", show, "events", f"meeting {m.code}")

    # --- the document -----------------------------------------------------------------------

    def build(self) -> etree._Element:
        work = self.work
        root = etree.Element(f"{AKN}akomaNtoso", nsmap={None: NAMESPACE})
        kind = "statement" if work.kind is WorkKind.DECISION else "doc"
        top = _sub(root, kind, name=work.kind.value)
        meta = _sub(top, "meta")
        self.agent(PLENARY)  # the first references listed: the body and who keeps the record
        self.agent(SECRETARIAT)
        if work.chair is not None:
            self.organization(work.chair)
            self.chair_role()
        for participant in work.participants:
            self.organization(participant)
        # The body parts first: they register the references the metadata lists.
        preface = self.preface()
        body = self.main_body()
        self.identification(meta)
        for part in (self.lifecycle(), *self.workflows()):
            if part is not None:
                meta.append(part)
        self.reference_list(meta)
        top.append(preface)
        top.append(body)
        return root

    def identification(self, meta: etree._Element) -> None:
        work, version = self.work, self.version
        source = self.agent(SECRETARIAT)
        ident = _sub(meta, "identification", source=f"#{source}")
        uri = work_iri(work)
        frbr = _sub(ident, "FRBRWork")
        _sub(frbr, "FRBRthis", value=f"{uri}/!main")
        _sub(frbr, "FRBRuri", value=uri)
        _sub(frbr, "FRBRdate", date=work.day.isoformat(), name=work.date_name)
        _sub(frbr, "FRBRauthor", href=f"#{self.agent(PLENARY)}")
        _sub(frbr, "FRBRcountry", value=self.country)
        _sub(frbr, "FRBRsubtype", value=work.kind.value)
        _sub(frbr, "FRBRnumber", value=work.number)
        _sub(frbr, "FRBRname", value=work.title)

        expr_uri = expression_iri(work, version.language)
        source_uri = expression_iri(work, work.body.source_language)
        translated = version.language != work.body.source_language
        maker = self.maker()
        expr = _sub(ident, "FRBRExpression")
        _sub(expr, "FRBRthis", value=f"{expr_uri}/!main")
        _sub(expr, "FRBRuri", value=expr_uri)
        _sub(expr, "FRBRdate", date=(version.since or work.day).isoformat(), name=version.state)
        _sub(expr, "FRBRauthor", href=f"#{maker}")
        _sub(expr, "FRBRauthoritative", value=_bool(version.authoritative))
        if translated:
            master = f"{work.number} ({language_code(work.body.source_language)})"
            _sub(expr, "FRBRmasterExpression", href=source_uri, showAs=master)
        _sub(expr, "FRBRlanguage", language=language_code(version.language))
        if translated:
            _sub(
                expr,
                "FRBRtranslation",
                href=source_uri,
                fromLanguage=language_code(work.body.source_language),
                authoritative=_bool(version.authoritative),
                by=f"#{maker}",
            )

        manif = _sub(ident, "FRBRManifestation")
        _sub(manif, "FRBRthis", value=f"{expr_uri}/!main.xml")
        _sub(manif, "FRBRuri", value=f"{expr_uri}.akn")
        _sub(manif, "FRBRdate", date=work.as_of.isoformat(), name="recordAsOf")
        _sub(manif, "FRBRauthor", href=f"#{source}")
        _sub(manif, "FRBRformat", value=MEDIA_TYPE)

    def maker(self) -> str:
        """Who made this expression: the Plenary (source language), the secretariat (a final
        translation), an unofficial translator or machine translation."""
        if self.version.language == self.work.body.source_language:
            return self.agent(PLENARY)
        if self.version.authoritative:
            return self.agent(SECRETARIAT)
        if self.version.state == "machine_draft":
            return self.agent(MACHINE)
        return self.agent(UNOFFICIAL)

    def lifecycle(self) -> etree._Element | None:
        work = self.work
        events: list[tuple[date, str, dict[str, str]]] = []
        meeting = self.meeting()
        at = [f"#{meeting}"] if meeting else []
        if work.kind is WorkKind.COMMUNIQUE:
            issue = self.event("issue", "Communiqué issued")
            events.append(
                (work.day, "issue", {"refersTo": _refs(f"#{issue}", *at), "type": "generation"})
            )
        elif work.adopted_on is not None:
            what = "Adopted ad referendum" if work.procedure == "ad_referendum" else "Adopted"
            adoption = self.event("adoption", what)
            if work.written is not None:
                at = [f"#{self.event('written procedure', 'Written procedure')}"]
            refers = _refs(f"#{adoption}", *at)
            events.append((work.adopted_on, "adoption", {"refersTo": refers, "type": "generation"}))
        if work.confirmed_on is not None:
            confirmed = self.event("confirmation", "Ad referendum adoption confirmed")
            events.append((work.confirmed_on, "confirmation", {"refersTo": f"#{confirmed}"}))
        for language, on in work.available:
            available = self.event("made available", "Made available to all Participants (Rule 26)")
            events.append(
                (
                    on,
                    f"available_{language_code(language)}",
                    {"refersTo": f"#{available}", "href": expression_iri(work, language)},
                )
            )
        if work.formally_adopted_on is not None:
            formal = self.event(
                "formal adoption", "Formally adopted under Rule 26 (all official languages)"
            )
            events.append((work.formally_adopted_on, "formalAdoption", {"refersTo": f"#{formal}"}))
        if not events:
            return None
        cycle = _element("lifecycle", source=f"#{self.agent(SECRETARIAT)}")
        for on, eid, attrs in sorted(events, key=lambda e: e[0]):
            _sub(
                cycle,
                "eventRef",
                eId=f"evt_{eid}",
                date=on.isoformat(),
                source=cycle.get("source"),
                **attrs,
            )
        return cycle

    def workflows(self) -> list[etree._Element]:
        result = []
        written = self.work.written
        source = f"#{self.agent(SECRETARIAT)}"
        plenary = f"#{self.agent(PLENARY)}"
        if written is not None:
            flow = _element("workflow", source=source)
            by = {"by": plenary}
            if written.circulated_by is not None:
                by = {
                    "by": f"#{self.organization(written.circulated_by)}",
                    "as": f"#{self.chair_role()}",
                }
            circulation = self.event("circulation", "Circulated by the Chair for written procedure")
            _sub(
                flow,
                "step",
                eId="wf_circulation",
                date=written.circulated_on.isoformat(),
                refersTo=f"#{circulation}",
                **by,
            )
            reply = self.event("reply", "Reply to the written procedure")
            for n, r in enumerate(written.replies, start=1):
                kind = self.concept(r.kind, r.kind.capitalize())
                _sub(
                    flow,
                    "step",
                    eId=f"wf_reply_{n}",
                    date=r.received_on.isoformat(),
                    by=f"#{self.organization(r.participant)}",
                    refersTo=f"#{reply}",
                    outcome=f"#{kind}",
                )
            deadline = self.event("deadline", "Deadline for objections")
            _sub(
                flow,
                "step",
                eId="wf_deadline",
                date=written.deadline.isoformat(),
                by=plenary,
                refersTo=f"#{deadline}",
            )
            if written.decided_on is not None:
                outcome = self.event("outcome", "Outcome of the written procedure")
                result_concept = self.concept(
                    written.outcome,
                    "Adopted (silence not broken)"
                    if written.outcome == "adopted"
                    else "Not adopted (silence broken)",
                )
                _sub(
                    flow,
                    "step",
                    eId="wf_outcome",
                    date=written.decided_on.isoformat(),
                    by=plenary,
                    refersTo=f"#{outcome}",
                    outcome=f"#{result_concept}",
                )
            result.append(flow)
        if self.work.open_points:
            flow = _element("workflow", source=source)
            opened = self.event("point opened", "Point left open (ad referendum)")
            steps: list[tuple[date, dict[str, Any]]] = []
            for n, p in enumerate(self.work.open_points, start=1):
                point = self.concept(f"open point {p.key}", p.description)
                steps.append(
                    (
                        p.opened_on,
                        {
                            "eId": f"wf_point_{n}_opened",
                            "by": plenary,
                            "refersTo": _refs(f"#{opened}", f"#{point}"),
                        },
                    )
                )
                if p.resolved_on is not None:
                    resolved = self.event("point resolved", "Open point resolved")
                    attrs = {
                        "eId": f"wf_point_{n}_resolved",
                        "by": plenary,
                        "refersTo": _refs(f"#{resolved}", f"#{point}"),
                    }
                    if p.resolved_by_work:
                        attrs["href"] = p.resolved_by_work
                    steps.append((p.resolved_on, attrs))
            for on, attrs in sorted(steps, key=lambda s: s[0]):
                _sub(flow, "step", date=on.isoformat(), **attrs)
            result.append(flow)
        return result

    def reference_list(self, meta: etree._Element) -> None:
        refs = _sub(meta, "references", source=f"#{self.agent(SECRETARIAT)}")
        order = ("TLCOrganization", "TLCEvent", "TLCRole", "TLCConcept")
        for element, eid, href, show in sorted(self.references, key=lambda r: order.index(r[0])):
            _sub(refs, element, eId=eid, href=href, showAs=show)

    def preface(self) -> etree._Element:
        work, version, t = self.work, self.version, self.t
        preface = _element("preface")
        _sub(_sub(preface, "p"), "docNumber").text = work.number
        title = _sub(_sub(preface, "p"), "docTitle")
        title.text = version.title or work.title
        if not version.title and version.language != work.body.source_language:
            title.set(XML_LANG, work.body.source_language)  # the source's title, said so
        if work.status:
            _sub(_sub(preface, "p"), "docStage").text = t.label(labels.DECISION_STATUS, work.status)
        status = _sub(_sub(preface, "p"), "docStatus")
        if version.state == "available" and version.available_on is not None:
            status.text = t.gettext(AVAILABLE_NOTICE, date=t.date(version.available_on))
        else:
            status.text = t.gettext(NOTICES.get(version.state, NOTICES["in_translation"]))
        line = _sub(preface, "p")
        meeting = self.meeting()
        if meeting is not None and work.meeting is not None:
            held = _sub(line, "event", refersTo=f"#{meeting}")
            held.text, translated = work.meeting.title_in(version.language)
            if not translated and version.language != work.body.source_language:
                held.set(XML_LANG, work.body.source_language)
            held.tail = ", "
        when = _sub(line, "docDate", date=work.day.isoformat())
        when.text = t.date(work.day)
        if work.chair is not None:
            line = _sub(preface, "p")
            role = _sub(line, "role", refersTo=f"#{self.chair_role()}")
            role.text = t.label(labels.OFFICE, "chair")
            role.tail = ": "
            org = _sub(line, "organization", refersTo=f"#{self.organization(work.chair)}")
            org.text = participant_names.localized(work.chair.name, self.version.language)
        return preface

    def main_body(self) -> etree._Element:
        body = _element("mainBody")
        body.set(XML_LANG, self.version.language)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", self.version.text) if p.strip()]
        for n, paragraph in enumerate(paragraphs or [""], start=1):
            p = _sub(body, "p", eId=f"para_{n}")
            lines = paragraph.split("\n")
            p.text = lines[0]
            for line in lines[1:]:
                _sub(p, "eol").tail = line
        return body


def _element(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{AKN}{tag}", {k: v for k, v in attrs.items() if v is not None})


def _sub(parent: etree._Element, tag: str, **attrs: Any) -> etree._Element:
    return etree.SubElement(
        parent, f"{AKN}{tag}", {k: str(v) for k, v in attrs.items() if v is not None}
    )


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _refs(*refs: str) -> str:
    return " ".join(refs)


def references_of(root: etree._Element) -> Iterable[str]:
    """Every ``#eId`` a document's attributes point at (for checks: each must be defined)."""
    for element in root.iter():
        for attribute in ("source", "by", "as", "refersTo", "outcome", "href"):
            for value in (element.get(attribute) or "").split():
                if value.startswith("#"):
                    yield value[1:]
