"""Employers: the organisations that post listings."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow
from jobbes.models.moderation import Reviewed
from jobbes.vocabulary import Sector

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.listings import Listing


class OrganisationStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Organisation(Base):
    __tablename__ = "organisations"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The 9-digit organisasjonsnummer from Enhetsregisteret, digits only.
    org_number: Mapped[str] = mapped_column(String(9), unique=True)
    status: Mapped[OrganisationStatus] = mapped_column(
        string_enum(OrganisationStatus), default=OrganisationStatus.PENDING, index=True
    )
    sector: Mapped[Sector | None] = mapped_column(string_enum(Sector))
    address: Mapped[str | None] = mapped_column(String(200))
    area: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(200))
    # Why a moderator rejected or suspended it, shown to its employers.
    status_reason: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True)
    )

    members: Mapped[list[User]] = relationship(
        back_populates="organisation", foreign_keys="User.organisation_id"
    )
    listings: Mapped[list[Listing]] = relationship(back_populates="organisation")

    details_versions: Mapped[list[OrganisationDetails]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="OrganisationDetails.id",
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.org_number}>"


# What the public sees of an organisation, and so what a change to it must be reviewed for.
PUBLIC_DETAILS = ("name", "sector", "address", "area", "description", "website")


class OrganisationDetails(Reviewed, Base):
    """A change an employer made to what the public sees of a verified organisation, waiting for a
    moderator; the organisation's own columns keep the approved details until it is approved.

    Frozen once submitted, like a listing version: a further change replaces it with a new one.
    """

    __tablename__ = "organisation_details"
    # Its id is in moderators' URLs and the audit log: never given to a second row.
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[Sector | None] = mapped_column(string_enum(Sector))
    address: Mapped[str | None] = mapped_column(String(200))
    area: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(200))

    organisation: Mapped[Organisation] = relationship(back_populates="details_versions")

    def __repr__(self) -> str:
        return f"<OrganisationDetails {self.id} of {self.organisation_id}>"


class RegisterCheck(Base):
    """What Brønnøysundregistrene said about an organisation's number when it signed up, so that
    a moderator sees it beside what the employer typed (status "unavailable": not looked up)."""

    __tablename__ = "register_checks"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    # found, bankrupt, winding_up, deleted, not_found or unavailable
    status: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(200))
    trade: Mapped[str | None] = mapped_column(String(200))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
