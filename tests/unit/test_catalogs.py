"""The gettext catalogs: complete, not fuzzy, placeholders intact, accepted by msgfmt --check,
and holding every message the sources mark."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "pt", "es", "ru")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalog(language: str):  # type: ignore[no-untyped-def]
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    entries = [m for m in catalog(language) if m.id]
    assert entries
    untranslated = [
        m.id for m in entries if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (message.id, text)


def test_russian_has_three_plural_forms() -> None:
    ru = catalog("ru")
    assert ru.num_plurals == 3
    plurals = [m for m in ru if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == 3 for m in plurals)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_check_accepts_the_catalog(language: str, tmp_path: Path) -> None:
    po = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "messages.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_catalogs_hold_every_message_marked_in_the_sources(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "pyproject.toml",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "-o",
            str(pot),
            "governance",
            "ui",
            "pages",
            "streamlit_app.py",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as handle:
        marked = {m.id for m in read_po(handle) if m.id}
    for language in LANGUAGES:
        present = {m.id for m in catalog(language) if m.id}
        assert marked - present == set(), f"{language}: run `make catalogs` and translate"
