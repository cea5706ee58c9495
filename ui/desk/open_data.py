"""Desk tab "Open data": upload the CSV or JSON files of an open-data export (or their zip),
see what would be stored and every problem by file, row and column, then import them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import open_data_format
from governance.rules.errors import OpenDataInvalidError, PlenaryError
from governance.services import open_data
from ui.desk import Desk
from ui.widgets import attempt

UPLOAD = "open_data_files"
GENERATION = "open_data_generation"
"""Bumped after an import, so the uploader starts empty (a new key)."""
IMPORTED = "open_data_imported"


def _files(uploaded: list[Any]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for item in uploaded:
        data = item.getvalue()
        if item.name.lower().endswith(".zip"):
            files.update(open_data_format.files_in_zip(data))
        else:
            files[item.name] = data
    return files


def _problems(d: Desk, problems: tuple[Any, ...]) -> None:
    _ = d._
    st.error(
        d.t.ngettext(
            "{n} problem in the files: nothing can be stored until it is corrected.",
            "{n} problems in the files: nothing can be stored until they are corrected.",
            len(problems),
        ),
        icon=":material/warning:",
    )
    st.dataframe(
        [
            {
                _("File"): p.params["file"],
                _("Row"): p.params["row"],
                _("Column"): str(p.params["field"]),
                _("Problem"): d.t.error(p.params["problem"]),
            }
            for p in problems
        ],
        hide_index=True,
        key="open_data_problems",
    )


def tab(d: Desk) -> None:
    t, _ = d.t, d.t.gettext
    st.subheader(_("Import open data"))
    st.caption(
        _(
            "The CSV or JSON files of an open-data export (Decisions page, or `plenary export "
            "csv|json`), one by one or in a zip. Every row is checked first; the import stores "
            "everything or nothing. Only into a database without a record, or holding the "
            "embedded record untouched (it is then replaced)."
        )
    )
    flash = st.session_state.pop(IMPORTED, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    uploaded = st.file_uploader(
        _("Files or a zip"),
        type=["csv", "json", "zip"],
        accept_multiple_files=True,
        key=f"{UPLOAD}_{st.session_state.get(GENERATION, 0)}",
    )
    if not uploaded:
        return
    try:
        files = _files(list(uploaded))
    except Exception:
        st.error(_("The zip cannot be read."), icon=":material/warning:")
        return
    checked = attempt(t, lambda: open_data.check(files, engine=d.engine, where=_("the upload")))
    if checked is None:
        return
    st.markdown(_("**What will be stored** ({format})", format=checked.format.upper()))
    st.dataframe(
        [{_("File"): f.file, _("Rows"): f.rows} for f in checked.files],
        hide_index=True,
        key="open_data_counts",
    )
    for summary in checked.files:
        if summary.first:
            with st.expander(_("{file}: the first rows", file=summary.file)):
                st.dataframe(list(summary.first), hide_index=True)
    if checked.problems:
        _problems(d, checked.problems)
    if checked.not_empty is not None:
        st.warning(
            _(
                "This database already holds a record (table {table}): the files cannot be "
                "imported into it.",
                table=checked.not_empty,
            ),
            icon=":material/block:",
        )
    elif checked.replaces_embedded:
        st.info(
            _("The embedded record, untouched since it was loaded, will be replaced."),
            icon=":material/info:",
        )
    if not st.button(_("Import"), key="open_data_import", type="primary", disabled=not checked.ok):
        return
    bar = st.progress(0.0, text=_("Importing…"))

    def progress(fraction: float, table: str) -> None:
        bar.progress(fraction, text=_("Importing… {table}", table=table))

    try:
        open_data.import_files(engine=d.engine, actor=d.actor, files=files, progress=progress)
    except OpenDataInvalidError as error:
        bar.empty()
        _problems(d, error.problems)
        return
    except PlenaryError as error:
        bar.empty()
        st.error(t.error(error), icon=":material/warning:")
        return
    bar.progress(1.0, text=_("Imported."))
    total = sum(f.rows for f in checked.files)
    st.session_state[IMPORTED] = t.ngettext("{n} row imported.", "{n} rows imported.", total)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.rerun()
