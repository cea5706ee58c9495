"""Delegates: read the proposals circulated by written procedure and reply for their own
Participant only — confirmed first, then a receipt; the reply can be changed until the deadline
(the last one counts, the earlier ones stay listed) and the outcome is shown once decided.

A reply is received today on the server's clock, whatever date the sidebar shows: the as-of
date is for viewing, and a delegate cannot send a reply into the past.
"""

from __future__ import annotations

import streamlit as st

from governance import clock, labels
from governance.rules.permissions import Action
from governance.services import procedures
from governance.services.views import DelegateProcedure, ReplyReceipt
from ui import context
from ui.widgets import attempt, inert, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.REPLY_TO_PROCEDURE)
if not ctx.actor.participant:
    st.info(_("This page is for delegates; the secretariat records replies at its desk."))
    st.stop()
participant = ctx.actor.participant
today = clock.today()
PENDING = "replies_pending"
"""session_state: {reference: position} chosen and waiting for confirmation."""
RECEIPTS = "replies_receipts"
"""session_state: {reference: receipt} of the replies sent in this session."""

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
    st.table(
        {
            _("Participant"): [receipt.participant],
            _("Position"): [t.label(labels.REPLY, receipt.kind)],
            _("Received on"): [t.date(receipt.received_on)],
            _("Recorded by"): [receipt.recorded_by],
            _("Recorded at (UTC)"): [receipt.recorded_at.strftime("%Y-%m-%d %H:%M")],
        }
    )
    if receipt.replaced is not None:
        st.caption(
            _(
                "It replaces the reply of {date} ({reply}), which stays in the record's history.",
                date=t.date(receipt.replaced.received_on),
                reply=t.label(labels.REPLY, receipt.replaced.kind),
            )
        )


def what_it_does(position: str) -> str:
    if position == "objection":
        return _(
            "An objection breaks silence: if it still stands at the deadline, the proposal is "
            "not adopted by written procedure. You can change your reply until the deadline."
        )
    return _(
        "A support does not decide by itself: the proposal is adopted the day after the "
        "deadline unless an objection stands then. You can change your reply until the deadline."
    )


def proposal(item: DelegateProcedure) -> None:
    text = item.proposal
    if text.fallback:
        st.caption(
            _(
                "There is no {language} version of this proposal; shown in {shown}.",
                language=t.language_name(text.asked),
                shown=t.language_name(text.language),
            )
        )
    if text.state == "machine_draft":
        st.warning(_("Unofficial machine draft — not a translation of the Plenary."))
    elif text.state == "in_translation":
        st.warning(_("Unofficial translation in progress — not final."))
    with st.container(border=True, key=f"proposal_{item.procedure.reference}"):
        st.markdown(inert(text.text) if text.text else _("The proposal's text was not recorded."))


def outcome(item: DelegateProcedure) -> None:
    proc = item.procedure
    if item.open:
        st.caption(
            _(
                "Open for replies until {deadline} ({when}); so far {supports} and {objections}.",
                deadline=t.date(proc.deadline),
                when=t.relative(proc.deadline, today),
                supports=t.ngettext("{n} support", "{n} supports", proc.supports),
                objections=t.ngettext("{n} objection", "{n} objections", proc.objections),
            )
        )
        return
    text = _(
        "Outcome: {outcome}, decided on {date} ({supports} and {objections} at the deadline of "
        "{deadline}).",
        outcome=t.label(labels.OUTCOME, proc.outcome),
        date=t.date(proc.decided_on),
        supports=t.ngettext("{n} support", "{n} supports", proc.supports),
        objections=t.ngettext("{n} objection", "{n} objections", proc.objections),
        deadline=t.date(proc.deadline),
    )
    (st.success if proc.outcome == "adopted" else st.warning)(text)


def own_reply(item: DelegateProcedure) -> None:
    reply = item.reply
    if reply is None:
        if not item.open:
            st.write(_("{participant} did not reply.", participant=participant))
        return
    st.info(
        _(
            "{participant} replied on {date}: {reply}. The last reply counts.",
            participant=participant,
            date=t.date(reply.received_on),
            reply=t.label(labels.REPLY, reply.kind),
        )
    )
    if item.earlier:
        st.caption(
            _(
                "Earlier replies, replaced: {replies}.",
                replies="; ".join(
                    _(
                        "{reply} received on {date} (recorded {time} by {user})",
                        reply=t.label(labels.REPLY, e.kind),
                        date=t.date(e.received_on),
                        time=e.recorded_at[:16].replace("T", " "),
                        user=e.recorded_by,
                    )
                    for e in item.earlier
                ),
            )
        )


def reply_form(item: DelegateProcedure) -> None:
    reference = item.procedure.reference
    pending: dict[str, str] = st.session_state.setdefault(PENDING, {})
    chosen = pending.get(reference)
    if chosen is not None:
        with st.container(border=True, key=f"confirm_{reference}"):
            st.markdown(
                _(
                    "**Confirm the reply of {participant} to {reference}: {reply}.**",
                    participant=participant,
                    reference=reference,
                    reply=t.label(labels.REPLY, chosen),
                )
            )
            (st.warning if chosen == "objection" else st.info)(what_it_does(chosen))
            left, right = st.columns(2)
            if left.button(_("Confirm and send"), key=f"confirm_send_{reference}", type="primary"):
                receipt = attempt(
                    t,
                    lambda: procedures.record_reply(
                        engine=ctx.engine,
                        actor=ctx.actor,
                        reference=reference,
                        participant=participant,
                        kind=chosen,
                    ),
                )
                pending.pop(reference, None)
                if receipt is not None:
                    st.session_state.setdefault(RECEIPTS, {})[reference] = receipt
                    st.rerun()
            if right.button(_("Cancel"), key=f"confirm_cancel_{reference}"):
                pending.pop(reference, None)
                st.rerun()
        return
    current = item.reply.kind if item.reply is not None else None
    with st.form(f"reply_{reference}"):
        kind = st.radio(
            _("Reply of {participant}", participant=participant)
            if current is None
            else _("Change the reply of {participant}", participant=participant),
            list(labels.REPLY),
            index=None,
            format_func=lambda code: t.label(labels.REPLY, code),
            key=f"reply_kind_{reference}",
            horizontal=True,
        )
        if st.form_submit_button(_("Review the reply")):
            if kind is None:
                st.error(_("Choose support or objection first."))
            elif kind == current:
                st.error(_("This is already the reply that counts."))
            else:
                pending[reference] = kind
                st.rerun()


items = attempt(
    t,
    lambda: procedures.for_participant(
        engine=ctx.engine, participant=participant, on=today, language=ctx.language
    ),
)
if not items:
    st.info(_("No written procedure is open on this date."))
    st.stop()

receipts: dict[str, ReplyReceipt] = st.session_state.get(RECEIPTS, {})
for item in items:
    proc = item.procedure
    with st.container(border=True, key=f"procedure_{proc.reference}"):
        st.subheader(f"{proc.reference} — {item.proposal.title or proc.title}")
        st.caption(
            _(
                "Circulated on {circulated}; deadline {deadline}.",
                circulated=t.date(proc.circulated_on),
                deadline=t.date(proc.deadline),
            )
        )
        proposal(item)
        outcome(item)
        if proc.reference in receipts:
            show_receipt(receipts[proc.reference])
        own_reply(item)
        if item.open:
            reply_form(item)
