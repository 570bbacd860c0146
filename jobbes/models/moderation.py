"""Review by moderators, shared by everything that must be checked before others see it, and the
audit log of what staff did."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow


class ReviewStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RejectionReason(enum.StrEnum):
    NOT_A_REAL_JOB = "not_a_real_job"
    ASKS_FOR_PAYMENT = "asks_for_payment"
    DISCRIMINATORY = "discriminatory"
    UNSAFE_FOR_MINORS = "unsafe_for_minors"
    DUPLICATE = "duplicate"
    OTHER = "other"


class Reviewed:
    """Columns of a version that goes through review: who decided what, when, and why.

    A reviewed version is frozen once submitted; an author who wants to change it makes a new one.
    """

    review_status: Mapped[ReviewStatus] = mapped_column(
        string_enum(ReviewStatus), default=ReviewStatus.DRAFT, index=True
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_comment: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[RejectionReason | None] = mapped_column(string_enum(RejectionReason))

    @declared_attr
    def decided_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class AuditEvent(Base):
    """One staff action or decision. Append-only; refers to people by internal id only."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_subject", "subject_type", "subject_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # No foreign key: the entry outlives the account it names, and keeps only the number.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)  # a `resource:action` tag
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str | None] = mapped_column(Text)


class ReportReason(enum.StrEnum):
    SCAM = "scam"
    DISCRIMINATORY = "discriminatory"
    INAPPROPRIATE = "inappropriate"
    OTHER = "other"


class ReportStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class Report(Base):
    """Someone's warning that a listing or a profile is wrong, for a moderator to look into."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_subject", "subject_type", "subject_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject_type: Mapped[str] = mapped_column(String(32))  # "listing" or "profile"
    subject_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[ReportReason] = mapped_column(string_enum(ReportReason))
    text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        string_enum(ReportStatus), default=ReportStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution_note: Mapped[str | None] = mapped_column(Text)
