"""The calendar and feed downloads in a real browser: the Meetings page's and the Overview's
calendar, the Participants page's Atom feed — each clicked, downloaded and opened with its
library."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
from browsing import BROWSER, settle
from icalendar import Calendar

pytestmark = BROWSER


def download(page, button: str, folder: Path) -> bytes:  # type: ignore[no-untyped-def]
    """Click the download button whose widget key is ``button``; the file's bytes."""
    target = page.locator(f".st-key-{button} button").first
    target.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as started:
        target.click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    return path.read_bytes()


def test_the_calendar_and_feed_downloads_open_with_their_libraries(  # type: ignore[no-untyped-def]
    page, app_url: str, tmp_path: Path
) -> None:
    page.goto(f"{app_url}/meetings?lang=fr&as_of=2004-06-01")
    settle(page)
    data = download(page, "meetings_ics", tmp_path)
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    jhb = events["Réunion plénière du Processus de Kimberley, Johannesburg"]
    assert jhb.decoded("DTSTART") == date(2003, 4, 28)
    assert jhb.decoded("DTEND") == date(2003, 5, 1)
    assert str(jhb["DESCRIPTION"]).startswith("28–30 avril 2003")  # the reader's language
    assert len(events) == 10

    page.goto(f"{app_url}/?lang=en&as_of=2004-06-01")
    settle(page)
    again = download(page, "overview_ics", tmp_path)
    uids = sorted(str(e["UID"]) for e in Calendar.from_ical(again).walk("VEVENT"))
    assert uids == sorted(str(e["UID"]) for e in events.values())  # same items, same UIDs

    page.goto(f"{app_url}/participants?lang=ru&as_of=2004-06-01")
    settle(page)
    feed = feedparser.parse(download(page, "participants_atom", tmp_path))
    assert not feed.bozo and feed.version == "atom10"
    assert any(e.title == "Бразилия: Участник" for e in feed.entries)
