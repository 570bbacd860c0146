"""The programme's numbers, rolled up by month, and when they were last counted; and when a
profile was first complete (a step of the funnel), filled in for existing profiles from their
last change, the best the database knows.

Revision ID: 0026
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0026"
down_revision = "0028"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


# A profile employers could find: `services.profiles.NEEDED_TO_BE_FOUND`.
COMPLETE = """
    EXISTS (SELECT 1 FROM profile_opportunities o WHERE o.profile_id = profiles.user_id)
    AND EXISTS (SELECT 1 FROM profile_fields f WHERE f.profile_id = profiles.user_id)
    AND EXISTS (SELECT 1 FROM profile_languages l WHERE l.profile_id = profiles.user_id)
    AND home_area IS NOT NULL AND max_travel_minutes IS NOT NULL
    AND (available_weekdays OR available_evenings OR available_weekends)
"""


def upgrade() -> None:
    # A plain added column: no batch rebuild of the table on SQLite.
    op.add_column("profiles", sa.Column("completed_at", UTC(timezone=True), nullable=True))
    op.execute(f"UPDATE profiles SET completed_at = updated_at WHERE {COMPLETE}")  # noqa: S608
    op.create_table(
        "indicator_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("age_band", sa.String(length=8), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("listing_type", sa.String(length=32), nullable=False),
        sa.Column("sector", sa.String(length=16), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_counts")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_indicator_counts_lookup",
        "indicator_counts",
        ["metric", "age_band", "area", "listing_type", "month"],
    )
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
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("completed_at")
    op.drop_table("indicator_refreshes")
    op.drop_index("ix_indicator_counts_lookup", table_name="indicator_counts")
    op.drop_table("indicator_counts")
