"""The outbox's life: claiming a delivery, recording that it went or failed, and what is due.

Every change of a delivery's status is a compare-and-set (an UPDATE whose WHERE names the status
it expects), so two workers, or a worker and the sweep, can never both send the same row.
Sending itself is not here: the worker (jobbes/tasks.py) calls a sender between `claim` and
`mark_sent`/`mark_failed`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Select, func, select, update
from sqlalchemy.orm import Session, joinedload

from jobbes.models import Category, Delivery, DeliveryStatus, Frequency, Notification, User
from jobbes.models.notifications import Channel
from jobbes.services import notifications

S = DeliveryStatus

# A claim lapses after this long: the sweep then hands the row to another worker.
LEASE = timedelta(minutes=5)
# Rows still pending this long after they were due were never picked up (a lost enqueue).
STALE_AFTER = timedelta(minutes=3)
GIVE_UP_AFTER = timedelta(days=1)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=2)
ERROR_MAX = 1000

CLAIMABLE = (S.PENDING, S.FAILED)
UNDELIVERED = (S.PENDING, S.FAILED, S.SENDING)


def _changed(session: Session, statement: Any) -> int:
    result = cast("CursorResult[Any]", session.execute(statement))
    return result.rowcount or 0


def backoff(attempts: int, first: timedelta = FIRST_RETRY) -> timedelta:
    """How long to wait after the `attempts`-th failure: 1, 2, 4 ... minutes, at most 2 hours."""
    wait: timedelta = first * 2 ** min(max(attempts - 1, 0), 10)
    return min(wait, LONGEST_RETRY)


def claim(session: Session, delivery_id: int, *, now: datetime) -> Delivery | None:
    """Take a pending or failed delivery for sending; None if it is not there, not due, or
    another worker has it."""
    taken = _changed(
        session,
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status.in_(CLAIMABLE),
            Delivery.next_attempt_at <= now,
        )
        .values(status=S.SENDING, attempts=Delivery.attempts + 1, next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False),
    )
    if not taken:
        return None
    return session.scalars(
        select(Delivery)
        .options(joinedload(Delivery.notification).joinedload(Notification.user))
        .where(Delivery.id == delivery_id)
        .execution_options(populate_existing=True)
    ).one()


def mark_sent(session: Session, delivery: Delivery, *, now: datetime) -> bool:
    return bool(
        _changed(
            session,
            update(Delivery)
            .where(Delivery.id == delivery.id, Delivery.status == S.SENDING)
            .values(status=S.SENT, sent_at=now, last_error=None)
            .execution_options(synchronize_session=False),
        )
    )


def mark_failed(
    session: Session,
    delivery: Delivery,
    error: str,
    *,
    now: datetime,
    first_retry: timedelta = FIRST_RETRY,
) -> S:
    """Record a failed attempt: retried later with a longer wait, or given up after a day.
    Returns the status the row now has."""
    given_up = now - delivery.created_at >= GIVE_UP_AFTER
    status = S.GIVEN_UP if given_up else S.FAILED
    _changed(
        session,
        update(Delivery)
        .where(Delivery.id == delivery.id, Delivery.status == S.SENDING)
        .values(
            status=status,
            last_error=error[:ERROR_MAX],
            next_attempt_at=None if given_up else now + backoff(delivery.attempts, first_retry),
        )
        .execution_options(synchronize_session=False),
    )
    return status


def due(session: Session, *, now: datetime, limit: int = 500) -> list[int]:
    """Deliveries the sweep should hand to a worker again: failed ones whose wait is over,
    pending ones nobody picked up, and claims whose worker died (their lease ran out)."""
    # A lapsed claim goes back to failed first, so that `claim` can take it again.
    _changed(
        session,
        update(Delivery)
        .where(Delivery.status == S.SENDING, Delivery.next_attempt_at <= now)
        .values(status=S.FAILED, last_error="The worker stopped while sending.")
        .execution_options(synchronize_session=False),
    )
    return list(
        session.scalars(
            select(Delivery.id)
            .where(
                Delivery.channel != Channel.IN_APP,
                (
                    (Delivery.status == S.FAILED) & (Delivery.next_attempt_at <= now)
                    | (Delivery.status == S.PENDING)
                    & (Delivery.next_attempt_at <= now - STALE_AFTER)
                ),
            )
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .limit(limit)
        )
    )


def oldest_undelivered_age(session: Session, *, now: datetime) -> float | None:
    """Seconds since the oldest delivery that should have gone was due; None when none waits."""
    oldest = session.scalar(
        select(func.min(Delivery.created_at)).where(Delivery.status.in_(UNDELIVERED))
    )
    return None if oldest is None else max((now - oldest).total_seconds(), 0.0)


def given_up() -> Select[Delivery]:
    """Deliveries that failed for a day, newest first, for the admins."""
    return (
        select(Delivery)
        .options(joinedload(Delivery.notification).joinedload(Notification.user))
        .where(Delivery.status == S.GIVEN_UP)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
    )


# --- Daily summaries ----------------------------------------------------------------------


# A summary row older than this missed its morning (the worker was down at 07:00).
MISSED_MORNING = timedelta(hours=25)


def people_with_held(
    session: Session, channel: Channel, *, held_before: datetime | None = None
) -> list[int]:
    """Who has deliveries waiting for their summary (only rows held since before
    `held_before`, if given)."""
    query = (
        select(Notification.user_id)
        .join(Delivery, Delivery.notification_id == Notification.id)
        .where(Delivery.status == S.HELD, Delivery.channel == channel)
        .distinct()
        .order_by(Notification.user_id)
    )
    if held_before is not None:
        query = query.where(Delivery.created_at < held_before)
    return list(session.scalars(query))


@dataclass(frozen=True)
class Summary:
    user: User
    deliveries: list[Delivery]

    @property
    def notifications(self) -> list[Notification]:
        return [delivery.notification for delivery in self.deliveries]


def claim_summary(
    session: Session, user_id: int, channel: Channel, *, now: datetime
) -> Summary | None:
    """Take every held delivery of one person for their summary, all or none; None when there
    is nothing (or another run took them first: then roll back)."""
    ids = list(
        session.scalars(
            select(Delivery.id)
            .join(Notification, Delivery.notification_id == Notification.id)
            .where(
                Notification.user_id == user_id,
                Delivery.status == S.HELD,
                Delivery.channel == channel,
            )
        )
    )
    if not ids:
        return None
    taken = _changed(
        session,
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.status == S.HELD)
        .values(status=S.SENDING, attempts=Delivery.attempts + 1, next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False),
    )
    if taken != len(ids):
        # Another run got some of them between our select and update: leave them all to it.
        # The caller rolls back, undoing the rows this update did take.
        return None
    rows = list(
        session.scalars(
            select(Delivery)
            .options(joinedload(Delivery.notification).joinedload(Notification.user))
            .where(Delivery.id.in_(ids))
            .order_by(Delivery.created_at, Delivery.id)
            .execution_options(populate_existing=True)
        ).unique()
    )
    return Summary(rows[0].notification.user, rows)


def finish_summary(
    session: Session, summary: Summary, *, now: datetime, error: str | None = None
) -> int:
    """Mark a summary's rows sent, or after a failure hold them again for the next try (given up
    after a day). Returns how many rows changed."""
    ids = [delivery.id for delivery in summary.deliveries]
    values: dict[str, Any]
    if error is None:
        values = {"status": S.SENT, "sent_at": now, "last_error": None}
    elif now - min(d.created_at for d in summary.deliveries) >= GIVE_UP_AFTER:
        values = {"status": S.GIVEN_UP, "last_error": error[:ERROR_MAX], "next_attempt_at": None}
    else:
        values = {"status": S.HELD, "last_error": error[:ERROR_MAX], "next_attempt_at": None}
    return _changed(
        session,
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.status == S.SENDING)
        .values(**values)
        .execution_options(synchronize_session=False),
    )


# --- Unsubscribing from an email's category --------------------------------------------------


class Unsubscribed(enum.StrEnum):
    NOW = "now"  # email for the category is off from now on
    ALREADY = "already"  # it was off already (the link was used before)
    UNKNOWN = "unknown"  # no such person (any more) or a category they have no say in


def unsubscribe(session: Session, user_id: int, category: Category) -> Unsubscribed:
    """Turn a category to in-app only for the person an email's unsubscribe link was made for."""
    user = session.get(User, user_id)
    if user is None or category not in notifications.CATEGORIES_FOR_ROLE.get(user.role, ()):
        return Unsubscribed.UNKNOWN
    if notifications.preference_for(session, user, category).channel is Channel.IN_APP:
        return Unsubscribed.ALREADY
    notifications.set_preference(session, user, category, Channel.IN_APP, Frequency.IMMEDIATE)
    return Unsubscribed.NOW


def given_up_page(session: Session, *, limit: int = 200) -> list[Delivery]:
    return list(session.scalars(given_up().limit(limit)).unique())
