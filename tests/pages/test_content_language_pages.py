"""Content in the reader's language (issue 11): titles, headings, meeting titles and places,
figure labels, deadlines and the body's name come from the language versions and renderings the
record ships, with the fallback said plainly where a version has none."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

TODAY = "2026-12-01"  # after the record's unofficial translations (prepared 2026-11-26)


def texts(at: AppTest) -> list[str]:
    shown = [
        str(e.value)
        for kind in ("title", "header", "subheader", "caption", "markdown")
        for e in getattr(at, kind)
    ]
    shown += [str(m.value) for m in at.metric]
    return shown


def cells(at: AppTest) -> list[str]:
    return [str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]


def test_decisions_in_russian_titles_detail_text_and_deadlines(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/decisions.py", as_of=TODAY, lang="ru", ref="2003-JHB-01")
    assert "Окончательное продление льготного периода" in cells(at)
    assert "2003-JHB-01 — Окончательное продление льготного периода" in [h.value for h in at.header]
    shown = cells(at)
    assert "Председатель публикует обновлённый список участников" in shown
    assert "Комитет по участию" in shown  # who is responsible, in the glossary's words
    assert "**Окончательное продление льготного периода**" in [m.value for m in at.markdown]


def test_decisions_in_portuguese_before_the_translations_fall_back_and_say_so(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page("pages/views/decisions.py", as_of="2004-06-01", lang="pt", ref="2003-JHB-01")
    assert "Final extension of the tolerance period" in cells(at)
    assert any("inglês" in c.value for c in at.caption)  # the fallback is said in Portuguese
    assert "Prorrogação final do período de tolerância" not in cells(at)


def test_meetings_in_portuguese(open_page: Callable[..., AppTest]) -> None:
    at = open_page("pages/views/meetings.py", as_of=TODAY, lang="pt", meeting="2003-johannesburg")
    assert at.header[0].value == "Reunião Plenária do Processo de Kimberley, Joanesburgo"
    assert "Joanesburgo, África do Sul" in " ".join(c.value for c in at.caption)
    assert "Estados que participam atualmente no SCPK" in cells(at)


def test_communique_heading_follows_the_language_of_the_text(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(
        "pages/views/communiques.py", as_of=TODAY, lang="ru", communique="2003-sun-city-communique"
    )
    assert at.header[0].value.startswith("Заключительное коммюнике — Пленарное заседание")
    at.selectbox(key="communiques_content_language").set_value("en").run()
    assert at.header[0].value.startswith("Final Communiqué — Kimberley Process Plenary Meeting")


def test_overview_in_russian_names_the_body_and_the_meeting(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2003-07-01", lang="ru")
    assert any("Система сертификации Кимберлийского процесса" in c.value for c in at.caption)
    # Before certification: participation as the Johannesburg meeting reported it, in Russian.
    assert any("Йоханнесбург" in i.value for i in at.info), [i.value for i in at.info]


def test_the_overview_says_when_rule_26_titles_fall_back_to_english(
    open_page: Callable[..., AppTest],
) -> None:
    fallback = "У названий на английском языке ещё нет версии на этом языке."
    early = open_page("pages/views/overview.py", as_of="2003-06-01", lang="ru")
    assert "Final extension of the tolerance period" in cells(early)
    assert fallback in [c.value for c in early.caption]
    later = open_page("pages/views/overview.py", as_of=TODAY, lang="ru")
    assert "Final extension of the tolerance period" not in cells(later)
    assert fallback not in [c.value for c in later.caption]
    english = open_page("pages/views/overview.py", as_of="2003-06-01", lang="en")
    assert not any("no version in this language" in c.value for c in english.caption)
