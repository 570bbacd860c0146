"""A person's mobile number for text messages, and the short links the texts carry."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User


class PhoneNumber(Base):
    """At most one per person. The row outlives a removed number so that a lock still holds."""

    __tablename__ = "phone_numbers"
    # As main's NEVER_REUSE_IDS (h4): SQLite never hands a deleted row's id to a new one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # E.164, e.g. "+4741234567"; None once the person removed it.
    number: Mapped[str | None] = mapped_column(String(20))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The six-digit code is kept only as an Argon2 hash.
    code_hash: Mapped[str | None] = mapped_column(String(255))
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Codes sent in the hour that started at codes_window_at: sending is limited too.
    codes_sent: Mapped[int] = mapped_column(Integer, default=0)
    codes_window_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the last notification text went: at most one every 30 minutes.
    last_sms_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="phone")

    @property
    def confirmed(self) -> bool:
        return self.number is not None and self.confirmed_at is not None


class SmsLink(Base):
    """The short code in a text ("jobbes.no/v/Ab3x"): one per text sent, opened only by its
    owner after signing in. Without a notification it leads to the inbox (a folded text)."""

    __tablename__ = "sms_links"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE")
    )
    # What the gateway called the text, for matching its delivery reports.
    provider_message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
