"""Locale choice, per-locale catalogs and Babel formatting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from governance import i18n
from governance.i18n import CatalogMissingError, negotiate, translator
from governance.rules.errors import DeadlineBeforeCirculationError


def test_language_comes_from_the_url_then_the_session_then_the_browser_then_english() -> None:
    assert negotiate("fr", "ru", "es-ES") == "fr"
    assert negotiate(None, "ru", "es-ES") == "ru"
    assert negotiate("xx", None, "pt-BR,pt;q=0.9,en;q=0.5") == "pt"
    assert negotiate(None, None, "de-DE,de;q=0.9") == "en"
    assert negotiate(None, None, None) == "en"


def plain(text: str) -> str:
    """CLDR puts a narrow no-break space before «г.»; compare it as the space it shows as."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "29 October 2003"),
        ("fr", "29 octobre 2003"),
        ("pt", "29 de outubro de 2003"),
        ("es", "29 de octubre de 2003"),
        ("ru", "29 октября 2003 г."),
    ],
)
def test_dates_render_per_locale(language: str, expected: str) -> None:
    assert plain(translator(language).date(date(2003, 10, 29))) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "29–31 October 2003"),
        ("fr", "29–31 octobre 2003"),
        ("pt", "29–31 de outubro de 2003"),
        ("es", "29–31 de octubre de 2003"),
        ("ru", "29–31 октября 2003 г."),
    ],
)
def test_meeting_date_ranges_render_per_locale(language: str, expected: str) -> None:
    assert (
        plain(translator(language).date_range(date(2003, 10, 29), date(2003, 10, 31))) == expected
    )


def test_relative_deadlines_and_numbers() -> None:
    assert translator("en").relative(date(2004, 3, 4), date(2004, 3, 1)) == "in 3 days"
    assert translator("ru").relative(date(2004, 3, 4), date(2004, 3, 1)) == "через 3 дня"
    assert translator("fr").relative(date(2004, 2, 27), date(2004, 3, 1)) == "il y a 3 jours"
    assert translator("ru").number(12345) == "12\xa0345"


def test_russian_counts_take_the_right_plural_form() -> None:
    ru = translator("ru")
    forms = [ru.ngettext("{n} decision", "{n} decisions", n) for n in (1, 3, 5)]
    assert forms == ["1 решение", "3 решения", "5 решений"]


def test_the_language_picker_names_each_language_in_that_language() -> None:
    names = [i18n.endonym(c) for c in ("en", "fr", "pt", "es", "ru")]
    assert names == ["English", "Français", "Português", "Español", "Русский"]


def test_elsewhere_a_language_is_named_in_the_readers_language() -> None:
    codes = ("en", "fr", "pt", "es", "ru")
    assert [translator("en").language_name(c) for c in codes] == [
        "English",
        "French",
        "Portuguese",
        "Spanish",
        "Russian",
    ]
    ru, fr = translator("ru"), translator("fr")
    # Standing alone (an option, a cell): capitalised; in a sentence: as the language writes it.
    assert ru.language_name("fr") == "Французский"
    assert ru.language_in_text("fr") == "французский"
    assert fr.language_in_text("ru") == "russe"
    assert translator("pt").language_in_text("ru") == "russo"
    assert translator("es").language_in_text("ru") == "ruso"
    assert ru.language_list(["fr", "es", "ru"]) == "французский, испанский и русский"
    assert fr.language_list(["fr", "es"], standalone=True) == "Français et espagnol"
    assert ru.language_list([]) == "—"


def test_an_error_names_the_language_in_the_readers_language() -> None:
    from governance.rules.errors import InvalidTransitionError

    error = InvalidTransitionError(language="fr", current="available", target="final")
    assert translator("en").error(error) == (
        "The version in French cannot go from Final and made available to Final."
    )


def test_no_second_full_stop_after_a_value_that_ends_with_one() -> None:
    ru = translator("ru")
    on = ru.date(date(2003, 10, 31))
    assert on == "31 октября 2003\u202fг."
    assert ru.gettext("The register as of {date}.", date=on).endswith("2003\u202fг.")
    assert "г.." not in ru.gettext("The register as of {date}.", date=on)
    # Only a placeholder followed by a full stop is touched; other values stay as they are.
    assert ru.gettext("{a}. {b}.", a="x", b="y.") == "x. y."
    assert translator("en").gettext("{n} ends here.", n="No.") == "No. ends here."
    assert translator("en").ngettext("{n} day.", "{n} days.", 2) == "2 days."


def test_errors_are_rendered_in_the_users_language() -> None:
    error = DeadlineBeforeCirculationError(
        deadline=date(2004, 1, 31), circulated_on=date(2004, 2, 1)
    )
    assert translator("en").error(error) == (
        "The deadline (31 January 2004) must be after the circulation date (1 February 2004)."
    )
    french = translator("fr").error(error)
    assert "31 janvier 2004" in french and "1 février 2004" in french
    assert french != translator("en").error(error)


def test_a_missing_catalog_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(CatalogMissingError):
        i18n.translator("fr", tmp_path)
    assert i18n.translator("en", tmp_path).gettext("Decisions") == "Decisions"


def test_a_catalog_that_was_never_compiled_is_read_from_its_po(tmp_path: Path) -> None:
    """A plain ``pip install`` compiles nothing: the ``.po`` is compiled in memory."""
    import shutil

    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(i18n.LOCALES_DIR / "ru" / "LC_MESSAGES" / "messages.po", folder)
    russian = i18n.translator("ru", tmp_path)
    assert russian.gettext("Meetings") == "Заседания"
    assert list(folder.iterdir()) == [folder / "messages.po"]  # nothing written beside it


def test_each_session_gets_its_own_locale_without_a_global_install() -> None:
    import builtins

    assert translator("fr").gettext("Decisions") != translator("ru").gettext("Decisions")
    assert not hasattr(builtins, "_")
