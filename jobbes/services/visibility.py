"""Who may see what: the visibility queries, written once.

Public pages, htmx fragments, search, recommendations and exports all start from these, so
nothing unreviewed, expired or private can leak through one of them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from jobbes.models import (
    Interest,
    Listing,
    ListingStatus,
    Organisation,
    OrganisationStatus,
    Profile,
    User,
)


def suspended_people() -> Select[int]:
    """The ids of suspended accounts. A suspended person is invisible to everyone but staff, and
    so is what they put up: their listings, their profile, their interests."""
    return select(User.id).where(User.suspended_at.is_not(None))


def _by_someone_present(column: InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
    """The row's person is not suspended. A row whose person left (the column emptied when the
    account was deleted) stays: it is the organisation's or the programme's now."""
    return or_(column.is_(None), column.not_in(suspended_people()))


def is_present(user: User | None) -> bool:
    """The same rule for one loaded person: nobody (a deleted account) or not suspended."""
    return user is None or user.suspended_at is None


def published_listings(today: date | ColumnElement[date]) -> Select[Listing]:
    """The one query for what the public may see: approved, open, not past its deadline, and
    from a verified organisation. Public pages, fragments and exports start from this alone.
    (Search gives today's date as a bound parameter, to keep its statements.)"""
    # "Its organisation is not one that is unverified", asked of each listing the plan reaches
    # (one primary-key lookup). As `NOT IN (the unverified)` PostgreSQL cannot turn it into an
    # anti-join, and misjudges how many listings pass: a search for two rare words then read
    # all 60,000 open listings to join them to the text index's ninety, instead of looking up
    # those ninety (41 ms against 4.5 ms).
    # (Its own alias, and correlated to the listing alone: a query that joins the listing's
    # organisation, such as search's cards, must not have it taken for this one.)
    own = aliased(Organisation)
    not_verified = (
        exists()
        .where(own.id == Listing.organisation_id, own.status != OrganisationStatus.VERIFIED)
        .correlate(Listing)
    )
    return select(Listing).where(
        Listing.status == ListingStatus.PUBLISHED,
        Listing.deadline >= today,
        ~not_verified,
        _by_someone_present(Listing.created_by_id),
    )


def published_listing(session: Session, listing_id: int, today: date) -> Listing | None:
    """One listing, if the public may see it today."""
    return session.scalar(published_listings(today).where(Listing.id == listing_id))


def was_ever_published(session: Session, listing_id: int) -> bool:
    """Whether the listing was open to the public once (it may be over now)."""
    published_at = session.scalar(select(Listing.published_at).where(Listing.id == listing_id))
    return published_at is not None


def is_public(listing: Listing, today: date) -> bool:
    """The same rule as `published_listings()`, for a listing already loaded."""
    return (
        listing.status is ListingStatus.PUBLISHED
        and listing.deadline is not None
        and listing.deadline >= today
        and listing.organisation.status is OrganisationStatus.VERIFIED
        and is_present(listing.created_by)
    )


def is_discoverable(profile: Profile) -> bool:
    """The same rule as `discoverable_profiles()`, for a profile already loaded."""
    return (
        profile.discoverable
        and profile.approved_submission_id is not None
        and is_present(profile.user)
    )


def discoverable_profiles() -> Select[Profile]:
    """The one query for profiles employers may search: the person said yes and words approved."""
    return select(Profile).where(
        Profile.discoverable.is_(True),
        Profile.approved_submission_id.is_not(None),
        Profile.user_id.not_in(suspended_people()),
    )


def visible_interests() -> Select[Interest]:
    """The interests an employer sees in their pipeline: not those of a suspended person."""
    return select(Interest).where(_by_someone_present(Interest.profile_id))
