"""Messages: the conversation between a young person and an organisation on one interest."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User


class Side(enum.StrEnum):
    """Which side of an interest wrote a message: the young person, or a member of the
    organisation whose listing it is (every member speaks for the organisation)."""

    YOUNG_PERSON = "young_person"
    EMPLOYER = "employer"


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_interest_id_id", "interest_id", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(ForeignKey("interests.id", ondelete="CASCADE"))
    # Emptied when the sender deletes their account (their words are erased with it).
    sender_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    side: Mapped[Side] = mapped_column(string_enum(Side))
    # None once erased with its sender's account: the other side sees "deleted".
    body: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # by the other side

    sender: Mapped[User | None] = relationship()


class ReportedMessage(Base):
    """A message a report about a conversation hands to the moderators: the one reported and the
    ones before it. Moderators read a conversation through these rows and in no other way."""

    __tablename__ = "reported_messages"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    reported: Mapped[bool] = mapped_column(Boolean, default=False)

    message: Mapped[Message] = relationship()
