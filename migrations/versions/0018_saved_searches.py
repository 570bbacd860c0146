"""Saved searches and the listings their alerts already told of.

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum("daily", "weekly", "none", name="alertfrequency", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("alerts_until", UTC(timezone=True), nullable=False),
        sa.Column("expiry_warned_at", UTC(timezone=True), nullable=True),
        sa.Column("last_run_at", UTC(timezone=True), nullable=False),
        sa.Column("last_seen_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_saved_searches_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_saved_searches_user_id"), "saved_searches", ["user_id"])
    op.create_index("ix_saved_searches_due", "saved_searches", ["frequency", "alerts_until"])
    op.create_table(
        "saved_search_listings",
        sa.Column("saved_search_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["saved_search_id"],
            ["saved_searches.id"],
            name=op.f("fk_saved_search_listings_saved_search_id_saved_searches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_saved_search_listings_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "saved_search_id", "listing_id", name=op.f("pk_saved_search_listings")
        ),
    )
    op.create_index(
        op.f("ix_saved_search_listings_listing_id"), "saved_search_listings", ["listing_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_saved_search_listings_listing_id"), table_name="saved_search_listings")
    op.drop_table("saved_search_listings")
    op.drop_index("ix_saved_searches_due", table_name="saved_searches")
    op.drop_index(op.f("ix_saved_searches_user_id"), table_name="saved_searches")
    op.drop_table("saved_searches")
