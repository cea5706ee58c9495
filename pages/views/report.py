"""Secretariat: the draft of the annual report to the UN General Assembly, generated from the
record for a year in one of the official languages, previewed and downloaded as Markdown, PDF
or Word. Each file is written only when its button is clicked."""

from __future__ import annotations

import streamlit as st

from governance import rendering
from governance.i18n import UI_LANGUAGES
from governance.rules.permissions import Action
from governance.services import unga_report
from ui import context
from ui.widgets import attempt, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.DRAFT_REPORT)

st.title(_("Annual report to the UN General Assembly"))
st.caption(
    _(
        "A draft generated from the record in the shape of the 2003 report; every figure gives "
        "its source in the record. Review it before transmission."
    )
)
left, right = st.columns(2)
language = right.selectbox(
    _("Language of the report"),
    UI_LANGUAGES,
    index=UI_LANGUAGES.index(ctx.language),
    format_func=t.language_name,
    key="report_language",
)
asked = st.session_state.get("report_year")
found = attempt(
    t,
    lambda: unga_report.page(
        engine=ctx.engine,
        year=int(asked) if asked else None,
        language=language,
        on=ctx.as_of,
    ),
)
if found is None:
    st.stop()
left.selectbox(
    _("Year"),
    found.years,
    index=found.years.index(found.year),
    key="report_year",
)
document = found.document
columns = st.columns(3)
for column, fmt, label in zip(
    columns,
    ("md", "pdf", "docx"),
    (_("Download Markdown"), _("Download PDF"), _("Download Word")),
    strict=True,
):
    column.download_button(
        label,
        data=lambda fmt=fmt: rendering.write(document, fmt),  # type: ignore[misc]
        file_name=f"unga-report-{found.year}.{language}.{fmt}",
        mime=rendering.MIME[fmt],
        on_click="ignore",
        key=f"report_download_{fmt}",
    )
with st.container(border=True):
    st.markdown(rendering.markdown(document))
