"""The app as served: Streamlit's server running ``streamlit_app.py``, plus the route that sets
and clears the HttpOnly sign-in cookie (:mod:`ui.session_cookie`).

``python -m ui.serve run ui/app.py …`` (``make run``); ``streamlit run`` finds ``app`` below.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import session_cookie

ENTRY = Path(__file__).resolve().parent.parent / "streamlit_app.py"

app = st.App(str(ENTRY), routes=session_cookie.routes())
