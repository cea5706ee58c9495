"""Interface languages: a gettext catalog per locale, chosen per user session, and Babel
formatting of dates, date ranges, numbers and relative deadlines.

There is no process-global ``_``: callers hold a :class:`Translator` for their user's locale.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from governance.labels import ERROR_PARAMETERS
from governance.rules.errors import PlenaryError
from governance.settings import PROJECT_ROOT

LOCALES_DIR = PROJECT_ROOT / "locales"
DOMAIN = "messages"
UI_LANGUAGES: tuple[str, ...] = ("en", "fr", "pt", "es", "ru")
DEFAULT_LANGUAGE = "en"
FORMATTING_LOCALES = {"en": "en_GB"}
SOURCE_LANGUAGE = "en"
"""The language of the msgids and of the record as written: it stands for a missing version."""

log = logging.getLogger(__name__)


class CatalogMissingError(RuntimeError):
    """A locale has no compiled catalog: the set-up did not compile it."""


@dataclass(frozen=True)
class Translator:
    """Messages and formatting for one locale."""

    language: str
    catalog: gettext.NullTranslations

    @property
    def formatting_locale(self) -> str:
        """English is formatted the intergovernmental way: 29 October 2003."""
        return FORMATTING_LOCALES.get(self.language, self.language)

    def gettext(self, message: str, **params: Any) -> str:
        text = self.catalog.gettext(message)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        return self.catalog.ngettext(singular, plural, n).format(n=self.number(n), **params)

    def error(self, error: PlenaryError) -> str:
        """An error's message in this language (its template is a catalog entry)."""
        params = {k: self._param(v) for k, v in error.params.items()}
        return self.catalog.gettext(error.template).format(**params)

    def _param(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return self.date(value)
        if isinstance(value, PlenaryError):  # an error about one part of the input ("row 3: …")
            return self.error(value)
        if isinstance(value, tuple) and value and all(isinstance(v, PlenaryError) for v in value):
            return "; ".join(self.error(v) for v in value)
        if isinstance(value, str) and value in ERROR_PARAMETERS:
            return self.catalog.gettext(ERROR_PARAMETERS[value])
        return value

    def label(self, mapping: Mapping[str, str], code: str | None) -> str:
        """The translated label of ``code`` in ``mapping`` (the code itself if unknown)."""
        if code is None:
            return "—"
        return self.catalog.gettext(mapping[code]) if code in mapping else code

    def date(self, value: datetime.date | None, style: str = "long") -> str:
        if value is None:
            return "—"
        return format_date(value, format=style, locale=self.formatting_locale)

    def date_range(self, start: datetime.date, end: datetime.date) -> str:
        """'28–30 April 2003', '29 October – 2 November 2003', with full month names
        (CLDR has no full-month interval pattern, so the range is composed from skeletons)."""
        if start == end:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            first = format_skeleton("d", start, locale=self.formatting_locale)
            return f"{first}–{self.date(end)}"
        if start.year == end.year:
            first = format_skeleton("MMMMd", start, locale=self.formatting_locale)
            return f"{first} – {self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.formatting_locale)

    def relative(self, due: datetime.date, on: datetime.date) -> str:
        """'in 3 days' / 'через 3 дня' / '2 days ago' from ``on`` to ``due``."""
        if due == on:
            return self.gettext("today")
        return format_timedelta(
            due - on,
            granularity="day",
            threshold=1.5,
            add_direction=True,
            locale=self.formatting_locale,
        )

    def language_name(self, code: str) -> str:
        """A language's name in that language (Français, Русский …), capitalised."""
        name = Locale.parse(code).get_display_name(code) or code
        return name[:1].upper() + name[1:]


@functools.cache
def translator(language: str, locales_dir: Path = LOCALES_DIR) -> Translator:
    """The translator for ``language`` (cached per locale, shared read-only across sessions).

    English is the source language and needs no catalog. Another language reads its compiled
    catalog, or — on a plain ``pip install`` that compiled nothing, or when the ``.po`` is newer
    than the ``.mo`` — compiles its ``.po`` in memory with Babel. A language with neither raises
    :class:`CatalogMissingError` rather than silently showing English.
    """
    language = normalise(language) or DEFAULT_LANGUAGE
    if language == DEFAULT_LANGUAGE:
        return Translator(language, gettext.NullTranslations())
    folder = locales_dir / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and not (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
        return Translator(language, Translations.load(str(locales_dir), [language], DOMAIN))
    if po.exists():
        return Translator(language, _compiled(po, language))
    log.error("No catalog for %s at %s", language, folder)
    raise CatalogMissingError(f"No catalog for {language!r} in {folder}; run the set-up.")


def _compiled(po: Path, language: str) -> Translations:
    """The ``.po`` catalog compiled in memory (no write to the installed package)."""
    with po.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def normalise(code: str | None) -> str | None:
    """'pt-BR' → 'pt', 'RU' → 'ru'; None for anything that is not a UI language."""
    if not code:
        return None
    try:
        base = Locale.parse(code.strip().replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None
    return base if base in UI_LANGUAGES else None


def negotiate(
    query: str | None = None,
    session: str | None = None,
    browser: str | None = None,
) -> str:
    """The UI language: ``?lang=`` first, then the session, then the browser, then English."""
    for candidate in (query, session):
        if found := normalise(candidate):
            return found
    if browser:
        preferred = [part.split(";")[0].strip().replace("-", "_") for part in browser.split(",")]
        for code in preferred:
            if found := normalise(code):
                return found
    return DEFAULT_LANGUAGE
