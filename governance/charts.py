"""Altair charts built from service results; every visible word is passed in already translated,
so the same chart serves every interface language and tests can read it via ``to_dict()``."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import altair as alt
from babel import Locale

from governance.services.views import CountPoint, LanguageCountPoint, TermView

Day = date  # CountText has a field named ``date``


@dataclass(frozen=True)
class TimelineText:
    title: str
    office: str
    holder: str
    starts: str
    ends: str
    decision: str
    kind: str
    confirmed: str
    projected: str
    offices: Mapping[str, str]
    """Office code → its label."""
    locale: str = "en_GB"
    """Locale of month names and numbers on the axes (``Translator.formatting_locale``)."""
    as_of: date | None = None
    as_of_label: str = ""
    """A rule marks the as-of date, labelled with this text."""
    by_rule: str = ""
    """Label of terms in office by the rule (unconfirmed, begun); with "", shown as confirmed."""


def office_timeline(terms: Sequence[TermView], text: TimelineText) -> alt.Chart:
    """A Gantt chart of Chair and Vice Chair terms; projected terms hatched and faded."""
    rows = [
        {
            "office": text.offices.get(t.office, t.office),
            "holder": t.holder,
            "start": t.starts_on.isoformat(),
            "end": (t.ends_on + timedelta(days=1)).isoformat(),
            "starts": t.starts_on.isoformat(),
            "ends": t.ends_on.isoformat(),
            "decision": t.decision or "—",
            "kind": (
                text.projected
                if t.projected
                else text.by_rule
                if t.by_rule and text.by_rule
                else text.confirmed
            ),
        }
        for t in terms
    ]
    kinds, opacities, dashes = [text.confirmed, text.projected], [1.0, 0.4], [[1, 0], [4, 3]]
    if any(row["kind"] == text.by_rule for row in rows) and text.by_rule:
        kinds, opacities, dashes = [*kinds, text.by_rule], [*opacities, 0.7], [*dashes, [8, 2]]
    base = alt.Chart(alt.InlineData(values=rows))
    bars = base.mark_bar(cornerRadius=3, stroke="black", strokeWidth=0.5).encode(
        x=alt.X(
            "start:T",
            title=None,
            axis=_time_axis(
                min((t.starts_on for t in terms), default=None),
                max((t.ends_on for t in terms), default=None),
            ),
        ),
        x2="end:T",
        y=alt.Y(  # labels and legend in full: "Заместитель Председателя" is long
            "office:N",
            title=text.office,
            sort=list(text.offices.values()),
            axis=alt.Axis(labelLimit=0),
        ),
        color=alt.Color("holder:N", title=text.holder, legend=alt.Legend(labelLimit=0)),
        opacity=alt.Opacity(
            "kind:N",
            title=text.kind,
            scale=alt.Scale(domain=kinds, range=opacities),
        ),
        strokeDash=alt.StrokeDash(
            "kind:N",
            title=text.kind,
            scale=alt.Scale(domain=kinds, range=dashes),
        ),
        tooltip=[
            alt.Tooltip("holder:N", title=text.holder),
            alt.Tooltip("office:N", title=text.office),
            alt.Tooltip("starts:N", title=text.starts),
            alt.Tooltip("ends:N", title=text.ends),
            alt.Tooltip("decision:N", title=text.decision),
            alt.Tooltip("kind:N", title=text.kind),
        ],
    )
    labels = base.mark_text(align="left", dx=4, color="black").encode(
        x="start:T", y=alt.Y("office:N", sort=list(text.offices.values())), text="holder:N"
    )
    chart = alt.layer(bars, labels, *_as_of_rule(text.as_of, text.as_of_label), title=text.title)
    return _localized(chart.properties(height=160), text.locale)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CountText:
    title: str
    date: str
    count: str
    locale: str = "en_GB"
    as_of: Day | None = None
    as_of_label: str = ""


@functools.cache
def vega_locale(locale: str) -> dict[str, Any]:
    """Vega's ``formatLocale`` and ``timeFormatLocale`` for ``locale`` from Babel's CLDR data:
    month and day names, decimal and group separators of the reader's language."""
    cldr = Locale.parse(locale)
    symbols = cldr.number_symbols["latn"]
    days = cldr.days["format"]
    months = cldr.months["stand-alone"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "formatLocale": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", ""],
        },
        "timeFormatLocale": {
            "dateTime": "%x %X",
            "date": "%d.%m.%Y" if locale.startswith(("ru", "de")) else "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][d] for d in sunday_first],
            "shortDays": [days["abbreviated"][d] for d in sunday_first],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        },
    }


def _localized(chart: Any, locale: str) -> Any:
    """``chart`` with Vega-Lite's own ``config.locale``: Streamlit's front end passes the spec's
    config through (it keeps only theme, renderer and padding of ``usermeta.embedOptions``)."""
    embedded = vega_locale(locale)
    return chart.configure(
        locale={"number": embedded["formatLocale"], "time": embedded["timeFormatLocale"]}
    )


def _time_axis(first: date | None, last: date | None) -> alt.Axis:
    """Years on a long axis, months on a short one (never hours), in the reader's language."""
    if first is not None and last is not None and (last - first).days < 2 * 366:
        return alt.Axis(format="%b %Y", tickCount="month", labelAngle=0, labelOverlap=True)
    return alt.Axis(format="%Y", tickCount="year", labelAngle=0, labelOverlap=True)


def _as_of_rule(on: date | None, label: str) -> list[Any]:
    """A dashed rule at the as-of date with its label (nothing when no date is given)."""
    if on is None:
        return []
    data = alt.InlineData(values=[{"on": on.isoformat(), "label": label}])
    rule = alt.Chart(data).mark_rule(color="#c62828", strokeDash=[4, 3]).encode(x="on:T")
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, dy=-4, baseline="bottom", color="#c62828")
        .encode(x="on:T", y=alt.value(0), text="label:N")
    )
    return [rule, text]


def _step_lines(
    rows: list[dict[str, Any]],
    days: list[date],
    text: CountText | ProgressText,
    **series: Any,
) -> Any:
    """Counts over time as step lines (``series``: extra encodings, e.g. one line per
    language), whole numbers on the y axis, dates in the reader's language, the as-of rule."""
    if text.as_of:
        days = [*days, text.as_of]
    tooltip = series.pop("tooltip", [])
    line = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X(
                "date:T",
                title=text.date,
                axis=_time_axis(min(days, default=None), max(days, default=None)),
            ),
            # Whole numbers only: an empty or flat series must not read "0.000000".
            y=alt.Y("count:Q", title=text.count, axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[
                *tooltip,
                alt.Tooltip("date:T", title=text.date, format="%d %B %Y"),
                alt.Tooltip("count:Q", title=text.count, format="d"),
            ],
            **series,
        )
    )
    return alt.layer(line, *_as_of_rule(text.as_of, text.as_of_label), title=text.title)


def participants_over_time(points: Sequence[CountPoint], text: CountText) -> alt.Chart:
    """A step chart of the number of Participants after each recorded change."""
    rows = [{"date": p.on.isoformat(), "count": p.count} for p in points]
    chart = _step_lines(rows, [p.on for p in points], text)
    return _localized(chart.properties(height=260), text.locale)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ProgressText:
    """Every visible word of :func:`translation_progress`, already translated."""

    title: str
    date: str
    count: str
    language: str
    languages: Mapping[str, str]
    """Language code → its name, in the body's order."""
    locale: str = "en_GB"
    as_of: Day | None = None
    as_of_label: str = ""


def translation_progress(points: Sequence[LanguageCountPoint], text: ProgressText) -> alt.Chart:
    """Step lines: how many decisions each official language had made available by each date
    (Rule 26 needs all five)."""
    rows = [
        {
            "date": p.on.isoformat(),
            "count": p.count,
            "language": text.languages.get(p.language, p.language),
        }
        for p in points
    ]
    names = [text.languages.get(code, code) for code in text.languages]
    chart = _step_lines(
        rows,
        [p.on for p in points],
        text,
        color=alt.Color(
            "language:N",
            title=text.language,
            sort=names,
            scale=alt.Scale(domain=names),
            legend=alt.Legend(orient="bottom", labelLimit=0),
        ),
        strokeDash=alt.StrokeDash("language:N", sort=names, legend=None),
        tooltip=[alt.Tooltip("language:N", title=text.language)],
    )
    return _localized(chart.properties(height=280), text.locale)  # type: ignore[no-any-return]
