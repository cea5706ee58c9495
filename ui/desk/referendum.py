"""Desk tab "Ad referendum": resolve an open point, confirm a decision as a whole."""

from __future__ import annotations

import streamlit as st

from governance.services import decisions
from governance.services import desk as choices
from ui.desk import Desk, choose, day_input, done, select, submitted
from ui.widgets import attempt


def resolution_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    points = {
        (p.reference, p.key): f"{p.reference} — {p.key}: {p.description}"
        for p in choices.open_points(engine=d.engine, on=d.as_of)
    }
    st.subheader(_("Resolve an open point"))
    if not points:
        st.info(_("No open point awaits resolution on {date}.", date=t.date(d.as_of)))
        return
    with st.form("resolve_form"):
        point = select(
            _("Open point"), list(points), format_func=lambda p: points[p], key="resolve_point"
        )
        by_decision = choose(d, _("Resolved by"), "resolve_by", d.known, required=True)
        resolved_on = day_input(d, _("Resolved on"), "resolve_on")
        if submitted(_("Resolve the open point"), "resolve_submit") and point:
            resolved = attempt(
                t,
                lambda: decisions.resolve_open_point(
                    engine=d.engine,
                    actor=d.actor,
                    reference=point[0],
                    key=point[1],
                    resolved_on=resolved_on,
                    by_decision=by_decision or "",
                ),
            )
            if resolved:
                done(
                    _(
                        "Open point {key} of {reference} resolved on {date} by {by}.",
                        key=point[1],
                        reference=resolved.reference,
                        date=t.date(resolved_on),
                        by=by_decision,
                    )
                )


def confirmation_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    pending = choices.awaiting_confirmation(engine=d.engine, on=d.as_of)
    st.subheader(_("Confirm an ad referendum decision as a whole"))
    if not pending:
        st.info(
            _(
                "No decision adopted ad referendum awaits confirmation on {date}.",
                date=t.date(d.as_of),
            )
        )
        return
    with st.form("confirm_form"):
        target = choose(d, _("Decision"), "confirm_decision", pending, required=True)
        by_decision = choose(d, _("Confirmed by"), "confirm_by", d.known, required=True)
        confirmed_on = day_input(d, _("Confirmed on"), "confirm_on")
        if submitted(_("Confirm the decision"), "confirm_submit"):
            confirmed = attempt(
                t,
                lambda: decisions.confirm_decision(
                    engine=d.engine,
                    actor=d.actor,
                    reference=target or "",
                    confirmed_on=confirmed_on,
                    by_decision=by_decision or "",
                ),
            )
            if confirmed:
                done(
                    _(
                        "{reference} confirmed on {date} by {by}.",
                        reference=confirmed.reference,
                        date=t.date(confirmed_on),
                        by=by_decision,
                    )
                )


def tab(d: Desk) -> None:
    resolution_form(d)
    confirmation_form(d)
