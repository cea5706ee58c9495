"""The Plenary's rules as pure functions of the record and the date asked about.

Standard library only: no Streamlit, no SQLModel, never the clock.
"""
