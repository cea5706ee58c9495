"""The Rule 26 page: the board as of a date, its filters and pages, what one publication would
complete, the translation progress chart, in English and in Russian."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from html_tables import html_table
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance import labels
from governance.i18n import translator
from governance.rules.permissions import Actor, Role
from governance.services import rule26, translations

PAGE = "pages/views/rule26.py"
SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
JOHANNESBURG = [f"2003-JHB-{n:02}" for n in (1, *range(3, 11))]
SUN_CITY = [f"2003-SUN-{n:02}" for n in range(1, 13)]
NAMES = ["English", "Français", "Português", "Español", "Русский"]


def board(at: AppTest) -> list[dict[str, str]]:
    """The board's rows, each a mapping of column heading to cell text."""
    return html_table(at)


def references(at: AppTest) -> list[str]:
    return [row[next(iter(row))].split(" | ")[0] for row in board(at)]


def completions(at: AppTest) -> Any:  # a pandas DataFrame
    (frame,) = at.dataframe
    return frame.value


def chart(at: AppTest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    (element,) = at.get("vega_lite_chart")
    rows = [
        row
        for dataset in element.proto.datasets
        for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    ]
    return json.loads(element.proto.spec), rows


def test_on_1_june_2004_every_decision_waits_for_four_languages(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    assert at.title[0].value == "Rule 26: what takes effect when"
    assert "21 decisions await formal adoption" in [m.value for m in at.markdown]
    table = board(at)
    assert list(table[0]) == ["Decision", *NAMES, "Completed by"]
    assert references(at) == JOHANNESBURG + SUN_CITY
    assert table[0] == {
        "Decision": "2003-JHB-01 | Final extension of the tolerance period",
        "English": "Final and made available | 30 Apr 2003",
        "Français": "Missing",
        "Português": "Missing",
        "Español": "Missing",
        "Русский": "Missing",
        "Completed by": "—",
    }
    assert {row["English"] for row in table[9:]} == {"Final and made available | 31 Oct 2003"}
    assert {row["Русский"] for row in table} == {"Missing"}
    assert list(completions(at)["Decisions"]) == [0, 0, 0, 0, 0]

    spec, rows = chart(at)
    assert spec["title"] == "Decisions made available, by language"
    assert spec["config"]["locale"]["time"]["months"][0] == "January"
    english = [(r["date"], r["count"]) for r in rows if r.get("language") == "English"]
    assert english == [("2003-04-30", 10), ("2003-10-31", 22), ("2004-06-01", 22)]
    assert {r["count"] for r in rows if r.get("language") == "Русский"} == {0}


def test_filters_follow_the_url_and_pages_hold_50(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    at.selectbox(key="rule26_meeting").set_value("2003-johannesburg").run()
    assert references(at) == JOHANNESBURG
    assert at.query_params["meeting"] == "2003-johannesburg"
    at.selectbox(key="rule26_language").set_value("fr").run()
    assert at.query_params["language"] == "fr"
    assert list(completions(at)["Language"]) == ["Français"]

    linked = open_page(PAGE, as_of="2026-11-30", lang="en", meeting="2003-sun-city", language="ru")
    assert references(linked) == SUN_CITY
    assert {row["Русский"] for row in board(linked)} == {"In translation | 26 Nov 2026"}

    unknown = open_page(PAGE, as_of="2004-06-01", lang="en", meeting="2003-nowhere")
    assert not unknown.exception
    assert len(board(unknown)) == 21
    assert [i.value for i in unknown.info] == [
        "The filters asked for do not apply on this date: the whole board is shown."
    ]

    monkeypatch.setattr(rule26, "PAGE", 5)
    paged = open_page(PAGE, as_of="2004-06-01", lang="en")
    assert references(paged) == JOHANNESBURG[:5]
    paged.number_input[0].set_value(2).run()
    assert references(paged) == JOHANNESBURG[5:] + SUN_CITY[:1]
    assert "Decisions 6–10 of 21" in [c.value for c in paged.caption]


@pytest.mark.signed(SECRETARIAT)
def test_in_russian_the_board_says_which_language_completes_a_decision(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    for lang in ("fr", "pt", "es"):
        for state, on in (("final", date(2004, 2, 2)), ("available", date(2004, 3, 1))):
            translations.set_state(
                engine=engine,
                actor=SECRETARIAT,
                target="2003-SUN-04",
                language=lang,
                state=state,
                on=on,
                text="…" if state == "final" else None,
            )
    at = open_page(PAGE, as_of="2004-06-01", lang="ru")
    t = translator("ru")
    table = board(at)
    names = [t.language_name(code) for code in ("en", "fr", "pt", "es", "ru")]
    assert list(table[0])[1:6] == names
    (row,) = [r for r in table if next(iter(r.values())).startswith("2003-SUN-04 | ")]
    available = t.label(labels.VERSION_STATE, "available")
    assert row[names[1]] == f"{available} | {t.date(date(2004, 3, 1), 'medium')}"
    assert row[names[4]] == t.label(labels.VERSION_STATE, "missing")
    assert list(row.values())[6] == "Русский"  # completed by
    others = [list(r.values())[6] for r in table if r is not row]
    assert len(others) == 20 and set(others) == {"—"}
    done = completions(at)
    assert list(done.iloc[:, 1]) == [0, 0, 0, 0, 1]
    assert done.iloc[4, 2] == "2003-SUN-04"
    spec, _ = chart(at)
    assert spec["config"]["locale"]["time"]["months"][0] == "январь"


@pytest.mark.signed(SECRETARIAT)
def test_stored_text_is_shown_as_text_not_markup(
    open_page: Callable[..., AppTest], engine: Engine
) -> None:
    from governance.services import decisions

    decisions.record_decision(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-X-01",
        title="<i>Tolerance</i> & <script>alert(1)</script>",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 1, 5),
        text="Text.",
    )
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    (html,) = [m.value for m in at.markdown if "<table" in m.value]
    assert "<script>" not in html and "<i>" not in html
    assert "&lt;i&gt;Tolerance&lt;/i&gt; &amp; &lt;script&gt;" in html
    (row,) = [r for r in board(at) if r["Decision"].startswith("2004-X-01")]
    assert row["Decision"] == "2004-X-01 | <i>Tolerance</i> & <script>alert(1)</script>"
    assert row["English"] == "Final and made available | 5 Jan 2004"  # on adoption (issue 10)
