"""Chairs page, Overview and the desk's Offices tab: in office by the rule, confirming a term,
decisions that can authorize one, and the page agreeing with the CLI on every month."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from offices_history import EXTENSION, months, plenary_decision, record
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.cli import cli
from governance.rules.permissions import Actor, Role
from governance.services import offices

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
DESK = "pages/views/secretariat.py"
CHAIRS = "pages/views/chairs.py"


def terms_table(at: AppTest) -> Any:  # a pandas DataFrame
    return next(df.value for df in at.dataframe if "Projected" in df.value.columns)


def submit(at: AppTest, form: str) -> AppTest:
    at.button(key=f"{form}_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_a_begun_unconfirmed_term_reads_in_office_by_the_rule(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(CHAIRS, as_of="2005-06-01", lang="en")
    chair = at.main.columns[0]
    assert chair.metric[0].value == "Russian Federation"
    assert not chair.warning
    assert [i.value for i in chair.info] == [
        "In office (by the rule): follows from the rotation rule and decision 2003-SUN-05; "
        "no confirmation is recorded."
    ]
    table = terms_table(at)
    rows = table[["Holder", "From", "Projected", "In office by the rule"]].values.tolist()
    assert ["Russian Federation", "1 Jan 2005", "No", "Yes"] in rows


def test_before_it_begins_the_term_is_projected(open_page: Callable[..., AppTest]) -> None:
    at = open_page(CHAIRS, as_of="2004-12-31", lang="en")
    table = terms_table(at)
    rows = table[["Holder", "From", "Projected", "In office by the rule"]].values.tolist()
    assert ["Russian Federation", "1 Jan 2005", "Yes", "No"] in rows


def test_the_overview_says_in_office_by_the_rule(open_page: Callable[..., AppTest]) -> None:
    at = open_page(None, as_of="2005-06-01", lang="en")
    captions = [c.value for c in at.main.caption]
    assert "In office (by the rule): no confirmation is recorded." in captions
    assert not any(c.startswith("Projected") for c in captions)


def page_holders(at: AppTest) -> tuple[str, str]:
    return at.main.columns[0].metric[0].value, at.main.columns[1].metric[0].value


def cli_json(url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--database-url", url, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_chairs_page_and_the_cli_agree_on_every_month(
    open_page: Callable[..., AppTest], engine: Engine, database_url: str
) -> None:
    """A history with a chairmanship extended by written procedure: the page's metrics and
    terms table and `plenary chair`/`terms` read the same terms on the first of every month."""
    record(engine, SECRETARIAT)
    at = open_page(CHAIRS, as_of="2003-01-01", lang="en")
    turns = [date(2004, 11, 4), date(2004, 11, 5), date(2005, 10, 31), date(2005, 11, 1)]
    turns += [date(2005, 12, 31), date(2006, 1, 1), date(2007, 12, 31), date(2008, 1, 1)]
    for on in sorted([*months(date(2003, 1, 1), date(2010, 12, 1)), *turns]):
        at.query_params["as_of"] = on.isoformat()
        at.session_state["as_of"] = on
        at.run()
        assert not at.exception, at.exception
        assert f"the record as of {on.day} " in at.caption[0].value, (on, at.caption[0].value)
        held = cli_json(database_url, "--as-of", on.isoformat(), "chair")
        assert page_holders(at) == (held["chair"] or "—", held["vice_chair"] or "—"), on
        listed = cli_json(database_url, "--as-of", on.isoformat(), "terms")
        table = terms_table(at)
        page_rows = [
            (holder, projected == "Yes", by_rule == "Yes", decision)
            for holder, projected, by_rule, decision in table[
                ["Holder", "Projected", "In office by the rule", "Decision"]
            ].values.tolist()
        ]
        cli_rows = [
            (t["holder"], t["projected"], t["by_rule"], t["decision"] or "—") for t in listed
        ]
        assert page_rows == cli_rows, on
        if on >= date(2005, 11, 1):
            assert (
                "Botswana",
                False,
                False,
                EXTENSION,
            ) in page_rows, on


def test_the_desk_confirms_the_chair_for_2005(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    at = open_page(DESK, actor=SECRETARIAT, as_of="2005-06-01", lang="en")
    box = at.selectbox(key="oc_decision")
    assert box.value is None
    assert "2003-SUN-05" in box.options[0] or any("2003-SUN-05" in o for o in box.options)
    assert not any("2003-JHB-05" in o for o in box.options)  # a recommendation
    at.selectbox(key="oc_office").set_value("chair")
    at.number_input(key="oc_year").set_value(2005)
    at.text_input(key="oc_note").input("The Vice Chair of 2004 took the Chair")
    submit(at, "oc")
    assert not at.error, [e.value for e in at.error]
    [message] = [s.value for s in at.success]
    assert message.startswith("Chair: Russian Federation, ") and message.endswith(", confirmed.")
    held = offices.holders_on(engine=engine, on=date(2005, 6, 1))
    assert held.chair is not None
    assert (held.chair.by_rule, held.chair.projected, held.chair.note) == (
        False,
        False,
        "The Vice Chair of 2004 took the Chair",
    )
    at.selectbox(key="oc_office").set_value("chair")
    at.number_input(key="oc_year").set_value(2005)
    submit(at, "oc")
    assert any("already recorded" in e.value for e in at.error)


def test_the_desk_decision_boxes_have_no_default_and_list_only_eligible_decisions(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    plenary_decision(engine, SECRETARIAT, "2004-STAT-01", date(2004, 11, 5), "recommendation")
    plenary_decision(engine, SECRETARIAT, "2004-GAB-01", date(2004, 11, 5))
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-12-01", lang="en")
    for key in ("vc_decision", "term_decision", "oc_decision"):
        box = at.selectbox(key=key)
        assert box.value is None, key
        codes = [o.split(" — ")[0] for o in box.options]
        assert codes[0] == "2004-GAB-01", key
        assert "2004-STAT-01" not in codes and "2003-JHB-05" not in codes, key


def test_a_departure_is_recorded_only_when_the_user_says_so(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    plenary_decision(
        engine, SECRETARIAT, "2004-GAB-02", date(2004, 11, 5), "administrative_decision"
    )
    at = open_page(DESK, actor=SECRETARIAT, as_of="2004-12-01", lang="en")
    at.selectbox(key="term_office").set_value("chair")
    at.selectbox(key="term_holder").set_value("Canada")
    at.date_input(key="term_starts_on").set_value(date(2005, 1, 1))
    at.date_input(key="term_ends_on").set_value(date(2005, 6, 30))
    at.selectbox(key="term_decision").set_value("2004-GAB-02")
    submit(at, "term")
    assert any("departs from the rotation rule" in e.value for e in at.error)
    assert offices.holders_on(engine=engine, on=date(2005, 3, 1)).chair.holder == (  # type: ignore[union-attr]
        "Russian Federation"
    )
    at.checkbox(key="term_departure").check()
    submit(at, "term")
    assert not at.error, [e.value for e in at.error]
    held = offices.holders_on(engine=engine, on=date(2005, 3, 1)).chair
    assert held is not None
    assert (held.holder, held.departure, held.decision) == ("Canada", True, "2004-GAB-02")
