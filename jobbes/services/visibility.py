"""Who may see what: the visibility queries, written once.

Public pages, htmx fragments, search, recommendations and exports all start from these, so
nothing unreviewed, expired or private can leak through one of them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from jobbes.models import Listing, ListingStatus, Organisation, OrganisationStatus, Profile


def published_listings(today: date) -> Select[Listing]:
    """The one query for what the public may see: approved, open, not past its deadline, and
    from a verified organisation. Public pages, fragments and exports start from this alone."""
    # "Not from an organisation that is not verified": the few such organisations are a small
    # list to check against, where a join would visit every listing's organisation.
    not_verified = select(Organisation.id).where(Organisation.status != OrganisationStatus.VERIFIED)
    return select(Listing).where(
        Listing.status == ListingStatus.PUBLISHED,
        Listing.deadline >= today,
        Listing.organisation_id.not_in(not_verified),
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
    )


def is_discoverable(profile: Profile) -> bool:
    """The same rule as `discoverable_profiles()`, for a profile already loaded."""
    return profile.discoverable and profile.approved_submission_id is not None


def discoverable_profiles() -> Select[Profile]:
    """The one query for profiles employers may search: the person said yes and words approved."""
    return select(Profile).where(
        Profile.discoverable.is_(True), Profile.approved_submission_id.is_not(None)
    )
