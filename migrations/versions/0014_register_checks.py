"""What Brønnøysundregistrene said about an organisation's number at sign-up.

A table of its own rather than columns on `organisations`, so that SQLite's batch mode does not
rebuild that table (and drop the catalogue triggers on it).

Revision ID: 0014
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0014"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_checks",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("trade", sa.String(length=200), nullable=True),
        sa.Column("checked_at", jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_register_checks_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_register_checks")),
    )


def downgrade() -> None:
    op.drop_table("register_checks")
