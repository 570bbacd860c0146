"""Ids are never used twice on SQLite: AUTOINCREMENT on every table whose ids people see.

Without AUTOINCREMENT, SQLite hands out the largest id + 1, so after the newest user is deleted
the next one to register gets the same id and, with it, the old person's reports and audit rows.
PostgreSQL's sequences never go back, so there is nothing to do there.

SQLite only takes AUTOINCREMENT in CREATE TABLE: each table is rebuilt in batch mode, which
keeps the ids (and so sqlite_sequence starts at the largest one). The rebuild drops a table's
triggers with it, so the catalogue's triggers on listings and organisations are made again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Every table with a surrogate id that shows up in URLs, audit rows, reports or exports.
TABLES = (
    "users",
    "organisations",
    "listings",
    "listing_versions",
    "profile_submissions",
    "interests",
    "interest_events",
    "reports",
    "audit_events",
)
# Kept in step with migration 0007, which made them first.
CATALOGUE_TABLES = ("listings", "organisations")
BUMP = "UPDATE catalogue_version SET number = number + 1 WHERE id = 1"


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    for table in CATALOGUE_TABLES:
        for event in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER {table}_{event}_catalogue AFTER {event.upper()} ON {table} "
                f"BEGIN {BUMP}; END"
            )


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
