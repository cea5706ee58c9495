"""Unexpected failures: the details go to a log kept on the server, the user gets one line.

Expected failures are :class:`~governance.rules.errors.PlenaryError` and are shown as they are;
anything else is a defect or an outage, recorded here with a short reference the user can quote.
"""

from __future__ import annotations

import logging
import os
import tempfile
import traceback
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("plenary.incident")

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def reference() -> str:
    """A short id to quote when reporting the failure."""
    return uuid.uuid4().hex[:8]


def logged(error: BaseException, where: str) -> str:
    """Log ``error`` with its traceback on the server's log; the reference of the entry."""
    ref = reference()
    log.error("incident %s in %s", ref, where, exc_info=error)
    return ref


def written(error: BaseException, where: str) -> Path:
    """Write ``error`` with its traceback to a private log file (the CLI has no server log);
    the file's path. ``PLENARY_LOG_DIR`` chooses the folder (default: the temporary folder)."""
    folder = Path(os.environ.get("PLENARY_LOG_DIR") or Path(tempfile.gettempdir()) / "plenary")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"incident-{stamp}-{reference()}.log"
    details = "".join(traceback.format_exception(error))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(f"{where}\n{details}")
    return path


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` safe to print on a terminal: control characters (escape sequences among them)
    and bidirectional overrides shown as ``\\x1b``-style escapes, never interpreted."""

    def shown(ch: str) -> str:
        if keep_newlines and ch in "\n\t":
            return ch
        if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            return ch.encode("unicode_escape").decode("ascii")
        if 0xD800 <= ord(ch) <= 0xDFFF:  # undecodable bytes of an argument
            return f"\\x{ord(ch) & 0xFF:02x}"
        return ch

    return "".join(shown(ch) for ch in text)
