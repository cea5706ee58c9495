"""The Akoma Ntoso 3.0 schema shipped in the package, and validation against it with lxml.

``akomantoso30.xsd`` imports ``xml.xsd`` by a relative ``schemaLocation``; both live in
``governance/standards/akomantoso/``. The parser resolves nothing outside that folder and never
uses the network: an installed copy or a clean clone validates offline.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree

FOLDER = Path(__file__).resolve().parent.parent / "standards" / "akomantoso"
SCHEMA_FILE = FOLDER / "akomantoso30.xsd"
NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


class SchemaResourceError(RuntimeError):
    """The schema asked for a resource outside its folder (a wiring mistake, never fetched)."""


class _LocalOnly(etree.Resolver):  # type: ignore[misc]
    """Resolves the schema's files from its folder and refuses anything else."""

    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        path = Path(unquote(url.removeprefix("file://")))
        local = (path if path.is_absolute() else FOLDER / path).resolve()
        if local.parent == FOLDER and local.is_file():
            return self.resolve_filename(str(local), context)
        raise SchemaResourceError(f"the Akoma Ntoso schema asked for {url!r}; not fetched")


@functools.cache
def schema() -> etree.XMLSchema:
    """The compiled schema (about half a second, once per process)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalOnly())
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), parser))


def errors(document: bytes | etree._Element) -> list[str]:
    """Why ``document`` is not valid Akoma Ntoso 3.0 (empty when it is): one line per error,
    with its line number."""
    root = document if isinstance(document, etree._Element) else _parse(document)
    checker = schema()
    if checker.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def _parse(document: bytes) -> etree._Element:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.fromstring(document, parser)
