"""A renamed Participant on the pages: the Participants page names it as it was called on the
as-of date, finds it by a former name and lists its name history; the desk renames it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from governance.models import EntityRename
from governance.rules.permissions import Actor, Role
from governance.services import participants

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
PARTICIPANTS = "pages/views/participants.py"
DESK = "pages/views/secretariat.py"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-02")


def table(at: AppTest, column: str) -> Any:  # a pandas DataFrame
    (found,) = [df.value for df in at.dataframe if column in df.value.columns]
    return found


def rename_ec(engine: Engine) -> None:
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
        note="Treaty of Lisbon in force",
        source="OJ C 306, 17.12.2007",
    )


def test_the_register_names_the_entity_as_it_was_called_on_the_as_of_date(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    rename_ec(engine)
    before = open_page(PARTICIPANTS, as_of="2009-11-30", lang="en")
    names = set(table(before, "Kind")["Name"])
    assert "European Community" in names and "European Union" not in names
    assert "European Community" in before.selectbox(key="participants_entity").options
    assert not [df for df in before.dataframe if "Former name" in df.value.columns]

    after = open_page(PARTICIPANTS, as_of="2009-12-01", lang="en")
    names = set(table(after, "Kind")["Name"])
    assert "European Union" in names and "European Community" not in names
    options = after.selectbox(key="participants_entity").options
    assert "European Union" in options and "European Community" not in options

    # The detail: one history across the rename, and the name history.
    after.selectbox(key="participants_entity").set_value("European Union").run()
    assert not after.exception
    assert any(m.value.startswith("**European Union**") for m in after.markdown), [
        m.value for m in after.markdown
    ]
    (history,) = [df.value for df in after.dataframe if "Date" in df.value.columns]
    assert history["Date"].tolist()[0] == "31 Oct 2003"
    former = table(after, "Former name")
    assert former[["Former name", "Renamed on", "New name", "Source"]].values.tolist() == [
        ["European Community", "1 Dec 2009", "European Union", "OJ C 306, 17.12.2007"]
    ]


def test_search_finds_the_entity_by_its_former_name(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    rename_ec(engine)
    at = open_page(PARTICIPANTS, as_of="2010-01-01", lang="en")
    at.text_input(key="participants_search").input("community").run()
    assert table(at, "Kind")["Name"].tolist() == ["European Union"]
    at.text_input(key="participants_search").input("Atlantis").run()
    assert any("Nobody in the register matches" in i.value for i in at.info)


def test_the_desk_renames_a_participant(open_page: Callable[..., AppTest], engine: Engine) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2009-06-01", lang="en")
    entity = at.selectbox(key="rename_entity")
    assert entity.value is None  # no default: a wrong one would rename the wrong entity
    assert "European Community" in entity.options
    entity.set_value("European Community")
    at.text_input(key="rename_new_name").input("European Union")
    at.date_input(key="rename_on").set_value(date(2009, 12, 1))
    at.text_input(key="rename_note").input("Treaty of Lisbon in force")
    at.text_input(key="rename_source").input("OJ C 306")
    at.button(key="rename_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [
        "European Community is called European Union from 1 December 2009."
    ]
    with Session(engine) as session:
        (row,) = session.exec(select(EntityRename)).all()
    assert (row.former_name, row.renamed_on, row.note, row.source) == (
        "European Community",
        date(2009, 12, 1),
        "Treaty of Lisbon in force",
        "OJ C 306",
    )
    assert at.text_input(key="rename_new_name").value == ""  # the form starts afresh
    view = participants.get_entity(engine=engine, name="European Union", on=date(2010, 1, 1))
    assert view.name == "European Union"


def test_the_desk_refuses_a_rename_without_a_participant_or_in_the_future(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2009-06-01", lang="en")
    at.text_input(key="rename_new_name").input("European Union")
    at.button(key="rename_submit").click().run()
    assert len(at.error) == 1 and "Choose the Participant" in at.error[0].value
    at.selectbox(key="rename_entity").set_value("European Community")
    at.date_input(key="rename_on").set_value(date(2027, 1, 1))
    at.button(key="rename_submit").click().run()
    assert len(at.error) == 1 and "after today" in at.error[0].value
    with Session(engine) as session:
        assert session.exec(select(EntityRename)).all() == []


def test_the_overview_names_an_applicant_as_it_was_called_on_the_as_of_date(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    participants.register_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        kind="state",
        status="applicant",
        on=date(2008, 1, 10),
        stage="intent_declared",
    )
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        new_name="Republic of Ruritania",
        on=date(2008, 6, 1),
    )
    before = open_page(as_of="2008-03-01", lang="en")
    assert "Ruritania" in table(before, "Stage")["Name"].tolist()
    assert "Republic of Ruritania" not in table(before, "Stage")["Name"].tolist()
    after = open_page(as_of="2008-07-01", lang="en")
    assert "Republic of Ruritania" in table(after, "Stage")["Name"].tolist()
    assert "Ruritania" not in table(after, "Stage")["Name"].tolist()


def test_the_chosen_entity_follows_it_across_the_rename_date(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    rename_ec(engine)
    at = open_page(PARTICIPANTS, as_of="2009-11-30", lang="en")
    at.selectbox(key="participants_entity").set_value("European Community").run()
    at.sidebar.date_input(key="as_of_choice").set_value(date(2009, 12, 1)).run()
    assert not at.exception
    assert at.selectbox(key="participants_entity").value == "European Union"
    assert any(m.value.startswith("**European Union**") for m in at.markdown)
