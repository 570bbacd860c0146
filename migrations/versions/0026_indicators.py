"""The programme's numbers, rolled up by month, and when they were last counted.

Revision ID: 0026
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0026"
down_revision = "0019"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "indicator_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("age_band", sa.String(length=8), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("listing_type", sa.String(length=32), nullable=False),
        sa.Column("sector", sa.String(length=16), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_counts")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_indicator_counts_metric_month", "indicator_counts", ["metric", "month"])
    op.create_table(
        "indicator_refreshes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", UTC(timezone=True), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("milliseconds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_refreshes")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("indicator_refreshes")
    op.drop_index("ix_indicator_counts_metric_month", table_name="indicator_counts")
    op.drop_table("indicator_counts")
