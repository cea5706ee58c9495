"""The page-level error boundary: whatever a page raises, the visitor keeps the navigation and
gets one clear message in their language; the details go to the server's log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from governance import incidents
from governance.i18n import Translator
from governance.rules.errors import PlenaryError, PoolExhaustedError


@contextmanager
def page_boundary(t: Translator, page: str) -> Iterator[None]:
    """Run a page; a named error is shown as it is, anything else as one line with a reference
    to the server's log. ``st.stop``/``st.rerun`` pass (they are not ``Exception``)."""
    try:
        yield
    except PlenaryError as error:
        st.error(t.error(error), icon=":material/warning:")
    except PoolTimeoutError:  # a connection asked for outside a service (they say it themselves)
        st.error(t.error(PoolExhaustedError()), icon=":material/warning:")
    except Exception as error:
        reference = incidents.logged(error, f"page {page}")
        st.error(
            t.gettext(
                "This page could not be shown because of an error on the server; nothing was "
                "changed. The details are in the server's log (reference {reference}).",
                reference=reference,
            ),
            icon=":material/error:",
        )
