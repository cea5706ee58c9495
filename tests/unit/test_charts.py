"""Chart builders: projected terms stand out, the decision is on hover, every word is passed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from governance import charts
from governance.services.views import CountPoint, TermView

TEXT = charts.TimelineText(
    title="Mandats",
    office="Fonction",
    holder="Titulaire",
    starts="Début",
    ends="Fin",
    decision="Décision",
    kind="Mandat",
    confirmed="Confirmé",
    projected="Prévu",
    offices={"chair": "Présidence", "vice_chair": "Vice-présidence"},
)
TERMS = [
    TermView("chair", "Canada", date(2004, 1, 1), date(2004, 12, 31), False, "2003-SUN-04"),
    TermView(
        "chair", "Russian Federation", date(2005, 1, 1), date(2005, 12, 31), True, "2003-SUN-05"
    ),
    TermView(
        "vice_chair",
        "Russian Federation",
        date(2004, 1, 1),
        date(2004, 12, 31),
        False,
        "2003-SUN-05",
    ),
    TermView("chair", "South Africa", date(2000, 5, 1), date(2003, 12, 31), False, None),
]


def rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    (values,) = spec["datasets"].values()
    return list(values)


def bars(spec: dict[str, Any]) -> dict[str, Any]:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")


def test_projected_terms_are_faded_and_dashed_confirmed_terms_solid() -> None:
    spec = charts.office_timeline(TERMS, TEXT).to_dict()
    encoding = bars(spec)["encoding"]
    assert encoding["opacity"]["field"] == "kind"
    assert encoding["opacity"]["scale"] == {"domain": ["Confirmé", "Prévu"], "range": [1.0, 0.4]}
    assert encoding["strokeDash"]["field"] == "kind"
    assert encoding["strokeDash"]["scale"]["domain"] == ["Confirmé", "Prévu"]
    solid, dashed = encoding["strokeDash"]["scale"]["range"]
    assert solid != dashed
    kinds = {(r["office"], r["holder"], r["starts"]): r["kind"] for r in rows(spec)}
    assert kinds[("Présidence", "Russian Federation", "2005-01-01")] == "Prévu"
    assert kinds[("Présidence", "Canada", "2004-01-01")] == "Confirmé"
    assert kinds[("Vice-présidence", "Russian Federation", "2004-01-01")] == "Confirmé"


def test_hovering_a_term_shows_the_decision_behind_it() -> None:
    spec = charts.office_timeline(TERMS, TEXT).to_dict()
    tooltip = {t["field"]: t["title"] for t in bars(spec)["encoding"]["tooltip"]}
    assert tooltip["decision"] == "Décision"
    assert tooltip["holder"] == "Titulaire" and tooltip["kind"] == "Mandat"
    decisions = {(r["office"], r["holder"]): r["decision"] for r in rows(spec)}
    assert decisions[("Présidence", "Russian Federation")] == "2003-SUN-05"
    assert decisions[("Présidence", "Canada")] == "2003-SUN-04"
    assert decisions[("Présidence", "South Africa")] == "—"


def test_a_bar_covers_the_last_day_of_the_term() -> None:
    spec = charts.office_timeline(TERMS, TEXT).to_dict()
    south_africa = next(r for r in rows(spec) if r["holder"] == "South Africa")
    assert (south_africa["start"], south_africa["end"]) == ("2000-05-01", "2004-01-01")
    assert (south_africa["starts"], south_africa["ends"]) == ("2000-05-01", "2003-12-31")


def test_timeline_titles_are_the_translated_strings_passed_in() -> None:
    spec = charts.office_timeline(TERMS, TEXT).to_dict()
    encoding = bars(spec)["encoding"]
    assert spec["title"] == "Mandats"
    assert encoding["y"]["title"] == "Fonction"
    assert encoding["y"]["sort"] == ["Présidence", "Vice-présidence"]
    assert encoding["color"]["title"] == "Titulaire"
    assert encoding["opacity"]["title"] == "Mandat"
    words = {"Chair", "Vice Chair", "chair", "vice_chair", "Projected", "Confirmed"}
    shown = {r["office"] for r in rows(spec)} | {r["kind"] for r in rows(spec)}
    assert not words & shown


def test_participants_over_time_is_a_step_line_with_the_titles_passed_in() -> None:
    points = [CountPoint(date(2003, 4, 28), 0), CountPoint(date(2003, 10, 31), 45)]
    text = charts.CountText(title="Участники", date="Дата", count="Число")
    spec = charts.participants_over_time(points, text).to_dict()
    assert spec["title"] == "Участники"
    (line,) = spec["layer"]
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["title"] == "Дата"
    assert line["encoding"]["y"]["title"] == "Число"
    assert [t["title"] for t in line["encoding"]["tooltip"]] == ["Дата", "Число"]
    assert rows(spec) == [
        {"date": "2003-04-28", "count": 0},
        {"date": "2003-10-31", "count": 45},
    ]


def test_charts_speak_the_readers_language_and_mark_the_as_of_date() -> None:
    points = [CountPoint(date(2003, 4, 28), 0), CountPoint(date(2003, 10, 31), 45)]
    text = charts.CountText(
        "Участники", "Дата", "Число", locale="ru", as_of=date(2004, 6, 1), as_of_label="сегодня"
    )
    spec = charts.participants_over_time(points, text).to_dict()
    locale = spec["config"]["locale"]
    assert locale["time"]["months"][0] == "январь"
    assert locale["time"]["shortDays"][0] == "вс"
    assert locale["number"]["decimal"] == ","
    line, rule, label = spec["layer"]
    assert line["encoding"]["y"]["axis"]["format"] == "d"  # never "0.000000"
    assert "%H" not in line["encoding"]["x"]["axis"]["format"]  # no hourly ticks
    assert rule["mark"]["type"] == "rule" and label["mark"]["type"] == "text"
    marked = [v for d in spec["datasets"].values() for v in d if "on" in v]
    assert marked == [{"on": "2004-06-01", "label": "сегодня"}]
    french = charts.office_timeline(TERMS, replace(TEXT, locale="fr")).to_dict()
    assert french["config"]["locale"]["time"]["months"][9] == "octobre"


def test_office_names_and_holders_are_never_cut_short() -> None:
    encoding = bars(charts.office_timeline(TERMS, TEXT).to_dict())["encoding"]
    assert encoding["y"]["axis"]["labelLimit"] == 0  # "Заместитель Председателя" in full
    assert encoding["color"]["legend"]["labelLimit"] == 0  # "Южно-Африканская Республика"
