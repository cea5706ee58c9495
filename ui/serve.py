"""`python -m ui.serve run ui/app.py …`: `streamlit run` with every URL going through the
entry point (``ui/app.py`` serves ``streamlit_app.py`` plus the sign-in cookie's route).

Streamlit treats a folder named ``pages/`` beside the entry script as its older multipage
mode until ``st.navigation`` first runs, so the first visit to a deep link (``/chairs``) shows
a spurious "Page not found" dialog (streamlit/streamlit#9624). The layout keeps ``pages/``, so
the flag Streamlit derives from that folder is set before the server starts.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main() -> None:
    PagesManager.uses_pages_directory = False
    cli.main()


if __name__ == "__main__":
    main()
