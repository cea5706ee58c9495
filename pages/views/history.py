"""Secretariat: the audit trail of any record, and a check of the whole chain."""

from __future__ import annotations

import streamlit as st

from governance.rules.permissions import Action
from governance.services import audits, decisions, desk
from ui import context
from ui.widgets import require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.RECORD_DECISION)

st.title(_("Record history"))
if st.button(_("Verify the audit chain"), key="history_verify"):
    verdict = audits.verify(engine=ctx.engine)
    if verdict.ok:
        st.success(
            t.ngettext(
                "The chain of {n} entry is intact.",
                "The chain of {n} entries is intact.",
                verdict.entries,
            )
        )
    elif verdict.broken_at is not None:
        st.error(_("The chain is broken at entry {seq}.", seq=verdict.broken_at))
    if verdict.differences:
        st.error(
            t.ngettext(
                "{n} record differs from what the audit trail says: changed outside the services.",
                "{n} records differ from what the audit trail says: changed outside the services.",
                len(verdict.differences),
            )
        )
        st.dataframe(
            [
                {
                    _("Kind of record"): d.table,
                    _("Record number"): d.key,
                    _("Field"): d.field if d.field != "*" else "—",
                    _("Change"): {
                        "changed": _("changed"),
                        "added": _("added"),
                        "deleted": _("deleted"),
                    }[d.kind],
                }
                for d in verdict.differences
            ],
            hide_index=True,
            width="stretch",
        )

TABLES = {
    "decision": _("Decision"),
    "textversion": _("Language version"),
    "meeting": _("Meeting"),
    "entity": _("Participant or organisation"),
    "officeterm": _("Office term"),
    "writtenprocedure": _("Written procedure"),
    "procedurereply": _("Reply"),
    "statusevent": _("Status change"),
    "account": _("Account"),
}
PAGE_SIZE = 50
left, right = st.columns([1, 2])
table = left.selectbox(
    _("Kind of record"), list(TABLES), format_func=TABLES.__getitem__, key="history_table"
)
if table == "decision":
    search = right.text_input(
        _("Find a decision (reference or words of its title)"), key="history_search"
    )
    found = {c.code: c.title for c in desk.decisions(engine=ctx.engine, on=None, text=search)}
    reference = right.selectbox(
        _("Decision"),
        list(found),
        format_func=lambda code: f"{code} — {found[code]}",
        key="history_reference",
    )
    key = str(decisions.decision_id(engine=ctx.engine, reference=reference)) if reference else ""
else:
    key = right.text_input(_("Record number"), key="history_key").strip()
if not key:
    st.info(_("No change recorded for this record."))
    st.stop()
# The page number belongs to one record: choosing another starts again at the first page.
if st.session_state.get("history_shown") != (table, key):
    st.session_state["history_shown"] = (table, key)
    st.session_state["history_page"] = 1
page = int(st.session_state.get("history_page", 1))
changes = audits.history_page(
    engine=ctx.engine, table=table, key=key, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
)
if not changes.total:
    st.info(_("No change recorded for this record."))
    st.stop()
pages = (changes.total + PAGE_SIZE - 1) // PAGE_SIZE
if pages > 1:
    st.number_input(_("Page"), min_value=1, max_value=pages, step=1, key="history_page")
st.dataframe(
    [
        {
            _("Entry"): c.seq,
            _("When (UTC)"): c.at[:19].replace("T", " "),
            _("Who"): c.actor,
            _("From"): c.origin,
            _("Action"): c.action,
            _("Change"): c.operation,
            _("Before"): ", ".join(f"{k}={v}" for k, v in c.before.items()),
            _("After"): ", ".join(f"{k}={v}" for k, v in c.after.items()),
        }
        for c in changes.changes
    ],
    hide_index=True,
    width="stretch",
)
first = (page - 1) * PAGE_SIZE + 1
st.caption(
    _(
        "{first}–{last} of {total}",
        first=t.number(first),
        last=t.number(first + len(changes.changes) - 1),
        total=t.number(changes.total),
    )
)
