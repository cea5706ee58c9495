"""Every page in French, Portuguese, Spanish and Russian: translated title, no English label
from the catalogs left, dates in the locale's form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from governance.i18n import translator
from governance.rules.permissions import Actor, Role

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "pages/views/overview.py": "Overview",
    "pages/views/decisions.py": "Decisions",
    "pages/views/communiques.py": "Communiqués",
    "pages/views/chairs.py": "Chair and Vice Chair",
    "pages/views/participants.py": "Participants and applicants",
    "pages/views/meetings.py": "Meetings",
    "pages/views/instruments.py": "External instruments",
    "pages/views/rule26.py": "Rule 26: what takes effect when",
    "pages/views/secretariat.py": "Secretariat desk",
}
LANGUAGES = ("fr", "pt", "es", "ru")


def english_labels(language: str) -> set[str]:
    """Catalog entries (without parameters) whose translation differs from the English."""
    path = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        m.id
        for m in catalog
        if isinstance(m.id, str) and m.id and "{" not in m.id and m.string and m.string != m.id
    }


def visible_texts(at: AppTest) -> Iterator[str]:
    for kind in (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "success",
        "error",
        "text",
    ):
        for element in getattr(at, kind):
            yield str(element.value)
    for widget in (
        *at.selectbox,
        *at.text_input,
        *at.date_input,
        *at.button,
        *at.text_area,
        *at.number_input,
        *at.multiselect,
        *at.radio,
        *at.checkbox,
    ):
        yield str(widget.label)
    for metric in at.metric:
        yield str(metric.label)
    for tab in at.tabs:
        yield str(tab.label)
    for expander in at.expander:
        yield str(expander.label)
    for frame in at.dataframe:
        yield from (str(c) for c in frame.value.columns)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_speaks_the_language(
    open_page: Callable[..., AppTest], page: str, language: str
) -> None:
    at = open_page(page, as_of="2004-06-01", lang=language, actor=SECRETARIAT)
    t = translator(language)
    assert at.title[0].value == t.gettext(PAGES[page])
    leaks = sorted({text for text in visible_texts(at) if text in english_labels(language)})
    assert leaks == []
    assert at.query_params["lang"] == language


def test_dates_on_the_overview_follow_the_locale(open_page: Callable[..., AppTest]) -> None:
    at = open_page(as_of="2003-10-29", lang="ru")
    assert any("29 октября 2003 г." in c.value.replace("\u202f", " ") for c in at.caption)
    at = open_page(as_of="2003-10-29", lang="pt")
    assert any("29 de outubro de 2003" in c.value for c in at.caption)
