"""The reader's language in what the record names: Participant names in Russian and Portuguese,
language names inside sentences, no "г.." after a Russian date, and ``<html lang>``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from test_languages import PAGES, visible_texts

from governance import participant_names
from governance.rules.permissions import Actor, Role

PARTICIPANTS = "pages/views/participants.py"
SECRETARIAT = Actor("clerk", Role.SECRETARIAT)


def register(at: AppTest) -> Any:  # a pandas DataFrame
    return at.dataframe[0].value  # the register comes first


def test_in_russian_the_register_names_states_the_way_the_body_does(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PARTICIPANTS, as_of="2003-10-31", lang="ru")
    at.selectbox(key="participants_status").set_value("participant").run()
    names = list(register(at).iloc[:, 0])
    assert len(names) == 45
    assert {"Ангола", "Российская Федерация", "Европейское сообщество"} <= set(names)
    assert {"Соединенные Штаты Америки", "Республика Корея", "Кот-д’Ивуар"} <= set(names)
    assert "Демократическая Республика Конго" in names and "Республика Конго" in names
    assert not {"Angola", "Russian Federation", "European Community"} & set(names)
    # In the reader's alphabetical order, not the English one.
    assert names[0] == "Австралия"
    assert names == sorted(names, key=lambda n: participant_names.sort_key(n, "ru"))


def test_in_portuguese_the_register_uses_the_portuguese_names(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PARTICIPANTS, as_of="2003-10-31", lang="pt")
    names = set(register(at).iloc[:, 0])
    assert {"Angola", "Federação Russa", "Comunidade Europeia"} <= names
    assert "Estados Unidos da América" in names
    assert {"Taipé Chinês", "África do Sul", "Roménia"} <= names
    assert "Russian Federation" not in names


def test_search_finds_the_english_name_and_the_name_the_reader_sees(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PARTICIPANTS, as_of="2003-10-31", lang="ru")
    for typed in ("Росс", "russian", "федерация"):
        at.text_input(key="participants_search").input(typed).run()
        assert list(register(at).iloc[:, 0]) == ["Российская Федерация"], typed
    at.text_input(key="participants_search").input("Ангол").run()
    assert list(register(at).iloc[:, 0]) == ["Ангола"]
    assert at.query_params["q"] == "Ангол"


def test_the_chosen_entity_is_shown_in_russian_and_kept_in_english_in_the_link(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(PARTICIPANTS, as_of="2004-06-01", lang="ru", entity="Russian Federation")
    chooser = at.selectbox(key="participants_entity")
    assert chooser.value == "Russian Federation"
    assert "Российская Федерация" in chooser.options
    assert any(m.value.startswith("**Российская Федерация** — ") for m in at.markdown)
    assert at.query_params["entity"] == "Russian Federation"


def test_office_holders_and_hosts_are_named_in_the_readers_language(
    open_page: Callable[..., AppTest],
) -> None:
    overview = open_page(as_of="2004-06-01", lang="ru")
    metrics = {m.label: m.value for m in overview.metric}
    assert "Российская Федерация" in metrics.values() and "Канада" in metrics.values()

    chairs = open_page("pages/views/chairs.py", as_of="2004-06-01", lang="pt")
    assert "Federação Russa" in {m.value for m in chairs.metric}
    holders = next(df.value for df in chairs.dataframe if len(df.value) >= 3)
    assert "Federação Russa" in set(holders.iloc[:, 1])

    meetings = open_page(
        "pages/views/meetings.py", as_of="2004-06-01", lang="ru", meeting="2003-sun-city"
    )
    assert "Южно-Африканская Республика" in {m.value for m in meetings.metric}


@pytest.mark.parametrize(
    ("language", "button"), [("ru", "Читать на языке: английский"), ("fr", "Lire en anglais")]
)
def test_a_language_name_in_a_sentence_is_the_readers_word_for_it(
    open_page: Callable[..., AppTest], language: str, button: str
) -> None:
    at = open_page("pages/views/communiques.py", as_of="2004-06-01", lang=language, content="fr")
    labels = [b.label for b in at.button if b.key and b.key.startswith("communiques_read_")]
    assert labels == [button]


def rendered(at: AppTest) -> Iterator[str]:
    """Every text of a page, the cells of its tables included."""
    yield from visible_texts(at)
    for metric in at.metric:
        yield str(metric.value)
    for frame in at.dataframe:
        yield from (str(v) for v in frame.value.to_numpy().ravel())


@pytest.mark.signed(SECRETARIAT)
@pytest.mark.parametrize("as_of", ["2003-10-31", "2004-06-01"])
@pytest.mark.parametrize("page", list(PAGES))
def test_no_russian_page_reads_g_with_two_full_stops(
    open_page: Callable[..., AppTest], page: str, as_of: str
) -> None:
    at = open_page(page, as_of=as_of, lang="ru", actor=SECRETARIAT)
    doubled = sorted({text for text in rendered(at) if "г.." in text})
    assert doubled == []
    assert any("г." in text for text in rendered(at))  # the dates were there


@pytest.mark.parametrize("language", ["ru", "pt", "en"])
def test_the_page_declares_the_interface_language(
    open_page: Callable[..., AppTest], language: str
) -> None:
    at = open_page(as_of="2004-06-01", lang=language)
    scripts = [e.proto.body for e in at.get("html") if "documentElement.lang" in e.proto.body]
    assert scripts == [f'<script>document.documentElement.lang = "{language}";</script>']
