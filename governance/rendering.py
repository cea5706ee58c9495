"""Documents as a short list of blocks (headings, paragraphs, lists), written out as Markdown,
PDF (fpdf2, with the DejaVu Sans font shipped in ``governance/fonts``) or Word (python-docx).

Nothing here reads the database: the services build a :class:`Document` in the reader's
language and hand it to one of the writers. The font covers Latin with diacritics and Cyrillic,
so a text in any of the five official languages prints as it is stored; it is read from the
package, never from the system, so a fresh machine prints the same PDF.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVuSans"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    """1 the document's title, 2 a section, 3 a sub-section."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False
    """A note (a source, a fallback said plainly): printed smaller, in italics in Markdown."""


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


Block = Heading | Paragraph | Items


@dataclass(frozen=True)
class Document:
    """What a writer prints: ``header`` at the top of every page (the body's name), ``banner``
    on every page when set (an unofficial text says so), ``footer`` beside the page number."""

    title: str
    language: str
    header: str
    blocks: tuple[Block, ...]
    banner: str = ""
    footer: str = ""
    page_label: str = "{page} / {pages}"
    """The page number's wording in the document's language ({page}, {pages})."""
    meta: dict[str, str] = field(default_factory=dict)


# --- Markdown -----------------------------------------------------------------------------------

MARKDOWN_SPECIAL = set("\\`*_{}[]<>#|")


def escaped(text: str) -> str:
    """Recorded text as literal Markdown: the characters that would format it escaped, and a
    line that would start a list or a quote kept as text."""
    out = "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)
    out = BULLET_START.sub(r"\1\\\2", out)
    return NUMBER_START.sub(r"\1\\\2", out)


BULLET_START = re.compile(r"^(\s*)([-+])(?=\s)", re.MULTILINE)
NUMBER_START = re.compile(r"^(\s*\d+)([.)])(?=\s)", re.MULTILINE)


def markdown(document: Document) -> str:
    """The document as Markdown (UTF-8 text); recorded text is escaped, never interpreted."""
    parts: list[str] = [f"*{escaped(document.header)}*"]
    if document.banner:
        parts.append(f"> **{escaped(document.banner)}**")
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + escaped(block.text))
        elif isinstance(block, Paragraph):
            text = escaped(block.text)
            parts.append(f"*{text}*" if block.note else text)
        else:
            parts.append(
                "\n".join(
                    (f"{i}. " if block.numbered else "- ") + escaped(item)
                    for i, item in enumerate(block.items, start=1)
                )
            )
    if document.footer:
        parts.append("---\n" + f"*{escaped(document.footer)}*")
    return "\n\n".join(parts) + "\n"


# --- PDF ----------------------------------------------------------------------------------------


def pdf(document: Document) -> bytes:
    """The document as PDF: A4, the body's name and the banner at the top of every page, the
    footer and "page n of m" at the bottom."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font(FAMILY, "B", 9)
            self.set_text_color(60, 60, 60)
            self.multi_cell(0, 5, document.header, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if document.banner:
                self.set_font(FAMILY, "B", 9)
                self.set_text_color(150, 30, 30)
                self.set_draw_color(150, 30, 30)
                self.multi_cell(
                    0,
                    5,
                    document.banner,
                    border=1,
                    align="L",
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                    padding=1,
                )
            self.set_text_color(0, 0, 0)
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(90, 90, 90)
            number = document.page_label.format(page=self.page_no(), pages="{nb}")
            text = f"{document.footer} · {number}" if document.footer else number
            self.cell(0, 8, text, align="C")

    out = _Pdf(format="A4")
    out.add_font(FAMILY, "", str(REGULAR))
    out.add_font(FAMILY, "B", str(BOLD))
    out.set_title(document.title)
    out.set_lang(document.language)
    out.set_creator("Plenary")
    out.set_auto_page_break(auto=True, margin=20)
    out.add_page()
    sizes = {1: 15, 2: 12.5, 3: 11}
    for block in document.blocks:
        if isinstance(block, Heading):
            out.ln(2 if block.level > 1 else 0)
            out.set_font(FAMILY, "B", sizes.get(block.level, 11))
            out.multi_cell(0, 7, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            out.ln(1.5)
        elif isinstance(block, Paragraph):
            out.set_font(FAMILY, "", 8.5 if block.note else 10)
            if block.note:
                out.set_text_color(80, 80, 80)
            out.multi_cell(0, 5, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            out.set_text_color(0, 0, 0)
            out.ln(2)
        else:
            out.set_font(FAMILY, "", 10)
            for i, item in enumerate(block.items, start=1):
                mark = f"{i}." if block.numbered else "•"
                out.cell(10, 5, mark, align="R")
                out.set_x(out.l_margin + 12)
                out.multi_cell(0, 5, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            out.ln(2)
    return bytes(out.output())


# --- Word ---------------------------------------------------------------------------------------


def docx(document: Document) -> bytes:
    """The document as Word (.docx): headings, paragraphs and lists in Word's own styles, the
    body's name and the banner in every page's header."""
    from docx import Document as WordDocument
    from docx.shared import Pt

    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    section = word.sections[0]
    header = section.header.paragraphs[0]
    header.text = document.header
    if document.banner:
        section.header.add_paragraph().add_run(document.banner).bold = True
    if document.footer:
        section.footer.paragraphs[0].text = document.footer
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=0 if block.level == 1 else block.level - 1)
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.note:
                run.italic = True
                run.font.size = Pt(9)
        else:
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                word.add_paragraph(item, style=style)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Document], str | bytes]] = {"md": markdown, "pdf": pdf, "docx": docx}
MIME = {
    "md": "text/markdown",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def write(document: Document, fmt: str) -> bytes:
    """The document in ``fmt`` (``md``, ``pdf`` or ``docx``) as bytes (Markdown in UTF-8)."""
    written = WRITERS[fmt](document)
    return written.encode("utf-8") if isinstance(written, str) else written
