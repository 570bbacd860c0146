"""Organisation details reviewed before the public sees them; suspended people hidden everywhere.

- `organisation_details`: a change to a verified organisation's public details, waiting for a
  moderator (the organisation's own columns keep the approved details meanwhile).
- `users.suspended_at` indexed: the visibility queries leave out what suspended people put up.
- Suspending or reinstating someone raises the catalogue version (migration 0007), since their
  listings leave or return to public lists that are kept rendered under that number.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BUMP = "UPDATE catalogue_version SET number = number + 1 WHERE id = 1"


def upgrade() -> None:
    op.create_table(
        "organisation_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "sector",
            sa.Enum("private", "public", "voluntary", name="sector", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum(
                "draft",
                "submitted",
                "approved",
                "changes_requested",
                "rejected",
                "withdrawn",
                name="reviewstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_at", jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column(
            "rejection_reason",
            sa.Enum(
                "not_a_real_job",
                "asks_for_payment",
                "discriminatory",
                "unsafe_for_minors",
                "duplicate",
                "other",
                name="rejectionreason",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_organisation_details_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_organisation_details_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_details_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_details")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_organisation_details_organisation_id"),
        "organisation_details",
        ["organisation_id"],
    )
    op.create_index(
        op.f("ix_organisation_details_review_status"), "organisation_details", ["review_status"]
    )
    # A plain CREATE INDEX: rebuilding `users` in batch mode is not needed for it.
    op.create_index(op.f("ix_users_suspended_at"), "users", ["suspended_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE CONSTRAINT TRIGGER users_suspension_catalogue "
            "AFTER UPDATE OF suspended_at ON users "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION raise_catalogue_version()"
        )
    else:
        op.execute(
            "CREATE TRIGGER users_suspension_catalogue AFTER UPDATE OF suspended_at ON users "
            f"BEGIN {BUMP}; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER users_suspension_catalogue ON users")
    else:
        op.execute("DROP TRIGGER users_suspension_catalogue")
    op.drop_index(op.f("ix_users_suspended_at"), table_name="users")
    op.drop_index(op.f("ix_organisation_details_review_status"), table_name="organisation_details")
    op.drop_index(
        op.f("ix_organisation_details_organisation_id"), table_name="organisation_details"
    )
    op.drop_table("organisation_details")
