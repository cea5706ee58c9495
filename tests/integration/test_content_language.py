"""Titles and short fields in the reader's language: stored with the version's steps and read
in SQL, shown only from the date the version had a human step, refused where a step cannot
carry one, and the source's where none exists."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from bench.harness import counting
from governance import clock
from governance.rules.errors import ValidationError
from governance.rules.permissions import Actor, Role
from governance.services import deadlines, decisions, meetings, overview, rule26, translations

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
pytestmark = pytest.mark.signed(SECRETARIAT)
TODAY = date(2026, 12, 1)


def test_a_title_recorded_with_a_step_shows_from_that_step_on(engine: Engine) -> None:
    translations.set_state(
        engine=engine,
        actor=SECRETARIAT,
        target="2003-SUN-02",
        language="fr",
        state="final",
        on=date(2004, 3, 1),
        text="Texte final.",
        title="Titre final",
    )
    before = decisions.list_decisions(engine=engine, on=date(2004, 2, 29), reading="fr")
    after = decisions.list_decisions(engine=engine, on=date(2004, 3, 1), reading="fr")
    was = next(d for d in before if d.reference == "2003-SUN-02")
    now = next(d for d in after if d.reference == "2003-SUN-02")
    assert (was.title_translated, now.title, now.title_translated) == (False, "Titre final", True)
    assert was.title != "Titre final"
    detail = decisions.get_decision(engine=engine, reference="2003-SUN-02", on=date(2004, 3, 1))
    assert detail.title_in("fr") == ("Titre final", True)
    assert detail.title_in("ru")[1] is False
    # The search finds a decision by its title in any language.
    assert [
        d.reference for d in decisions.list_decisions(engine=engine, on=TODAY, text="titre fin")
    ] == ["2003-SUN-02"]


def test_the_title_of_a_machine_draft_or_a_made_available_step_is_refused(engine: Engine) -> None:
    for state in ("machine_draft", "available", "missing"):
        with pytest.raises(ValidationError):
            translations.set_state(
                engine=engine,
                actor=SECRETARIAT,
                target="2003-SUN-02",
                language="pt",
                state=state,
                on=clock.today(),
                text="Rascunho." if state == "machine_draft" else None,
                title="Título",
            )
    shown = decisions.get_decision(engine=engine, reference="2003-SUN-02", on=clock.today())
    assert next(v for v in shown.versions if v.language == "pt").title != "Título"


def test_the_source_language_and_unknown_languages_read_as_recorded(engine: Engine) -> None:
    english = decisions.list_decisions(engine=engine, on=TODAY, limit=1)[0]
    for reading in (None, "en", "de"):
        row = decisions.list_decisions(engine=engine, on=TODAY, limit=1, reading=reading)[0]
        assert (row.title, row.title_translated) == (english.title, False)


def test_meetings_deadlines_and_the_board_in_russian(engine: Engine) -> None:
    held = meetings.list_meetings(engine=engine, on=TODAY, reading="ru")
    assert [m.title for m in held] == [
        "Пленарное заседание Кимберлийского процесса, Йоханнесбург",
        "Пленарное заседание Кимберлийского процесса, Сан-Сити",
    ]
    assert all(m.title_translated for m in held)
    english = meetings.list_meetings(engine=engine, on=TODAY)
    assert english[0].place == "Johannesburg, South Africa" and not english[0].title_translated
    due = deadlines.list_deadlines(engine=engine, on=date(2003, 5, 1), reading="ru")
    assert ("Председатель публикует обновлённый список участников", "Председатель") in [
        (o.title, o.responsible) for o in due
    ]
    board = rule26.board(engine=engine, on=TODAY, reading="es")
    titles = {r.reference: r.title for r in board.rows}
    assert titles["2003-JHB-04"] == "Mandato del Comité de Participación"
    body = overview.overview(engine=engine, on=TODAY, reading="pt").body
    assert body.name == "Sistema de Certificação do Processo de Kimberley"


def test_titles_in_another_language_cost_no_extra_statement_per_row(engine: Engine) -> None:
    with counting(engine) as english:
        decisions.list_decisions(engine=engine, on=TODAY)
    with counting(engine) as russian:
        decisions.list_decisions(engine=engine, on=TODAY, reading="ru")
    assert len(russian) == len(english)
