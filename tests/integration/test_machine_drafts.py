"""Machine drafts through the service: a real HTTP server on 127.0.0.1 speaking LibreTranslate."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from test_machine_translation import (  # type: ignore[import-not-found]
    FakeTranslationServer,
    libre,
    only_loopback,  # noqa: F401 (autouse: nothing leaves 127.0.0.1)
    server,  # noqa: F401 (fixture)
)

from governance.machine_translation import MachineTranslationError
from governance.rules.errors import InvalidTransitionError
from governance.rules.permissions import Actor, Role
from governance.services import accounts, decisions, procedures, translations

SECRETARIAT = Actor("secretariat", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT, Actor("admin", Role.ADMIN))

ON = date(2026, 12, 1)


@pytest.fixture
def proposal(engine: Engine) -> str:
    procedures.circulate(
        engine=engine,
        actor=SECRETARIAT,
        reference="2026-WP-01",
        title="Annual reports",
        kind="other",
        text="The Chair proposes that Participants report annually.\n\n"
        "The written procedure closes on the deadline.",
        circulated_on=date(2026, 11, 27),
        deadline=date(2026, 12, 20),
    )
    return "2026-WP-01"


def test_a_machine_draft_is_stored_apart_labelled_and_never_counts(
    engine: Engine,
    proposal: str,
    server: FakeTranslationServer,  # noqa: F811
) -> None:
    calls: list[tuple[int, int]] = []
    view = translations.machine_draft(
        engine=engine,
        actor=SECRETARIAT,
        target=proposal,
        language="ru",
        on=ON,
        settings=libre(server),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert view.state == "machine_draft"
    assert view.text.startswith("[ru] THE CHAIR PROPOSES")
    assert "\n\n" in view.text  # paragraphs rejoined
    assert calls and calls[-1][0] == calls[-1][1]
    detail = decisions.get_decision(engine=engine, reference=proposal, on=ON)
    ru = next(v for v in detail.versions if v.language == "ru")
    assert ru.state == "machine_draft" and ru.text == view.text
    assert "ru" not in detail.decision.languages_available
    assert [s.note for s in ru.steps] == ["Machine draft (libretranslate)"]


def test_a_provider_failure_stores_nothing(
    engine: Engine,
    proposal: str,
    server: FakeTranslationServer,  # noqa: F811
) -> None:
    server.script = [503]
    with pytest.raises(MachineTranslationError) as raised:
        translations.machine_draft(
            engine=engine,
            actor=SECRETARIAT,
            target=proposal,
            language="fr",
            on=ON,
            settings=libre(server),
        )
    assert raised.value.reason.value == "server_error"
    detail = decisions.get_decision(engine=engine, reference=proposal, on=ON)
    assert next(v for v in detail.versions if v.language == "fr").steps == ()


def test_no_machine_draft_over_a_human_version(
    engine: Engine,
    server: FakeTranslationServer,  # noqa: F811
) -> None:
    with pytest.raises(InvalidTransitionError):
        translations.machine_draft(
            engine=engine,
            actor=SECRETARIAT,
            target="2003-SUN-01",
            language="fr",
            on=ON,
            settings=libre(server),
        )
    assert server.translations == []


def test_the_cli_asks_for_a_machine_draft_and_reports_progress(
    database_url: str,
    engine: Engine,
    proposal: str,
    server: FakeTranslationServer,  # noqa: F811
) -> None:
    import json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    plenary = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))
    accounts.add_user(
        engine=engine,
        actor=Actor("admin", Role.ADMIN),
        username="clerk",
        role="secretariat",
        password="correct horse battery",
    )
    result = subprocess.run(
        [
            plenary,
            "--database-url",
            database_url,
            "--as",
            "clerk",
            "--json",
            "translation",
            "draft",
            proposal,
            "es",
            "--on",
            "2026-12-01",
            "--provider",
            "libretranslate",
            "--url",
            server.url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["state"] == "machine_draft"
    assert "translated 1/1" in result.stderr or "translated 2/2" in result.stderr
    server.script = [429]
    failed = subprocess.run(
        [
            plenary,
            "--database-url",
            database_url,
            "--as",
            "clerk",
            "translation",
            "draft",
            proposal,
            "fr",
            "--on",
            "2026-12-01",
            "--provider",
            "libretranslate",
            "--url",
            server.url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode != 0
    assert "Machine translation failed (rate_limited)" in failed.stderr
