"""titles of language versions and renderings of short fields

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 01:00:00

A language version carries its title (``textversion.title``, "" for none); ``rendering`` holds a
short field of another record in another language (a meeting's title and place, a reported
figure's label, an obligation's title, the body's name), so readers meet the content in their
language where it exists.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("textversion") as batch:
        batch.add_column(sa.Column("title", _S(length=300), nullable=False, server_default=""))
    op.create_table(
        "rendering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record", _S(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", _S(length=32), nullable=False),
        sa.Column("language", _S(length=8), nullable=False),
        sa.Column("text", _S(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record", "record_id", "field", "language"),
    )


def downgrade() -> None:
    op.drop_table("rendering")
    with op.batch_alter_table("textversion") as batch:
        batch.drop_column("title")
