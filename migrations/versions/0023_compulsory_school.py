"""Whether a young person under 18 is still in compulsory school (ungdomsskolen): the
working-hours rules are stricter while they are (arbeidsmiljøloven § 11-2 (2)). Empty until
answered.

Revision ID: 0023
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain added column, nullable: no table rebuild on SQLite.
    op.add_column("profiles", sa.Column("in_compulsory_school", sa.Boolean(), nullable=True))


def downgrade() -> None:
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    op.drop_column("profiles", "in_compulsory_school")
