"""The register's search finds a Participant by its name in the reader's language as well as by
its recorded (English) names, current or former, in the service that pages and the CLI share."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from governance.rules.permissions import Actor, Role
from governance.services import participants

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = [pytest.mark.db, pytest.mark.signed(SECRETARIAT)]
ON = date(2004, 6, 1)


def found(engine: Engine, search: str, reading: str | None, on: date = ON) -> list[str]:
    return [
        e.name
        for e in participants.list_entities(engine=engine, on=on, search=search, reading=reading)
    ]


def test_a_name_in_the_reader_s_language_is_found(engine: Engine) -> None:
    assert found(engine, "Afrique du", "fr") == ["South Africa"]
    assert found(engine, "Afrique du", None) == []  # not a recorded name
    assert found(engine, "Afrique du", "en") == []
    assert found(engine, "федерац", "ru") == ["Russian Federation"]
    assert found(engine, "south afr", "ru") == ["South Africa"]  # the English name still works


def test_a_former_name_in_the_reader_s_language_is_found(engine: Engine) -> None:
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
        note="Treaty of Lisbon",
    )
    later = date(2010, 6, 1)
    assert found(engine, "Communauté européenne", "fr", later) == ["European Union"]
    assert found(engine, "Union européenne", "fr", later) == ["European Union"]
    assert found(engine, "Европейский союз", "ru", later) == ["European Union"]


def test_the_search_in_another_language_adds_one_statement(engine: Engine) -> None:
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: sent.append(str(args[2])))
    found(engine, "Afrique", None)
    english = len(sent)
    sent.clear()
    found(engine, "Afrique", "fr")
    assert len(sent) == english + 1
