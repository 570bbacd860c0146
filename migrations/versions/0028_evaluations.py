"""Trial evaluations and the follow-up questions 3 and 6 months after a trial.

Revision ID: 0028
Revises: 0024
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0028"
down_revision = "0025"
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
        "agreement_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("asked_at", UTC(timezone=True), nullable=False),
        sa.Column("reminders_sent", sa.SmallInteger(), nullable=False),
        sa.Column("employer_at", UTC(timezone=True), nullable=True),
        sa.Column("employer_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "attendance", _enum("attendance", "completed", "partly", "no_show"), nullable=True
        ),
        sa.Column("days_missed", sa.SmallInteger(), nullable=True),
        sa.Column("went_well", sa.Text(), nullable=True),
        sa.Column("to_work_on", sa.Text(), nullable=True),
        sa.Column(
            "outcome",
            _enum("outcome", "job", "apprenticeship", "summer_job", "another_trial", "no_offer"),
            nullable=True,
        ),
        sa.Column("offer_start", sa.Date(), nullable=True),
        sa.Column(
            "offer_contract",
            _enum(
                "contractkind", "permanent", "temporary", "part_time", "casual", "apprenticeship"
            ),
            nullable=True,
        ),
        sa.Column("young_at", UTC(timezone=True), nullable=True),
        sa.Column("how_it_was", sa.Text(), nullable=True),
        sa.Column("agrees", sa.Boolean(), nullable=True),
        sa.Column("young_comment", sa.Text(), nullable=True),
        _fk("agreement_evaluations", "agreement_id", "agreements", "CASCADE"),
        _fk("agreement_evaluations", "employer_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_evaluations")),
        sa.UniqueConstraint("agreement_id", name=op.f("uq_agreement_evaluations_agreement_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "agreement_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("months", sa.SmallInteger(), nullable=False),
        sa.Column("asked_at", UTC(timezone=True), nullable=False),
        sa.Column(
            "answer",
            _enum("nowdoing", "work", "apprenticeship", "school", "looking", "other"),
            nullable=True,
        ),
        sa.Column("answered_at", UTC(timezone=True), nullable=True),
        _fk("agreement_follow_ups", "agreement_id", "agreements", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_follow_ups")),
        sa.UniqueConstraint("agreement_id", "months", name="uq_agreement_follow_ups_agreement_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agreement_follow_ups_agreement_id"), "agreement_follow_ups", ["agreement_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_agreement_follow_ups_agreement_id"), table_name="agreement_follow_ups")
    op.drop_table("agreement_follow_ups")
    op.drop_table("agreement_evaluations")
