"""Recording a meeting's communiqué: the secretariat's door to what the 2003 loader does.

The communiqué's source-language text is final and made available on the day it is issued;
its other language versions go through the Rule 26 steps of ``services.translations`` like a
decision's (``plenary translation set CODE LANG …``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from governance import clock
from governance.db import transaction, writing
from governance.models import Communique
from governance.rules.past import check_past
from governance.rules.permissions import Action, Actor
from governance.services import meetings
from governance.services.desk import LIMIT
from governance.services.views import Choice, CommuniqueView


def record_communique(
    *,
    engine: Engine,
    actor: Actor,
    code: str,
    meeting: str,
    issued_on: date,
    title: str,
    text: str,
    note: str = "",
    source: str = "",
) -> CommuniqueView:
    """Record the communiqué ``code`` of ``meeting`` issued on ``issued_on`` (not before the
    meeting starts, not after today), with its text in the source language. Refused, storing
    nothing, for an unknown meeting or a code already recorded."""
    with writing(engine, actor, Action.RECORD_COMMUNIQUE) as session:
        row = meetings.add_communique(
            session,
            meeting=meeting,
            code=code,
            title=title,
            issued_on=check_past("issued_on", issued_on, today=clock.today()),
            text=text,
            source=source.strip(),
            note=note.strip(),
            available=True,
        )
        return meetings.communique_view(session, row, issued_on)


def choices(*, engine: Engine, limit: int = LIMIT) -> list[Choice]:
    """Communiqués, the latest issued first (what a decision form offers to link)."""
    query = (
        select(Communique.code, Communique.title)
        .order_by(col(Communique.issued_on).desc(), col(Communique.id).desc())
        .limit(limit)
    )
    with transaction(engine) as session:
        return [Choice(c, t) for c, t in session.exec(query).all()]
