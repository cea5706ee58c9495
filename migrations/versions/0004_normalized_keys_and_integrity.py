"""normalized keys, credential versions, sign-in throttle, audit origin, reply notes

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 11:50:00

Names, codes, references, user names and e-mails get a stored comparison key
(``governance.textnorm.key``) with a unique index, so the database itself refuses a second row
differing only in case, width or invisible characters. Existing rows are keyed here; a database
that already holds such near-duplicates cannot be upgraded silently: the upgrade stops and names
them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from governance.textnorm import key

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYED = [
    ("workinggroup", "code", "code_key", 64),
    ("entity", "name", "name_key", 200),
    ("meeting", "code", "code_key", 64),
    ("communique", "code", "code_key", 64),
    ("decision", "reference", "reference_key", 64),
    ("account", "username", "username_key", 100),
    ("account", "email", "email_key", 254),
]


def _fill_keys(table: str, source: str, target: str) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
    seen: dict[str, object] = {}
    for row_id, value in rows:
        if value is None:
            continue
        k = key(value)
        if k in seen:
            raise RuntimeError(
                f"{table}: {seen[k]!r} and {value!r} are the same {source}; merge them first"
            )
        seen[k] = value
        connection.execute(
            sa.text(f"UPDATE {table} SET {target} = :k WHERE id = :id"), {"k": k, "id": row_id}
        )


def upgrade() -> None:
    for table, source, target, length in KEYED:
        nullable = source == "email"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    target,
                    sqlmodel.sql.sqltypes.AutoString(length=length),
                    nullable=True,
                )
            )
        _fill_keys(table, source, target)
        with op.batch_alter_table(table, schema=None) as batch_op:
            if not nullable:
                batch_op.alter_column(
                    target,
                    existing_type=sqlmodel.sql.sqltypes.AutoString(length=length),
                    nullable=False,
                )
            batch_op.create_unique_constraint(f"uq_{table}_{target}", [target])

    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("credential_version", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "origin",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                server_default="",
                nullable=False,
            )
        )
    with op.batch_alter_table("procedurereply", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), server_default="", nullable=False)
        )
    op.create_table(
        "signinthrottle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("signinthrottle")
    with op.batch_alter_table("procedurereply", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_column("origin")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("credential_version")
    for table, _source, target, _length in reversed(KEYED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_{target}", type_="unique")
            batch_op.drop_column(target)
