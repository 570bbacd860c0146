"""The index for listings by deadline also holds the page's tie-break, the newest listing first
among equal deadlines (`id DESC`). About a thousand listings share a deadline in 100,000, and
without it a page by deadline sorted the whole first date's listings, joined to their cards:
3.2 ms for the first page over 100,000 listings on SQLite, 0.06 ms with it.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

_NAME = "ix_listings_status_deadline"


def _refresh_statistics() -> None:
    """SQLite plans with the statistics ANALYZE left (`jobbes optimize-db`), and knows nothing
    of a new index but its own guesses: with them a bare page of the newest listings walked
    this index instead, 10 times slower. Where there are statistics, they are refreshed for the
    table; where there are none there is nothing to disagree with."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
    ).first():
        op.execute("ANALYZE listings")


def upgrade() -> None:
    op.drop_index(_NAME, table_name="listings")
    op.create_index(_NAME, "listings", ["status", "deadline", sa.text("id DESC")])
    _refresh_statistics()


def downgrade() -> None:
    op.drop_index(_NAME, table_name="listings")
    op.create_index(_NAME, "listings", ["status", "deadline"])
    _refresh_statistics()
