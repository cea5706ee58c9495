"""Bad input is refused with a named error and stores nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbcheck import count
from sqlalchemy.engine import Engine

from governance import db
from governance.models import Body, Decision, VersionStep
from governance.rules.errors import TextTooLongError, ValidationError
from governance.rules.permissions import Actor, Role
from governance.services import decisions, record, translations
from governance.settings import PROJECT_ROOT, get_settings

CLERK = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(CLERK)


def test_text_over_the_configured_limit_is_refused(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLENARY_MAX_TEXT", "50")
    before = (count(engine, Decision), count(engine, VersionStep))
    with pytest.raises(TextTooLongError) as raised:
        decisions.record_decision(
            engine=engine,
            actor=CLERK,
            reference="2004-X-01",
            title="t",
            kind="other",
            procedure="plenary",
            adopted_on=date(2004, 1, 5),
            text="x" * 51,
        )
    assert raised.value.params == {"length": 51, "limit": 50}
    with pytest.raises(TextTooLongError):
        translations.set_state(
            engine=engine,
            actor=CLERK,
            target="2003-SUN-01",
            language="fr",
            state="final",
            on=date(2026, 12, 1),
            text="é" * 60,
        )
    assert (count(engine, Decision), count(engine, VersionStep)) == before


def test_html_is_stored_as_typed_and_never_interpreted(engine: Engine) -> None:
    decisions.record_decision(
        engine=engine,
        actor=CLERK,
        reference="2004-X-02",
        title="<b>bold</b>",
        kind="other",
        procedure="plenary",
        adopted_on=date(2004, 1, 5),
        text="<script>alert('x')</script> and **markdown**",
    )
    detail = decisions.get_decision(engine=engine, reference="2004-X-02", on=date(2004, 2, 1))
    assert detail.versions[0].text == "<script>alert('x')</script> and **markdown**"


@pytest.mark.parametrize(
    ("file", "damage"),
    [
        ("decisions.toml", lambda text: text + "\n[[decision]\nbroken = "),  # malformed TOML
        ("decisions.toml", lambda text: text.replace('title = "', 'titel = "', 1)),  # partial
        ("participants.toml", lambda text: text.replace('kind = "state"', 'kind = "planet"', 1)),
    ],
)
def test_a_malformed_or_partial_record_loads_nothing(
    empty_database_url: str, tmp_path: Path, file: str, damage
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "kpcs"
    shutil.copytree(PROJECT_ROOT / "data" / "kpcs", folder)
    path = folder / file
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    engine = db.get_engine(empty_database_url)
    db.upgrade(engine)
    with pytest.raises(ValidationError):
        record.load_record(engine, folder)
    assert count(engine, Body) == 0
    assert count(engine, Decision) == 0
    record.init_database(engine, get_settings(empty_database_url))  # the intact record loads
    assert count(engine, Decision) == 22


@pytest.mark.parametrize(
    ("code", "error"),
    [("y" * 65, "FieldTooLongError"), ("a\x00b", "InvalidCharacterError")],
)
def test_values_no_database_could_store_are_refused_on_every_database(
    engine: Engine, code: str, error: str
) -> None:
    from governance.rules import errors
    from governance.services import meetings

    with pytest.raises(getattr(errors, error)):
        meetings.record_meeting(
            engine=engine,
            actor=CLERK,
            code=code,
            title="t",
            place="p",
            starts_on=date(2004, 1, 1),
            ends_on=date(2004, 1, 2),
        )
    with pytest.raises(errors.NumberOutOfRangeError):
        meetings.record_meeting(
            engine=engine,
            actor=CLERK,
            code="2004-big",
            title="t",
            place="p",
            starts_on=date(2004, 1, 1),
            ends_on=date(2004, 1, 2),
            figures=[("participating_states", 2**40, "")],
        )


def test_a_full_disk_during_a_write_is_one_named_error_and_stores_nothing(
    engine: Engine, request: pytest.FixtureRequest
) -> None:
    """SQLite's page limit stands in for a full disk: the write fails with the database's own
    reason in one line, and nothing of it is stored."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the page limit is SQLite's")
    from sqlalchemy import event

    from governance.rules.errors import StorageError

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(engine, "connect", cap)
    request.addfinalizer(lambda: (event.remove(engine, "connect", cap), engine.dispose()))
    engine.dispose()  # new connections get the cap
    before = (count(engine, Decision), count(engine, VersionStep))
    with pytest.raises(StorageError) as raised:
        decisions.record_decision(
            engine=engine,
            actor=CLERK,
            reference="2004-X-09",
            title="t",
            kind="other",
            procedure="plenary",
            adopted_on=date(2004, 1, 5),
            text="x" * 100_000,
        )
    assert "full" in raised.value.message and "nothing was stored" in raised.value.message
    assert (count(engine, Decision), count(engine, VersionStep)) == before
