"""Type and field together in one index, for the most common pair of search filters.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_listings_status_field", table_name="listings")
    op.create_index(
        "ix_listings_status_field", "listings", ["status", "field", "listing_type", "deadline"]
    )


def downgrade() -> None:
    op.drop_index("ix_listings_status_field", table_name="listings")
    op.create_index("ix_listings_status_field", "listings", ["status", "field", "deadline"])
