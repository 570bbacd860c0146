"""The moderators' queues: what waits, oldest first, and how long it has waited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import CompoundSelect, Select, func, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from jobbes import workdays
from jobbes.models import (
    Listing,
    ListingStatus,
    ListingVersion,
    Organisation,
    OrganisationDetails,
    OrganisationStatus,
    ProfileSubmission,
    Report,
    ReportStatus,
    ReviewStatus,
)
from jobbes.services import listings

QUEUES = ("organisations", "listings", "profiles", "reports")

T = TypeVar("T")


@dataclass(frozen=True)
class QueueSummary:
    name: str
    waiting: int
    oldest: datetime | None
    now: datetime

    @property
    def overdue(self) -> bool:
        return self.oldest is not None and workdays.is_overdue(self.oldest, self.now)

    @property
    def longest_wait(self) -> timedelta | None:
        return workdays.working_time_between(self.oldest, self.now) if self.oldest else None


def listings_waiting() -> Select[ListingVersion]:
    """Submitted listing versions a moderator can still decide on, the longest-waiting first."""
    return (
        select(ListingVersion)
        .join(Listing, ListingVersion.listing_id == Listing.id)
        .where(
            ListingVersion.review_status == ReviewStatus.SUBMITTED,
            # A version left submitted on a listing that is over would wait here for ever.
            Listing.status.in_(listings.DECIDABLE),
        )
        .order_by(ListingVersion.submitted_at, ListingVersion.id)
    )


def profiles_waiting() -> Select[ProfileSubmission]:
    return (
        select(ProfileSubmission)
        .where(ProfileSubmission.review_status == ReviewStatus.SUBMITTED)
        .order_by(ProfileSubmission.submitted_at, ProfileSubmission.id)
    )


def organisations_waiting() -> Select[Organisation]:
    return (
        select(Organisation)
        .where(Organisation.status == OrganisationStatus.PENDING)
        .order_by(Organisation.created_at, Organisation.id)
    )


def organisation_details_waiting() -> Select[OrganisationDetails]:
    """Changes to verified organisations' public details, in the organisation queue too."""
    return (
        select(OrganisationDetails)
        .where(OrganisationDetails.review_status == ReviewStatus.SUBMITTED)
        .order_by(OrganisationDetails.submitted_at, OrganisationDetails.id)
    )


def reports_waiting() -> Select[Report]:
    return (
        select(Report)
        .where(Report.status == ReportStatus.OPEN)
        .order_by(Report.created_at, Report.id)
    )


def _since(query: Select[Any], column: InstrumentedAttribute[Any]) -> Select[Any]:
    return query.with_only_columns(column.label("since")).order_by(None)


# What each queue holds, as one column: since when each item has waited.
_SINCE: dict[str, Any] = {
    # New organisations to verify, and changed details of verified ones: one queue.
    "organisations": lambda: union_all(
        _since(organisations_waiting(), Organisation.created_at),
        _since(organisation_details_waiting(), OrganisationDetails.submitted_at),
    ),
    "listings": lambda: _since(listings_waiting(), ListingVersion.submitted_at),
    "profiles": lambda: _since(profiles_waiting(), ProfileSubmission.submitted_at),
    "reports": lambda: _since(reports_waiting(), Report.created_at),
}


def _tally(session: Session, name: str) -> tuple[int, datetime | None]:
    """How many wait in a queue, and since when the oldest has waited, in one query."""
    waiting: Select[Any] | CompoundSelect[Any] = _SINCE[name]()
    subquery = waiting.subquery()
    count, oldest = session.execute(select(func.count(), func.min(subquery.c.since))).one()
    return count, oldest


def summaries(session: Session, *, now: datetime) -> list[QueueSummary]:
    """For each queue: how many wait, and since when the oldest has waited (one query each)."""
    result = []
    for name in QUEUES:
        count, oldest = _tally(session, name)
        result.append(QueueSummary(name=name, waiting=count, oldest=oldest, now=now))
    return result


def waiting_count(session: Session, name: str) -> int:
    """How many items wait in the named queue."""
    return _tally(session, name)[0]


def first_waiting(session: Session, queue: Select[T]) -> T | None:
    """The item that has waited longest in a queue, if any: the next one to decide on."""
    return session.scalars(queue.limit(1)).first()


def live_listings(session: Session, *, limit: int = 200) -> list[Listing]:
    """Published listings, for curation (featuring and taking down): featured first, then newest."""
    return list(
        session.scalars(
            select(Listing)
            .where(Listing.status == ListingStatus.PUBLISHED)
            .order_by(Listing.featured.desc(), Listing.published_at.desc())
            .limit(limit)
        )
    )
