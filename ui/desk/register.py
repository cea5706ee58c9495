"""Desk tab "Register": register an entity, change a status, rename a Participant."""

from __future__ import annotations

from datetime import date

import streamlit as st

from governance import labels
from governance.services import desk as choices
from governance.services import participants
from ui.desk import NONE, Desk, choose, coded, day_input, done, optional, select, submitted
from ui.widgets import attempt


def status_fields(d: Desk, prefix: str) -> tuple[str, str, date, str, str | None, str]:
    """The fields of a status event (both forms): status, stage, date, block, decision, note;
    widget keys start with ``prefix``."""
    _ = d.t.gettext
    statuses = [s for s in labels.STATUS if s != "none"]
    status = select(
        _("Status"), statuses, format_func=coded(d, labels.STATUS), key=f"{prefix}_status"
    )
    stage = select(
        _("Stage (applicants)"),
        [NONE, *labels.STAGE],
        format_func=coded(d, labels.STAGE),
        key=f"{prefix}_stage",
    )
    effective_on = day_input(d, _("Effective on"), f"{prefix}_on")
    blocked = st.text_input(
        _("Blocked — reason (leave empty if not blocked)"), key=f"{prefix}_blocked"
    )
    decision_ref = choose(d, _("Decision"), f"{prefix}_decision", d.known, required=False)
    note = st.text_input(_("Note"), key=f"{prefix}_note")
    return status or "", stage or NONE, effective_on, blocked, decision_ref, note


def entity_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    with st.form("entity_form"):
        st.subheader(_("Register a new entity"))
        name = st.text_input(_("Name"), key="entity_name")
        kind = select(
            _("Kind"),
            list(labels.ENTITY_KIND),
            format_func=coded(d, labels.ENTITY_KIND),
            key="entity_kind",
        )
        status, stage, registered_on, blocked, decision_ref, note = status_fields(d, "entity")
        if submitted(_("Register the entity"), "entity_submit"):
            entity = attempt(
                t,
                lambda: participants.register_entity(
                    engine=d.engine,
                    actor=d.actor,
                    name=name,
                    kind=kind,
                    status=status,
                    on=registered_on,
                    stage=optional(stage),
                    blocked_reason=optional(blocked.strip()),
                    decision=decision_ref,
                    note=note,
                ),
            )
            if entity:
                done(
                    _(
                        "{name} registered ({kind}): {status} from {date}.",
                        name=entity.name,
                        kind=t.label(labels.ENTITY_KIND, entity.kind),
                        status=t.label(labels.STATUS, entity.status),
                        date=t.date(registered_on),
                    )
                )


def status_form(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    entities = {e.name: e.status for e in choices.entities(engine=d.engine, on=d.as_of)}
    with st.form("status_form"):
        st.subheader(_("Change a status"))
        name = select(
            _("Participant or organisation"),
            list(entities),
            format_func=lambda n: f"{n} ({t.label(labels.STATUS, entities[n])})",
            key="status_name",
        )
        status, stage, changed_on, blocked, decision_ref, note = status_fields(d, "status")
        if submitted(_("Record the change"), "status_submit"):
            entity = attempt(
                t,
                lambda: participants.change_status(
                    engine=d.engine,
                    actor=d.actor,
                    name=name or "",
                    status=status,
                    on=changed_on,
                    stage=optional(stage),
                    blocked_reason=optional(blocked.strip()),
                    decision=decision_ref,
                    note=note,
                ),
            )
            if entity:
                done(
                    _(
                        "{name}: {status} from {date}.",
                        name=entity.name,
                        status=t.label(labels.STATUS, entity.status),
                        date=t.date(changed_on),
                    )
                )


def rename_form(d: Desk) -> None:
    """One entity renamed in place from a date (its former name stays on the dates before)."""
    t, _ = d.t, d.t.gettext
    names = participants.entity_names(engine=d.engine, on=d.as_of)
    with st.form("rename_form"):
        st.subheader(_("Rename a Participant"))
        st.caption(
            _(
                "One entity keeps its status history and terms of office; every view shows the "
                "former name on the dates before the new name takes effect."
            )
        )
        name = select(
            _("Participant or organisation"),
            names,
            index=None,
            placeholder=_("Choose…"),
            key="rename_entity",
        )
        new_name = st.text_input(_("New name"), key="rename_new_name")
        renamed_on = day_input(d, _("New name from"), "rename_on")
        decision_ref = choose(d, _("Decision"), "rename_decision", d.known, required=False)
        note = st.text_input(_("Note"), key="rename_note")
        source = st.text_input(_("Source"), key="rename_source")
        if submitted(_("Rename"), "rename_submit"):
            entity = attempt(
                t,
                lambda: participants.rename_entity(
                    engine=d.engine,
                    actor=d.actor,
                    name=name or "",
                    new_name=new_name,
                    on=renamed_on,
                    decision=decision_ref,
                    note=note,
                    source=source,
                ),
            )
            if entity:
                done(
                    _(
                        "{former} is called {name} from {date}.",
                        former=name or "",
                        name=entity.name,
                        date=t.date(renamed_on),
                    )
                )


def tab(d: Desk) -> None:
    entity_form(d)
    status_form(d)
    rename_form(d)
