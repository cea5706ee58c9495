"""The desk's Open data tab: upload a zip or the files, see what will be stored and every
problem, then import with one button."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance import db, open_data_format
from governance.rules.permissions import Actor, Role
from governance.services import open_data, participants

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

DESK = "pages/views/secretariat.py"
UPLOADER = "open_data_files_0"


@pytest.fixture
def renamed(another_database_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The open data of another database, where the European Community became the Union."""
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-03")
    source = db.get_engine(another_database_url)
    import signed

    signed.accounts(source, SECRETARIAT)
    participants.rename_entity(
        engine=source,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
    )
    return open_data.export(engine=source, format="csv")


def _table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The table of the tab whose columns are these."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == list(columns))


def _tab(at: AppTest) -> None:
    assert "Open data" in [t.label for t in at.tabs]


def test_a_zip_is_previewed_then_imported(
    open_page: Callable[..., AppTest], engine: Engine, renamed: dict[str, bytes]
) -> None:
    at = open_page(DESK, SECRETARIAT)
    _tab(at)
    at.file_uploader(key=UPLOADER).upload(
        "open-data.zip", open_data_format.zipped(renamed), "application/zip"
    )
    at.run()
    assert not at.exception, at.exception
    counts = _table(at, "File", "Rows")
    assert dict(zip(counts["File"], counts["Rows"], strict=True))["decisions.csv"] == 22
    assert any("will be replaced" in i.value for i in at.info)
    assert not at.error
    button = at.button(key="open_data_import")
    assert not button.disabled
    button.click().run()
    assert not at.exception, at.exception
    assert any("rows imported" in s.value for s in at.success)
    names = open_data.export(engine=engine, format="csv")["participant_names.csv"]
    assert b"European Union,2009-12-01,European Community" in names
    assert open_data.export(engine=engine, format="csv") == renamed


def _bad_date(files: dict[str, bytes]) -> dict[str, bytes]:
    rows = list(csv.reader(io.StringIO(files["meetings.csv"].decode(), newline="")))
    rows[2][rows[0].index("ends_on")] = "2003-10-32"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return {**files, "meetings.csv": out.getvalue().encode()}


def test_problems_are_listed_and_nothing_can_be_imported(
    open_page: Callable[..., AppTest], engine: Engine, renamed: dict[str, bytes]
) -> None:
    before = open_data.export(engine=engine, format="csv")
    at = open_page(DESK, SECRETARIAT)
    uploader = at.file_uploader(key=UPLOADER)
    uploader.set_value([(name, data, "text/csv") for name, data in _bad_date(renamed).items()])
    at.run()
    assert not at.exception, at.exception
    assert any("1 problem in the files" in e.value for e in at.error)
    problems = _table(at, "File", "Row", "Column", "Problem")
    assert list(problems.iloc[0]) == [
        "meetings.csv",
        2,
        "ends_on",
        "'2003-10-32' is not a date (YYYY-MM-DD)",
    ]
    assert at.button(key="open_data_import").disabled
    assert open_data.export(engine=engine, format="csv") == before


def test_a_record_the_secretariat_wrote_to_is_not_replaced(
    open_page: Callable[..., AppTest], engine: Engine, renamed: dict[str, bytes],
) -> None:  # fmt: skip
    participants.rename_entity(
        engine=engine, actor=SECRETARIAT, name="Togo", new_name="Togolese Republic",
        on=date(2010, 1, 1),
    )  # fmt: skip
    at = open_page(DESK, SECRETARIAT)
    at.file_uploader(key=UPLOADER).upload(
        "open-data.zip", open_data_format.zipped(renamed), "application/zip"
    )
    at.run()
    assert any("already holds a record" in w.value for w in at.warning)
    assert at.button(key="open_data_import").disabled


def test_the_tab_speaks_the_users_language(open_page: Callable[..., AppTest]) -> None:
    at = open_page(DESK, SECRETARIAT, lang="ru")
    assert not at.exception
    assert at.file_uploader(key=UPLOADER) is not None
