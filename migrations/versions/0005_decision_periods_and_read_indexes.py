"""decision periods and indexes for the reads

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:40:00

Each decision's state through time is stored (``decisionperiod``) so lists filter, count and
page it in SQL; the rows of an existing database are computed at the next ``plenary init`` or
app start (``decision_periods.fill_missing``), from the rules, not here. Every date column a
page filters or orders by gets an index, and the audit trail one on the record it describes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES: list[tuple[str, tuple[str, ...]]] = [
    ("statusevent", ("effective_on",)),
    ("statusevent", ("entity_id", "effective_on", "id")),
    ("meeting", ("starts_on",)),
    ("meeting", ("ends_on",)),
    ("communique", ("issued_on",)),
    ("decision", ("adopted_on",)),
    ("versionstep", ("taken_on",)),
    ("versionstep", ("version_id", "state", "taken_on")),
    ("versionstep", ("state", "taken_on")),
    ("writtenprocedure", ("circulated_on",)),
    ("writtenprocedure", ("deadline",)),
    ("procedurereply", ("received_on",)),
    ("openpoint", ("resolved_on",)),
    ("obligation", ("due_on",)),
    ("officeterm", ("starts_on",)),
    ("auditentry", ("table_name", "row_key", "seq")),
]


def _name(table: str, columns: tuple[str, ...]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    op.create_table(
        "decisionperiod",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("formally_adopted_on", sa.Date(), nullable=True),
        sa.Column(
            "languages_available", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False
        ),
        sa.Column("open_points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decision.id"]),
        sa.PrimaryKeyConstraint("decision_id", "starts_on"),
    )
    op.create_index("ix_decisionperiod_status_starts_on", "decisionperiod", ["status", "starts_on"])
    for table, columns in INDEXES:
        op.create_index(_name(table, columns), table, list(columns))


def downgrade() -> None:
    for table, columns in reversed(INDEXES):
        op.drop_index(_name(table, columns), table_name=table)
    op.drop_index("ix_decisionperiod_status_starts_on", table_name="decisionperiod")
    op.drop_table("decisionperiod")
