"""Times to meet: an employer proposes one to three times for a talk or a first trial day on an
interest, the young person picks one or asks for another, and both are reminded the day before.

Each proposal is one `Meeting` row, numbered by `round` within its interest; proposing again
replaces the one before (kept, as history) with the next round. The unique round per interest is
what lets only one of two colleagues proposing at the same moment win.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.interests import Interest


class MeetingKind(enum.StrEnum):
    TALK = "talk"
    TRIAL_DAY = "trial_day"  # the first day of a trial


class MeetingStatus(enum.StrEnum):
    PROPOSED = "proposed"  # waits for the young person
    CHOSEN = "chosen"
    ANOTHER_TIME = "another_time"  # the young person asked for another time
    REPLACED = "replaced"  # the employer proposed again


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("interest_id", "round", name="uq_meetings_interest_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(ForeignKey("interests.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[MeetingKind] = mapped_column(string_enum(MeetingKind))
    status: Mapped[MeetingStatus] = mapped_column(string_enum(MeetingStatus))
    place: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The young person's answer: which of the times (1-3), or a short note asking for another.
    chosen_position: Mapped[int | None] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(String(300))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set once the day-before reminder went out, so the job never sends it twice.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    interest: Mapped[Interest] = relationship(back_populates="meetings")
    # Who proposed it: while they are suspended the young person does not see it (as messages).
    proposed_by: Mapped[User | None] = relationship()
    slots: Mapped[list[MeetingSlot]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="MeetingSlot.position",
        lazy="selectin",
    )

    @property
    def chosen(self) -> MeetingSlot | None:
        if self.status is not MeetingStatus.CHOSEN:
            return None
        return next((s for s in self.slots if s.position == self.chosen_position), None)


class MeetingSlot(Base):
    """One proposed time, stored in UTC and shown on Oslo's clock."""

    __tablename__ = "meeting_slots"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position", name="uq_meeting_slots_meeting_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship(back_populates="slots")
