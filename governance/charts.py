"""Altair charts built from service results; every visible word is passed in already translated,
so the same chart serves every interface language and tests can read it via ``to_dict()``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

import altair as alt

from governance.services.views import CountPoint, TermView


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
    base = alt.Chart(alt.InlineData(values=rows), title=text.title)
    bars = base.mark_bar(cornerRadius=3, stroke="black", strokeWidth=0.5).encode(
        x=alt.X("start:T", title=None),
        x2="end:T",
        y=alt.Y("office:N", title=text.office, sort=list(text.offices.values())),
        color=alt.Color("holder:N", title=text.holder),
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
    return (bars + labels).properties(height=160)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class CountText:
    title: str
    date: str
    count: str


def participants_over_time(points: Sequence[CountPoint], text: CountText) -> alt.Chart:
    """A step chart of the number of Participants after each recorded change."""
    rows = [{"date": p.on.isoformat(), "count": p.count} for p in points]
    chart = (
        alt.Chart(alt.InlineData(values=rows), title=text.title)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("date:T", title=text.date),
            y=alt.Y("count:Q", title=text.count),
            tooltip=[
                alt.Tooltip("date:T", title=text.date),
                alt.Tooltip("count:Q", title=text.count),
            ],
        )
        .properties(height=260)
    )
    return chart  # type: ignore[no-any-return]
