"""Times to meet: an employer's proposed times on an interest, and the young person's answer.

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interest_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.SmallInteger(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("talk", "trial_day", name="meetingkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "chosen",
                "another_time",
                "replaced",
                name="meetingstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("contact_phone", sa.String(length=30), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", UTC(timezone=True), nullable=False),
        sa.Column("chosen_position", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("answered_at", UTC(timezone=True), nullable=True),
        sa.Column("reminded_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["interest_id"],
            ["interests.id"],
            name=op.f("fk_meetings_interest_id_interests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["users.id"],
            name=op.f("fk_meetings_proposed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("interest_id", "round", name="uq_meetings_interest_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "meeting_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("starts_at", UTC(timezone=True), nullable=False),
        sa.Column("ends_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_slots_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_slots")),
        sa.UniqueConstraint("meeting_id", "position", name="uq_meeting_slots_meeting_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_meeting_slots_starts_at"), "meeting_slots", ["starts_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_slots_starts_at"), table_name="meeting_slots")
    op.drop_table("meeting_slots")
    op.drop_table("meetings")
