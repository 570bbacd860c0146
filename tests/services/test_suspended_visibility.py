"""A suspended person is invisible to others: their profile, listings and interests."""

from __future__ import annotations

import pytest

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import interests, matches, search, users, visibility
from tests import factories


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session, role=Role.MODERATOR)


def suspend(db_session, person, moderator):
    users.suspend(db_session, person, moderator=moderator, reason="Trusler", now=utcnow())
    db_session.flush()


def test_a_suspended_young_person_is_not_suggested_nor_invited(db_session, moderator):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    young = factories.findable_young_person(db_session)
    today = local_today()
    assert [p for p, _m in matches.suggestions(db_session, listing, today=today)] == [young.profile]
    suspend(db_session, young, moderator)
    assert matches.suggestions(db_session, listing, today=today) == []
    assert young.profile not in db_session.scalars(visibility.discoverable_profiles()).all()
    assert not can(employer, Permission.PROFILE_VIEW, young.profile)
    with pytest.raises(interests.NotPossible):
        interests.invite(
            db_session,
            listing=listing,
            profile=young.profile,
            message=None,
            today=today,
            now=utcnow(),
        )


def test_a_suspended_young_persons_interests_leave_the_employers_pipeline(db_session, moderator):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    young = factories.young_person(db_session)
    interest = factories.interest(db_session, young, listing)
    suspend(db_session, young, moderator)
    assert db_session.scalars(interests.for_listing(listing)).all() == []
    assert interests.counts_by_listing(db_session, [listing.id]) == {}
    assert not can(employer, Permission.LISTING_MANAGE, interest)
    users.reinstate(db_session, young, moderator=moderator, now=utcnow())
    db_session.flush()
    assert db_session.scalars(interests.for_listing(listing)).all() == [interest]


def test_a_suspended_employers_listings_are_hidden_until_reinstated(db_session, moderator):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    today = local_today()
    suspend(db_session, employer, moderator)
    assert listing not in db_session.scalars(visibility.published_listings(today)).all()
    assert not visibility.is_public(listing, today)
    assert search.find_listings(db_session, search.Criteria(), today=today).listings == []
    users.reinstate(db_session, employer, moderator=moderator, now=utcnow())
    db_session.flush()
    assert visibility.is_public(listing, today)
    assert listing in db_session.scalars(visibility.published_listings(today)).all()
