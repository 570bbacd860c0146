"""`notify_many`, the periodic jobs' way to tell many people: the same rules as `notify`."""

from __future__ import annotations

from sqlalchemy import select

from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    Notification,
    NotificationKind,
)
from jobbes.models.base import utcnow
from jobbes.services import notifications
from jobbes.services.notifications import Note, notify_many
from tests import factories

K = NotificationKind


def written_for(db_session, user):
    db_session.flush()
    return list(db_session.scalars(select(Notification).where(Notification.user_id == user.id)))


def delivery_of(db_session, notification):
    return db_session.scalars(
        select(Delivery).where(Delivery.notification_id == notification.id)
    ).all()


def test_each_person_is_told_through_the_channel_and_rhythm_they_chose(db_session):
    default, in_app, daily, suspended = (factories.young_person(db_session) for _ in range(4))
    notifications.set_preference(
        db_session, in_app, Category.SAVED_SEARCHES, Channel.IN_APP, Frequency.IMMEDIATE
    )
    notifications.set_preference(
        db_session, daily, Category.SAVED_SEARCHES, Channel.EMAIL, Frequency.DAILY
    )
    suspended.suspended_at = utcnow()
    now = utcnow()
    people = (default, in_app, daily, suspended)

    written = notify_many(
        db_session,
        [
            Note(p.id, K.SAVED_SEARCH_NEW_LISTINGS, "/listings/saved/1", {"count": 2})
            for p in people
        ],
        now=now,
    )

    assert written == 3
    [told] = written_for(db_session, default)
    assert (told.category, told.link, told.params) == (
        Category.SAVED_SEARCHES,
        "/listings/saved/1",
        {"count": 2},
    )
    [email] = delivery_of(db_session, told)
    assert (email.channel, email.status, email.next_attempt_at) == (
        Channel.EMAIL,
        DeliveryStatus.PENDING,
        now,
    )
    assert email.key == f"{told.id}:email"
    assert delivery_of(db_session, written_for(db_session, in_app)[0]) == []
    [held] = delivery_of(db_session, written_for(db_session, daily)[0])
    assert (held.status, held.next_attempt_at) == (DeliveryStatus.HELD, None)
    assert written_for(db_session, suspended) == []


def test_one_person_told_twice_gets_two_notifications_each_with_its_delivery(db_session):
    young = factories.young_person(db_session)
    notify_many(
        db_session,
        [
            Note(young.id, K.SAVED_SEARCH_NEW_LISTINGS, f"/listings/saved/{n}", {"count": n})
            for n in (1, 2)
        ],
        now=utcnow(),
    )
    told = written_for(db_session, young)
    assert sorted(n.params["count"] for n in told) == [1, 2]
    assert all(len(delivery_of(db_session, n)) == 1 for n in told)
