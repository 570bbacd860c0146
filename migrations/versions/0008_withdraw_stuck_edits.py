"""Withdraw listing edits left waiting for review on listings that are over.

Before closing, taking down or expiring a listing withdrew its waiting edit, such an edit stayed
"submitted" with no decision possible. The queue no longer lists them; this marks them as what
they are, so the history reads true. Nothing to undo: they were never decidable.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE listing_versions SET review_status = 'withdrawn' "
        "WHERE review_status = 'submitted' AND listing_id IN "
        "(SELECT id FROM listings WHERE status NOT IN ('in_review', 'published'))"
    )


def downgrade() -> None:
    pass
