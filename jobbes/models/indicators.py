"""The programme's numbers, rolled up by month so that the indicators page reads a few hundred
rows instead of every interest (see `services.indicators`).

Nothing here names a person or an organisation: each row is a count of people, listings,
interests or organisations that share a month (or a quarter or year, for organisations), a
step, an age band, an area and a kind of listing; "*" stands for every band or area together.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, utcnow


class IndicatorCount(Base):
    """How many of one thing happened in one month, for one combination of the filters."""

    __tablename__ = "indicator_counts"
    __table_args__ = (
        # Every read names each of these exactly ("*" or "" for all), then a range of months.
        Index("ix_indicator_counts_lookup", "metric", "age_band", "area", "listing_type", "month"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date)  # the month's first day
    metric: Mapped[str] = mapped_column(String(32))
    # "" where the filter does not apply (or an age outside the programme's 15–30).
    age_band: Mapped[str] = mapped_column(String(8), default="")
    area: Mapped[str] = mapped_column(String(32), default="")
    # "" for "every kind of listing", which is not the sum of the kinds for people's firsts.
    listing_type: Mapped[str] = mapped_column(String(32), default="")
    sector: Mapped[str] = mapped_column(String(16), default="")
    bucket: Mapped[int] = mapped_column(Integer, default=0)  # e.g. days waited
    count: Mapped[int] = mapped_column(Integer)


class IndicatorRefresh(Base):
    """When the counts were last worked out, and how long that took."""

    __tablename__ = "indicator_refreshes"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The day the numbers were counted up to, in Kristiansand (trials "completed" before it).
    as_of: Mapped[date] = mapped_column(Date)
    milliseconds: Mapped[int] = mapped_column(Integer)
