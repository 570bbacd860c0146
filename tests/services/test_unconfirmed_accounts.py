"""Accounts whose address was never confirmed are forgotten once their link has expired."""

from datetime import timedelta

from sqlalchemy import select

from jobbes.models import Organisation, User
from jobbes.models.base import utcnow
from jobbes.services import accounts
from tests import factories

WEEK = timedelta(days=7)


def _registered_days_ago(user, days):
    user.created_at = utcnow() - timedelta(days=days)
    user.email_confirmed_at = None


def test_unconfirmed_accounts_older_than_their_link_are_deleted(db_session):
    stale_young = factories.young_person(db_session)
    stale_employer = factories.employer(db_session)
    fresh = factories.young_person(db_session)
    confirmed_long_ago = factories.young_person(db_session)
    _registered_days_ago(stale_young, 8)
    _registered_days_ago(stale_employer, 8)
    _registered_days_ago(fresh, 2)
    confirmed_long_ago.created_at = utcnow() - timedelta(days=400)
    org_number = stale_employer.organisation.org_number
    db_session.flush()

    assert accounts.forget_unconfirmed(db_session, registered_before=utcnow() - WEEK) == 2
    db_session.flush()
    remaining = set(db_session.scalars(select(User.id)))
    assert stale_young.id not in remaining
    assert stale_employer.id not in remaining
    assert {fresh.id, confirmed_long_ago.id} <= remaining
    # The organisation number someone could not confirm is free to register again.
    assert (
        db_session.scalar(select(Organisation).where(Organisation.org_number == org_number)) is None
    )


def test_a_colleague_invited_but_not_yet_joined_is_kept(db_session):
    employer = factories.employer(db_session)
    invited = accounts.invite_employer(
        db_session, organisation=employer.organisation, email="per@kafe.no", invited_by=employer
    )
    invited.created_at = utcnow() - timedelta(days=30)
    db_session.flush()
    assert accounts.forget_unconfirmed(db_session, registered_before=utcnow() - WEEK) == 0
    assert db_session.get(User, invited.id) is not None
