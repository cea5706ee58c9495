"""The Rule 26 board: which decisions await formal adoption on a date and which languages they
wait for, checked against the decision register's own view of each language version."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from bench.harness import counting
from governance.rules.errors import NotFoundError, UnknownValueError
from governance.rules.permissions import Actor, Role
from governance.services import decisions, rule26, translations
from governance.services.views import Rule26Board, Rule26Cell

SECRETARIAT = Actor("clerk", Role.SECRETARIAT)
ON = date(2004, 6, 1)
JOHANNESBURG = [f"2003-JHB-{n:02}" for n in (1, *range(3, 11))]
SUN_CITY = [f"2003-SUN-{n:02}" for n in range(1, 13)]
LANGUAGES = ("en", "fr", "pt", "es", "ru")


def publish(engine: Engine, reference: str, language: str, final: date, available: date) -> None:
    """The secretariat back-fills a language version: final, then made available."""
    for state, on in (("final", final), ("available", available)):
        translations.set_state(
            engine=engine,
            actor=SECRETARIAT,
            target=reference,
            language=language,
            state=state,
            on=on,
            text=f"{reference} ({language})" if state == "final" else None,
        )


def test_on_1_june_2004_every_decision_of_2003_waits_for_four_languages(engine: Engine) -> None:
    board = rule26.board(engine=engine, on=ON)
    assert board.languages == LANGUAGES
    assert board.total == 21
    assert [row.reference for row in board.rows] == JOHANNESBURG + SUN_CITY
    # Adopted ad referendum and not yet confirmed: not awaiting formal adoption.
    assert "2003-JHB-02" not in [row.reference for row in board.rows]
    for row in board.rows:
        adopted = date(2003, 4, 30) if row.reference in JOHANNESBURG else date(2003, 10, 31)
        assert row.status == "awaiting_formal_adoption"
        assert row.adopted_on == adopted
        assert row.cells == (
            Rule26Cell("en", "available", adopted),
            Rule26Cell("fr", "missing", None),
            Rule26Cell("pt", "missing", None),
            Rule26Cell("es", "missing", None),
            Rule26Cell("ru", "missing", None),
        )
        assert row.completes_with is None
        assert row.as_dict()["languages"] == {
            "en": {"state": "available", "on": adopted.isoformat()},
            "fr": None,
            "pt": None,
            "es": None,
            "ru": None,
        }
    assert [(c.language, c.total, c.references) for c in board.completions] == [
        (lang, 0, ()) for lang in LANGUAGES
    ]
    assert [m.code for m in board.meetings] == ["2003-johannesburg", "2003-sun-city"]


def _agrees_with_the_register(engine: Engine, board: Rule26Board, on: date) -> None:
    for row in board.rows:
        detail = decisions.get_decision(engine=engine, reference=row.reference, on=on)
        assert detail.decision.status == row.status
        assert [v.language for v in detail.versions] == [c.language for c in row.cells]
        for version, cell in zip(detail.versions, row.cells, strict=True):
            assert cell.state == version.state, (row.reference, cell)
            taken = [s.taken_on for s in version.steps]
            assert cell.on == (max(taken) if taken else None), (row.reference, cell)
            if version.state == "available":
                assert cell.on == version.available_on
        missing = detail.decision.languages_missing
        assert row.completes_with == (missing[0] if len(missing) == 1 else None)


def test_each_cell_is_the_register_s_language_version_on_the_date(engine: Engine) -> None:
    _agrees_with_the_register(engine, rule26.board(engine=engine, on=ON), ON)
    # Later, the unofficial translations are in translation (dated when they were prepared).
    later = date(2026, 11, 30)
    board = rule26.board(engine=engine, on=later)
    _agrees_with_the_register(engine, board, later)
    assert board.rows[0].cells[1] == Rule26Cell("fr", "in_translation", date(2026, 11, 26))


@pytest.mark.signed(SECRETARIAT)
def test_a_language_s_next_publication_completes_the_decisions_waiting_only_for_it(
    engine: Engine,
) -> None:
    for lang in ("fr", "pt", "es"):
        publish(engine, "2003-SUN-04", lang, date(2004, 2, 2), date(2004, 3, 1))
    publish(engine, "2003-JHB-01", "fr", date(2003, 6, 2), date(2003, 7, 1))

    board = rule26.board(engine=engine, on=ON)
    _agrees_with_the_register(engine, board, ON)
    rows = {row.reference: row for row in board.rows}
    assert rows["2003-SUN-04"].completes_with == "ru"
    assert [(c.language, c.state, c.on) for c in rows["2003-SUN-04"].cells] == [
        ("en", "available", date(2003, 10, 31)),
        ("fr", "available", date(2004, 3, 1)),
        ("pt", "available", date(2004, 3, 1)),
        ("es", "available", date(2004, 3, 1)),
        ("ru", "missing", None),
    ]
    assert rows["2003-JHB-01"].completes_with is None
    completions = {c.language: (c.total, c.references) for c in board.completions}
    assert completions == {
        "en": (0, ()),
        "fr": (0, ()),
        "pt": (0, ()),
        "es": (0, ()),
        "ru": (1, ("2003-SUN-04",)),
    }
    # Final but not yet made available: still waiting for four languages.
    before = {row.reference: row for row in rule26.board(engine=engine, on=date(2004, 2, 15)).rows}
    assert before["2003-SUN-04"].completes_with is None
    assert [(c.state, c.on) for c in before["2003-SUN-04"].cells[1:]] == [
        ("final", date(2004, 2, 2)),
        ("final", date(2004, 2, 2)),
        ("final", date(2004, 2, 2)),
        ("missing", None),
    ]

    # Waiting for Russian: every decision; for French: not the two with French available.
    assert rule26.board(engine=engine, on=ON, language="ru").total == 21
    waiting_fr = rule26.board(engine=engine, on=ON, language="fr")
    assert waiting_fr.total == 19
    assert {"2003-SUN-04", "2003-JHB-01"}.isdisjoint(r.reference for r in waiting_fr.rows)
    assert [c.language for c in waiting_fr.completions] == ["fr"]

    # Translation progress: English 10 then 22, French 1 then 2, Russian none.
    progress = [(p.language, p.on, p.count) for p in board.progress]
    assert progress[:3] == [
        ("en", date(2003, 4, 30), 10),
        ("en", date(2003, 10, 31), 22),
        ("en", ON, 22),
    ]
    assert [p for p in progress if p[0] == "fr"] == [
        ("fr", date(2003, 4, 30), 0),
        ("fr", date(2003, 7, 1), 1),
        ("fr", date(2004, 3, 1), 2),
        ("fr", ON, 2),
    ]
    assert [p for p in progress if p[0] == "ru"] == [
        ("ru", date(2003, 4, 30), 0),
        ("ru", ON, 0),
    ]

    # Russian made available: the decision is formally adopted and leaves the board.
    publish(engine, "2003-SUN-04", "ru", date(2004, 4, 1), date(2004, 5, 3))
    after = rule26.board(engine=engine, on=ON)
    assert after.total == 20
    assert "2003-SUN-04" not in [row.reference for row in after.rows]
    assert decisions.get_decision(
        engine=engine, reference="2003-SUN-04", on=ON
    ).decision.formally_adopted_on == date(2004, 5, 3)
    assert {c.language: c.total for c in after.completions}["ru"] == 0


def test_filters_and_pages(engine: Engine) -> None:
    johannesburg = rule26.board(engine=engine, on=ON, meeting="2003-johannesburg")
    assert [row.reference for row in johannesburg.rows] == JOHANNESBURG
    assert {row.meeting for row in johannesburg.rows} == {"2003-johannesburg"}
    # The progress follows the meeting asked for: ten Johannesburg decisions in English.
    assert johannesburg.progress[0].count == 10
    assert johannesburg.progress[1].count == 10
    page = rule26.board(engine=engine, on=ON, limit=5, offset=5)
    assert (page.total, page.offset) == (21, 5)
    assert [row.reference for row in page.rows] == (JOHANNESBURG + SUN_CITY)[5:10]
    past_the_end = rule26.board(engine=engine, on=ON, limit=5, offset=50)
    assert past_the_end.offset == 0
    assert past_the_end.rows[0].reference == "2003-JHB-01"
    # Before Johannesburg, nothing awaits formal adoption.
    empty = rule26.board(engine=engine, on=date(2003, 4, 1))
    assert (empty.total, empty.rows, empty.progress, empty.meetings) == (0, (), (), ())


def test_unknown_filters_are_named_errors(engine: Engine) -> None:
    with pytest.raises(UnknownValueError):
        rule26.board(engine=engine, on=ON, language="de")
    with pytest.raises(NotFoundError):
        rule26.board(engine=engine, on=ON, meeting="2003-nowhere")


@pytest.mark.signed(SECRETARIAT)
def test_the_statement_count_does_not_grow_with_the_record(engine: Engine) -> None:
    def statements() -> int:
        with counting(engine) as seen:
            rule26.board(engine=engine, on=date(2026, 11, 30), limit=5)
        return len(seen)

    before = statements()
    for n in range(30):
        decisions.record_decision(
            engine=engine,
            actor=SECRETARIAT,
            reference=f"2004-X-{n:02}",
            title=f"Decision {n}",
            kind="other",
            procedure="plenary",
            adopted_on=date(2004, 1, 5),
            text="Text.",
        )
    publish(engine, "2004-X-01", "fr", date(2004, 2, 2), date(2004, 3, 1))
    board = rule26.board(engine=engine, on=date(2026, 11, 30), limit=5)
    assert board.total == 51
    assert statements() == before
