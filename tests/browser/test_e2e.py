"""End to end: the real app under `streamlit run`, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Chromium not installed (apt-get install chromium); .ci/run installs it",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def app_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PLENARY_DATABASE_URL": database_url}
    log = (tmp_path / "streamlit.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.serve",
            "run",
            str(ROOT / "streamlit_app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start: " + (tmp_path / "streamlit.log").read_text())
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture
def page(app_url: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
        yield context.new_page()
        browser.close()


def settle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    page.wait_for_timeout(300)


PAGES = [
    ("", "Overview", "Canada"),
    ("decisions", "Decisions", "Final extension of the tolerance period"),
    ("communiques", "Communiqués", "Sun City"),
    ("chairs", "Chair and Vice Chair", "Russian Federation"),
    ("participants", "Participants and applicants", "Liberia"),
    ("meetings", "Meetings", "Sun City"),
]


def test_every_page_renders_the_record_in_a_real_browser(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    for path, title, expected in PAGES:
        page.goto(f"{app_url}/{path}?lang=en&as_of=2004-06-01")
        settle(page)
        main = page.locator("[data-testid='stMain']")
        assert main.locator("h1").first.inner_text().strip() == title
        assert expected in main.inner_text(), f"{expected!r} not on {path or 'overview'}"
        assert page.locator("[data-testid='stException']").count() == 0


def test_switching_language_keeps_the_page_and_the_date(page, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/chairs?lang=en&as_of=2004-06-01")
    settle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Français").click()
    settle(page)
    assert "/chairs" in page.url
    assert "lang=fr" in page.url and "as_of=2004-06-01" in page.url
    assert "Canada" in page.locator("[data-testid='stMain']").inner_text()


def test_the_desk_refuses_anonymous_visitors_and_opens_after_sign_in(  # type: ignore[no-untyped-def]
    page, app_url: str, database_url: str
) -> None:
    from governance import db
    from governance.rules.permissions import Actor, Role
    from governance.services import accounts

    accounts.add_user(
        engine=db.get_engine(database_url),
        actor=Actor("admin", Role.ADMIN),
        username="clerk",
        role="secretariat",
        password="correct horse battery",
    )
    page.goto(f"{app_url}/secretariat?lang=en&as_of=2004-06-01")
    settle(page)
    assert "Sign in first" in page.locator("[data-testid='stMain']").inner_text()
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_role("link", name="Secretariat desk").count() == 0  # not listed
    sidebar.get_by_text("Sign in").first.click()
    sidebar.get_by_role("textbox", name="User name").fill("clerk")
    sidebar.get_by_role("textbox", name="Password").fill("correct horse battery")
    sidebar.locator("[data-testid='stFormSubmitButton'] button").click()
    settle(page)
    assert "Signed in as clerk" in sidebar.inner_text()
    # The sign-in lives in this browser session: navigate within it (a reload starts afresh).
    sidebar.get_by_role("link", name="Secretariat desk").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    assert main.locator("h1").first.inner_text().strip() == "Secretariat desk"
    assert "Record the meeting" in main.inner_text()
