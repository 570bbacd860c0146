"""Telling people what concerns them: the in-app inbox, the outbox for email and SMS, settings.

`notify` is called by the service that makes something happen, inside that transaction: the
notification and its deliveries are committed with the event or rolled back with it. Nothing is
sent here; a worker reads the `Delivery` rows.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session

from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    Notification,
    NotificationKind,
    NotificationPreference,
    Organisation,
    Role,
    User,
)
from jobbes.models.accounts import UNUSABLE_PASSWORD
from jobbes.models.notifications import CATEGORY_OF
from jobbes.services.errors import DomainError

PER_PAGE = 20
# Nobody pages that far back; a larger number from a URL would overflow the database's OFFSET.
MAX_PAGE = 10_000

# The categories each role has settings for, in the order the settings page shows them.
CATEGORIES_FOR_ROLE: dict[Role, tuple[Category, ...]] = {
    Role.YOUNG_PERSON: (
        Category.MY_INTERESTS,
        Category.INVITATIONS,
        Category.SAVED_SEARCHES,
        Category.MODERATION,
        Category.COUNSELLING,
    ),
    Role.EMPLOYER: (Category.MY_INTERESTS, Category.INVITATIONS, Category.LISTINGS),
    Role.MODERATOR: (Category.MODERATION,),
    Role.ADMIN: (Category.MODERATION,),
    Role.COUNSELLOR: (Category.COUNSELLING,),
}


@dataclass(frozen=True)
class Preference:
    category: Category
    channel: Channel
    frequency: Frequency


EMAIL_NOW = (Channel.EMAIL, Frequency.IMMEDIATE)
IN_APP = (Channel.IN_APP, Frequency.IMMEDIATE)

# What a person gets until they choose: answers and invitations reach young people and employers
# by email at once (they must not have to check back); moderators get one summary a day.
DEFAULTS: dict[Role, dict[Category, tuple[Channel, Frequency]]] = {
    Role.YOUNG_PERSON: {
        Category.MY_INTERESTS: EMAIL_NOW,
        Category.INVITATIONS: EMAIL_NOW,
        # The alert has its own rhythm (daily or weekly); when it runs, it should arrive.
        Category.SAVED_SEARCHES: EMAIL_NOW,
        # A profile that needs changes stays hidden until they act on it.
        Category.MODERATION: EMAIL_NOW,
        # A counsellor asking to follow them waits for their answer.
        Category.COUNSELLING: EMAIL_NOW,
    },
    Role.EMPLOYER: {
        Category.MY_INTERESTS: EMAIL_NOW,
        Category.INVITATIONS: EMAIL_NOW,
        Category.LISTINGS: EMAIL_NOW,
    },
    Role.MODERATOR: {Category.MODERATION: (Channel.EMAIL, Frequency.DAILY)},
    Role.ADMIN: {Category.MODERATION: (Channel.EMAIL, Frequency.DAILY)},
    Role.COUNSELLOR: {Category.COUNSELLING: EMAIL_NOW},
}


# Kinds that do not wait for a daily summary even when the person chose one.
ALWAYS_AT_ONCE = frozenset(
    {NotificationKind.REPORT_URGENT, NotificationKind.AGREEMENT_GUARDIAN_QUESTION}
)


class ChannelNotAllowed(DomainError):
    """SMS was chosen by someone without a confirmed mobile number."""


class CategoryNotForRole(DomainError):
    """The category has nothing this person could be told (an employer's saved searches)."""


def sms_allowed(user: User) -> bool:
    """Whether texts may be sent to this person: only once they confirmed a mobile number."""
    return user.phone is not None and user.phone.confirmed


def default_preference(user: User, category: Category) -> Preference:
    channel, frequency = DEFAULTS.get(user.role, {}).get(category, IN_APP)
    return Preference(category, channel, frequency)


def preferences_of(session: Session, user: User) -> dict[Category, Preference]:
    """This person's choice for every category of their role, the default where they made none."""
    chosen = {
        row.category: Preference(row.category, row.channel, row.frequency)
        for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    return {
        category: chosen.get(category) or default_preference(user, category)
        for category in CATEGORIES_FOR_ROLE.get(user.role, ())
    }


def preference_for(session: Session, user: User, category: Category) -> Preference:
    row = session.scalar(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user.id,
            NotificationPreference.category == category,
        )
    )
    if row is None:
        return default_preference(user, category)
    return Preference(category, row.channel, row.frequency)


def set_preference(
    session: Session, user: User, category: Category, channel: Channel, frequency: Frequency
) -> Preference:
    if category not in CATEGORIES_FOR_ROLE.get(user.role, ()):
        raise CategoryNotForRole(category.value)
    if channel is Channel.SMS and not sms_allowed(user):
        raise ChannelNotAllowed(channel.value)
    row = session.scalar(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user.id,
            NotificationPreference.category == category,
        )
    )
    if row is None:
        row = NotificationPreference(user_id=user.id, category=category)
        session.add(row)
    row.channel, row.frequency = channel, frequency
    session.flush()
    return Preference(category, channel, frequency)


def _external_channel(user: User, preference: Preference) -> Channel | None:
    channel = preference.channel
    if channel is Channel.SMS and not sms_allowed(user):
        # The number was removed or never confirmed: email rather than nothing.
        channel = Channel.EMAIL
    if channel is Channel.EMAIL and user.email_confirmed_at is None:
        # As accounts.may_receive_email: an address nobody confirmed gets no notifications.
        return None
    if channel is Channel.IN_APP:
        return None
    return channel


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def can_be_told(user: User | None) -> bool:
    """Suspended people and accounts being deleted are told nothing."""
    return user is not None and user.suspended_at is None


def notify(
    session: Session,
    recipient: User | None,
    kind: NotificationKind,
    *,
    link: str,
    params: Mapping[str, Any] | None = None,
    now: datetime,
) -> Notification | None:
    """Write a notification for one person, and a delivery for each channel they chose, in the
    caller's transaction. None when the person is gone or suspended."""
    if recipient is None or not can_be_told(recipient):
        return None
    category = CATEGORY_OF[kind]
    notification = Notification(
        user_id=recipient.id,
        kind=kind,
        category=category,
        link=link,
        params={key: _jsonable(value) for key, value in (params or {}).items()},
        created_at=now,
    )
    session.add(notification)
    preference = preference_for(session, recipient, category)
    channel = _external_channel(recipient, preference)
    if channel is not None:
        # The key needs the notification's id, which the insert gives.
        session.flush()
        immediate = preference.frequency is Frequency.IMMEDIATE or kind in ALWAYS_AT_ONCE
        session.add(
            Delivery(
                notification_id=notification.id,
                channel=channel,
                key=Delivery.key_for(notification.id, channel),
                status=DeliveryStatus.PENDING if immediate else DeliveryStatus.HELD,
                # Held rows wait for the daily summary, which decides when they go.
                next_attempt_at=now if immediate else None,
                created_at=now,
            )
        )
    session.flush()
    return notification


@dataclass(frozen=True)
class Note:
    """One notification for `notify_many`: what `notify` takes, for a person known by id."""

    user_id: int
    kind: NotificationKind
    link: str
    params: Mapping[str, Any]


BATCH = 500


def notify_many(session: Session, notes: Sequence[Note], *, now: datetime) -> int:
    """`notify` for many people at once (periodic jobs): a few statements per batch of people,
    however many there are. Returns how many notifications were written."""
    written = 0
    for start in range(0, len(notes), BATCH):
        batch = notes[start : start + BATCH]
        ids = {note.user_id for note in batch}
        users = {user.id: user for user in session.scalars(select(User).where(User.id.in_(ids)))}
        chosen = {
            (row.user_id, row.category): Preference(row.category, row.channel, row.frequency)
            for row in session.scalars(
                select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
            )
        }
        told = [note for note in batch if can_be_told(users.get(note.user_id))]
        if not told:
            continue
        # The channel depends only on the person and the kind, which the insert returns with
        # each id: rows need not come back in order (which would cost a statement per row).
        written_rows = session.execute(
            insert(Notification).returning(
                Notification.id, Notification.user_id, Notification.kind
            ),
            [
                {
                    "user_id": note.user_id,
                    "kind": note.kind,
                    "category": CATEGORY_OF[note.kind],
                    "link": note.link,
                    "params": {key: _jsonable(value) for key, value in note.params.items()},
                    "created_at": now,
                }
                for note in told
            ],
        ).all()
        deliveries = []
        for notification_id, user_id, kind in written_rows:
            user, category = users[user_id], CATEGORY_OF[kind]
            preference = chosen.get((user.id, category)) or default_preference(user, category)
            channel = _external_channel(user, preference)
            if channel is None:
                continue
            immediate = preference.frequency is Frequency.IMMEDIATE
            deliveries.append(
                {
                    "notification_id": notification_id,
                    "channel": channel,
                    "key": Delivery.key_for(notification_id, channel),
                    "status": DeliveryStatus.PENDING if immediate else DeliveryStatus.HELD,
                    "attempts": 0,
                    "next_attempt_at": now if immediate else None,
                    "created_at": now,
                }
            )
        if deliveries:
            session.execute(insert(Delivery), deliveries)
        written += len(told)
    return written


def members_of(session: Session, organisation: Organisation) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .where(
                User.organisation_id == organisation.id,
                User.role == Role.EMPLOYER,
                # A colleague invited but not yet joined has not agreed to hear from Jobbes.
                User.password_hash != UNUSABLE_PASSWORD,
            )
            .order_by(User.id)
        )
    )


def notify_organisation(
    session: Session,
    organisation: Organisation,
    kind: NotificationKind,
    *,
    link: str,
    params: Mapping[str, Any] | None = None,
    now: datetime,
    except_user: User | None = None,
) -> list[Notification]:
    """Tell every employer of the organisation, each through their own settings; not the one
    who caused it."""
    told = []
    for member in members_of(session, organisation):
        if except_user is not None and member.id == except_user.id:
            continue
        notification = notify(session, member, kind, link=link, params=params, now=now)
        if notification is not None:
            told.append(notification)
    return told


def unread_count(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )


@dataclass(frozen=True)
class InboxPage:
    notifications: list[Notification]
    page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _of_user(user: User) -> Select[Notification]:
    return select(Notification).where(Notification.user_id == user.id)


def inbox(session: Session, user: User, page: int = 1, *, per_page: int = PER_PAGE) -> InboxPage:
    """One page of a person's notifications, newest first."""
    page = max(1, min(page, MAX_PAGE))
    rows = list(
        session.scalars(
            _of_user(user)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page + 1)
        )
    )
    return InboxPage(rows[:per_page], page, has_next=len(rows) > per_page)


def all_of(session: Session, user: User) -> list[Notification]:
    """Every notification the person has, for the copy of their own data."""
    return list(session.scalars(_of_user(user).order_by(Notification.id)))


def mark_read(
    session: Session, user: User, notification_id: int, *, now: datetime
) -> Notification | None:
    """Mark one of this person's notifications read; None if it is not theirs (or not there)."""
    notification = session.scalar(_of_user(user).where(Notification.id == notification_id))
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = now
        session.flush()
    return notification


def mark_all_read(session: Session, user: User, *, now: datetime) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
