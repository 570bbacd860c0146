"""Interests: a young person saying "I want this" about a listing, and every step after."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.listings import Listing
    from jobbes.models.meetings import Meeting
    from jobbes.models.profiles import Profile


class InterestStatus(enum.StrEnum):
    INVITED = "invited"  # the employer asked the young person to apply
    INVITATION_DECLINED = "invitation_declined"
    SENT = "sent"
    SEEN = "seen"
    TALK = "talk"  # invited to a talk or a trial day
    TRIAL_AGREED = "trial_agreed"
    OFFERED = "offered"  # waits for the young person's answer
    HIRED = "hired"  # the young person accepted the offer
    OFFER_DECLINED = "offer_declined"  # the young person said no to the offer
    DECLINED = "declined"  # by the employer, always with a kind message
    WITHDRAWN = "withdrawn"  # by the young person
    # Closed by itself: the employer did not answer within 14 working days (not a decline: the
    # employer decided nothing, and the young person may send interest again).
    UNANSWERED = "unanswered"
    # The young person did not answer an employer's invitation within 14 days.
    INVITATION_EXPIRED = "invitation_expired"


# The young person ended it (or let an invitation lapse), so the employer no longer sees what
# they shared.
PULLED_BACK = frozenset(
    {
        InterestStatus.WITHDRAWN,
        InterestStatus.INVITATION_DECLINED,
        InterestStatus.INVITATION_EXPIRED,
    }
)


class DeclineMessage(enum.StrEnum):
    """Kind messages written for young people; the employer chooses one and may add words."""

    FILLED = "filled"
    NOT_NOW = "not_now"
    OTHER_SKILLS = "other_skills"
    TIMING = "timing"


class Interest(Base):
    __tablename__ = "interests"
    __table_args__ = (
        UniqueConstraint("listing_id", "profile_id", name="uq_interests_listing_id"),
        Index("ix_interests_profile_status", "profile_id", "status"),
        Index("ix_interests_listing_status", "listing_id", "status"),
        # The no-ghosting job looks for interests waiting for an answer, oldest first.
        Index("ix_interests_status_sent_at", "status", "sent_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    # Emptied when the young person deletes their account; the employer sees that they left.
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="SET NULL")
    )
    status: Mapped[InterestStatus] = mapped_column(string_enum(InterestStatus))
    message: Mapped[str | None] = mapped_column(Text)  # the young person's own short message
    employer_message: Mapped[str | None] = mapped_column(Text)
    trial_start: Mapped[date | None] = mapped_column(Date)
    trial_end: Mapped[date | None] = mapped_column(Date)
    decline_message: Mapped[DeclineMessage | None] = mapped_column(string_enum(DeclineMessage))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the young person's interest reached the employer (sent, an invitation accepted, or
    # sent again after withdrawing): the employer's clock to answer starts here.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The employer's first answer since `sent_at` (a step or a message; reading is not one).
    employer_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How many reminders of the current wait were sent (the employer's 3 and 7 working days, or
    # the young person's 7 days for an invitation), so that a second run sends none again.
    reminders_sent: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")

    listing: Mapped[Listing] = relationship()
    profile: Mapped[Profile | None] = relationship(back_populates="interests")
    events: Mapped[list[InterestEvent]] = relationship(
        back_populates="interest", cascade="all, delete-orphan", order_by="InterestEvent.id"
    )
    # Times proposed to meet, oldest round first: the last is the one that counts now.
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="interest", cascade="all, delete-orphan", order_by="Meeting.round"
    )


class InterestEvent(Base):
    """One step on an interest's timeline, as the young person sees it."""

    __tablename__ = "interest_events"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(
        ForeignKey("interests.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[InterestStatus] = mapped_column(string_enum(InterestStatus))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str | None] = mapped_column(String(1000))

    interest: Mapped[Interest] = relationship(back_populates="events")
