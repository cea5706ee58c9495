"""Download buttons whose file is built only when clicked (Streamlit runs the callable then)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.engine import Engine

from governance.i18n import Translator
from governance.services import documents


def text_pdf(t: Translator, engine: Engine, reference: str, language: str, on: date) -> None:
    """ "Download PDF" of a decision or communiqué in ``language`` as it stood on ``on`` (the
    caller shows it only when that language has a version)."""
    st.download_button(
        t.gettext("Download PDF"),
        data=lambda: documents.text_pdf(
            engine=engine, reference=reference, language=language, on=on
        ),
        file_name=documents.file_name(reference, language),
        mime=documents.PDF_MIME,
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key=f"pdf_{reference}_{language}",
    )
