"""Notification texts: when one may go, folding several into one, and the short link it carries.

`deliver_sms` decides for one person's outstanding SMS deliveries: send now, hold (quiet hours,
or a text already went in the last 30 minutes) or give up. It is a pure decision over the rows
it is handed plus one call to the gateway; the caller commits.
"""

from __future__ import annotations

import enum
import secrets
import string
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Notification,
    SmsLink,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services.notifications import mark_read, sms_allowed
from jobbes.sms import SmsError, SmsGateway

QUIET_FROM = time(21)
QUIET_UNTIL = time(8)
WINDOW = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(days=1)
MAX_BACKOFF = timedelta(hours=1)
OUTSTANDING = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
# A daily summary may hand over its held rows too: they are folded into one text.
SENDABLE = (*OUTSTANDING, DeliveryStatus.HELD)
LINK_ALPHABET = string.ascii_letters + string.digits
LINK_LENGTH = 8  # 62**8: guessing one is hopeless, and it only opens for its owner anyway

# Writes the text for these notifications (one, or several folded) with the link's code.
Compose = Callable[[User, Sequence[Notification], str], str]


class Action(enum.StrEnum):
    SENT = "sent"
    HELD = "held"
    RETRY = "retry"
    GIVEN_UP = "given_up"
    TO_EMAIL = "to_email"
    NOTHING = "nothing"


@dataclass(frozen=True)
class SmsOutcome:
    action: Action
    count: int = 0
    until: datetime | None = None
    message_id: str | None = None
    error: str | None = None


def _at_local(day: datetime, at: time) -> datetime:
    return datetime.combine(day.date(), at, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


def quiet_hours_end(moment: datetime) -> datetime | None:
    """08:00 Oslo time if `moment` falls between 21:00 and 08:00 there, else None."""
    local = moment.astimezone(LOCAL_TIMEZONE)
    if local.time() >= QUIET_FROM:
        return _at_local(local + timedelta(days=1), QUIET_UNTIL)
    if local.time() < QUIET_UNTIL:
        return _at_local(local, QUIET_UNTIL)
    return None


def earliest_send(last_sms_at: datetime | None, now: datetime) -> datetime:
    """The first moment a text may go: 30 minutes after the last one, and not in quiet hours."""
    moment = now
    if last_sms_at is not None and last_sms_at + WINDOW > moment:
        moment = last_sms_at + WINDOW
    return quiet_hours_end(moment) or moment


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(0, attempts - 1)), MAX_BACKOFF)


def new_link_code() -> str:
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_LENGTH))


def _to_email(session: Session, waiting: list[Delivery], now: datetime) -> SmsOutcome:
    """The number was removed after the event: email rather than nothing, as `notify` does."""
    for delivery in waiting:
        delivery.channel = Channel.EMAIL
        delivery.key = Delivery.key_for(delivery.notification_id, Channel.EMAIL)
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = now
        delivery.last_error = "no confirmed mobile number: sent by email instead"
    session.flush()
    return SmsOutcome(Action.TO_EMAIL, len(waiting), error="no confirmed mobile number")


def deliver_sms(
    session: Session,
    user: User,
    deliveries: Sequence[Delivery],
    gateway: SmsGateway,
    now: datetime,
    *,
    compose: Compose,
) -> SmsOutcome:
    """Send, hold or give up this person's outstanding SMS deliveries, as one text."""
    waiting = [d for d in deliveries if d.channel is Channel.SMS and d.status in SENDABLE]
    if not waiting:
        return SmsOutcome(Action.NOTHING)
    phone = user.phone
    if phone is None or not sms_allowed(user) or phone.number is None:
        return _to_email(session, waiting, now)

    at = earliest_send(phone.last_sms_at, now)
    if at > now:
        for delivery in waiting:
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = at
        session.flush()
        return SmsOutcome(Action.HELD, len(waiting), until=at)

    waiting.sort(key=lambda d: (d.created_at, d.id))
    notes = [d.notification for d in waiting]
    link = SmsLink(
        code=new_link_code(),
        user_id=user.id,
        # One notification: the link leads to it. Several: to the inbox.
        notification_id=notes[0].id if len(notes) == 1 else None,
        created_at=now,
    )
    session.add(link)
    session.flush()
    text = compose(user, notes, link.code)
    reference = waiting[0].key if len(waiting) == 1 else f"sms:{link.code}"
    try:
        message_id = gateway.send(phone.number, text, reference=reference)
    except SmsError as error:
        session.delete(link)
        given_up = not error.retry
        for delivery in waiting:
            delivery.attempts += 1
            delivery.last_error = str(error)
            if given_up or now - delivery.created_at >= GIVE_UP_AFTER:
                delivery.status = DeliveryStatus.GIVEN_UP
                delivery.next_attempt_at = None
                given_up = True
            else:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = now + _backoff(delivery.attempts)
        session.flush()
        if given_up:
            return SmsOutcome(Action.GIVEN_UP, len(waiting), error=str(error))
        return SmsOutcome(
            Action.RETRY, len(waiting), until=waiting[0].next_attempt_at, error=str(error)
        )
    for delivery in waiting:
        delivery.attempts += 1
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = now
        delivery.next_attempt_at = None
        delivery.last_error = None
    link.provider_message_id = message_id[:64]
    phone.last_sms_at = now
    session.flush()
    return SmsOutcome(Action.SENT, len(waiting), message_id=message_id)


def due_sms(session: Session, now: datetime) -> dict[User, list[Delivery]]:
    """Everyone with an SMS due now, with all their outstanding SMS deliveries (to fold)."""
    outstanding = (
        select(Delivery)
        .join(Notification, Delivery.notification_id == Notification.id)
        .where(Delivery.channel == Channel.SMS, Delivery.status.in_(OUTSTANDING))
    )
    due_users = (
        outstanding.where(Delivery.next_attempt_at <= now)
        .with_only_columns(Notification.user_id)
        .distinct()
    )
    rows = session.scalars(
        outstanding.where(Notification.user_id.in_(due_users)).order_by(Delivery.id)
    )
    grouped: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in rows:
        grouped[delivery.notification.user_id].append(delivery)
    users = session.scalars(select(User).where(User.id.in_(grouped)))
    return {user: grouped[user.id] for user in users}


def send_due_sms(
    session: Session, gateway: SmsGateway, now: datetime, *, compose: Compose
) -> list[SmsOutcome]:
    """One round of the SMS channel, for a worker or a periodic job; the caller commits."""
    return [
        deliver_sms(session, user, deliveries, gateway, now, compose=compose)
        for user, deliveries in due_sms(session, now).items()
    ]


@dataclass(frozen=True)
class Opened:
    link: str | None  # where the notification leads; None: the inbox


def open_link(session: Session, user: User, code: str, *, now: datetime) -> Opened | None:
    """Follow a text's short link: only its owner may; their notification is then read."""
    link = session.scalar(select(SmsLink).where(SmsLink.code == code, SmsLink.user_id == user.id))
    if link is None:
        return None
    if link.notification_id is None:
        return Opened(None)
    notification = mark_read(session, user, link.notification_id, now=now)
    return Opened(notification.link if notification is not None else None)
