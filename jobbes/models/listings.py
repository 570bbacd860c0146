"""Listings: what an employer posts. A listing keeps every version of its text; the public only
ever sees the version a moderator approved."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow
from jobbes.models.moderation import Reviewed, ReviewStatus
from jobbes.vocabulary import (
    LanguageNeed,
    ListingType,
    OccupationalField,
    PoliceCertificateBasis,
    TrialPay,
)

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.organisations import Organisation


class ListingStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    PUBLISHED = "published"
    CLOSED = "closed"
    EXPIRED = "expired"
    UNPUBLISHED = "unpublished"


# Review outcomes that send the author a message: what to change, or why not.
_NOT_APPROVED = frozenset({ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED})


class Listing(Base):
    __tablename__ = "listings"
    __table_args__ = (
        Index("ix_listings_status_field", "status", "field", "listing_type", "deadline"),
        Index("ix_listings_status_area", "status", "area", "deadline"),
        Index("ix_listings_status_type", "status", "listing_type", "deadline"),
        Index("ix_listings_status_published", "status", "featured", "published_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[ListingStatus] = mapped_column(
        string_enum(ListingStatus), default=ListingStatus.DRAFT
    )
    # The approved text the public sees, and the newest text (a draft, in review, or the same).
    published_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("listing_versions.id", ondelete="SET NULL", use_alter=True)
    )
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("listing_versions.id", ondelete="SET NULL", use_alter=True)
    )
    # Facets of the published version, copied here when a version is approved so that search
    # and recommendations filter one indexed table; the text stays on the version.
    deadline: Mapped[date | None] = mapped_column(Date)
    listing_type: Mapped[ListingType | None] = mapped_column(string_enum(ListingType))
    field: Mapped[OccupationalField | None] = mapped_column(string_enum(OccupationalField))
    area: Mapped[str | None] = mapped_column(String(32))
    minimum_age: Mapped[int | None] = mapped_column(SmallInteger)
    no_experience_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    language_need: Mapped[LanguageNeed | None] = mapped_column(string_enum(LanguageNeed))
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unpublished_reason: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(back_populates="listings")
    # Whose listing it is: while that person is suspended, the public does not see it.
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    versions: Mapped[list[ListingVersion]] = relationship(
        back_populates="listing",
        cascade="all, delete-orphan",
        foreign_keys="ListingVersion.listing_id",
        order_by="ListingVersion.number",
    )
    published_version: Mapped[ListingVersion | None] = relationship(
        foreign_keys=[published_version_id], post_update=True
    )
    current_version: Mapped[ListingVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )

    @property
    def moderator_feedback(self) -> ListingVersion | None:
        """The version whose review comment and reason the employer should still see: the one
        a moderator last decided on, if they asked for changes or rejected it.

        A later draft carries no comment of its own, so reading only the current version would
        lose the moderator's words at the employer's first save; a new decision replaces them.
        """
        for version in reversed(self.versions):
            if version.decided_at is not None:
                if version.review_status in _NOT_APPROVED:
                    return version
                return None
        return None

    def __repr__(self) -> str:
        return f"<Listing {self.id} {self.status.value}>"


# Ends with the page order's tie-break (the newest first among equal deadlines), so that a page
# by deadline is read off the index: a thousand listings can share a date.
Index("ix_listings_status_deadline", Listing.status, Listing.deadline, Listing.id.desc())


class ListingVersion(Reviewed, Base):
    """One version of a listing's text. Frozen once submitted; a later change is a new version."""

    __tablename__ = "listing_versions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(SmallInteger, default=1)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    listing_type: Mapped[ListingType] = mapped_column(string_enum(ListingType))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    learning: Mapped[str | None] = mapped_column(Text)
    support_contact_person: Mapped[bool] = mapped_column(Boolean, default=False)
    support_adapted_tasks: Mapped[bool] = mapped_column(Boolean, default=False)
    support_follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_person_name: Mapped[str | None] = mapped_column(String(100))
    field: Mapped[OccupationalField] = mapped_column(string_enum(OccupationalField))
    no_experience_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    requirements: Mapped[str | None] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    duration: Mapped[str | None] = mapped_column(String(100))
    hours_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    schedule: Mapped[str | None] = mapped_column(String(200))
    trial_pay: Mapped[TrialPay | None] = mapped_column(string_enum(TrialPay))
    pay: Mapped[str | None] = mapped_column(String(200))
    places: Mapped[int] = mapped_column(SmallInteger, default=1)
    minimum_age: Mapped[int] = mapped_column(SmallInteger, default=16)
    police_certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    police_certificate_basis: Mapped[PoliceCertificateBasis | None] = mapped_column(
        string_enum(PoliceCertificateBasis)
    )
    language_need: Mapped[LanguageNeed] = mapped_column(
        string_enum(LanguageNeed), default=LanguageNeed.BASIC_NORWEGIAN
    )
    deadline: Mapped[date] = mapped_column(Date)

    listing: Mapped[Listing] = relationship(back_populates="versions", foreign_keys=[listing_id])

    @property
    def subject_id(self) -> int:
        return self.listing_id


# The fields of a version an employer writes: copied to a new version, and compared in reviews.
CONTENT_FIELDS = (
    "listing_type",
    "title",
    "description",
    "learning",
    "support_contact_person",
    "support_adapted_tasks",
    "support_follow_up",
    "contact_person_name",
    "field",
    "no_experience_needed",
    "requirements",
    "area",
    "address",
    "start_date",
    "end_date",
    "duration",
    "hours_per_week",
    "schedule",
    "trial_pay",
    "pay",
    "places",
    "minimum_age",
    "police_certificate",
    "police_certificate_basis",
    "language_need",
    "deadline",
)
