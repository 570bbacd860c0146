"""Trial agreements: what the young person, the employer and the programme (and, under 18, a
guardian) agree before a job trial starts, day by day, and who signed which version of it."""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow
from jobbes.vocabulary import TrialPay

if TYPE_CHECKING:
    from jobbes.models.accounts import User
    from jobbes.models.counselling import Consent
    from jobbes.models.interests import Interest
    from jobbes.models.organisations import Organisation


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    AWAITING_SIGNATURES = "awaiting_signatures"
    SIGNED = "signed"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"  # before it started, with a reason
    ENDED_EARLY = "ended_early"  # after it started, with a reason


class AgreementGoal(enum.StrEnum):
    JOB_HERE = "job_here"
    WORK_EXPERIENCE = "work_experience"
    TRY_TRADE = "try_trade"
    PRACTISE_NORWEGIAN = "practise_norwegian"
    TRADE_CERTIFICATE = "trade_certificate"
    OTHER = "other"


class PoliceCertificateHandling(enum.StrEnum):
    """How the police certificate a listing asks for is taken care of."""

    SHOWN_BEFORE_START = "shown_before_start"  # the young person shows it on or before day one
    ALREADY_SHOWN = "already_shown"
    NOT_NEEDED_FOR_TASKS = "not_needed_for_tasks"  # the trial's tasks stay clear of the groups


class SignatureRole(enum.StrEnum):
    YOUNG_PERSON = "young_person"
    EMPLOYER = "employer"
    PROGRAMME = "programme"
    GUARDIAN = "guardian"


class Agreement(Base):
    __tablename__ = "agreements"
    __table_args__ = (
        Index("ix_agreements_status_start", "status", "start_date"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(
        ForeignKey("interests.id", ondelete="CASCADE"), unique=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # Emptied when the young person deletes their account.
    young_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    programme_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[AgreementStatus] = mapped_column(
        string_enum(AgreementStatus), default=AgreementStatus.DRAFT
    )
    # Bumped by every change: a signature names the version it agreed to, and an edit made from
    # an older version loses to the one that changed it first.
    version: Mapped[int] = mapped_column(Integer, default=1)
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_role: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    place: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    tasks: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    goal_other: Mapped[str | None] = mapped_column(String(200))
    training: Mapped[str | None] = mapped_column(Text)
    safety_equipment: Mapped[str | None] = mapped_column(Text)
    pay: Mapped[TrialPay] = mapped_column(string_enum(TrialPay), default=TrialPay.UNPAID)
    pay_amount: Mapped[str | None] = mapped_column(String(100))
    police_certificate_needed: Mapped[bool] = mapped_column(default=False)
    police_certificate_handling: Mapped[PoliceCertificateHandling | None] = mapped_column(
        string_enum(PoliceCertificateHandling)
    )
    evaluation_date: Mapped[date | None] = mapped_column(Date)
    # The most hours a week the listing offers, copied when drafted: the schedule stays within.
    max_hours_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    guardian_name: Mapped[str | None] = mapped_column(String(100))
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    guardian_phone: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)  # why it was cancelled or ended early
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    interest: Mapped[Interest] = relationship()
    organisation: Mapped[Organisation] = relationship()
    young_person: Mapped[User | None] = relationship(foreign_keys=[young_person_id])
    programme_contact: Mapped[User | None] = relationship(foreign_keys=[programme_contact_id])
    # When the programme's contact is a counsellor: the young person's consent to them, which
    # must be in force for the counsellor to reach the agreement (`permissions`).
    contact_consent: Mapped[Consent | None] = relationship(
        primaryjoin="and_(foreign(Consent.young_person_id) == Agreement.young_person_id,"
        " foreign(Consent.counsellor_id) == Agreement.programme_contact_id)",
        viewonly=True,
        uselist=False,
    )
    days: Mapped[list[AgreementDay]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementDay.day"
    )
    signatures: Mapped[list[AgreementSignature]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementSignature.id"
    )
    events: Mapped[list[AgreementEvent]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementEvent.id"
    )

    def __repr__(self) -> str:
        return f"<Agreement {self.id} {self.status.value} v{self.version}>"


class AgreementDay(Base):
    """One day of the schedule: when work starts and ends, and the unpaid break in between."""

    __tablename__ = "agreement_days"
    __table_args__ = (
        UniqueConstraint("agreement_id", "day", name="uq_agreement_days_agreement_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    break_minutes: Mapped[int] = mapped_column(SmallInteger, default=0)

    agreement: Mapped[Agreement] = relationship(back_populates="days")

    @property
    def minutes(self) -> int:
        """Minutes of work, the break not counted."""
        span = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return span - self.break_minutes


class AgreementSignature(Base):
    """One party's "I agree" to one version; removed (and recorded) when the agreement changes."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (
        UniqueConstraint("agreement_id", "role", name="uq_agreement_signatures_agreement_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    role: Mapped[SignatureRole] = mapped_column(string_enum(SignatureRole))
    # The account that signed; None for a guardian, who has no account.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    typed_name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The programme's contact signing for someone who cannot, and why.
    on_behalf_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    on_behalf_reason: Mapped[str | None] = mapped_column(String(500))

    agreement: Mapped[Agreement] = relationship(back_populates="signatures")


class AgreementEvent(Base):
    """One thing that happened to an agreement: its history, which the parties can read."""

    __tablename__ = "agreement_events"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    # No foreign key: the history outlives the account it names.
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))  # an `agreement:...` tag
    version: Mapped[int] = mapped_column(Integer)
    # What changed (field names), or the reason, question or name that goes with the action.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="events")


class GuardianLink(Base):
    """A link sent to a guardian: only the token's hash is kept; it works once, until it expires,
    and only for the version it was sent for."""

    __tablename__ = "agreement_guardian_links"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    agreement: Mapped[Agreement] = relationship()
