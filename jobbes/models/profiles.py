"""A young person's profile: what replaces a CV on Jobbes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User

ADULT_AGE = 18


def age_on(birth_date: date, day: date) -> int:
    """Whole years between a birth date and a day (a 29 February birthday counts on 1 March)."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


class Profile(Base):
    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # The one sensitive fact Jobbes keeps; only the age it gives is ever shown to others.
    birth_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")

    def age(self, today: date) -> int:
        return age_on(self.birth_date, today)

    def is_minor(self, today: date) -> bool:
        """Under 18: Arbeidsmiljøloven chapter 11 limits the hours and kinds of work."""
        return self.age(today) < ADULT_AGE
