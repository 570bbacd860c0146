"""Mobile numbers for text messages (confirmed with a code) and the short links texts carry.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "phone_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("confirmed_at", UTC(timezone=True), nullable=True),
        sa.Column("code_hash", sa.String(length=255), nullable=True),
        sa.Column("code_expires_at", UTC(timezone=True), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("codes_sent", sa.Integer(), nullable=False),
        sa.Column("codes_window_at", UTC(timezone=True), nullable=True),
        sa.Column("locked_until", UTC(timezone=True), nullable=True),
        sa.Column("last_sms_at", UTC(timezone=True), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_phone_numbers_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_numbers")),
        sa.UniqueConstraint("user_id", name=op.f("uq_phone_numbers_user_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sms_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        sa.Column("provider_message_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sms_links_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_sms_links_notification_id_notifications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sms_links")),
        sa.UniqueConstraint("code", name=op.f("uq_sms_links_code")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_sms_links_user_id"), "sms_links", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sms_links_user_id"), table_name="sms_links")
    op.drop_table("sms_links")
    op.drop_table("phone_numbers")
