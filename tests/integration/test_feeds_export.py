"""The calendar (iCalendar) and the Atom feed: they parse back with their libraries, say what
the record says (the Johannesburg meeting is 28–30 April 2003, an all-day event ending on
1 May exclusive), label in the language asked for, and keep every item's identifier across
exports and across writes of unrelated records."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]
import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine

from governance.i18n import translator
from governance.rules.permissions import Actor, Role
from governance.services import feeds, meetings, participants, procedures

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
END_OF_2003 = date(2003, 12, 31)
TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_TODAY", "2026-12-02")


FALLBACK_FR = translator("fr").gettext("Title in English: no translated title is recorded.")
"""The notice under an English title in a French export (checked to be French below)."""


def test_the_fallback_notice_is_in_french() -> None:
    assert FALLBACK_FR.startswith("Titre en anglais")


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def by_summary(data: bytes) -> dict[str, Any]:
    found = {str(e["SUMMARY"]): e for e in events(data)}
    assert len(found) == len(events(data))
    return found


def uids(data: bytes) -> dict[str, str]:
    """Each event's summary → its UID."""
    return {summary: str(e["UID"]) for summary, e in by_summary(data).items()}


def circulate(engine: Engine) -> None:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2004-WP-01",
        title="Annual reports",
        kind="other",
        text="The Chair proposes …",
        circulated_on=date(2004, 2, 1),
        deadline=date(2004, 2, 29),
    )


def test_the_calendar_parses_and_holds_meetings_as_all_day_events(engine: Engine) -> None:
    data = feeds.ics(engine=engine, language="en", on=TODAY)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert not list(calendar.walk("VTIMEZONE"))  # no time of day anywhere in the record
    found = by_summary(data)
    jhb = found["Kimberley Process Plenary Meeting, Johannesburg"]
    assert jhb.decoded("DTSTART") == date(2003, 4, 28)
    assert jhb.decoded("DTEND") == date(2003, 5, 1)  # exclusive: the 30th is the last day
    assert jhb["DTSTART"].params.get("VALUE") == "DATE"
    assert str(jhb["LOCATION"]) == "Johannesburg, South Africa"
    assert "28–30 April 2003" in str(jhb["DESCRIPTION"])
    sun = found["Kimberley Process Plenary Meeting, Sun City"]
    assert (sun.decoded("DTSTART"), sun.decoded("DTEND")) == (date(2003, 10, 29), date(2003, 11, 1))
    for event in events(data):
        assert event.get("UID") and event.get("DTSTAMP")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date and end > start
    assert len({str(e["UID"]) for e in events(data)}) == len(events(data))


def test_the_calendar_holds_obligations_and_procedure_deadlines(engine: Engine) -> None:
    circulate(engine)
    found = by_summary(feeds.ics(engine=engine, language="en", on=TODAY))
    due = found["Due: Chair issues a revised list of Participants (2003-JHB-01)"]
    assert due.decoded("DTSTART") == date(2003, 6, 10)
    assert due.decoded("DTEND") == date(2003, 6, 11)
    assert "Responsible: Chair" in str(due["DESCRIPTION"])
    met = found["Due: Review mission to the Central African Republic takes place (2003-JHB-08)"]
    assert "Met on: 15 June 2003" in str(met["DESCRIPTION"])
    deadline = found["Written procedure 2004-WP-01: last day for replies — Annual reports"]
    assert deadline.decoded("DTSTART") == date(2004, 2, 29)
    assert deadline.decoded("DTEND") == date(2004, 3, 1)
    assert "1 February 2004" in str(deadline["DESCRIPTION"])
    assert "Title in English" not in str(deadline["DESCRIPTION"])  # English is the source


def test_calendar_uids_are_stable_across_exports_and_unrelated_writes(engine: Engine) -> None:
    first = uids(feeds.ics(engine=engine, language="en", on=TODAY))
    assert uids(feeds.ics(engine=engine, language="en", on=TODAY)) == first
    # An earlier meeting, a written procedure and a renamed Participant change row order and
    # add items; every item already exported keeps its UID.
    meetings.record_meeting(
        engine=engine,
        actor=SECRETARIAT,
        code="2002-ottawa",
        title="Intersessional meeting, Ottawa",
        place="Ottawa, Canada",
        starts_on=date(2002, 3, 18),
        ends_on=date(2002, 3, 20),
        kind="intersessional",
    )
    circulate(engine)
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="European Community",
        new_name="European Union",
        on=date(2009, 12, 1),
    )
    after = uids(feeds.ics(engine=engine, language="en", on=TODAY))
    assert {k: after[k] for k in first} == first
    assert len(after) == len(first) + 2
    # the same items in another language: other summaries, the same UIDs
    french = [str(e["UID"]) for e in events(feeds.ics(engine=engine, language="fr", on=TODAY))]
    assert sorted(french) == sorted(after.values())


def test_the_calendar_speaks_the_language_asked_for(engine: Engine) -> None:
    found = by_summary(feeds.ics(engine=engine, language="fr", on=TODAY))
    jhb = found["Réunion plénière du Processus de Kimberley, Johannesburg"]
    assert str(jhb["DESCRIPTION"]).startswith("28–30 avril 2003")
    assert str(jhb["LOCATION"]) == "Johannesburg (Afrique du Sud)"
    assert [str(c) for c in jhb["CATEGORIES"].cats] == ["Plénière"]
    assert (
        jhb["UID"]
        == by_summary(feeds.ics(engine=engine, language="en", on=TODAY))[
            "Kimberley Process Plenary Meeting, Johannesburg"
        ]["UID"]
    )
    # the obligation and its decision's title in French, from their renderings and version
    due = next(e for s, e in found.items() if "liste révisée" in s)
    assert due.decoded("DTSTART") == date(2003, 6, 10)
    description = str(due["DESCRIPTION"])
    assert "Prorogation définitive de la période de tolérance" in description
    assert "Présidence" in description
    assert FALLBACK_FR not in description
    # the French title was prepared in 2026: as of 2004 the English one is shown, and said so
    early = by_summary(feeds.ics(engine=engine, language="fr", on=date(2004, 6, 1)))
    due = next(e for s, e in early.items() if "liste révisée" in s)
    assert "Final extension of the tolerance period" in str(due["DESCRIPTION"])
    assert FALLBACK_FR in str(due["DESCRIPTION"])
    russian = events(feeds.ics(engine=engine, language="ru", on=TODAY))
    deadlines = [e for e in russian if str(e["UID"]) in uids_of_obligations(engine)]
    assert len(deadlines) == 8
    assert all([str(c) for c in e["CATEGORIES"].cats] == ["Срок"] for e in deadlines)


def uids_of_obligations(engine: Engine) -> set[str]:
    return {
        str(e["UID"])
        for e in events(feeds.ics(engine=engine, language="en", on=TODAY))
        if str(e["SUMMARY"]).startswith("Due: ")
    }


def entries(data: bytes) -> dict[str, Any]:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    found = {entry.id: entry for entry in parsed.entries}
    assert len(found) == len(parsed.entries)
    return found


def test_the_atom_feed_parses_with_decisions_and_changes_of_status(engine: Engine) -> None:
    data = feeds.atom(engine=engine, language="en", on=END_OF_2003)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.version == "atom10"
    assert (
        parsed.feed.title
        == "Kimberley Process Certification Scheme: decisions and changes of status"
    )
    titles = [e.title for e in parsed.entries]
    decisions = [e for e in parsed.entries if e.tags[0].term == "decision"]
    statuses = [e for e in parsed.entries if e.tags[0].term == "status"]
    assert len(decisions) + len(statuses) == len(parsed.entries)
    sun04 = next(e for e in decisions if e.title.startswith("2003-SUN-04: "))
    assert "Adopted on: 31 October 2003" in sun04.summary
    assert "Brazil: Participant" in titles
    assert "Chinese Taipei: Trading entity" in titles
    # newest first
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    # nothing after the date asked about
    early = feeds.atom(engine=engine, language="en", on=date(2003, 5, 1))
    assert all(e.updated_parsed[:3] <= (2003, 5, 1) for e in feedparser.parse(early).entries)
    assert not any(
        t.startswith("2003-SUN-") for t in (e.title for e in feedparser.parse(early).entries)
    )


def test_an_applicant_s_changes_of_status_are_entries_under_the_name_of_their_day(
    engine: Engine,
) -> None:
    participants.register_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        kind="state",
        status="applicant",
        on=date(2008, 1, 10),
        stage="intent_declared",
    )
    participants.change_status(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        status="applicant",
        on=date(2008, 3, 1),
        stage="documentation_submitted",
    )
    before = entries(feeds.atom(engine=engine, language="en", on=date(2008, 12, 31)))
    participants.rename_entity(
        engine=engine,
        actor=SECRETARIAT,
        name="Ruritania",
        new_name="Republic of Ruritania",
        on=date(2009, 6, 1),
    )
    after = entries(feeds.atom(engine=engine, language="en", on=date(2009, 12, 31)))
    assert set(before) <= set(after)  # the same ids, the rename changes none
    titles = {after[i].title for i in before}
    assert "Ruritania: Applicant (Intent declared)" in titles
    assert "Ruritania: Applicant (Documentation submitted)" in titles


def test_atom_ids_are_stable_and_labels_follow_the_language(engine: Engine) -> None:
    first = entries(feeds.atom(engine=engine, language="en", on=END_OF_2003))
    again = entries(feeds.atom(engine=engine, language="en", on=END_OF_2003))
    assert list(first) == list(again)
    circulate(engine)  # an unrelated write
    later = entries(feeds.atom(engine=engine, language="en", on=END_OF_2003))
    assert list(later) == list(first)
    russian = entries(feeds.atom(engine=engine, language="ru", on=END_OF_2003))
    assert set(russian) == set(first)
    assert any(e.title == "Бразилия: Участник" for e in russian.values())  # the name in Russian too


@pytest.mark.parametrize("fmt", ["ics", "atom"])
def test_plenary_export_writes_the_file(database_url: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"record.{fmt}"
    result = subprocess.run(
        [
            PLENARY,
            "--database-url",
            database_url,
            "--as-of",
            "2004-06-01",
            "export",
            fmt,
            "--language",
            "ru",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    if fmt == "ics":
        assert len(events(data)) == 10  # 2 meetings, 8 obligations
    else:
        parsed = feedparser.parse(data)
        assert not parsed.bozo and parsed.feed.language == "ru"
    refused = subprocess.run(
        [
            PLENARY,
            "--database-url",
            database_url,
            "export",
            fmt,
            "--language",
            "xx",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_the_exports_read_a_fixed_number_of_statements(engine: Engine) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def counted(*args: Any) -> None:
        statements.append(str(args[2]))

    def measure() -> tuple[int, int]:
        statements.clear()
        feeds.ics(engine=engine, language="fr", on=TODAY)
        calendar = len(statements)
        statements.clear()
        feeds.atom(engine=engine, language="fr", on=date(2026, 1, 1))
        return calendar, len(statements)

    event.listen(engine, "before_cursor_execute", counted)
    try:
        before = measure()
        circulate(engine)
        participants.register_entity(
            engine=engine,
            actor=SECRETARIAT,
            name="Ruritania",
            kind="state",
            status="applicant",
            on=date(2008, 1, 10),
            stage="intent_declared",
        )
        participants.rename_entity(
            engine=engine,
            actor=SECRETARIAT,
            name="European Community",
            new_name="European Union",
            on=date(2009, 12, 1),
        )
        assert measure() == before
    finally:
        event.remove(engine, "before_cursor_execute", counted)


def test_atom_decision_titles_come_from_the_language_versions(engine: Engine) -> None:
    now = {e.title: e for e in entries(feeds.atom(engine=engine, language="fr", on=TODAY)).values()}
    jhb01 = now["2003-JHB-01: Prorogation définitive de la période de tolérance"]
    assert FALLBACK_FR not in jhb01.summary
    parsed = feedparser.parse(feeds.atom(engine=engine, language="fr", on=TODAY))
    assert parsed.feed.title.startswith("Système de certification du Processus de Kimberley")
    then = {
        e.title: e
        for e in entries(feeds.atom(engine=engine, language="fr", on=END_OF_2003)).values()
    }
    assert FALLBACK_FR in then["2003-JHB-01: Final extension of the tolerance period"].summary


def test_the_global_lang_is_the_default_language(database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "kpcs.ics"
    result = subprocess.run(
        [
            PLENARY,
            "--database-url",
            database_url,
            "--lang",
            "fr",
            "export",
            "ics",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Réunion plénière du Processus de Kimberley, Johannesburg" in by_summary(
        out.read_bytes()
    )
