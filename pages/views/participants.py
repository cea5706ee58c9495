"""Participants and applicants: the register as of the date, the applicant pipeline, one entity's
dated history and the number of Participants over time."""

from __future__ import annotations

import streamlit as st

from governance import charts, labels, participant_names
from governance.rules.participation import EntityKind, Status
from governance.services import meetings, overview, participants
from ui import citations, context, downloads, page_cache, query
from ui.tables import WRAPPING_ROW_HEIGHT
from ui.widgets import attempt, inert

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
ANY = ""
FIGURE_MEETINGS = 6

st.title(_("Participants and applicants"))
st.caption(_("The register as of {date}.", date=t.date(ctx.as_of)))
downloads.atom(ctx, key="participants_atom")

# --- The register -------------------------------------------------------------------------------
st.subheader(_("Register"))
STATUSES = [ANY, *(s.value for s in Status)]
KINDS = [ANY, *(k.value for k in EntityKind)]
# widget key: (query parameter, options; None for free text)
FILTERS: dict[str, tuple[str, list[str] | None]] = {
    "participants_search": ("q", None),
    "participants_status": ("status", STATUSES),
    "participants_kind": ("kind", KINDS),
}
for key, (param, options) in FILTERS.items():
    query.preset(key, param, options, ANY)
with st.container(border=True):
    first, second, third = st.columns(3)
    search = first.text_input(
        _("Search"),
        key="participants_search",
        help=_("Part of a name, current or former."),
    )
    status = second.selectbox(
        _("Status"),
        STATUSES,
        format_func=lambda c: t.label(labels.STATUS, c) if c else _("All statuses"),
        key="participants_status",
    )
    kind = third.selectbox(
        _("Kind"),
        KINDS,
        format_func=lambda c: t.label(labels.ENTITY_KIND, c) if c else _("All kinds"),
        key="participants_kind",
    )
for key, (param, _options) in FILTERS.items():
    query.record(key, param, ANY)

register = page_cache.read(
    participants.list_entities,
    engine=ctx.engine,
    on=ctx.as_of,
    status=status or None,
    kind=kind or None,
    search=search.strip() or None,
    reading=ctx.language,  # a name as the reader sees it matches too
)
register = sorted(register, key=lambda e: participant_names.sort_key(e.name, ctx.language))
st.write(t.ngettext("{n} entry", "{n} entries", len(register)))
if register:
    st.dataframe(
        [
            {
                _("Name"): ctx.name(e.name),
                _("Kind"): t.label(labels.ENTITY_KIND, e.kind),
                _("Status"): t.label(labels.STATUS, e.status),
                _("Since"): t.date(e.since, "medium"),
            }
            for e in register
        ],
        hide_index=True,
        width="stretch",
        column_config={  # in pixels: one line per entry, the longest kind in full
            _("Name"): st.column_config.TextColumn(width=210),
            _("Kind"): st.column_config.TextColumn(width=330),
            _("Status"): st.column_config.TextColumn(width=140),
            _("Since"): st.column_config.TextColumn(width=120),
        },
    )
else:
    st.info(_("Nobody in the register matches these filters on this date."), icon=":material/info:")

# --- Applicants ---------------------------------------------------------------------------------
st.subheader(_("Applicants"))
st.caption(
    _(
        "An applicant declares its intent and submits documentation; the Participation Committee "
        "finds whether it meets the minimum requirements and the Chair confirms its admission. "
        "A blocked application cannot be considered until the block is lifted."
    )
)
applicants = participants.list_entities(
    engine=ctx.engine, on=ctx.as_of, status=Status.APPLICANT.value
)
if applicants:
    st.dataframe(
        [
            {
                _("Name"): ctx.name(a.name),
                _("Stage"): t.label(labels.STAGE, a.stage),
                _("Since"): t.date(a.since, "medium"),
                _("Blocked"): _("Yes") if a.blocked_reason else _("No"),
                _("Why"): a.blocked_reason or "—",
            }
            for a in applicants
        ],
        column_config={  # in pixels: the reason (recorded text) wraps in full
            _("Name"): st.column_config.TextColumn(width=130),
            _("Stage"): st.column_config.TextColumn(width=150),
            _("Since"): st.column_config.TextColumn(width=120),
            _("Blocked"): st.column_config.TextColumn(width=70),
            _("Why"): st.column_config.TextColumn(width=330),
        },
        hide_index=True,
        width="stretch",
        row_height=WRAPPING_ROW_HEIGHT,
    )
else:
    st.write(_("No applicant on this date."))

held = meetings.list_meetings(
    engine=ctx.engine,
    on=ctx.as_of,
    limit=FIGURE_MEETINGS,
    newest_first=True,
    reading=ctx.language,
)[::-1]
figures = [(m, f) for m in held if m.communique for f in m.figures]
if figures:
    with st.expander(_("Figures reported by the Plenary")):
        st.caption(
            _(
                "Counts as the communiqués report them, kept as reported: they can differ from "
                "the names in the register, and the record does not name most applicants."
            )
        )
        st.caption(
            _(
                "The latest {n} meetings; the Meetings page shows every meeting's figures.",
                n=t.number(FIGURE_MEETINGS),
            )
        )
        st.dataframe(
            [
                {
                    _("Meeting"): m.title,
                    _("Figure"): f.label,
                    _("Number"): t.number(f.value),
                    _("Source"): f.source,
                }
                for m, f in figures
            ],
            hide_index=True,
            width="stretch",
        )

# --- One entity's history -----------------------------------------------------------------------
st.subheader(_("History"))
names = participants.entity_names(engine=ctx.engine, on=ctx.as_of)
ENTITY = "participants_entity"
# The default is the same in every language (a link leaves it out); the list is in the
# reader's alphabetical order.
default_name = applicants[0].name if applicants else (names[0] if names else "")
names = sorted(names, key=lambda n: participant_names.sort_key(n, ctx.language))
query.preset(ENTITY, "entity", None, default_name)  # a link's name, checked just below
chosen = str(st.session_state.get(ENTITY) or "")
if chosen and chosen not in names:  # renamed across the as-of change: follow the entity
    renamed = attempt(t, lambda: participants.name_on(engine=ctx.engine, name=chosen, on=ctx.as_of))
    if renamed in names:
        st.session_state["participants_entity"] = renamed
if st.session_state.get(ENTITY) not in names:  # an unknown name in a link: ignored
    st.session_state[ENTITY] = default_name
if names:
    name = st.selectbox(
        _("Participant, applicant or Observer"), names, format_func=ctx.name, key=ENTITY
    )
    query.record(ENTITY, "entity", default_name)
    entity = attempt(t, lambda: participants.get_entity(engine=ctx.engine, name=name, on=ctx.as_of))
    if entity is not None:
        st.markdown(
            "**"
            + inert(ctx.name(entity.name))
            + "** — "
            + _(
                "{kind}; {status} since {date}",
                kind=t.label(labels.ENTITY_KIND, entity.kind),
                status=t.label(labels.STATUS, entity.status),
                date=t.date(entity.since),
            )
        )
        if entity.stage:
            st.caption(_("Stage: {stage}", stage=t.label(labels.STAGE, entity.stage)))
        if entity.blocked_reason:
            st.warning(
                _("Blocked: {reason}", reason=inert(entity.blocked_reason)), icon=":material/block:"
            )
        if entity.note:
            st.caption(inert(entity.note))
        if entity.renames:
            st.markdown("**" + _("Former names") + "**")
            st.dataframe(
                [
                    {
                        _("Former name"): ctx.name(r.former_name),
                        _("Renamed on"): t.date(r.renamed_on, "medium"),
                        _("New name"): ctx.name(r.new_name),
                        _("Decision"): r.decision or "—",
                        _("Source"): r.source,
                        _("Note"): r.note,
                    }
                    for r in entity.renames
                ],
                column_config={_("Note"): st.column_config.TextColumn(width="large")},
                hide_index=True,
                width="stretch",
            )
        st.dataframe(
            [
                {
                    _("Date"): t.date(h.effective_on, "medium"),
                    _("Status"): t.label(labels.STATUS, h.status),
                    _("Stage"): t.label(labels.STAGE, h.stage),
                    _("Blocked"): h.blocked_reason or "—",
                    _("Decision"): h.decision or "—",
                    _("Source"): h.source,
                    _("Note"): h.note,
                }
                for h in entity.history
            ],
            column_config={_("Note"): st.column_config.TextColumn(width="large")},
            hide_index=True,
            width="stretch",
        )
        citations.render(t, ctx.engine, ctx.as_of, entity=entity.name)
else:
    st.write(_("Nobody is in the register on this date."))

# --- Participants over time ---------------------------------------------------------------------
st.subheader(_("Participants over time"))
points = page_cache.read(overview.participant_counts, engine=ctx.engine, until=ctx.as_of)
if points:
    chart = charts.participants_over_time(
        points,
        charts.CountText(
            title=_("Number of Participants"),
            date=_("Date"),
            count=_("Participants"),
            locale=t.formatting_locale,
            as_of=ctx.as_of,
            as_of_label=_("As of"),
        ),
    )
    st.altair_chart(chart, width="stretch")
    st.caption(
        _(
            "Counted from the dated changes of status in the record. A Participant whose "
            "standing the record does not date is not counted, so a low or zero count can mean "
            "'not recorded' rather than 'none': compare the figures reported by the Plenary."
        )
    )
else:
    st.write(_("No change of status is recorded by this date."))
