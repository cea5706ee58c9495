"""Secretariat desk: one form per use case that changes the record.

Every form gathers input and calls one service; the service applies the rules in one transaction
and raises a named error, storing nothing, on bad input. The error is shown next to the form in
the user's language. Dates default to today on the server's clock. The tabs live in ``ui/desk``;
their select boxes offer what ``governance.services.desk`` selects for each form in SQL, so a
rerun sends the same few statements however long the record.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from governance import clock
from governance.rules.permissions import Action
from governance.services import desk as choices
from ui import context
from ui.desk import (
    Desk,
    communiques,
    instruments,
    leftover_flash,
    offices,
    open_data,
    procedures,
    records,
    referendum,
    register,
    start_afresh,
    versions,
)
from ui.widgets import require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.RECORD_DECISION)
start_afresh()

desk = Desk(
    t=t,
    engine=ctx.engine,
    as_of=ctx.as_of,
    actor=ctx.actor,
    today=clock.today(),
    known=(),
    participants=[
        e.name for e in choices.entities(engine=ctx.engine, on=ctx.as_of, status="participant")
    ],
    groups=choices.working_groups(engine=ctx.engine, on=ctx.as_of),
)

st.title(_("Secretariat desk"))
st.caption(
    _(
        "Each form records one fact through the register's rules; a refused entry stores "
        "nothing. Dates start at today ({date}), whatever date the record is viewed as of.",
        date=t.date(clock.today()),
    )
)

(
    tab_meetings,
    tab_communiques,
    tab_decisions,
    tab_procedures,
    tab_referendum,
    tab_versions,
    tab_offices,
    tab_register,
    tab_instruments,
    tab_open_data,
) = st.tabs(
    [
        _("Meetings"),
        _("Communiqués"),
        _("Decisions"),
        _("Written procedures"),
        _("Ad referendum"),
        _("Language versions"),
        _("Offices"),
        _("Register"),
        _("External instruments"),
        _("Open data"),
    ]
)

with tab_meetings:
    records.meeting_form(desk)
with tab_communiques:
    communiques.tab(desk)
with tab_decisions:
    records.decision_form(desk)
    records.correction_form(desk)
with tab_procedures:
    procedures.tab(desk)
# Read after the forms that add decisions, so one recorded in this rerun can be cited at once.
desk = replace(desk, known=choices.decisions(engine=ctx.engine, on=ctx.as_of))
with tab_referendum:
    referendum.tab(desk)
with tab_versions:
    versions.tab(desk)
with tab_offices:
    offices.tab(desk)
with tab_register:
    register.tab(desk)
with tab_instruments:
    instruments.tab(desk)
with tab_open_data:
    open_data.tab(desk)

leftover_flash()
