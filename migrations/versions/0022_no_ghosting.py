"""No ghosting: when an interest reached the employer, when the employer first answered, and how
many reminders of the wait were sent.

Backfilled from `interest_events`: an interest reached the employer at its latest "sent" step,
and was answered at the employer's first step after it (invited to talk, trial agreed, offered,
declined; reading is not an answer). Open interests already past their deadlines are reminded or
closed by the first run of the job, as any other.

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

UTC = jobbes.models.base.UTCDateTime

SENT_AT = """
UPDATE interests SET sent_at = (
    SELECT max(e.created_at) FROM interest_events e
    WHERE e.interest_id = interests.id AND e.status = 'sent'
)
"""
ANSWERED_AT = """
UPDATE interests SET employer_answered_at = (
    SELECT min(e.created_at) FROM interest_events e
    WHERE e.interest_id = interests.id
      AND e.status IN ('talk', 'trial_agreed', 'offered', 'declined')
      AND e.created_at >= interests.sent_at
)
WHERE sent_at IS NOT NULL
"""


def upgrade() -> None:
    op.add_column("interests", sa.Column("sent_at", UTC(timezone=True), nullable=True))
    op.add_column(
        "interests", sa.Column("employer_answered_at", UTC(timezone=True), nullable=True)
    )
    op.add_column(
        "interests",
        sa.Column("reminders_sent", sa.SmallInteger(), server_default="0", nullable=False),
    )
    op.create_index("ix_interests_status_sent_at", "interests", ["status", "sent_at"])
    op.execute(SENT_AT)
    op.execute(ANSWERED_AT)


def downgrade() -> None:
    # The new statuses have no place in the older flow: an unanswered interest was the
    # employer's silence (declined is the nearest), an expired invitation one not taken up.
    op.execute("UPDATE interests SET status = 'declined' WHERE status = 'unanswered'")
    op.execute("UPDATE interest_events SET status = 'declined' WHERE status = 'unanswered'")
    op.execute(
        "UPDATE interests SET status = 'invitation_declined' WHERE status = 'invitation_expired'"
    )
    op.execute(
        "UPDATE interest_events SET status = 'invitation_declined' "
        "WHERE status = 'invitation_expired'"
    )
    op.drop_index("ix_interests_status_sent_at", table_name="interests")
    op.drop_column("interests", "reminders_sent")
    op.drop_column("interests", "employer_answered_at")
    op.drop_column("interests", "sent_at")
