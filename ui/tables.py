"""Compact HTML tables whose cells wrap, for wide content that a data grid would put behind a
horizontal scroll or cut short ("Adoptée, en atten…"). Cell contents are HTML, escaped by the
caller."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BORDER = "padding:4px 6px;border:1px solid rgba(128,128,128,0.3);vertical-align:top;"


def td(content: str, shade: str = "") -> str:
    """A table cell around ``content`` (HTML, already escaped)."""
    background = f"background:{shade};color:#222;" if shade else ""
    return f'<td style="{BORDER}{background}">{content}</td>'


def table(head: Sequence[str], rows: Sequence[str], widths: Sequence[str] = ()) -> str:
    """A table of ``rows`` (each a run of :func:`td`) under ``head``; ``widths`` (CSS, e.g.
    ``"30%"``) for the first columns, the rest share what is left."""
    sized = [*(f"width:{w};" for w in widths), *[""] * (len(head) - len(widths))]
    heads = "".join(
        f'<th style="{BORDER}{w}text-align:left">{escape(h)}</th>'
        for h, w in zip(head, sized, strict=True)
    )
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    return (
        '<div style="overflow-x:auto"><table style="width:100%;border-collapse:collapse;'
        f'font-size:0.85rem"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>'
    )


WRAPPING_ROW_HEIGHT = 66
"""Pixels per row of ``st.dataframe`` at which its cells wrap their text (Streamlit's grid
wraps rows taller than 4rem): a long status or title shows whole on two or three lines."""
