"""Searches a young person saved, and which new listings each one has already told them of."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow


class AlertFrequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"  # on the weekday the search was saved (or last set to weekly)
    NONE = "none"  # kept only to open again


class SavedSearch(Base):
    __tablename__ = "saved_searches"
    __table_args__ = (
        Index("ix_saved_searches_due", "frequency", "alerts_until"),
        # An alert's link names the search by id: a deleted one's must not lead to another's.
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # The search as /listings reads it from its query string, in one canonical order, so that
    # identical searches by different people are evaluated once.
    query: Mapped[str] = mapped_column(String(1000))
    frequency: Mapped[AlertFrequency] = mapped_column(string_enum(AlertFrequency))
    weekday: Mapped[int] = mapped_column(SmallInteger)  # Monday 0, in Europe/Oslo
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Alerts stop after six months unless renewed; the person is warned once a week before.
    alerts_until: Mapped[datetime] = mapped_column(UTCDateTime())
    expiry_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Listings published after this were not yet considered by an alert.
    last_run_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the person last opened the search from their list: "new since last look".
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SavedSearchListing(Base):
    """A listing an alert for this search already told of: it is never sent again for it."""

    __tablename__ = "saved_search_listings"

    saved_search_id: Mapped[int] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True
    )
    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True, index=True
    )
