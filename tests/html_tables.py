"""The HTML tables pages draw with ``ui.tables``, read back as rows of cell texts."""

from __future__ import annotations

from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest


class Cells(HTMLParser):
    """The board's HTML table as rows of cell texts (a line break read as " | ")."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_table(at: AppTest) -> list[dict[str, str]]:
    """The page's one HTML table: its rows, each a mapping of column heading to cell text."""
    (html,) = [m.value for m in at.markdown if "<table" in m.value]
    parser = Cells()
    parser.feed(html)
    head, *rows = parser.rows
    return [dict(zip(head, row, strict=True)) for row in rows]
