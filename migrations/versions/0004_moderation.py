"""Moderation: reports, suspended accounts, former roles of staff.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('subject_type', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Enum('scam', 'discriminatory', 'inappropriate', 'other', name='reportreason', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('open', 'resolved', 'dismissed', name='reportstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_status'), ['status'], unique=False)
        batch_op.create_index('ix_reports_subject', ['subject_type', 'subject_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('suspended_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('former_role', sa.Enum('young_person', 'employer', 'moderator', 'admin', name='role', native_enum=False, length=32), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('former_role')
        batch_op.drop_column('suspended_reason')
        batch_op.drop_column('suspended_at')

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_subject')
        batch_op.drop_index(batch_op.f('ix_reports_status'))

    op.drop_table('reports')
