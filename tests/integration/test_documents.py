"""PDFs of communiqués and decisions in Russian and Portuguese, read back with pypdf, and the
annual report to the UN General Assembly drafted from the 2003 record (md, pdf, docx)."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pypdf
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from governance import rendering
from governance.i18n import translator
from governance.rules.errors import NoVersionToPrintError, ReportYearError, UnknownValueError
from governance.rules.permissions import Actor, Role
from governance.services import (
    communiques,
    decisions,
    documents,
    meetings,
    translations,
    unga_report,
)

pytestmark = pytest.mark.db

AFTER_TRANSLATIONS = date(2026, 12, 1)
"""The record's unofficial translations were prepared on 26 November 2026."""


def pages_of(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF")
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def in_translation(language: str) -> str:
    return translator(language).gettext("Unofficial translation in progress — not final.")


def test_a_russian_communique_prints_cyrillic_intact_and_says_unofficial_on_every_page(
    engine: Engine,
) -> None:
    data = documents.text_pdf(
        engine=engine, reference="2003-sun-city-communique", language="ru", on=AFTER_TRANSLATIONS
    )
    pages = pages_of(data)
    assert len(pages) >= 2
    text = " ".join(pages)
    for word in ("Кимберлийского процесса", "Сан-Сити", "Российская Федерация", "октября 2003"):
        assert word in text, word
    assert pages[0].startswith("Система сертификации Кимберлийского процесса")
    notice = in_translation("ru")
    assert re.search("[а-я]", notice)  # the catalog's Russian, not English
    for number, page in enumerate(pages, start=1):
        assert notice in page, number
        assert page.endswith(f"{number}") or f"{number}" in page.rsplit("·", 1)[-1]


def test_a_portuguese_decision_prints_accents_intact_with_its_meeting_and_state(
    engine: Engine,
) -> None:
    data = documents.text_pdf(
        engine=engine, reference="2003-SUN-04", language="pt", on=AFTER_TRANSLATIONS
    )
    (page,) = pages_of(data)
    assert "Sistema de Certificação do Processo de Kimberley" in page
    assert "Canadá" in page and "Presidente" in page
    assert "29–31 de outubro de 2003" in page  # the meeting
    assert in_translation("pt") in page
    t = translator("pt")
    assert t.gettext("Page {page} of {pages}", page=1, pages=1) in page


def test_a_russian_decision_and_a_portuguese_communique(engine: Engine) -> None:
    ru = " ".join(
        pages_of(
            documents.text_pdf(
                engine=engine, reference="2003-SUN-05", language="ru", on=AFTER_TRANSLATIONS
            )
        )
    )
    assert "Российской Федерации" in ru and in_translation("ru") in ru
    pt = " ".join(
        pages_of(
            documents.text_pdf(
                engine=engine,
                reference="2003-johannesburg-communique",
                language="pt",
                on=AFTER_TRANSLATIONS,
            )
        )
    )
    assert "Participação" in pt or "participação" in pt
    assert in_translation("pt") in pt


def test_the_english_text_made_available_has_no_warning(engine: Engine) -> None:
    (page,) = pages_of(
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="en", on=date(2004, 6, 1)
        )
    )
    assert "Final, made available on 31 October 2003." in page
    assert in_translation("en") not in page


def test_a_language_without_a_version_is_refused(engine: Engine) -> None:
    with pytest.raises(NoVersionToPrintError) as caught:
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="ru", on=date(2004, 6, 1)
        )
    assert caught.value.params["existing"] == "en"
    with pytest.raises(UnknownValueError):
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="de", on=date(2004, 6, 1)
        )


# --- the annual report ----------------------------------------------------------------------


def test_the_2003_english_draft_follows_the_record(engine: Engine) -> None:
    text = unga_report.written(engine=engine, year=2003, language="en", fmt="md").decode()
    numbered = re.findall(
        r"^(\d+)\. (.+?) \(source: Report, Participation, list item \1\)$", text, re.M
    )
    assert len(numbered) == 45
    assert numbered[14][1] == "European Community" and numbered[-1][1] == "Zimbabwe"
    assert (
        "45 entries were certified as Participants as of 31 October 2003, 44 of them States" in text
    )
    assert "Chinese Taipei (Trading entity), since 10 May 2003" in text
    assert "World Diamond Council" in text and "Liberia" in text
    assert (
        "Applicant states that have declared their intention to participate: 20 "
        "(source: Annex 2 ¶2)" in text
    )
    assert (
        "The register counts 44 certified States; the meeting in Sun City, Northwest Province, "
        "South Africa reported 45. The record does not reconcile the two. (source: Annex 2 ¶2)"
    ) in text
    assert "Johannesburg, South Africa, 28–30 April 2003" in text
    assert "Sun City, Northwest Province, South Africa, 29–31 October 2003" in text
    assert "Outgoing Chair: South Africa" in text
    assert "Incoming Chair: Canada, 1 January – 31 December 2004 — decision 2003-SUN-04" in text
    assert "Vice Chair: Russian Federation" in text
    assert "Resolution A/RES/57/302 of 15 April 2003" in text
    assert "WTO General Council, Waiver of 15 May 2003" in text
    assert "Review mission: Central African Republic, 8–15 June 2003" in text
    assert "2003-SUN-12" in text and "Formally adopted on 31 December 2003: 0 of 22." in text
    # Every list entry carries its source in the record.
    entries = [line for line in text.splitlines() if re.match(r"^(\d+\.|-) ", line)]
    assert entries and all("(source: " in line for line in entries), [
        e for e in entries if "(source: " not in e
    ]


def test_the_russian_draft_renders_in_russian_as_md_pdf_and_docx(engine: Engine) -> None:
    t = translator("ru")
    md = unga_report.written(
        engine=engine, year=2003, language="ru", fmt="md", on=AFTER_TRANSLATIONS
    ).decode()
    assert "Система сертификации Кимберлийского процесса" in md
    for heading in ("Participation", "Chair and Vice Chair", "Mandate"):
        assert f"## {t.gettext(heading)}" in md
        assert re.search("[А-Яа-я]", t.gettext(heading))
    assert "Избрание Канады Председателем на 2004 год" in md  # the version's title
    assert re.search(r"28–30 апреля 2003\s*г\.", md)
    pdf = " ".join(
        pages_of(
            unga_report.written(
                engine=engine, year=2003, language="ru", fmt="pdf", on=AFTER_TRANSLATIONS
            )
        )
    )
    assert "Избрание Канады Председателем на 2004 год" in pdf
    assert "Кимберлийского процесса" in pdf
    word = docx.Document(
        io.BytesIO(
            unga_report.written(
                engine=engine, year=2003, language="ru", fmt="docx", on=AFTER_TRANSLATIONS
            )
        )
    )
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "Избрание Канады Председателем на 2004 год" in paragraphs
    assert t.gettext("Participation") in paragraphs


def test_titles_missing_in_a_language_are_said_plainly(engine: Engine) -> None:
    """On 31 December 2003 no translation exists: the Russian draft shows the original titles
    and says which."""
    md = unga_report.written(engine=engine, year=2003, language="ru", fmt="md").decode()
    assert "Canada selected as Chair for 2004" in md
    references = [f"2003-JHB-{n:02}" for n in range(1, 11)] + [
        f"2003-SUN-{n:02}" for n in range(1, 13)
    ]
    said = translator("ru").gettext(
        "No title in this language is recorded for {references}: their original titles are shown.",
        references=", ".join(references),
    )
    assert rendering.escaped(said) in md


def test_a_year_outside_the_record_is_refused(engine: Engine) -> None:
    with pytest.raises(ReportYearError):
        unga_report.written(engine=engine, year=2010, language="en", fmt="md")


def test_the_page_read_offers_the_record_years(engine: Engine) -> None:
    found = unga_report.page(engine=engine, year=None, language="en", on=date(2004, 6, 1))
    assert 2003 in found.years and found.year == 2003  # the year ended by 1 June 2004
    chosen = unga_report.page(engine=engine, year=2003, language="fr", on=date(2004, 6, 1))
    assert chosen.year == 2003 and chosen.document.language == "fr"
    assert rendering.markdown(chosen.document).count("\n") > 50


def test_markdown_never_interprets_recorded_text() -> None:
    document = rendering.Document(
        title="t",
        language="en",
        header="h",
        blocks=(rendering.Paragraph("- not a list\n1. nor this *bold* <b>x</b> [l](u)"),),
    )
    out = rendering.markdown(document)
    assert "\\- not a list" in out and "1\\. nor" in out
    assert "\\*bold\\*" in out and "\\<b\\>" in out and "\\[l\\]" in out


CLERK = Actor("clerk", Role.SECRETARIAT)


@pytest.mark.signed(CLERK)
def test_the_draft_reads_a_fixed_number_of_statements(engine: Engine) -> None:
    """More meetings, communiqués and decisions in the year: the same statements."""

    def statements() -> int:
        count = [0]

        def seen(*_: object) -> None:
            count[0] += 1

        event.listen(engine, "before_cursor_execute", seen)
        try:
            unga_report.draft(engine=engine, year=2003, language="ru", on=AFTER_TRANSLATIONS)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        return count[0]

    before = statements()
    for n in range(3):
        code = f"2003-extra-{n}"
        meetings.record_meeting(
            engine=engine,
            actor=CLERK,
            code=code,
            title=f"Extra meeting {n}",
            place="Pretoria",
            starts_on=date(2003, 11, 3 + n),
            ends_on=date(2003, 11, 3 + n),
        )
        communiques.record_communique(
            engine=engine,
            actor=CLERK,
            code=f"{code}-communique",
            meeting=code,
            issued_on=date(2003, 11, 3 + n),
            title=f"Communiqué {n}",
            text="Text.",
        )
        decisions.record_decision(
            engine=engine,
            actor=CLERK,
            reference=f"2003-EXT-{n}",
            title=f"Extra decision {n}",
            kind="other",
            procedure="plenary",
            adopted_on=date(2003, 11, 3 + n),
            text="Text.",
            meeting=code,
        )
    assert statements() == before
    md = unga_report.written(engine=engine, year=2003, language="en", fmt="md").decode()
    assert "2003-EXT-2 — Extra decision 2" in md and "Annex 5: Communiqué 2" in md


@pytest.mark.signed(CLERK)
def test_a_final_version_not_yet_available_says_so_and_an_available_one_does_not(
    engine: Engine,
) -> None:
    """The state printed follows the version: final but not made available is flagged on every
    page; once made available, the PDF carries the date instead of a warning."""
    text = "Пленарное заседание избрало Канаду Председателем ССКП на 2004 год."
    translations.set_state(
        engine=engine,
        actor=CLERK,
        target="2003-SUN-04",
        language="ru",
        state="final",
        on=date(2004, 1, 20),
        text=text,
        title="Избрание Канады Председателем на 2004 год",
    )
    t = translator("ru")
    final = t.gettext("Final, not yet made available to all Participants.")
    (page,) = pages_of(
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="ru", on=date(2004, 1, 25)
        )
    )
    assert page.count(final) >= 2  # the banner and the state line
    assert "Избрание Канады Председателем на 2004 год" in page
    assert (
        t.gettext("This version has no title of its own: the original title is shown.") not in page
    )
    translations.set_state(
        engine=engine,
        actor=CLERK,
        target="2003-SUN-04",
        language="ru",
        state="available",
        on=date(2004, 2, 1),
    )
    (page,) = pages_of(
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="ru", on=date(2004, 2, 2)
        )
    )
    assert final not in page and in_translation("ru") not in page
    said = t.gettext("Final, made available on {date}.", date=t.date(date(2004, 2, 1)))
    assert " ".join(said.split()).replace("г..", "г.") in page
    assert "г.." not in page
    # Before the final step, the same decision had no Russian version to print.
    with pytest.raises(NoVersionToPrintError):
        documents.text_pdf(
            engine=engine, reference="2003-SUN-04", language="ru", on=date(2004, 1, 19)
        )
