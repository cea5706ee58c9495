"""Plenary — entry point. A minimal page until the front end (its own issue) lands:
who holds the Chair and the Vice Chair on the chosen date, from the database."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.engine import Engine

from governance import db
from governance.services import offices, record
from governance.settings import get_settings


@st.cache_resource
def engine() -> Engine:
    """The one engine, with the schema upgraded and the record loaded on first start."""
    settings = get_settings()
    eng = db.get_engine(settings.database_url)
    record.init_database(eng, settings)
    return eng


st.set_page_config(page_title="Plenary", page_icon="⚖️", layout="wide")
st.title("Plenary")
as_of = st.sidebar.date_input(
    "As of", value=date.today(), min_value=date(2000, 1, 1), format="YYYY-MM-DD"
)
holders = offices.holders_on(engine=engine(), on=as_of)

chair, vice_chair = st.columns(2)
for column, label, term in (
    (chair, "Chair", holders.chair),
    (vice_chair, "Vice Chair", holders.vice_chair),
):
    with column:
        if term is None:
            st.metric(label, "—")
            st.caption("Nobody holds this office on this date in the record.")
        else:
            st.metric(label, term.holder + (" (projected)" if term.projected else ""))
            st.caption(
                f"{term.starts_on:%d %B %Y} – {term.ends_on:%d %B %Y}"
                + (f" · decision {term.decision}" if term.decision else "")
            )
