"""Communiqués page through the real entry point: text, language versions, decisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from governance.rules.permissions import Actor, Role
from governance.services import translations
from ui import paging

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)

PAGE = "pages/views/communiques.py"
SUN_CITY = "2003-sun-city-communique"
JOHANNESBURG = "2003-johannesburg-communique"


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has ``column``."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def shown_text(at: AppTest) -> str:
    return "\n\n".join(element.value for element in at.text)


def test_sun_city_in_english_as_of_june_2004_shows_the_final_text_and_its_versions(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    assert at.title[0].value == "Communiqués"
    chooser = at.selectbox(key="communiques_choice")
    assert chooser.options == [
        "Final Communiqué — Kimberley Process Plenary Meeting, Johannesburg, 28–30 April 2003 "
        "(issued on 30 April 2003)",
        "Final Communiqué — Kimberley Process Plenary Meeting, Sun City, 29–31 October 2003 "
        "(issued on 31 October 2003)",
    ]
    assert chooser.value == SUN_CITY  # the latest communiqué by default
    content = at.selectbox(key="communiques_content_language")
    assert content.value == "en"  # the interface language
    assert content.options == ["English", "Français", "Português", "Español", "Русский"]

    text = shown_text(at)
    assert "Sun City" in text
    assert "forty-five (45) states" in text
    assert len(at.text) > 10  # one element per paragraph, kept readable
    assert [s.value for s in at.success] == ["Final, made available on 31 October 2003."]
    assert not at.warning

    versions = frame(at, "Made available on")
    states = dict(zip(versions["Language"], versions["Version state"], strict=True))
    assert states == {
        "English": "Final and made available",
        "French": "Missing",
        "Portuguese": "Missing",
        "Spanish": "Missing",
        "Russian": "Missing",
    }
    english = versions[versions["Language"] == "English"].iloc[0]
    assert english["Made available on"] == "31 October 2003"
    french = versions[versions["Language"] == "French"].iloc[0]
    assert french["Made available on"] == "—"

    announced = frame(at, "Formally adopted on")
    assert len(announced) == 12
    assert announced["Reference"].tolist() == [f"2003-SUN-{i:02d}" for i in range(1, 13)]
    assert set(announced["Status"]) == {"Adopted, awaiting formal adoption"}
    assert set(announced["Formally adopted on"]) == {"—"}
    assert set(announced["Languages available"]) == {"English"}
    assert "Canada selected as Chair for 2004" in announced["Title"].tolist()
    assert any(m.value == "This communiqué announced 12 decisions." for m in at.markdown)
    assert at.query_params["communique"] == SUN_CITY
    meeting = next(p.proto for p in at.get("page_link") if p.proto.page == "meetings")
    assert meeting.query_string == "meeting=2003-sun-city"


def test_choosing_french_says_the_version_does_not_exist_and_offers_english(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    at.selectbox(key="communiques_content_language").select("fr").run()
    assert not at.exception
    notices = [i.value for i in at.main.info]
    assert any("no version in French yet" in n for n in notices), notices
    assert not at.text  # no text is shown for a missing version
    assert not at.success
    assert [b.label for b in at.button if b.key and b.key.startswith("communiques_read_")] == [
        "Read in English"
    ]
    assert at.query_params["content"] == "fr"

    at.button(key="communiques_read_en").click().run()
    assert at.selectbox(key="communiques_content_language").value == "en"
    assert "forty-five (45) states" in shown_text(at)
    assert at.query_params["content"] == "en"


def test_choosing_johannesburg_shows_its_text_and_its_ten_decisions(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    at.selectbox(key="communiques_choice").select(JOHANNESBURG).run()
    assert at.header[0].value.startswith(
        "Final Communiqué — Kimberley Process Plenary Meeting, Johannesburg"
    )
    assert "Johannesburg" in shown_text(at)
    announced = frame(at, "Formally adopted on")
    assert announced["Reference"].str.startswith("2003-JHB").all()
    assert "Adopted ad referendum, awaiting confirmation" in set(announced["Status"])
    versions = frame(at, "Made available on")
    english = versions[versions["Language"] == "English"].iloc[0]
    assert english["Made available on"] == "30 April 2003"


def test_in_may_2003_only_the_johannesburg_communique_is_offered(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2003-05-01", lang="en")
    chooser = at.selectbox(key="communiques_choice")
    assert chooser.options == [
        "Final Communiqué — Kimberley Process Plenary Meeting, Johannesburg, 28–30 April 2003 "
        "(issued on 30 April 2003)"
    ]
    assert chooser.value == JOHANNESBURG
    assert "Sun City" not in shown_text(at)


def test_before_any_communique_the_page_says_so(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2003-01-15", lang="en")
    assert [i.value for i in at.main.info] == ["No communiqué had been issued by 15 January 2003."]
    assert not at.main.selectbox  # nothing to choose (the sidebar keeps its own)
    assert not at.dataframe


def test_a_link_opens_the_communique_and_language_it_names(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en", communique=JOHANNESBURG, content="ru")
    assert at.selectbox(key="communiques_choice").value == JOHANNESBURG
    assert at.selectbox(key="communiques_content_language").value == "ru"
    assert any("no version in Russian yet" in i.value for i in at.main.info)


def test_communique_text_is_inert_not_markdown(open_page: Callable[..., AppTest]) -> None:
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    # The text is rendered by st.text (no Markdown, no HTML), never by st.markdown.
    assert at.text
    assert not any("forty-five (45) states" in m.value for m in at.markdown)


MACHINE_FR = (
    "<b>COMMUNIQUÉ FINAL</b>\n\n"
    "# Pas un titre : *ni* gras, ni [lien](https://example.org), ni $x$.\n\n"
    "Troisième paragraphe."
)
HUMAN_FR = (
    "COMMUNIQUÉ FINAL (traduction)\n\n"
    "<i>Réunion plénière</i> — __Sun City__, 29-31 octobre 2003.\n\n"
    "1. Quarante-cinq (45) États participent désormais au SCPK."
)


def _french_through_rule_26(engine: Engine) -> None:
    for state, on, text in (
        ("machine_draft", date(2003, 11, 10), MACHINE_FR),
        ("in_translation", date(2004, 1, 10), HUMAN_FR),
        ("final", date(2004, 2, 1), HUMAN_FR),
        ("available", date(2004, 3, 1), None),
    ):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target=SUN_CITY,
            language="fr",
            state=state,
            on=on,
            text=text,
        )


@pytest.mark.parametrize(
    ("as_of", "kind", "notice", "state", "text"),
    [
        ("2003-11-15", "warning", "Unofficial machine draft", "Machine draft", MACHINE_FR),
        (
            "2004-01-15",
            "info",
            "Unofficial translation into French, in progress",
            "In translation",
            HUMAN_FR,
        ),
        ("2004-02-15", "info", "Final text, not yet made available", "Final", HUMAN_FR),
        (
            "2004-03-15",
            "success",
            "Final, made available on 1 March 2004.",
            "Final and made available",
            HUMAN_FR,
        ),
    ],
)
def test_a_french_version_is_shown_with_the_notice_its_state_calls_for(
    open_page: Callable[..., AppTest],
    engine: Engine,
    as_of: str,
    kind: str,
    notice: str,
    state: str,
    text: str,
) -> None:
    _french_through_rule_26(engine)
    at = open_page(PAGE, as_of=as_of, lang="en", communique=SUN_CITY, content="fr")
    notices = [n.value for n in getattr(at, kind)]
    assert any(notice in n for n in notices), notices
    if kind != "warning":
        assert not at.warning  # only a machine draft is flagged as such
    # The text is shown exactly as recorded, paragraph by paragraph, with nothing interpreted
    # (st.text: no Markdown, no HTML), and never passed to st.markdown.
    assert [p.value for p in at.text] == text.split("\n\n")
    assert not any("COMMUNIQUÉ FINAL" in m.value for m in at.markdown)
    versions = frame(at, "Made available on")
    french = versions[versions["Language"] == "French"].iloc[0]
    assert french["Version state"] == state
    assert french["Made available on"] == ("1 March 2004" if kind == "success" else "—")


def test_a_long_list_of_communiques_is_paged_and_a_link_reaches_any_of_them(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    at = open_page(PAGE, as_of="2004-06-01", lang="en")
    assert at.selectbox(key="communiques_choice").value == SUN_CITY
    assert len(at.selectbox(key="communiques_choice").options) == 1
    assert "Showing 2–2 of 2 · page 1 holds the latest" in [c.value for c in at.caption]
    at.number_input(key="communiques_page").set_value(2).run()
    assert at.selectbox(key="communiques_choice").value == JOHANNESBURG  # the page's latest
    assert at.query_params["communique"] == JOHANNESBURG
    at = open_page(PAGE, as_of="2004-06-01", lang="en", communique=JOHANNESBURG)
    assert at.selectbox(key="communiques_choice").value == JOHANNESBURG
