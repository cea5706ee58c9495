"""Ad referendum adoption: adopted subject to confirmation, with points left open.

A decision adopted ad referendum is confirmed either as a whole by a later decision (a Plenary
decision or a written procedure) or when its last open point is resolved by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class OpenPoint:
    key: str
    description: str
    resolved_on: date | None = None
    resolved_by: str | None = None
    """Reference of the decision that resolved the point."""

    def resolved_by_date(self, on: date) -> bool:
        return self.resolved_on is not None and self.resolved_on <= on


def open_points_on(points: Sequence[OpenPoint], on: date) -> list[OpenPoint]:
    return [p for p in points if not p.resolved_by_date(on)]


def confirmed_on(points: Sequence[OpenPoint], confirmation: date | None, on: date) -> date | None:
    """The date the ad referendum adoption was confirmed, if it was by ``on``.

    Whichever came first: the confirmation as a whole, or the resolution of the last open point.
    """
    routes: list[date] = []
    if confirmation is not None and confirmation <= on:
        routes.append(confirmation)
    if points and not open_points_on(points, on):
        routes.append(max(p.resolved_on for p in points if p.resolved_on is not None))
    return min(routes) if routes else None
