"""The terminology check flags non-glossary renderings for the reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import glossary

ROOT = Path(__file__).resolve().parents[2]


def test_glossary_has_every_term_in_the_five_languages() -> None:
    terms = glossary.load()
    assert {
        "participant",
        "observer",
        "plenary",
        "chair",
        "vice-chair",
        "written-procedure",
        "ad-referendum",
        "review-mission",
        "rough-diamonds",
    } <= {t.key for t in terms}
    for term in terms:
        assert set(term.forms) == {"en", "fr", "pt", "es", "ru"}, term.key


def test_a_seeded_wrong_term_is_flagged() -> None:
    source = "The Plenary agreed a written procedure for decision-making out of sessions."
    good = "La Plénière a approuvé une procédure écrite pour la prise de décisions."
    wrong = "La Plénière a approuvé une procédure par correspondance pour la prise de décisions."
    assert glossary.check(source, good, "fr") == []
    flags = glossary.check(source, wrong, "fr")
    assert [(f.key, f.source_form) for f in flags] == [("written-procedure", "written procedure")]
    assert flags[0].expected[0] == "procédure écrite"


def test_russian_case_forms_count_and_case_does_not_matter() -> None:
    source = "Participants of the Working Group"
    assert glossary.check(source, "УЧАСТНИКИ РАБОЧЕЙ ГРУППЫ", "ru") == []


@pytest.mark.parametrize("language", ["fr", "pt", "es", "ru"])
def test_the_shipped_unofficial_communique_translations_follow_the_glossary(language: str) -> None:
    folder = ROOT / "data" / "kpcs" / "communiques"
    for english in folder.glob("*.en.txt"):
        translated = english.with_name(english.name.replace(".en.", f".{language}."))
        pairs = zip(
            english.read_text(encoding="utf-8").split("\n\n"),
            translated.read_text(encoding="utf-8").split("\n\n"),
            strict=True,
        )
        for source, text in pairs:
            assert glossary.check(source, text, language) == [], (english.name, source[:60])
