"""Chairs: the rotation rule, who holds the Chair and the Vice Chair on the as-of date, and every
term known then (terms in office by the rule and projected terms marked) — the terms
``plenary chair`` and ``plenary terms`` read, through the same service."""

from __future__ import annotations

import streamlit as st

from governance import charts, labels
from governance.services import bodies, offices
from ui import context, page_cache
from ui.widgets import inert

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
body = bodies.get_body(engine=ctx.engine, reading=ctx.language)
holders = offices.holders_on(engine=ctx.engine, on=ctx.as_of)
terms = page_cache.read(offices.timeline, engine=ctx.engine, on=ctx.as_of)

st.title(_("Chair and Vice Chair"))
st.caption(_("{body} — the record as of {date}", body=body.name, date=t.date(ctx.as_of)))

st.info(
    _(
        "The Chair serves a calendar year, from 1 January to 31 December. The Plenary selects a "
        "Vice Chair, who becomes Chair the following year on completion of twelve months in "
        "office. A term that follows from this rule and has begun, with no confirmation "
        "recorded, is shown as in office by the rule; one that has not begun yet as projected."
    ),
    icon=":material/info:",
)
with st.expander(_("The rule as the record states it ({source})", source=body.rule_source)):
    st.markdown(inert(body.rule_text))

st.subheader(_("Office holders on {date}", date=t.date(ctx.as_of)))
for column, office, term in zip(
    st.columns(2),
    ("chair", "vice_chair"),
    (holders.chair, holders.vice_chair),
    strict=True,
):
    with column:
        label = t.label(labels.OFFICE, office)
        if term is None:
            st.metric(label, "—")
            st.caption(_("Nobody holds this office on this date."))
            continue
        st.metric(label, term.holder)
        st.caption(t.date_range(term.starts_on, term.ends_on))
        if term.projected:
            st.warning(
                _(
                    "Projected: follows from the rotation rule and decision {reference}, "
                    "not yet confirmed.",
                    reference=term.decision or "—",
                ),
                icon=":material/hourglass_empty:",
            )
        elif term.by_rule:
            st.info(
                _(
                    "In office (by the rule): follows from the rotation rule and decision "
                    "{reference}; no confirmation is recorded.",
                    reference=term.decision or "—",
                ),
                icon=":material/rule:",
            )
        elif term.decision:
            st.caption(_("Decision: {reference}", reference=term.decision))
        else:
            st.caption(_("No decision is recorded for this term."))
        if term.departure:
            st.caption(
                _(
                    "A departure from the rotation rule, authorized by decision {reference}.",
                    reference=term.decision or "—",
                )
            )

st.subheader(_("Terms of office"))
if terms:
    chart = charts.office_timeline(
        terms,
        charts.TimelineText(
            title=_("Chair and Vice Chair terms"),
            office=_("Office"),
            holder=_("Holder"),
            starts=_("From"),
            ends=_("To"),
            decision=_("Decision"),
            kind=_("Term"),
            confirmed=_("Confirmed"),
            projected=_("Projected"),
            by_rule=_("In office (by the rule)"),
            offices={code: t.label(labels.OFFICE, code) for code in labels.OFFICE},
            locale=t.formatting_locale,
            as_of=ctx.as_of,
            as_of_label=_("As of"),
        ),
    )
    st.altair_chart(chart, width="stretch")
    st.caption(
        _(
            "Faded, dashed bars are projected terms; long-dashed bars are terms in office by "
            "the rule, not confirmed. Hover over a term to see the decision behind it."
        )
    )
    st.dataframe(
        [
            {
                _("Office"): t.label(labels.OFFICE, term.office),
                _("Holder"): term.holder,
                _("From"): t.date(term.starts_on, "medium"),
                _("To"): t.date(term.ends_on, "medium"),
                _("Projected"): _("Yes") if term.projected else _("No"),
                _("In office by the rule"): _("Yes") if term.by_rule else _("No"),
                _("Decision"): term.decision or "—",
                _("Note"): term.note,
            }
            for term in terms
        ],
        column_config={_("Note"): st.column_config.TextColumn(width="large")},
        hide_index=True,
        width="stretch",
    )
else:
    st.write(_("No term of office is recorded."))
