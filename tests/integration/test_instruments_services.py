"""External instruments: recorded, refused, linked, read as of a date — and the 2003 record's."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from governance import clock
from governance.models import Instrument, InstrumentLink
from governance.rules.errors import (
    DuplicateCitationError,
    DuplicateError,
    FutureDateError,
    InstrumentTargetError,
    NotFoundError,
    StatusEventNotFoundError,
    UnknownValueError,
)
from governance.rules.permissions import Actor, PermissionDeniedError, Role
from governance.services import instruments

CLERK = Actor("clerk", Role.SECRETARIAT)
DELEGATE = Actor("delegate", Role.DELEGATE, participant="Canada")
pytestmark = pytest.mark.signed(CLERK, DELEGATE)


def _count(engine: Engine, model: type[Instrument] | type[InstrumentLink]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _add(engine: Engine, reference: str = "A/RES/58/290", **changes: object) -> object:
    values: dict[str, object] = {
        "reference": reference,
        "body": "unga",
        "adopted_on": date(2004, 4, 14),
        "title": "The role of diamonds in fuelling conflict",
        "paragraph": "Operative paragraph 1",
        "source": "A/RES/58/290",
    }
    values.update(changes)
    return instruments.record_instrument(engine=engine, actor=CLERK, **values)  # type: ignore[arg-type]


def test_the_2003_record_holds_57_302_and_the_waiver_with_sources(engine: Engine) -> None:
    shown = {
        i.reference: i for i in instruments.list_instruments(engine=engine, on=date(2004, 1, 1))
    }
    resolution = shown["A/RES/57/302"]
    assert (resolution.body, resolution.adopted_on) == ("unga", date(2003, 4, 15))
    assert resolution.paragraph.startswith("Operative paragraph 9")
    assert resolution.source == "Letter ¶1; Report, Introduction ¶1"
    waiver = shown["WTO-GC-2003-05-15"]
    assert (waiver.body, waiver.kind, waiver.adopted_on) == ("wto_gc", "waiver", date(2003, 5, 15))
    assert waiver.source == "Report, Progress achieved ¶2"
    assert "document number" in waiver.note
    embargo = shown["S/RES/1343 (2001)"]
    assert embargo.note.startswith("From outside the record")
    assert {(c.target_kind, c.target, c.status_on) for c in embargo.cited_by} == {
        ("decision", "2003-JHB-09", None),
        ("status_event", "Liberia", date(2003, 4, 30)),
    }


def test_instruments_are_known_from_their_adoption_and_links_from_what_they_cite(
    engine: Engine,
) -> None:
    before = instruments.list_instruments(engine=engine, on=date(2003, 4, 20))
    assert [i.reference for i in before] == ["S/RES/1343 (2001)", "A/RES/57/302"]
    assert before[0].cited_by == ()  # the Plenary cited the embargo on 30 April 2003
    assert instruments.count_instruments(engine=engine, on=date(2003, 4, 20)) == 2
    assert instruments.count_instruments(engine=engine, on=date(2003, 6, 1)) == 3
    page = instruments.list_instruments(engine=engine, on=date(2004, 1, 1), limit=1, offset=1)
    assert [i.reference for i in page] == ["A/RES/57/302"]


def test_record_and_link_an_instrument(engine: Engine) -> None:
    _add(engine)
    view = instruments.link_instrument(
        engine=engine, actor=CLERK, reference="a/res/58/290", decision="2003-sun-01", note="n"
    )
    assert (view.instrument, view.target_kind, view.target) == (
        "A/RES/58/290",
        "decision",
        "2003-SUN-01",
    )
    instruments.link_instrument(
        engine=engine, actor=CLERK, reference="A/RES/58/290", participant="Canada"
    )
    cited = instruments.cited_by(engine=engine, on=date(2005, 1, 1), decision="2003-SUN-01")
    assert [(c.instrument, c.note) for c in cited] == [("A/RES/58/290", "n")]
    cited = instruments.cited_by(engine=engine, on=date(2005, 1, 1), entity="canada")
    assert [(c.instrument, c.target_kind, c.target) for c in cited] == [
        ("A/RES/58/290", "participant", "Canada")
    ]
    # Not known before it was adopted.
    assert instruments.cited_by(engine=engine, on=date(2004, 1, 1), entity="Canada") == []


def test_liberia_cites_the_embargo_through_its_blocked_status(engine: Engine) -> None:
    cited = instruments.cited_by(engine=engine, on=date(2003, 5, 1), entity="Liberia")
    assert [(c.instrument, c.target_kind, c.status_on) for c in cited] == [
        ("S/RES/1343 (2001)", "status_event", date(2003, 4, 30))
    ]
    assert instruments.cited_by(engine=engine, on=date(2003, 4, 29), entity="Liberia") == []


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"reference": "a/res/57/302"}, DuplicateError),
        ({"body": "nato"}, UnknownValueError),
        ({"kind": "treaty"}, UnknownValueError),
        ({"adopted_on": date(2999, 1, 1)}, FutureDateError),
        ({"title": "  "}, Exception),
    ],
)
def test_bad_instruments_are_refused_and_nothing_is_stored(
    engine: Engine, changes: dict[str, object], error: type[Exception]
) -> None:
    before = _count(engine, Instrument)
    reference = str(changes.pop("reference", "A/RES/99/1"))
    with pytest.raises(error):
        _add(engine, reference, **changes)
    assert _count(engine, Instrument) == before


def test_a_future_date_is_refused_against_the_servers_clock(engine: Engine) -> None:
    with pytest.raises(FutureDateError):
        _add(engine, adopted_on=date.fromordinal(clock.today().toordinal() + 1))


def test_bad_links_are_refused_and_nothing_is_stored(engine: Engine) -> None:
    before = _count(engine, InstrumentLink)
    ref = "S/RES/1343 (2001)"
    cases: list[tuple[dict[str, object], type[Exception]]] = [
        ({}, InstrumentTargetError),
        ({"decision": "2003-JHB-09", "participant": "Liberia"}, InstrumentTargetError),
        ({"decision": "2003-JHB-09"}, DuplicateCitationError),
        ({"participant": "Liberia", "status_on": date(2003, 4, 30)}, DuplicateCitationError),
        ({"participant": "Liberia", "status_on": date(2003, 5, 1)}, StatusEventNotFoundError),
        ({"participant": "Atlantis"}, NotFoundError),
        ({"decision": "2099-XX-01"}, NotFoundError),
    ]
    for arguments, error in cases:
        with pytest.raises(error):
            instruments.link_instrument(engine=engine, actor=CLERK, reference=ref, **arguments)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        instruments.link_instrument(
            engine=engine, actor=CLERK, reference="X/1", decision="2003-JHB-09"
        )
    assert _count(engine, InstrumentLink) == before


def test_a_delegate_may_not_record_an_instrument(engine: Engine) -> None:
    with pytest.raises(PermissionDeniedError):
        instruments.record_instrument(
            engine=engine,
            actor=DELEGATE,
            reference="X/1",
            body="unga",
            adopted_on=date(2004, 1, 1),
            title="T",
        )
