"""Profiles: what young people want, where and when, skills and languages; review; audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject_type', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_audit_events_subject', ['subject_type', 'subject_id'], unique=False)

    op.create_table('profile_fields',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.Enum('care_health', 'children_school', 'building', 'industry', 'vehicles', 'shop_sales', 'food_restaurant', 'hotel_tourism', 'office', 'it', 'warehouse_logistics', 'transport', 'cleaning_property', 'nature_farming', 'culture_sport', 'hair_beauty', name='occupationalfield', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_profile_fields_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'field', name=op.f('pk_profile_fields'))
    )
    with op.batch_alter_table('profile_fields', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_fields_field'), ['field'], unique=False)

    op.create_table('profile_languages',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.Enum('nb', 'en', 'ar', 'so', 'ti', 'fa', 'ku', 'uk', 'ru', 'pl', 'lt', 'es', 'de', 'fr', 'th', 'tl', 'vi', 'tr', 'sv', 'other', name='language', native_enum=False, length=32), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_profile_languages_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'language', name=op.f('pk_profile_languages'))
    )
    op.create_table('profile_opportunities',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('opportunity', sa.Enum('job_trial', 'apprenticeship', 'summer_job', 'job', name='opportunity', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_profile_opportunities_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'opportunity', name=op.f('pk_profile_opportunities'))
    )
    with op.batch_alter_table('profile_opportunities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_opportunities_opportunity'), ['opportunity'], unique=False)

    op.create_table('profile_skills',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.String(length=40), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_profile_skills_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'skill', name=op.f('pk_profile_skills'))
    )
    op.create_table('profile_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('review_status', sa.Enum('draft', 'submitted', 'approved', 'changes_requested', 'rejected', 'withdrawn', name='reviewstatus', native_enum=False, length=32), nullable=False),
    sa.Column('submitted_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('rejection_reason', sa.Enum('not_a_real_job', 'asks_for_payment', 'discriminatory', 'unsafe_for_minors', 'duplicate', 'other', name='rejectionreason', native_enum=False, length=32), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_profile_submissions_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_profile_submissions_profile_id_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_submissions'))
    )
    with op.batch_alter_table('profile_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_submissions_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_submissions_review_status'), ['review_status'], unique=False)

    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('home_area', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('max_travel_minutes', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('driving_licence', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('available_weekdays', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('available_evenings', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('available_weekends', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('available_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('about', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('contact_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('share_contact', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('discoverable', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('approved_submission_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_profiles_discoverable'), ['discoverable'], unique=False)
        batch_op.create_index(batch_op.f('ix_profiles_home_area'), ['home_area'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_profiles_approved_submission_id_profile_submissions'), 'profile_submissions', ['approved_submission_id'], ['id'], ondelete='SET NULL', use_alter=True)



def downgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_profiles_approved_submission_id_profile_submissions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_profiles_home_area'))
        batch_op.drop_index(batch_op.f('ix_profiles_discoverable'))
        batch_op.drop_column('approved_submission_id')
        batch_op.drop_column('discoverable')
        batch_op.drop_column('share_contact')
        batch_op.drop_column('contact_email')
        batch_op.drop_column('contact_name')
        batch_op.drop_column('about')
        batch_op.drop_column('available_from')
        batch_op.drop_column('available_weekends')
        batch_op.drop_column('available_evenings')
        batch_op.drop_column('available_weekdays')
        batch_op.drop_column('driving_licence')
        batch_op.drop_column('max_travel_minutes')
        batch_op.drop_column('home_area')

    with op.batch_alter_table('profile_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_submissions_review_status'))
        batch_op.drop_index(batch_op.f('ix_profile_submissions_profile_id'))

    op.drop_table('profile_submissions')
    op.drop_table('profile_skills')
    with op.batch_alter_table('profile_opportunities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_opportunities_opportunity'))

    op.drop_table('profile_opportunities')
    op.drop_table('profile_languages')
    with op.batch_alter_table('profile_fields', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_fields_field'))

    op.drop_table('profile_fields')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_subject')
        batch_op.drop_index(batch_op.f('ix_audit_events_created_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
