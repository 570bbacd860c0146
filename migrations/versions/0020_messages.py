"""Conversations: the messages on each interest, and those a report hands to the moderators.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interest_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column(
            "side",
            sa.Enum("young_person", "employer", name="side", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("sent_at", UTC(timezone=True), nullable=False),
        sa.Column("read_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["interest_id"],
            ["interests.id"],
            name=op.f("fk_messages_interest_id_interests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"],
            ["users.id"],
            name=op.f("fk_messages_sender_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_messages_interest_id_id", "messages", ["interest_id", "id"])
    op.create_index(op.f("ix_messages_sender_id"), "messages", ["sender_id"])
    op.create_table(
        "reported_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_reported_messages_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_reported_messages_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reported_messages")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_reported_messages_report_id"), "reported_messages", ["report_id"]
    )
    op.create_index(
        op.f("ix_reported_messages_message_id"), "reported_messages", ["message_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reported_messages_message_id"), table_name="reported_messages")
    op.drop_index(op.f("ix_reported_messages_report_id"), table_name="reported_messages")
    op.drop_table("reported_messages")
    op.drop_index(op.f("ix_messages_sender_id"), table_name="messages")
    op.drop_index("ix_messages_interest_id_id", table_name="messages")
    op.drop_table("messages")
