"""The catalogue's version rises with every change to a listing or an organisation, by trigger."""

import pytest
from sqlalchemy import delete, text, update

from jobbes.models import Listing, Organisation, OrganisationStatus, Profile
from jobbes.models.base import utcnow
from jobbes.services import catalogue, listings
from tests import factories


def test_every_change_to_listings_or_organisations_raises_the_version(db_session):
    employer = factories.employer(db_session)
    db_session.flush()
    seen = [catalogue.version(db_session)]

    def rose() -> bool:
        db_session.flush()
        seen.append(catalogue.version(db_session))
        return seen[-1] > seen[-2]

    listing = factories.published_listing(db_session, employer)
    assert rose()
    listing.featured = True
    assert rose()
    listings.close_listing(listing, now=utcnow())
    assert rose()
    employer.organisation.status = OrganisationStatus.SUSPENDED
    assert rose()
    # Statements that go around the ORM's unit of work are seen too: the database keeps count.
    db_session.execute(update(Listing).values(featured=False))
    assert rose()
    db_session.execute(text("UPDATE organisations SET name = 'Nytt navn'"))
    assert rose()
    db_session.execute(delete(Listing).where(Listing.id == listing.id))
    assert rose()
    # A suspended person's listings leave the public lists, so suspending is a change too.
    employer.suspended_at = utcnow()
    assert rose()
    employer.suspended_at = None
    assert rose()


def test_changes_to_other_things_leave_the_version_alone(db_session):
    young = factories.young_person(db_session)
    db_session.flush()
    before = catalogue.version(db_session)
    profile = db_session.get(Profile, young.id)
    profile.discoverable = not profile.discoverable
    db_session.flush()
    assert catalogue.version(db_session) == before
    assert db_session.query(Organisation).count() >= 0  # reading changes nothing either
    assert catalogue.version(db_session) == before


def test_on_postgresql_a_transaction_raises_it_once_when_it_commits(engine):
    """As in production: no test transaction around it, the trigger deferred to the commit."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite raises the version row by row; there is nothing deferred to test")

    def version() -> int:
        with engine.connect() as reader:
            return reader.scalar(text("SELECT number FROM catalogue_version WHERE id = 1"))

    before = version()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisations (id, name, org_number, status, created_at)"
                " VALUES (-1, 'Midlertidig', '999999999', 'pending', now())"
            )
        )
        for number in range(50):
            connection.execute(
                text("UPDATE organisations SET name = :name WHERE id = -1"),
                {"name": f"Navn {number}"},
            )
        assert version() == before  # nothing until the commit
    assert version() == before + 1
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM organisations WHERE id = -1"))
    assert version() == before + 2
