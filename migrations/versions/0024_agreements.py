"""Trial agreements: their days, signatures, history and guardian links.

Revision ID: 0024
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32, create_constraint=False)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interest_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("young_person_id", sa.Integer(), nullable=True),
        sa.Column("programme_contact_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            _enum(
                "agreementstatus",
                "draft",
                "awaiting_signatures",
                "signed",
                "running",
                "completed",
                "cancelled",
                "ended_early",
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=True),
        sa.Column("contact_role", sa.String(length=100), nullable=True),
        sa.Column("contact_phone", sa.String(length=32), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("tasks", sa.Text(), nullable=True),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.Column("goal_other", sa.String(length=200), nullable=True),
        sa.Column("training", sa.Text(), nullable=True),
        sa.Column("safety_equipment", sa.Text(), nullable=True),
        sa.Column("pay", _enum("trialpay", "paid", "unpaid", "nav_funded"), nullable=False),
        sa.Column("pay_amount", sa.String(length=100), nullable=True),
        sa.Column("police_certificate_needed", sa.Boolean(), nullable=False),
        sa.Column(
            "police_certificate_handling",
            _enum(
                "policecertificatehandling",
                "shown_before_start",
                "already_shown",
                "not_needed_for_tasks",
            ),
            nullable=True,
        ),
        sa.Column("evaluation_date", sa.Date(), nullable=True),
        sa.Column("max_hours_per_week", sa.SmallInteger(), nullable=True),
        sa.Column("guardian_name", sa.String(length=100), nullable=True),
        sa.Column("guardian_email", sa.String(length=254), nullable=True),
        sa.Column("guardian_phone", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        _fk("agreements", "interest_id", "interests", "CASCADE"),
        _fk("agreements", "organisation_id", "organisations", "CASCADE"),
        _fk("agreements", "young_person_id", "users", "SET NULL"),
        _fk("agreements", "programme_contact_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("interest_id", name=op.f("uq_agreements_interest_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_agreements_status_start", "agreements", ["status", "start_date"])
    op.create_index(op.f("ix_agreements_organisation_id"), "agreements", ["organisation_id"])
    op.create_index(op.f("ix_agreements_young_person_id"), "agreements", ["young_person_id"])
    op.create_index(
        op.f("ix_agreements_programme_contact_id"), "agreements", ["programme_contact_id"]
    )
    op.create_table(
        "agreement_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("break_minutes", sa.SmallInteger(), nullable=False),
        _fk("agreement_days", "agreement_id", "agreements", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_days")),
        sa.UniqueConstraint("agreement_id", "day", name="uq_agreement_days_agreement_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "agreement_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            _enum("signaturerole", "young_person", "employer", "programme", "guardian"),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("typed_name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("signed_at", UTC(timezone=True), nullable=False),
        sa.Column("on_behalf_by_id", sa.Integer(), nullable=True),
        sa.Column("on_behalf_reason", sa.String(length=500), nullable=True),
        _fk("agreement_signatures", "agreement_id", "agreements", "CASCADE"),
        _fk("agreement_signatures", "user_id", "users", "SET NULL"),
        _fk("agreement_signatures", "on_behalf_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signatures")),
        sa.UniqueConstraint("agreement_id", "role", name="uq_agreement_signatures_agreement_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "agreement_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        _fk("agreement_events", "agreement_id", "agreements", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_events")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agreement_events_agreement_id"), "agreement_events", ["agreement_id"]
    )
    op.create_table(
        "agreement_guardian_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("expires_at", UTC(timezone=True), nullable=False),
        sa.Column("used_at", UTC(timezone=True), nullable=True),
        _fk("agreement_guardian_links", "agreement_id", "agreements", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_guardian_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_agreement_guardian_links_token_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agreement_guardian_links_agreement_id"),
        "agreement_guardian_links",
        ["agreement_id"],
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_agreement_guardian_links_agreement_id"), table_name="agreement_guardian_links"
    )
    op.drop_table("agreement_guardian_links")
    op.drop_index(op.f("ix_agreement_events_agreement_id"), table_name="agreement_events")
    op.drop_table("agreement_events")
    op.drop_table("agreement_signatures")
    op.drop_table("agreement_days")
    op.drop_index(op.f("ix_agreements_programme_contact_id"), table_name="agreements")
    op.drop_index(op.f("ix_agreements_young_person_id"), table_name="agreements")
    op.drop_index(op.f("ix_agreements_organisation_id"), table_name="agreements")
    op.drop_index("ix_agreements_status_start", table_name="agreements")
    op.drop_table("agreements")
