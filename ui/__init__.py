"""Streamlit glue shared by the entry point and the pages (the product itself is governance/)."""
