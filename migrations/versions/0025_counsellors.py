"""Counsellors: their organisations, young people's consent, looks, suggestions and notes.

Revision ID: 0025
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def _users_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "counselling_organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counselling_organisations")),
        sa.UniqueConstraint("name", name=op.f("uq_counselling_organisations_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "counsellors",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        _users_fk("counsellors", "user_id", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["counselling_organisations.id"],
            name=op.f("fk_counsellors_organisation_id_counselling_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_counsellors")),
        sa.UniqueConstraint("code", name=op.f("uq_counsellors_code")),
    )
    op.create_index(op.f("ix_counsellors_organisation_id"), "counsellors", ["organisation_id"])
    op.create_table(
        "counsellor_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "active",
                "declined",
                "ended",
                name="consentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("started_at", UTC(timezone=True), nullable=True),
        sa.Column("expires_at", UTC(timezone=True), nullable=True),
        sa.Column("ended_at", UTC(timezone=True), nullable=True),
        _users_fk("counsellor_consents", "young_person_id", "CASCADE"),
        _users_fk("counsellor_consents", "counsellor_id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_consents")),
        sa.UniqueConstraint(
            "young_person_id", "counsellor_id", name="uq_counsellor_consents_pair"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_counsellor_consents_counsellor_status",
        "counsellor_consents",
        ["counsellor_id", "status"],
    )
    op.create_table(
        "counsellor_looks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_name", sa.String(length=100), nullable=False),
        sa.Column("organisation_name", sa.String(length=200), nullable=False),
        sa.Column("looked_at", UTC(timezone=True), nullable=False),
        _users_fk("counsellor_looks", "young_person_id", "CASCADE"),
        _users_fk("counsellor_looks", "counsellor_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_looks")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_counsellor_looks_young_person", "counsellor_looks", ["young_person_id", "looked_at"]
    )
    op.create_index(op.f("ix_counsellor_looks_counsellor_id"), "counsellor_looks", ["counsellor_id"])
    op.create_table(
        "counsellor_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("counsellor_id", sa.Integer(), nullable=True),
        sa.Column("counsellor_name", sa.String(length=100), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        _users_fk("counsellor_suggestions", "young_person_id", "CASCADE"),
        _users_fk("counsellor_suggestions", "counsellor_id", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name=op.f("fk_counsellor_suggestions_listing_id_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_suggestions")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_counsellor_suggestions_young_person",
        "counsellor_suggestions",
        ["young_person_id", "created_at"],
    )
    op.create_index(
        op.f("ix_counsellor_suggestions_counsellor_id"), "counsellor_suggestions", ["counsellor_id"]
    )
    op.create_index(
        op.f("ix_counsellor_suggestions_listing_id"), "counsellor_suggestions", ["listing_id"]
    )
    op.create_table(
        "counsellor_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        _users_fk("counsellor_notes", "young_person_id", "CASCADE"),
        _users_fk("counsellor_notes", "author_id", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["counselling_organisations.id"],
            name=op.f("fk_counsellor_notes_organisation_id_counselling_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counsellor_notes")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_counsellor_notes_young_person",
        "counsellor_notes",
        ["young_person_id", "organisation_id"],
    )
    op.create_index(op.f("ix_counsellor_notes_author_id"), "counsellor_notes", ["author_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_counsellor_notes_author_id"), table_name="counsellor_notes")
    op.drop_index("ix_counsellor_notes_young_person", table_name="counsellor_notes")
    op.drop_table("counsellor_notes")
    op.drop_index(
        op.f("ix_counsellor_suggestions_listing_id"), table_name="counsellor_suggestions"
    )
    op.drop_index(
        op.f("ix_counsellor_suggestions_counsellor_id"), table_name="counsellor_suggestions"
    )
    op.drop_index("ix_counsellor_suggestions_young_person", table_name="counsellor_suggestions")
    op.drop_table("counsellor_suggestions")
    op.drop_index(op.f("ix_counsellor_looks_counsellor_id"), table_name="counsellor_looks")
    op.drop_index("ix_counsellor_looks_young_person", table_name="counsellor_looks")
    op.drop_table("counsellor_looks")
    op.drop_index("ix_counsellor_consents_counsellor_status", table_name="counsellor_consents")
    op.drop_table("counsellor_consents")
    op.drop_index(op.f("ix_counsellors_organisation_id"), table_name="counsellors")
    op.drop_table("counsellors")
    op.drop_table("counselling_organisations")
