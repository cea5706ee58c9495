"""Delegates: reply to open written procedures for their own Participant only."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.rules.permissions import Action
from governance.services import procedures
from ui import context
from ui.widgets import attempt, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.REPLY_TO_PROCEDURE)
if not ctx.actor.participant:
    st.info(_("This page is for delegates; the secretariat records replies at its desk."))
    st.stop()
participant = ctx.actor.participant

st.title(_("Reply to written procedures"))
st.caption(_("For {participant}, as of {date}.", participant=participant, date=t.date(ctx.as_of)))


def send_reply(reference: str, kind: str) -> None:
    stored = attempt(
        t,
        lambda: procedures.record_reply(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            participant=participant,
            kind=kind,
            received_on=ctx.as_of,
        ),
    )
    if stored:
        st.success(_("Reply recorded."))


open_now = procedures.list_procedures(engine=ctx.engine, on=ctx.as_of, open_only=True)
if not open_now:
    st.info(_("No written procedure is open on this date."))
    st.stop()

for proc in open_now:
    replied = next((r for r in proc.replies if r.participant == participant), None)
    with st.container(border=True):
        st.subheader(f"{proc.reference} — {proc.title}")
        st.caption(
            _(
                "Deadline {deadline} ({when})",
                deadline=t.date(proc.deadline),
                when=t.relative(proc.deadline, ctx.as_of),
            )
        )
        if replied is not None:
            st.success(
                _(
                    "{participant} replied on {date}: {reply}.",
                    participant=participant,
                    date=t.date(replied.received_on),
                    reply=t.label(labels.REPLY, replied.kind),
                )
            )
            continue
        with st.form(f"reply_{proc.reference}"):
            kind = st.radio(
                _("Reply of {participant}", participant=participant),
                list(labels.REPLY),
                format_func=lambda code: t.label(labels.REPLY, code),
                key=f"reply_kind_{proc.reference}",
                horizontal=True,
            )
            if st.form_submit_button(_("Send the reply")):
                send_reply(proc.reference, kind)
