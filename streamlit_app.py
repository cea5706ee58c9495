"""Plenary — entry point: navigation by role, sign-in, interface language and the as-of date
(the shell around the pages is :mod:`ui.shell`)."""

from __future__ import annotations

import streamlit as st

from ui import shell

st.set_page_config(page_title="Plenary", page_icon=":material/balance:", layout="wide")
shell.run()
