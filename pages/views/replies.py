"""Delegates: reply to open written procedures for their own Participant only.

A reply is received today on the server's clock, whatever date the sidebar shows: the as-of
date is for viewing, and a delegate cannot send a reply into the past.
"""

from __future__ import annotations

import streamlit as st

from governance import clock, labels
from governance.rules.permissions import Action
from governance.services import desk, procedures
from governance.services.views import ReplyReceipt
from ui import context
from ui.widgets import attempt, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.REPLY_TO_PROCEDURE)
if not ctx.actor.participant:
    st.info(_("This page is for delegates; the secretariat records replies at its desk."))
    st.stop()
participant = ctx.actor.participant
today = clock.today()

st.title(_("Reply to written procedures"))
st.caption(_("For {participant}, as of {date}.", participant=participant, date=t.date(today)))
if ctx.as_of != today:
    st.info(
        _(
            "Replies are received today ({today}); the date chosen in the sidebar ({as_of}) "
            "only changes what the other pages show.",
            today=t.date(today),
            as_of=t.date(ctx.as_of),
        )
    )


def show_receipt(receipt: ReplyReceipt) -> None:
    st.success(
        _(
            "Recorded: {reply} from {participant} to {reference}, received on {date} "
            "(recorded {time} UTC by {user}).",
            reply=t.label(labels.REPLY, receipt.kind),
            participant=receipt.participant,
            reference=receipt.reference,
            date=t.date(receipt.received_on),
            time=receipt.recorded_at.strftime("%Y-%m-%d %H:%M"),
            user=receipt.recorded_by,
        ),
        icon=":material/receipt_long:",
    )


def send_reply(reference: str, kind: str) -> None:
    receipt = attempt(
        t,
        lambda: procedures.record_reply(
            engine=ctx.engine,
            actor=ctx.actor,
            reference=reference,
            participant=participant,
            kind=kind,
        ),
    )
    if receipt is not None:
        show_receipt(receipt)


open_now = desk.open_for(engine=ctx.engine, on=today, participant=participant)
if not open_now:
    st.info(_("No written procedure is open on this date."))
    st.stop()

for proc in open_now:
    replied = proc.reply
    with st.container(border=True):
        st.subheader(f"{proc.reference} — {proc.title}")
        st.caption(
            _(
                "Deadline {deadline} ({when})",
                deadline=t.date(proc.deadline),
                when=t.relative(proc.deadline, today),
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
                index=None,
                format_func=lambda code: t.label(labels.REPLY, code),
                key=f"reply_kind_{proc.reference}",
                horizontal=True,
            )
            if st.form_submit_button(_("Send the reply")):
                if kind is None:
                    st.error(_("Choose support or objection first."))
                else:
                    send_reply(proc.reference, kind)
