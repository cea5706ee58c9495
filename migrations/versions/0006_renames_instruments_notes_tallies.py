"""renames, external instruments, notes and reported tallies

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:20:00

A Participant's former names (``entityrename``: one entity, its name depends on the date);
the external instruments that frame the Plenary's work and what cites them; a note on
meetings and communiqués; a written procedure's note, source and tally as reported.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "entityrename",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("renamed_on", sa.Date(), nullable=False),
        sa.Column("former_name", _S(length=200), nullable=False),
        sa.Column("former_name_key", _S(length=200), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("note", _S(), nullable=False),
        sa.Column("source", _S(length=200), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decision.id"]),
        sa.ForeignKeyConstraint(["entity_id"], ["entity.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_id", "renamed_on"),
    )
    op.create_index("ix_entityrename_entity_id", "entityrename", ["entity_id"])
    op.create_index("ix_entityrename_former_name_key", "entityrename", ["former_name_key"])
    op.create_table(
        "instrument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", _S(length=64), nullable=False),
        sa.Column("reference_key", _S(length=64), nullable=False),
        sa.Column("body", _S(length=100), nullable=False),
        sa.Column("kind", _S(length=32), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("title", _S(length=300), nullable=False),
        sa.Column("paragraph", _S(), nullable=False),
        sa.Column("url", _S(length=500), nullable=False),
        sa.Column("note", _S(), nullable=False),
        sa.Column("source", _S(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("reference_key"),
    )
    op.create_index("ix_instrument_adopted_on", "instrument", ["adopted_on"])
    op.create_table(
        "instrumentlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("status_event_id", sa.Integer(), nullable=True),
        sa.Column("note", _S(), nullable=False),
        sa.Column("source", _S(length=200), nullable=False),
        sa.CheckConstraint(
            "decision_id IS NOT NULL OR entity_id IS NOT NULL OR status_event_id IS NOT NULL",
            name="instrument_link_has_target",
        ),
        sa.ForeignKeyConstraint(["decision_id"], ["decision.id"]),
        sa.ForeignKeyConstraint(["entity_id"], ["entity.id"]),
        sa.ForeignKeyConstraint(["instrument_id"], ["instrument.id"]),
        sa.ForeignKeyConstraint(["status_event_id"], ["statusevent.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_instrumentlink_instrument_id", "instrumentlink", ["instrument_id"])
    op.create_index("ix_instrumentlink_decision_id", "instrumentlink", ["decision_id"])
    op.create_index("ix_instrumentlink_entity_id", "instrumentlink", ["entity_id"])
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("note", _S(), nullable=False, server_default=""))
    with op.batch_alter_table("communique") as batch:
        batch.add_column(sa.Column("note", _S(), nullable=False, server_default=""))
    with op.batch_alter_table("writtenprocedure") as batch:
        batch.add_column(sa.Column("reported_supports", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reported_objections", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("note", _S(), nullable=False, server_default=""))
        batch.add_column(sa.Column("source", _S(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("writtenprocedure") as batch:
        for column in ("source", "note", "reported_objections", "reported_supports"):
            batch.drop_column(column)
    for table in ("communique", "meeting"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("note")
    op.drop_table("instrumentlink")
    op.drop_table("instrument")
    op.drop_table("entityrename")
