"""Listings and their versions; organisation details.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'in_review', 'changes_requested', 'rejected', 'published', 'closed', 'expired', 'unpublished', name='listingstatus', native_enum=False, length=32), nullable=False),
    sa.Column('published_version_id', sa.Integer(), nullable=True),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('featured', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('unpublished_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_listings_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_listings_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listings'))
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listings_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_published_at'), ['published_at'], unique=False)
        batch_op.create_index('ix_listings_status_deadline', ['status', 'deadline'], unique=False)

    op.create_table('listing_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.SmallInteger(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('listing_type', sa.Enum('job_trial', 'apprenticeship', 'summer_job', 'part_time_job', 'full_time_job', name='listingtype', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('learning', sa.Text(), nullable=True),
    sa.Column('support_contact_person', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('support_adapted_tasks', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('support_follow_up', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('contact_person_name', sa.String(length=100), nullable=True),
    sa.Column('field', sa.Enum('care_health', 'children_school', 'building', 'industry', 'vehicles', 'shop_sales', 'food_restaurant', 'hotel_tourism', 'office', 'it', 'warehouse_logistics', 'transport', 'cleaning_property', 'nature_farming', 'culture_sport', 'hair_beauty', name='occupationalfield', native_enum=False, length=32), nullable=False),
    sa.Column('no_experience_needed', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('requirements', sa.Text(), nullable=True),
    sa.Column('area', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('duration', sa.String(length=100), nullable=True),
    sa.Column('hours_per_week', sa.SmallInteger(), nullable=True),
    sa.Column('schedule', sa.String(length=200), nullable=True),
    sa.Column('trial_pay', sa.Enum('paid', 'unpaid', 'nav_funded', name='trialpay', native_enum=False, length=32), nullable=True),
    sa.Column('pay', sa.String(length=200), nullable=True),
    sa.Column('places', sa.SmallInteger(), nullable=False),
    sa.Column('minimum_age', sa.SmallInteger(), nullable=False),
    sa.Column('police_certificate', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('police_certificate_basis', sa.Enum('school', 'kindergarten', 'health_and_care', 'voluntary_work_with_minors', name='policecertificatebasis', native_enum=False, length=32), nullable=True),
    sa.Column('language_need', sa.Enum('no_norwegian', 'basic_norwegian', 'good_norwegian', 'english_ok', name='languageneed', native_enum=False, length=32), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('review_status', sa.Enum('draft', 'submitted', 'approved', 'changes_requested', 'rejected', 'withdrawn', name='reviewstatus', native_enum=False, length=32), nullable=False),
    sa.Column('submitted_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('rejection_reason', sa.Enum('not_a_real_job', 'asks_for_payment', 'discriminatory', 'unsafe_for_minors', 'duplicate', 'other', name='rejectionreason', native_enum=False, length=32), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_listing_versions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_listing_versions_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_listing_versions_listing_id_listings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing_versions'))
    )
    with op.batch_alter_table('listing_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_versions_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_versions_review_status'), ['review_status'], unique=False)

    # listings and listing_versions point at each other; the second direction comes last.
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_listings_current_version_id_listing_versions'), 'listing_versions', ['current_version_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_listings_published_version_id_listing_versions'), 'listing_versions', ['published_version_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sector', sa.Enum('private', 'public', 'voluntary', name='sector', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('address', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('area', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('website', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('verified_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_listings_current_version_id_listing_versions'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_listings_published_version_id_listing_versions'), type_='foreignkey')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('verified_at')
        batch_op.drop_column('status_reason')
        batch_op.drop_column('website')
        batch_op.drop_column('description')
        batch_op.drop_column('area')
        batch_op.drop_column('address')
        batch_op.drop_column('sector')

    with op.batch_alter_table('listing_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_versions_review_status'))
        batch_op.drop_index(batch_op.f('ix_listing_versions_listing_id'))

    op.drop_table('listing_versions')
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_index('ix_listings_status_deadline')
        batch_op.drop_index(batch_op.f('ix_listings_published_at'))
        batch_op.drop_index(batch_op.f('ix_listings_organisation_id'))

    op.drop_table('listings')
