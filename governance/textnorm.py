"""How text is normalized on the way in, and the key that decides when two names are the same.

Stdlib only: the rules, the services and the migrations share these two functions.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str) -> str:
    """Text as stored: Unicode NFC (so 'Réunion' typed with a combining accent is the same
    string as the precomposed one), line ends as newlines."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def key(value: str) -> str:
    """The comparison key of a name, code, reference, user name or e-mail: NFKC, case-folded,
    invisible (format) characters removed, white space collapsed. Two values with one key are
    one record; the database enforces it with a unique index on the stored key."""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _SPACES.sub(" ", text).strip().casefold()
    return unicodedata.normalize("NFKC", text)
