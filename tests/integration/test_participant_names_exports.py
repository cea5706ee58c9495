"""Participant names in the exports: a document in a language names the Participants in that
language (as the pages do), while identifiers keep the recorded English name, and the Popolo
export lists each Participant's name in the other official languages."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree
from sqlalchemy.engine import Engine

from governance.services import akn, popolo, unga_report

pytestmark = pytest.mark.db

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
ON = date(2026, 12, 1)


def organizations(root: etree._Element) -> dict[str, str]:
    """eId → showAs of every organization the document refers to."""
    return {
        str(o.get("eId")): str(o.get("showAs")) for o in root.iterfind(".//a:TLCOrganization", NS)
    }


def test_an_akoma_ntoso_document_names_the_participants_in_its_language(engine: Engine) -> None:
    def document(language: str) -> etree._Element:
        made = akn.decision_document(
            engine=engine, reference="2003-SUN-02", language=language, on=ON
        )
        return etree.fromstring(made.content)

    english, russian = document("en"), document("ru")
    shown_en, shown_ru = organizations(english), organizations(russian)
    assert shown_en.keys() <= shown_ru.keys()  # the same references, under the same eIds
    assert {"Brazil", "European Community"} <= set(shown_en.values())
    assert {"Бразилия", "Европейское сообщество"} <= set(shown_ru.values())
    assert "Brazil" not in shown_ru.values()
    chair = russian.find(".//a:preface//a:organization", NS)
    assert chair is not None and chair.text == "Южно-Африканская Республика"
    french = organizations(document("fr"))
    assert "Brésil" in french.values() and "Botswana" in french.values()


def test_popolo_lists_each_participant_s_name_in_the_other_languages(engine: Engine) -> None:
    organizations = {o["name"]: o for o in popolo.document(engine=engine, on=ON)["organizations"]}
    brazil = {n["note"]: n["name"] for n in organizations["Brazil"]["other_names"]}
    assert brazil == {
        "name in language fr": "Brésil",
        "name in language pt": "Brasil",
        "name in language es": "Brasil",
        "name in language ru": "Бразилия",
    }
    # A name the same as the English one is not repeated (Botswana in French).
    botswana = [n["name"] for n in organizations["Botswana"]["other_names"]]
    assert botswana == ["Botsuana", "Botsuana", "Ботсвана"]
    assert not list(popolo.problems({"organizations": list(organizations.values())}))


def test_the_annual_report_names_the_participants_in_its_language(engine: Engine) -> None:
    russian = unga_report.written(engine=engine, year=2003, language="ru", fmt="md", on=ON).decode()
    assert "Бразилия" in russian and "Европейское сообщество" in russian
    assert "Brazil" not in russian
    english = unga_report.written(engine=engine, year=2003, language="en", fmt="md", on=ON)
    assert "Brazil" in english.decode()
