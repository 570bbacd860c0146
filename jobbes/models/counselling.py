"""Counsellors (veiledere): who they work for, whom they follow with consent, and what they did.

A counsellor sees a young person only while the young person's consent is in force; every time
they open the young person's page it is written down for the young person to see.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.listings import Listing


class CounsellingOrganisation(Base):
    """Where counsellors work: Varodd/GameOn, NAV Kristiansand, the county's follow-up service,
    a school. Not an employer: it posts nothing and is not verified."""

    __tablename__ = "counselling_organisations"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Counsellor(Base):
    """The counsellor's side of a counsellor account: the organisation and the short code a young
    person types to add them."""

    __tablename__ = "counsellors"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("counselling_organisations.id", ondelete="RESTRICT"), index=True
    )
    code: Mapped[str] = mapped_column(String(16), unique=True)

    user: Mapped[User] = relationship()
    organisation: Mapped[CounsellingOrganisation] = relationship()


class ConsentStatus(enum.StrEnum):
    REQUESTED = "requested"  # the counsellor asked; the young person has not answered
    ACTIVE = "active"  # in force until `expires_at`
    DECLINED = "declined"  # the young person said no to the request
    ENDED = "ended"  # the young person ended it


class Consent(Base):
    """A young person's consent for one counsellor to follow them: one row per pair, reused."""

    __tablename__ = "counsellor_consents"
    __table_args__ = (
        UniqueConstraint("young_person_id", "counsellor_id", name="uq_counsellor_consents_pair"),
        Index("ix_counsellor_consents_counsellor_status", "counsellor_id", "status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    counsellor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[ConsentStatus] = mapped_column(string_enum(ConsentStatus))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When it came into force (or was renewed), and when it ends by itself.
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    young_person: Mapped[User] = relationship(foreign_keys=[young_person_id])
    counsellor: Mapped[User] = relationship(foreign_keys=[counsellor_id])

    def in_force(self, now: datetime) -> bool:
        """Consent lapses by itself: past `expires_at` it is over, with nothing to run."""
        return (
            self.status is ConsentStatus.ACTIVE
            and self.expires_at is not None
            and now < self.expires_at
        )


class CounsellorLook(Base):
    """A counsellor opened a young person's page. Names are copied, so the young person still
    sees who looked after the counsellor's account is gone."""

    __tablename__ = "counsellor_looks"
    __table_args__ = (
        Index("ix_counsellor_looks_young_person", "young_person_id", "looked_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    counsellor_name: Mapped[str] = mapped_column(String(100))
    organisation_name: Mapped[str] = mapped_column(String(200))
    looked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CounsellorSuggestion(Base):
    """ "Your counsellor suggests …": a listing, with a note, for the young person to look at."""

    __tablename__ = "counsellor_suggestions"
    __table_args__ = (
        Index("ix_counsellor_suggestions_young_person", "young_person_id", "created_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    counsellor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    counsellor_name: Mapped[str] = mapped_column(String(100))
    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    listing: Mapped[Listing] = relationship()


class CounsellorNote(Base):
    """A counsellor's private note about a young person: read by counsellors of the same
    organisation who follow them, never by employers; part of the young person's own data."""

    __tablename__ = "counsellor_notes"
    __table_args__ = (
        Index("ix_counsellor_notes_young_person", "young_person_id", "organisation_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("counselling_organisations.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[CounsellingOrganisation] = relationship()
