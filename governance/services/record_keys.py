"""Identifiers that exports give the record's items: derived from what identifies an item in the
record (a meeting's code, a decision's reference, a Participant's first name), never from row
numbers, the order of rows or the time of the export — so a second export, or one after an
unrelated write, gives every item the identifier it had.

A Participant is keyed by the first name it bore in the record (the ``former_name`` of its
earliest rename, else its name): a later rename adds a name and keeps the key.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from urllib.parse import quote_plus

from governance import textnorm
from governance.models import Entity, EntityRename

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "plenary:record")
"""The namespace of the name-based (version 5) UUIDs of the exports."""


def slug(value: str) -> str:
    """``value``'s comparison key (:func:`textnorm.key`) made safe for an identifier, one-to-one:
    spaces become ``+``, anything else outside letters, digits and ``-._~`` is %-encoded
    ("south+africa", "c%C3%B4te+d%27ivoire")."""
    return quote_plus(textnorm.key(value), safe="-._~")


def uid(body: str, *parts: str) -> uuid.UUID:
    """The stable UUID of an item: version 5, from the body's code and the item's key parts."""
    return uuid.uuid5(NAMESPACE, "/".join((slug(body), *(slug(p) for p in parts))))


def entity_keys(entities: Iterable[Entity], renames: Iterable[EntityRename]) -> dict[int, str]:
    """Each entity's key: :func:`slug` of its first name in the record (the former name of its
    earliest rename, else its name)."""
    earliest: dict[int, EntityRename] = {}
    for rename in renames:
        known = earliest.get(rename.entity_id)
        if known is None or rename.renamed_on < known.renamed_on:
            earliest[rename.entity_id] = rename
    return {
        e.id: slug(earliest[e.id].former_name if e.id in earliest else e.name)
        for e in entities
        if e.id is not None
    }
