"""The translation progress chart: one step line per language, every word passed in, the
reader's locale in its config, a rule at the as-of date."""

from __future__ import annotations

from datetime import date

from governance import charts
from governance.services.views import LanguageCountPoint

TEXT = charts.ProgressText(
    title="Décisions rendues disponibles, par langue",
    date="Date",
    count="Décisions",
    language="Langue",
    languages={"en": "anglais", "fr": "français", "ru": "russe"},
    locale="fr",
    as_of=date(2004, 6, 1),
    as_of_label="À la date du",
)
POINTS = [
    LanguageCountPoint("en", date(2003, 4, 30), 10),
    LanguageCountPoint("en", date(2003, 10, 31), 22),
    LanguageCountPoint("fr", date(2003, 4, 30), 0),
    LanguageCountPoint("fr", date(2004, 3, 1), 1),
    LanguageCountPoint("ru", date(2003, 4, 30), 0),
]


def test_step_lines_per_language_in_the_reader_s_words() -> None:
    spec = charts.translation_progress(POINTS, TEXT).to_dict()
    assert spec["title"] == "Décisions rendues disponibles, par langue"
    line, rule, label = spec["layer"]
    assert line["mark"]["interpolate"] == "step-after"
    encoding = line["encoding"]
    assert (encoding["x"]["title"], encoding["y"]["title"]) == ("Date", "Décisions")
    assert encoding["color"]["title"] == "Langue"
    assert encoding["color"]["scale"]["domain"] == ["anglais", "français", "russe"]
    assert encoding["y"]["axis"]["format"] == "d"
    assert [t["title"] for t in encoding["tooltip"]] == ["Langue", "Date", "Décisions"]
    rows, marked = spec["datasets"].values()
    assert rows[:2] == [
        {"date": "2003-04-30", "count": 10, "language": "anglais"},
        {"date": "2003-10-31", "count": 22, "language": "anglais"},
    ]
    assert len(rows) == len(POINTS)
    assert marked == [{"on": "2004-06-01", "label": "À la date du"}]
    assert rule["mark"]["type"] == "rule" and label["mark"]["type"] == "text"
    # The reader's locale as Vega-Lite's config (Streamlit's front end passes it through).
    assert spec["config"]["locale"]["time"]["months"][0] == "janvier"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    # About fourteen months: month ticks, never hours.
    assert encoding["x"]["axis"]["tickCount"] == "month"
