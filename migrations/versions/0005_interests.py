"""Interests, their timeline, published facets on listings for search, and the full-text index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import jobbes.models.base

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('interests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('invited', 'invitation_declined', 'sent', 'seen', 'talk', 'trial_agreed', 'offered', 'hired', 'declined', 'withdrawn', name='intereststatus', native_enum=False, length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('employer_message', sa.Text(), nullable=True),
    sa.Column('trial_start', sa.Date(), nullable=True),
    sa.Column('trial_end', sa.Date(), nullable=True),
    sa.Column('decline_message', sa.Enum('filled', 'not_now', 'other_skills', 'timing', name='declinemessage', native_enum=False, length=32), nullable=True),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['listings.id'], name=op.f('fk_interests_listing_id_listings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['profile_id'], ['profiles.user_id'], name=op.f('fk_interests_profile_id_profiles'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interests')),
    sa.UniqueConstraint('listing_id', 'profile_id', name='uq_interests_listing_id')
    )
    with op.batch_alter_table('interests', schema=None) as batch_op:
        batch_op.create_index('ix_interests_listing_status', ['listing_id', 'status'], unique=False)
        batch_op.create_index('ix_interests_profile_status', ['profile_id', 'status'], unique=False)

    op.create_table('interest_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interest_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('invited', 'invitation_declined', 'sent', 'seen', 'talk', 'trial_agreed', 'offered', 'hired', 'declined', 'withdrawn', name='intereststatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', jobbes.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.ForeignKeyConstraint(['interest_id'], ['interests.id'], name=op.f('fk_interest_events_interest_id_interests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interest_events'))
    )
    with op.batch_alter_table('interest_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interest_events_interest_id'), ['interest_id'], unique=False)

    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('listing_type', sa.Enum('job_trial', 'apprenticeship', 'summer_job', 'part_time_job', 'full_time_job', name='listingtype', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('field', sa.Enum('care_health', 'children_school', 'building', 'industry', 'vehicles', 'shop_sales', 'food_restaurant', 'hotel_tourism', 'office', 'it', 'warehouse_logistics', 'transport', 'cleaning_property', 'nature_farming', 'culture_sport', 'hair_beauty', name='occupationalfield', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('area', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('minimum_age', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('no_experience_needed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('language_need', sa.Enum('no_norwegian', 'basic_norwegian', 'good_norwegian', 'english_ok', name='languageneed', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('paid', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('start_date', sa.Date(), nullable=True))
        batch_op.create_index('ix_listings_status_area', ['status', 'area', 'deadline'], unique=False)
        batch_op.create_index('ix_listings_status_field', ['status', 'field', 'deadline'], unique=False)
        batch_op.create_index('ix_listings_status_published', ['status', 'featured', 'published_at'], unique=False)
        batch_op.create_index('ix_listings_status_type', ['status', 'listing_type', 'deadline'], unique=False)

    # Facets of the published version, for listings published before they were copied here.
    facets = ("listing_type", "field", "area", "minimum_age", "no_experience_needed", "language_need", "start_date")
    for column in facets:
        op.execute(
            f"UPDATE listings SET {column} = (SELECT v.{column} FROM listing_versions v "
            "WHERE v.id = listings.published_version_id) WHERE published_version_id IS NOT NULL"
        )
    op.execute(
        "UPDATE listings SET paid = (SELECT v.listing_type != 'job_trial' OR v.trial_pay = 'paid' "
        "FROM listing_versions v WHERE v.id = listings.published_version_id) "
        "WHERE published_version_id IS NOT NULL"
    )

    published = (
        " FROM listings l JOIN listing_versions v ON v.id = l.published_version_id "
        "JOIN organisations o ON o.id = l.organisation_id"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE listing_search ("
            "listing_id INTEGER PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE, "
            "document tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_listing_search_document ON listing_search USING gin (document)")
        op.execute(
            "INSERT INTO listing_search (listing_id, document) SELECT l.id, "
            "setweight(to_tsvector('norwegian', v.title), 'A') || "
            "setweight(to_tsvector('norwegian', o.name), 'B') || "
            "setweight(to_tsvector('norwegian', "
            "concat_ws(' ', v.description, v.learning, v.requirements)), 'C')" + published
        )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE listing_search USING fts5("
            "title, body, organisation, field, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO listing_search (rowid, title, body, organisation, field) SELECT l.id, "
            "v.title, coalesce(v.description, '') || ' ' || coalesce(v.learning, '') || ' ' || "
            "coalesce(v.requirements, ''), o.name, ''" + published
        )


def downgrade() -> None:
    op.execute("DROP TABLE listing_search")
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_index('ix_listings_status_type')
        batch_op.drop_index('ix_listings_status_published')
        batch_op.drop_index('ix_listings_status_field')
        batch_op.drop_index('ix_listings_status_area')
        batch_op.drop_column('start_date')
        batch_op.drop_column('paid')
        batch_op.drop_column('language_need')
        batch_op.drop_column('no_experience_needed')
        batch_op.drop_column('minimum_age')
        batch_op.drop_column('area')
        batch_op.drop_column('field')
        batch_op.drop_column('listing_type')

    with op.batch_alter_table('interest_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interest_events_interest_id'))

    op.drop_table('interest_events')
    with op.batch_alter_table('interests', schema=None) as batch_op:
        batch_op.drop_index('ix_interests_profile_status')
        batch_op.drop_index('ix_interests_listing_status')

    op.drop_table('interests')
