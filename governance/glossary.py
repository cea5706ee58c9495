"""The scheme's fixed terminology in the five official languages, and the reviewer's check:
a translation of a text that uses a glossary term must use one of that term's renderings."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from governance.settings import PROJECT_ROOT

GLOSSARY_FILE = PROJECT_ROOT / "data" / "glossary.toml"


@dataclass(frozen=True)
class Term:
    key: str
    forms: dict[str, tuple[str, ...]]
    """Accepted forms per language; the first is the preferred one."""


@dataclass(frozen=True)
class Flag:
    """A glossary term of the source that the translation does not render as the glossary does."""

    key: str
    source_form: str
    expected: tuple[str, ...]


@functools.cache
def load(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    terms = []
    for entry in data.get("term", []):
        forms = {
            lang: (value,) if isinstance(value, str) else tuple(value)
            for lang, value in entry.items()
            if lang != "key"
        }
        terms.append(Term(entry["key"], forms))
    return tuple(terms)


def rendering(text: str, language: str | None, terms: Sequence[Term] | None = None) -> str:
    """``text`` in ``language`` when it is a glossary term as a whole ("Chair", "Participation
    Committee"): the term's preferred form there; else ``text`` as it is."""
    if not language or not text:
        return text
    wanted = text.strip().casefold()
    for term in terms if terms is not None else load():
        if any(form.casefold() == wanted for form in term.forms.get("en", ())):
            return term.forms.get(language, (text,))[0]
    return text


def _contains(text: str, form: str, *, case_sensitive: bool) -> bool:
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags) is not None


def check(
    source: str,
    translation: str,
    language: str,
    source_language: str = "en",
    terms: Sequence[Term] | None = None,
) -> list[Flag]:
    """Terms present in ``source`` (as written there) with no glossary rendering in
    ``translation`` (in any case: headings are in capitals)."""
    flags = []
    for term in load() if terms is None else terms:
        wanted = term.forms.get(language)
        found = next(
            (
                f
                for f in term.forms.get(source_language, ())
                if _contains(source, f, case_sensitive=True)
            ),
            None,
        )
        if not wanted or found is None:
            continue
        if not any(_contains(translation, f, case_sensitive=False) for f in wanted):
            flags.append(Flag(term.key, found, wanted))
    return flags
