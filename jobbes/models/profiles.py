"""A young person's profile: what replaces a CV on Jobbes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow
from jobbes.models.moderation import Reviewed, ReviewStatus
from jobbes.vocabulary import Language, LanguageLevel, OccupationalField, Opportunity

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.interests import Interest

ADULT_AGE = 18
ABOUT_MAX_LENGTH = 300


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
    home_area: Mapped[str | None] = mapped_column(String(32), index=True)
    max_travel_minutes: Mapped[int | None] = mapped_column(SmallInteger)
    driving_licence: Mapped[bool] = mapped_column(Boolean, default=False)
    # Asked of under 18s only ("Går du på ungdomsskolen?"), for the working-hours rules; never
    # shown to anyone else. None until answered.
    in_compulsory_school: Mapped[bool | None] = mapped_column(Boolean)
    available_weekdays: Mapped[bool] = mapped_column(Boolean, default=False)
    available_evenings: Mapped[bool] = mapped_column(Boolean, default=False)
    available_weekends: Mapped[bool] = mapped_column(Boolean, default=False)
    available_from: Mapped[date | None] = mapped_column(Date)
    about: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    share_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # The young person's own choice; employers can find the profile once a moderator approved it.
    discoverable: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    approved_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("profile_submissions.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # When it first had everything employers need to find it (a step of the programme's funnel).
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="profile")
    opportunity_rows: Mapped[list[ProfileOpportunity]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    field_rows: Mapped[list[ProfileField]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    skill_rows: Mapped[list[ProfileSkill]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProfileSkill.position"
    )
    language_rows: Mapped[list[ProfileLanguage]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    submissions: Mapped[list[ProfileSubmission]] = relationship(
        back_populates="profile",
        cascade="all, delete-orphan",
        foreign_keys="ProfileSubmission.profile_id",
        order_by="ProfileSubmission.id",
    )
    approved_submission: Mapped[ProfileSubmission | None] = relationship(
        foreign_keys=[approved_submission_id], post_update=True
    )
    interests: Mapped[list[Interest]] = relationship(back_populates="profile")

    def age(self, today: date) -> int:
        return age_on(self.birth_date, today)

    def is_minor(self, today: date) -> bool:
        """Under 18: Arbeidsmiljøloven chapter 11 limits the hours and kinds of work."""
        return self.age(today) < ADULT_AGE

    @property
    def opportunities(self) -> set[Opportunity]:
        return {row.opportunity for row in self.opportunity_rows}

    @property
    def fields(self) -> set[OccupationalField]:
        return {row.field for row in self.field_rows}

    @property
    def skills(self) -> list[str]:
        return [row.skill for row in self.skill_rows]

    @property
    def languages(self) -> dict[Language, LanguageLevel]:
        return {row.language: LanguageLevel(row.level) for row in self.language_rows}

    @property
    def weekparts(self) -> dict[str, bool]:
        return {
            "weekdays": self.available_weekdays,
            "evenings": self.available_evenings,
            "weekends": self.available_weekends,
        }

    @property
    def pending_submission(self) -> ProfileSubmission | None:
        pending = [s for s in self.submissions if s.review_status is ReviewStatus.SUBMITTED]
        return pending[-1] if pending else None


class ProfileOpportunity(Base):
    __tablename__ = "profile_opportunities"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    opportunity: Mapped[Opportunity] = mapped_column(
        string_enum(Opportunity), primary_key=True, index=True
    )


class ProfileField(Base):
    __tablename__ = "profile_fields"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[OccupationalField] = mapped_column(
        string_enum(OccupationalField), primary_key=True, index=True
    )


class ProfileSkill(Base):
    __tablename__ = "profile_skills"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    # A suggestion's code (translated when shown) or the young person's own words.
    skill: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)


class ProfileLanguage(Base):
    __tablename__ = "profile_languages"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[Language] = mapped_column(string_enum(Language), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger)


class ProfileSubmission(Reviewed, Base):
    """The young person's own words, as sent to a moderator before employers may search them."""

    __tablename__ = "profile_submissions"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), index=True
    )
    # {"name": ..., "about": ..., "skills": [...]}: the free text a person could misuse.
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    profile: Mapped[Profile] = relationship(back_populates="submissions", foreign_keys=[profile_id])

    @property
    def subject_id(self) -> int:
        return self.profile_id
