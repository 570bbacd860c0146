"""What happens after a trial: each side's evaluation, and the young person's answers 3 and 6
months later about what they are doing now."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.agreements import Agreement


class Attendance(enum.StrEnum):
    COMPLETED = "completed"
    PARTLY = "partly"  # with the number of days missed
    NO_SHOW = "no_show"


class Outcome(enum.StrEnum):
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"
    SUMMER_JOB = "summer_job"
    ANOTHER_TRIAL = "another_trial"
    NO_OFFER = "no_offer"


# The outcomes that are an offer: the interest moves to "offered", the young person answers.
OFFERS = frozenset({Outcome.JOB, Outcome.APPRENTICESHIP, Outcome.SUMMER_JOB})


class ContractKind(enum.StrEnum):
    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    PART_TIME = "part_time"
    CASUAL = "casual"  # ekstrahjelp, called in when needed
    APPRENTICESHIP = "apprenticeship"


class NowDoing(enum.StrEnum):
    WORK = "work"
    APPRENTICESHIP = "apprenticeship"
    SCHOOL = "school"
    LOOKING = "looking"
    OTHER = "other"


class Evaluation(Base):
    """Both sides' evaluation of one agreement's trial. Made when the two are asked; each part
    is written once (a compare-and-set on `version`)."""

    __tablename__ = "agreement_evaluations"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # 0, 1 (after 2 days) or 2 (after 5 days): the scheduler's marker, so nothing goes twice.
    reminders_sent: Mapped[int] = mapped_column(SmallInteger, default=0)

    # The employer's part: any member of the organisation writes it.
    employer_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    employer_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    attendance: Mapped[Attendance | None] = mapped_column(string_enum(Attendance))
    days_missed: Mapped[int | None] = mapped_column(SmallInteger)
    went_well: Mapped[str | None] = mapped_column(Text)
    to_work_on: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[Outcome | None] = mapped_column(string_enum(Outcome))
    offer_start: Mapped[date | None] = mapped_column(Date)
    offer_contract: Mapped[ContractKind | None] = mapped_column(string_enum(ContractKind))

    # The young person's part.
    young_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    how_it_was: Mapped[str | None] = mapped_column(Text)
    # Whether they agree with the employer's words: asked once those are in. Only agreed words
    # go on the certificate.
    agrees: Mapped[bool | None] = mapped_column()
    young_comment: Mapped[str | None] = mapped_column(Text)

    agreement: Mapped[Agreement] = relationship()

    @property
    def employer_done(self) -> bool:
        return self.employer_at is not None

    @property
    def young_done(self) -> bool:
        return self.young_at is not None


class FollowUp(Base):
    """One question to the young person, 3 or 6 months after a trial: what are you doing now."""

    __tablename__ = "agreement_follow_ups"
    __table_args__ = (
        UniqueConstraint("agreement_id", "months", name="uq_agreement_follow_ups_agreement_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    months: Mapped[int] = mapped_column(SmallInteger)  # 3 or 6
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answer: Mapped[NowDoing | None] = mapped_column(string_enum(NowDoing))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    agreement: Mapped[Agreement] = relationship()
