"""Secretariat: the audit trail of any record, and a check of the whole chain."""

from __future__ import annotations

import streamlit as st

from governance import labels
from governance.rules.permissions import Action
from governance.services import audits
from ui import context
from ui.widgets import attempt, require

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

PAGE_SIZE = 50


def another_kind() -> None:
    """A search or a choice belongs to one kind of record: another kind starts afresh."""
    for key in ("history_search", "history_reference"):
        st.session_state.pop(key, None)


left, right = st.columns([1, 2])
kind = left.selectbox(
    _("Kind of record"),
    list(labels.RECORD_KIND),
    format_func=lambda code: t.label(labels.RECORD_KIND, code),
    key="history_table",
    on_change=another_kind,
)
search = right.text_input(_("Find it (reference, code or name)"), key="history_search")
found = audits.find_records(engine=ctx.engine, kind=kind, text=search)
name = right.selectbox(
    t.label(labels.RECORD_KIND, kind),
    found,
    index=None,
    key="history_reference",
    accept_new_options=True,
    placeholder=_("Choose or type a reference or name"),
)
if not name:
    st.info(_("Choose a record to see its history."))
    st.stop()
chosen: str = name
# The page number belongs to one record: choosing another starts again at the first page.
if st.session_state.get("history_shown") != (kind, name):
    st.session_state["history_shown"] = (kind, name)
    st.session_state["history_page"] = 1
page = int(st.session_state.get("history_page", 1))
history = attempt(
    t,
    lambda: audits.readable_history(
        engine=ctx.engine,
        kind=kind,
        name=chosen,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    ),
)
if history is None:
    st.stop()
if not history.total:
    st.info(_("No change recorded for this record."))
    st.stop()
record_name = ctx.name(history.name) if kind == "participant" else history.name
st.subheader(f"{t.label(labels.RECORD_KIND, kind)} {record_name}")
pages = (history.total + PAGE_SIZE - 1) // PAGE_SIZE
if pages > 1:
    st.number_input(_("Page"), min_value=1, max_value=pages, step=1, key="history_page")


def value(table: str, field: str, shown: str) -> str:
    """A stored value as the reader knows it: a code by its label, a language by its name."""
    if not shown:
        return "—"
    if field == "language":
        return t.language_name(shown)
    coded = labels.AUDIT_VALUE.get((table, field))
    return t.label(coded, shown) if coded else shown


rows = []
for c in history.changes:
    what = t.label(labels.AUDIT_TABLE, c.table) + (f" ({c.part})" if c.part else "")
    for f in c.fields or (audits.FieldChange("", "", ""),):
        rows.append(
            {
                _("Entry"): c.seq,
                _("When (UTC)"): c.at.strftime("%Y-%m-%d %H:%M:%S"),
                _("What"): f"{t.label(labels.AUDIT_OPERATION, c.operation)}: {what}",
                _("Field"): t.label(labels.AUDIT_FIELD, f.field) if f.field else "—",
                _("Before"): value(c.table, f.field, f.before),
                _("After"): value(c.table, f.field, f.after),
                _("Who"): c.actor + (f" ({c.origin})" if c.origin else ""),
                _("Action"): t.label(labels.AUDIT_ACTION, c.action),
            }
        )
st.caption(_("Each changed field on a line: its value before and after the change."))
st.dataframe(
    rows,
    column_config={
        _("Entry"): st.column_config.NumberColumn(width="small", format="%d"),
        _("When (UTC)"): st.column_config.TextColumn(width=140),
        _("What"): st.column_config.TextColumn(width=160),
        _("Field"): st.column_config.TextColumn(width=110),
        _("Before"): st.column_config.TextColumn(width=160),
        _("After"): st.column_config.TextColumn(width=160),
    },
    hide_index=True,
    width="stretch",
)
first = (page - 1) * PAGE_SIZE + 1
st.caption(
    _(
        "{first}–{last} of {total}",
        first=t.number(first),
        last=t.number(first + len(history.changes) - 1),
        total=t.number(history.total),
    )
)
