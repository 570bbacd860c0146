"""Notifications, their outbox of deliveries, each person's choices, and a person's language.

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

CATEGORY = sa.Enum(
    "my_interests",
    "invitations",
    "saved_searches",
    "listings",
    "moderation",
    name="category",
    native_enum=False,
    length=32,
)
CHANNEL = sa.Enum("in_app", "email", "sms", name="channel", native_enum=False, length=32)
UTC = jobbes.models.base.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), server_default="nb", nullable=False)
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        # The kinds live in code (native_enum=False, no constraint): new ones need no migration.
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("category", CATEGORY, nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("read_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        # Its id is in links and in its deliveries' keys: never handed out twice (see 0009).
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_notifications_user_read", "notifications", ["user_id", "read_at", "created_at"]
    )

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("channel", CHANNEL, nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "held",
                "sent",
                "failed",
                "given_up",
                name="deliverystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", UTC(timezone=True), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_deliveries_notification_id_notifications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("key", name=op.f("uq_deliveries_key")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deliveries_status_due", "deliveries", ["status", "next_attempt_at"])
    op.create_index(op.f("ix_deliveries_notification_id"), "deliveries", ["notification_id"])

    op.create_table(
        "notification_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("category", CATEGORY, nullable=False),
        sa.Column("channel", CHANNEL, nullable=False),
        sa.Column(
            "frequency",
            sa.Enum("immediate", "daily", name="frequency", native_enum=False, length=32),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notification_preferences_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification_preferences")),
        sa.UniqueConstraint("user_id", "category", name="uq_notification_preferences_user_id"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("notification_preferences")
    op.drop_index(op.f("ix_deliveries_notification_id"), table_name="deliveries")
    op.drop_index("ix_deliveries_status_due", table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index("ix_notifications_user_read", table_name="notifications")
    op.drop_table("notifications")
    if op.get_bind().dialect.name == "sqlite":
        # Natively (SQLite 3.35+): batch mode would rebuild `users` and lose its AUTOINCREMENT
        # (0009) and its catalogue trigger (0011).
        op.execute("ALTER TABLE users DROP COLUMN language")
    else:
        op.drop_column("users", "language")
