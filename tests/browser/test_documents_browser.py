"""PDF and report downloads in a real browser: the file Streamlit hands over is read back with
its library (pypdf, python-docx)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
from browsing import BROWSER, settle, sign_in

from governance.i18n import translator

pytestmark = BROWSER


def _downloaded(page, label: str) -> bytes:  # type: ignore[no-untyped-def]
    button = page.locator("[data-testid='stDownloadButton'] button", has_text=label).first
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    return Path(download.value.path()).read_bytes()


def test_the_communique_page_downloads_its_russian_pdf(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(
        f"{app_url}/communiques?lang=ru&as_of=2026-12-01"
        "&communique=2003-sun-city-communique&content=ru"
    )
    settle(page)
    data = _downloaded(page, translator("ru").gettext("Download PDF"))
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert "Сан-Сити" in " ".join(pages)
    notice = translator("ru").gettext("Unofficial translation in progress — not final.")
    assert all(notice in p for p in pages)


def test_the_decision_page_downloads_its_english_pdf(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/decisions?lang=en&as_of=2004-06-01&ref=2003-SUN-04")
    settle(page)
    data = _downloaded(page, "Download PDF")
    (text,) = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert "2003-SUN-04" in text and "Final, made available on 31 October 2003." in text


def test_the_secretariat_downloads_the_report(page, app_url: str, database_url: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, app_url, database_url)
    page.goto(f"{app_url}/report?lang=en&as_of=2004-06-01")
    settle(page)
    page.get_by_text("Chinese Taipei").first.wait_for(timeout=30_000)
    word = docx.Document(io.BytesIO(_downloaded(page, "Download Word")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Incoming Chair: Canada" in text and "A/RES/57/302" in text
    pdf = pypdf.PdfReader(io.BytesIO(_downloaded(page, "Download PDF")))
    assert "Sun City" in " ".join(p.extract_text() for p in pdf.pages)
