"""Notifications: what happened that concerns a person, and the outbox that tells them of it.

A `Notification` is the in-app message; each external channel a person chose for its category
gets a `Delivery` row written in the same transaction (the outbox), which a worker sends later.
Texts are not stored: a notification keeps its kind and the few parameters its words need, and
is rendered when shown, in the reader's language.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.accounts import User


class Category(enum.StrEnum):
    """What a person chooses channels for. Later features add their own (conversations, ...)."""

    MY_INTERESTS = "my_interests"
    INVITATIONS = "invitations"
    SAVED_SEARCHES = "saved_searches"
    LISTINGS = "listings"
    MODERATION = "moderation"
    COUNSELLING = "counselling"  # a young person's counsellors, and a counsellor's young people


class Channel(enum.StrEnum):
    IN_APP = "in_app"  # always: every notification is in the app; the others come on top
    EMAIL = "email"
    SMS = "sms"


class Frequency(enum.StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"  # gathered into one summary a day


class NotificationKind(enum.StrEnum):
    # To a young person
    INTEREST_READ = "interest:read"
    INTEREST_INVITED = "interest:invited"  # to a talk or a trial day
    INTEREST_TRIAL_AGREED = "interest:trial_agreed"
    INTEREST_OFFERED = "interest:offered"
    INTEREST_HIRED = "interest:hired"
    INTEREST_DECLINED = "interest:declined"
    INTEREST_INVITED_BY_EMPLOYER = "interest:invited_by_employer"
    LISTING_CLOSED = "listing:closed"
    LISTING_CHANGED = "listing:changed"
    PROFILE_APPROVED = "profile:approved"
    PROFILE_CHANGES_REQUESTED = "profile:changes_requested"
    SAVED_SEARCH_NEW_LISTINGS = "saved_search:new_listings"
    SAVED_SEARCH_EXPIRING = "saved_search:expiring"
    MESSAGE_TO_YOUNG_PERSON = "message:to_young_person"
    MEETING_PROPOSED = "meeting:proposed"
    # To both sides
    MEETING_REMINDER = "meeting:reminder"
    INTEREST_CLOSED_UNANSWERED = "interest:closed_unanswered"
    INVITATION_REMINDER = "interest:invitation_reminder"
    # To every member of an organisation
    INTEREST_NEW = "interest:new"
    INTEREST_ACCEPTED = "interest:accepted"
    INTEREST_INVITATION_DECLINED = "interest:invitation_declined"
    INTEREST_WITHDRAWN = "interest:withdrawn"
    INTEREST_OFFER_ACCEPTED = "interest:offer_accepted"
    INTEREST_OFFER_DECLINED = "interest:offer_declined"
    LISTING_APPROVED = "listing:approved"
    LISTING_CHANGES_REQUESTED = "listing:changes_requested"
    LISTING_REJECTED = "listing:rejected"
    ORGANISATION_VERIFIED = "organisation:verified"
    ORGANISATION_COLLEAGUE_JOINED = "organisation:colleague_joined"
    LISTING_DEADLINE_NO_INTEREST = "listing:deadline_no_interest"
    MESSAGE_TO_EMPLOYER = "message:to_employer"
    MEETING_CHOSEN = "meeting:chosen"
    MEETING_ANOTHER_TIME = "meeting:another_time"
    INTEREST_ANSWER_REMINDER = "interest:answer_reminder"
    INTEREST_ANSWER_SECOND_REMINDER = "interest:answer_second_reminder"
    INTEREST_CLOSED_WITHOUT_ANSWER = "interest:closed_without_answer"
    INVITATION_EXPIRED = "interest:invitation_expired"
    # To the parties of a trial agreement
    AGREEMENT_TO_SIGN = "agreement:to_sign"
    AGREEMENT_CHANGED = "agreement:changed"
    AGREEMENT_SIGNED = "agreement:signed"
    AGREEMENT_CANCELLED = "agreement:cancelled"
    AGREEMENT_ENDED_EARLY = "agreement:ended_early"
    # Between a young person and a counsellor
    COUNSELLOR_REQUEST = "counsellor:request"  # to the young person
    COUNSELLOR_SUGGESTION = "counsellor:suggestion"  # to the young person
    COUNSELLOR_CONSENT_ENDING = "counsellor:consent_ending"  # to the young person
    COUNSELLOR_ADDED = "counsellor:added"  # to the counsellor
    COUNSELLOR_ACCEPTED = "counsellor:accepted"  # to the counsellor
    EVALUATION_ASKED = "evaluation:asked"
    EVALUATION_REMINDER = "evaluation:reminder"
    EVALUATION_EMPLOYER_WROTE = "evaluation:employer_wrote"  # to the young person
    # To the young person, 3 and 6 months after a trial
    FOLLOW_UP_QUESTION = "evaluation:follow_up"
    # To moderators
    AGREEMENT_NEEDS_CONTACT = "agreement:needs_contact"
    AGREEMENT_GUARDIAN_QUESTION = "agreement:guardian_question"
    MODERATION_DAILY_SUMMARY = "moderation:daily_summary"
    REPORT_URGENT = "report:urgent"


K = NotificationKind
C = Category

# Which category each kind belongs to: a person's settings are per category, not per kind.
CATEGORY_OF: dict[NotificationKind, Category] = {
    K.INTEREST_READ: C.MY_INTERESTS,
    K.INTEREST_INVITED: C.INVITATIONS,
    K.INTEREST_TRIAL_AGREED: C.MY_INTERESTS,
    K.INTEREST_OFFERED: C.MY_INTERESTS,
    K.INTEREST_HIRED: C.MY_INTERESTS,
    K.INTEREST_DECLINED: C.MY_INTERESTS,
    K.INTEREST_INVITED_BY_EMPLOYER: C.INVITATIONS,
    K.LISTING_CLOSED: C.MY_INTERESTS,
    K.LISTING_CHANGED: C.MY_INTERESTS,
    # For a young person "moderation" is what the moderators decided about their profile.
    K.PROFILE_APPROVED: C.MODERATION,
    K.PROFILE_CHANGES_REQUESTED: C.MODERATION,
    K.SAVED_SEARCH_NEW_LISTINGS: C.SAVED_SEARCHES,
    K.SAVED_SEARCH_EXPIRING: C.SAVED_SEARCHES,
    # A message is about an interest: told as its steps are, through the same settings.
    K.MESSAGE_TO_YOUNG_PERSON: C.MY_INTERESTS,
    K.MESSAGE_TO_EMPLOYER: C.MY_INTERESTS,
    K.INTEREST_NEW: C.MY_INTERESTS,
    K.INTEREST_ACCEPTED: C.INVITATIONS,
    K.INTEREST_INVITATION_DECLINED: C.INVITATIONS,
    K.INTEREST_WITHDRAWN: C.MY_INTERESTS,
    K.INTEREST_OFFER_ACCEPTED: C.MY_INTERESTS,
    K.INTEREST_OFFER_DECLINED: C.MY_INTERESTS,
    K.LISTING_APPROVED: C.LISTINGS,
    K.LISTING_CHANGES_REQUESTED: C.LISTINGS,
    K.LISTING_REJECTED: C.LISTINGS,
    K.ORGANISATION_VERIFIED: C.LISTINGS,
    K.ORGANISATION_COLLEAGUE_JOINED: C.LISTINGS,
    K.LISTING_DEADLINE_NO_INTEREST: C.LISTINGS,
    K.MEETING_PROPOSED: C.INVITATIONS,
    K.MEETING_REMINDER: C.INVITATIONS,
    K.MEETING_CHOSEN: C.INVITATIONS,
    K.MEETING_ANOTHER_TIME: C.INVITATIONS,
    K.INTEREST_CLOSED_UNANSWERED: C.MY_INTERESTS,
    K.INVITATION_REMINDER: C.INVITATIONS,
    K.INTEREST_ANSWER_REMINDER: C.MY_INTERESTS,
    K.INTEREST_ANSWER_SECOND_REMINDER: C.MY_INTERESTS,
    K.INTEREST_CLOSED_WITHOUT_ANSWER: C.MY_INTERESTS,
    K.INVITATION_EXPIRED: C.INVITATIONS,
    K.AGREEMENT_TO_SIGN: C.MY_INTERESTS,
    K.AGREEMENT_CHANGED: C.MY_INTERESTS,
    K.AGREEMENT_SIGNED: C.MY_INTERESTS,
    K.AGREEMENT_CANCELLED: C.MY_INTERESTS,
    K.AGREEMENT_ENDED_EARLY: C.MY_INTERESTS,
    K.EVALUATION_ASKED: C.MY_INTERESTS,
    K.EVALUATION_REMINDER: C.MY_INTERESTS,
    K.EVALUATION_EMPLOYER_WROTE: C.MY_INTERESTS,
    K.FOLLOW_UP_QUESTION: C.MY_INTERESTS,
    K.AGREEMENT_NEEDS_CONTACT: C.MODERATION,
    K.AGREEMENT_GUARDIAN_QUESTION: C.MODERATION,
    K.MODERATION_DAILY_SUMMARY: C.MODERATION,
    K.REPORT_URGENT: C.MODERATION,
    K.COUNSELLOR_REQUEST: C.COUNSELLING,
    K.COUNSELLOR_SUGGESTION: C.COUNSELLING,
    K.COUNSELLOR_CONSENT_ENDING: C.COUNSELLING,
    K.COUNSELLOR_ADDED: C.COUNSELLING,
    K.COUNSELLOR_ACCEPTED: C.COUNSELLING,
}


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # due at next_attempt_at
    HELD = "held"  # waiting for a daily summary or the end of quiet hours
    # A worker claimed it; next_attempt_at is when the claim lapses (the worker died mid-way).
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # the last attempt failed; retried at next_attempt_at
    GIVEN_UP = "given_up"  # failed for too long; last_error says why, admins see it


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_read", "user_id", "read_at", "created_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(string_enum(NotificationKind, length=64))
    category: Mapped[Category] = mapped_column(string_enum(Category))
    # The path inside Jobbes it leads to, e.g. "/me/interests/12".
    link: Mapped[str] = mapped_column(String(500))
    # Only what the words need (a listing's title, a date), never rendered text.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="notification", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind.value} to {self.user_id}>"


class Delivery(Base):
    """One notification to send on one external channel: the outbox row a worker picks up."""

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_status_due", "status", "next_attempt_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[Channel] = mapped_column(string_enum(Channel))
    # What a sender checks and records so that a retry never sends twice.
    key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[DeliveryStatus] = mapped_column(
        string_enum(DeliveryStatus), default=DeliveryStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    notification: Mapped[Notification] = relationship(back_populates="deliveries")

    @staticmethod
    def key_for(notification_id: int, channel: Channel) -> str:
        return f"{notification_id}:{channel.value}"


class NotificationPreference(Base):
    """A person's choice for one category; without a row the defaults in the service apply."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        UniqueConstraint("user_id", "category", name="uq_notification_preferences_user_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category: Mapped[Category] = mapped_column(string_enum(Category))
    channel: Mapped[Channel] = mapped_column(string_enum(Channel))
    frequency: Mapped[Frequency] = mapped_column(string_enum(Frequency))
