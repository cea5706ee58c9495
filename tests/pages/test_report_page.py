"""The secretariat's report page: refused to visitors, a preview of the draft in the chosen
language and year, three downloads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from governance.i18n import translator
from governance.rules.permissions import Actor, Role

CLERK = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(CLERK)

PAGE = "pages/views/report.py"


def _preview(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_a_visitor_is_refused(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    assert any("Sign in first" in e.value for e in at.error)
    assert "Chinese Taipei" not in _preview(at)


def test_the_secretariat_previews_the_2003_draft(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, actor=CLERK, as_of="2004-06-01", lang="en")
    assert at.selectbox(key="report_year").value == 2003
    preview = _preview(at)
    assert "Chinese Taipei" in preview and "Incoming Chair: Canada" in preview
    assert "A/RES/57/302" in preview
    downloads = [e for e in at.main.get("download_button")]
    assert len(downloads) == 3


def test_the_russian_draft_and_another_year(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, actor=CLERK, as_of="2004-06-01", lang="en")
    at.selectbox(key="report_language").set_value("ru").run()
    assert not at.exception, at.exception
    preview = _preview(at)
    assert translator("ru").gettext("Participation") in preview
    assert "Система сертификации Кимберлийского процесса" in preview
    years = at.selectbox(key="report_year").options
    assert "2000" in years
    at.selectbox(key="report_year").set_value(2000).run()
    assert not at.exception, at.exception
    assert "2000" in _preview(at) and "Chinese Taipei" not in _preview(at)
