"""The moderators' queues: what waits, oldest first, and how long it has waited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jobbes import workdays
from jobbes.models import (
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    ListingStatus,
    ListingVersion,
    Organisation,
    OrganisationStatus,
    ProfileSubmission,
    Report,
    ReportStatus,
    ReviewStatus,
    Role,
    User,
)
from jobbes.services import listings

QUEUES = ("organisations", "listings", "profiles", "reports")


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


def listings_waiting() -> Select[tuple[ListingVersion]]:
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


def profiles_waiting() -> Select[tuple[ProfileSubmission]]:
    return (
        select(ProfileSubmission)
        .where(ProfileSubmission.review_status == ReviewStatus.SUBMITTED)
        .order_by(ProfileSubmission.submitted_at, ProfileSubmission.id)
    )


def organisations_waiting() -> Select[tuple[Organisation]]:
    return (
        select(Organisation)
        .where(Organisation.status == OrganisationStatus.PENDING)
        .order_by(Organisation.created_at, Organisation.id)
    )


def reports_waiting() -> Select[tuple[Report]]:
    return (
        select(Report)
        .where(Report.status == ReportStatus.OPEN)
        .order_by(Report.created_at, Report.id)
    )


_SINCE = {
    "organisations": (organisations_waiting, Organisation.created_at),
    "listings": (listings_waiting, ListingVersion.submitted_at),
    "profiles": (profiles_waiting, ProfileSubmission.submitted_at),
    "reports": (reports_waiting, Report.created_at),
}


def summaries(session: Session, *, now: datetime) -> list[QueueSummary]:
    """For each queue: how many wait, and since when the oldest has waited (one query each)."""
    result = []
    for name in QUEUES:
        query, since = _SINCE[name]
        subquery = query().order_by(None).subquery()
        count, oldest = session.execute(select(func.count(), func.min(subquery.c[since.key]))).one()
        result.append(QueueSummary(name=name, waiting=count, oldest=oldest, now=now))
    return result


def live_listings() -> Select[tuple[Listing]]:
    """Published listings, for curation: featuring and taking down."""
    return (
        select(Listing)
        .where(Listing.status == ListingStatus.PUBLISHED)
        .order_by(Listing.featured.desc(), Listing.published_at.desc())
    )


REACHED_TRIAL = (
    InterestStatus.TRIAL_AGREED,
    InterestStatus.OFFERED,
    InterestStatus.HIRED,
    InterestStatus.OFFER_DECLINED,
)


def funnel(session: Session) -> dict[str, int]:
    """The programme's funnel: young people signed up, interests sent, trials agreed, hires.

    An interest counts as having reached a trial if it ever did, even if it moved on since.
    """

    def count(query: Select) -> int:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    return {
        "signed_up": count(select(User.id).where(User.role == Role.YOUNG_PERSON)),
        "interests": count(
            select(InterestEvent.interest_id)
            .where(InterestEvent.status == InterestStatus.SENT)
            .distinct()
        ),
        "trials": count(
            select(InterestEvent.interest_id)
            .where(InterestEvent.status == InterestStatus.TRIAL_AGREED)
            .distinct()
        ),
        "hired": count(select(Interest.id).where(Interest.status == InterestStatus.HIRED)),
    }
