"""ui/serve.py patches a Streamlit class attribute so deep links work with a ``pages/`` folder
beside the entry point (streamlit/streamlit#9624): this fails the day Streamlit renames or
stops reading it, instead of deep links breaking silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager


def test_the_pages_directory_flag_streamlit_reads_is_the_one_serve_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pages").mkdir()
    entry = tmp_path / "app.py"
    entry.write_text("")
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(entry))
    assert PagesManager.uses_pages_directory is True  # what Streamlit derives unpatched
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)  # what serve.main sets
    PagesManager(str(entry))
    assert PagesManager.uses_pages_directory is False
