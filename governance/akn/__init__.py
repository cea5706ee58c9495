"""Akoma Ntoso 3.0 (OASIS LegalDocML) documents of the record: pure parts only.

- :mod:`governance.akn.model`: the facts one document is built from (plain dataclasses, read by
  ``services.akn`` in one transaction);
- :mod:`governance.akn.build`: those facts → one ``<akomaNtoso>`` document per language version
  (lxml), no database and no clock;
- :mod:`governance.akn.schema`: ``akomantoso30.xsd`` from the package, validated with lxml,
  nothing fetched from the network.
"""
