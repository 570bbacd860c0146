"""The catalogue's version, raised by triggers on listings and organisations.

On SQLite, a later migration that rebuilds `listings` or `organisations` in batch mode drops
their triggers with the old table and must create them again; tests/services/test_catalogue.py
fails if it does not.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WATCHED = ("listings", "organisations")
BUMP = "UPDATE catalogue_version SET number = number + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table(
        "catalogue_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_version")),
    )
    op.execute("INSERT INTO catalogue_version (id, number) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        # A constraint trigger, deferred: it runs at commit, so the row is locked for an instant
        # and always last, and two transactions can never wait for each other through it. It
        # fires for every row changed but raises the number once per transaction, since one
        # transaction updating one row a hundred thousand times would take minutes: `xmin` is
        # the transaction that wrote the version of the row we see, and its age is 0 only when
        # that is this transaction.
        op.execute(
            "CREATE FUNCTION raise_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {BUMP} AND age(xmin) <> 0; RETURN NULL; END $$"
        )
        for table in WATCHED:
            op.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_change_catalogue "
                f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                "EXECUTE FUNCTION raise_catalogue_version()"
            )
        return
    # SQLite has one writer at a time, so an ordinary trigger cannot make anyone wait.
    for table in WATCHED:
        for event in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER {table}_{event}_catalogue AFTER {event.upper()} ON {table} "
                f"BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER {table}_change_catalogue ON {table}")
        op.execute("DROP FUNCTION raise_catalogue_version()")
    else:
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{event}_catalogue")
    op.drop_table("catalogue_version")
