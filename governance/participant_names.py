"""Participant names in the reader's language.

A State's name is CLDR's territory name through Babel, or the United Nations' official short
name where the record uses the formal name and CLDR the common one (the data file says which);
another entity (the European Community, Chinese Taipei, Observers) has its forms in the data
file, or keeps its English name — a proper name. English is always the name as recorded.
The record and its search stay English; this is for showing a name.

Pure: no Streamlit, no database. The data file is read once per process.
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from governance import textnorm
from governance.settings import PROJECT_ROOT

NAMES_FILE = PROJECT_ROOT / "data" / "participant_names.toml"
LANGUAGES = ("fr", "pt", "es", "ru")
"""The languages a name is given in besides English (the record's)."""
CLDR_LOCALES = {"pt": "pt_PT"}
"""Portuguese names in the European spelling, as the record's translations write them."""


@functools.cache
def _table(path: Path = NAMES_FILE) -> dict[str, dict[str, str]]:
    """``textnorm.key(English name)`` → {language: name} for every name the file knows (Babel
    is imported here: an English CLI command need not load it)."""
    from babel import Locale

    with path.open("rb") as handle:
        data = tomllib.load(handle)
    table: dict[str, dict[str, str]] = {}
    for state in data.get("state", []):
        official = state.get("official", {})
        forms = {
            lang: official.get(lang)
            or Locale.parse(CLDR_LOCALES.get(lang, lang)).territories[state["code"]]
            for lang in LANGUAGES
        }
        for name in state["names"]:
            table[textnorm.key(name)] = forms
    for other in data.get("other", []):
        forms = {lang: other[lang] for lang in LANGUAGES if other.get(lang)}
        for name in other["names"]:
            table[textnorm.key(name)] = forms
    return table


@functools.lru_cache(maxsize=4096)
def localized(name: str, language: str) -> str:
    """``name`` (as recorded, in English) in ``language``; the recorded name itself in English,
    for an unknown name, or where the entity has no form in that language."""
    if language not in LANGUAGES or not name:
        return name
    return _table().get(textnorm.key(name), {}).get(language, name)


def sort_key(name: str, language: str) -> str:
    """A key that orders names as the reader sees them: by their name in ``language``,
    accents and case aside (Émirats among the E, not after Z)."""
    text = unicodedata.normalize("NFKD", localized(name, language))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def matching(search: str, language: str, names: Iterable[str]) -> set[str]:
    """The ``names`` (as recorded) whose name in ``language`` contains ``search`` (compared
    by ``textnorm.key``, as the register's search compares English names)."""
    wanted = textnorm.key(search)
    if not wanted or language not in LANGUAGES:
        return set()
    return {n for n in names if wanted in textnorm.key(localized(n, language))}
