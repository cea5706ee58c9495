"""The external instruments a decision or a Participant cites, shown on their detail pages."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.engine import Engine

from governance import labels
from governance.i18n import Translator
from governance.services import instruments
from ui.widgets import inert


def render(
    t: Translator,
    engine: Engine,
    on: date,
    *,
    decision: str | None = None,
    entity: str | None = None,
) -> None:
    """A short list of the instruments cited (nothing at all when there are none)."""
    cited = instruments.cited_by(engine=engine, on=on, decision=decision, entity=entity)
    if not cited:
        return
    _ = t.gettext
    st.markdown("**" + inert(_("External instruments cited")) + "**")
    for c in cited:
        lines = [
            "**"
            + inert(c.instrument)
            + "** — "
            + inert(
                _(
                    "{body}, {date}: {title}",
                    body=t.label(labels.INSTRUMENT_BODY, c.body),
                    date=t.date(c.adopted_on),
                    title=c.title,
                )
            )
        ]
        if c.target_kind == "status_event" and c.status_on is not None:
            lines.append(
                inert(_("Cited by the change of status of {date}.", date=t.date(c.status_on)))
            )
        if c.paragraph:
            lines.append(inert(c.paragraph))
        sources = [s for s in (c.source, c.instrument_source) if s]
        if sources:
            lines.append(inert(_("Source: {source}", source=sources[0])))
        if c.note:
            lines.append(inert(c.note))
        st.markdown("  \n".join(lines))
    st.page_link(
        "pages/views/instruments.py",
        label=_("All external instruments"),
        icon=":material/library_books:",
    )
