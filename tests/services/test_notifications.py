"""The notification core: who is told, through which channels, the inbox and the settings."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    Notification,
    NotificationKind,
    Role,
)
from jobbes.models.base import utcnow
from jobbes.models.notifications import CATEGORY_OF
from jobbes.services import notifications
from tests import factories

K = NotificationKind


def deliveries(db_session, notification):
    return list(
        db_session.scalars(select(Delivery).where(Delivery.notification_id == notification.id))
    )


def test_every_kind_has_a_category():
    assert set(CATEGORY_OF) == set(NotificationKind)


def test_young_person_is_told_by_email_at_once_by_default(db_session):
    young = factories.young_person(db_session)
    now = utcnow()
    note = notifications.notify(
        db_session,
        young,
        K.INTEREST_OFFERED,
        link="/me/interests",
        params={"listing": "X"},
        now=now,
    )
    assert note.user_id == young.id
    assert note.category is Category.MY_INTERESTS
    assert note.read_at is None
    assert note.params == {"listing": "X"}
    [delivery] = deliveries(db_session, note)
    assert delivery.channel is Channel.EMAIL
    assert delivery.status is DeliveryStatus.PENDING
    assert delivery.next_attempt_at == now
    assert delivery.key == f"{note.id}:email"
    assert delivery.attempts == 0


def test_in_app_only_writes_no_delivery(db_session):
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.MY_INTERESTS, Channel.IN_APP, Frequency.IMMEDIATE
    )
    note = notifications.notify(db_session, young, K.INTEREST_READ, link="/me", now=utcnow())
    assert note is not None
    assert deliveries(db_session, note) == []


def test_a_daily_summary_holds_the_delivery(db_session):
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.INVITATIONS, Channel.EMAIL, Frequency.DAILY
    )
    note = notifications.notify(db_session, young, K.INTEREST_INVITED, link="/me", now=utcnow())
    [delivery] = deliveries(db_session, note)
    assert delivery.status is DeliveryStatus.HELD
    assert delivery.next_attempt_at is None


def test_moderators_get_a_daily_summary_by_default(db_session):
    moderator = factories.staff(db_session)
    assert notifications.preferences_of(db_session, moderator) == {
        Category.MODERATION: notifications.Preference(
            Category.MODERATION, Channel.EMAIL, Frequency.DAILY
        )
    }


def test_suspended_people_are_told_nothing(db_session):
    young = factories.young_person(db_session)
    young.suspended_at = utcnow()
    assert notifications.notify(db_session, young, K.INTEREST_READ, link="/", now=utcnow()) is None
    assert notifications.notify(db_session, None, K.INTEREST_READ, link="/", now=utcnow()) is None
    assert db_session.scalar(select(Notification).where(Notification.user_id == young.id)) is None


def test_every_member_is_told_with_their_own_settings_but_not_the_actor(db_session):
    first = factories.employer(db_session)
    organisation = first.organisation
    second = factories.employer(db_session)
    second.organisation = organisation
    third = factories.employer(db_session)
    third.organisation = organisation
    db_session.flush()
    notifications.set_preference(
        db_session, second, Category.LISTINGS, Channel.IN_APP, Frequency.IMMEDIATE
    )
    told = notifications.notify_organisation(
        db_session,
        organisation,
        K.LISTING_APPROVED,
        link="/employer",
        params={"listing": "Kokk"},
        now=utcnow(),
        except_user=third,
    )
    assert sorted(n.user_id for n in told) == sorted([first.id, second.id])
    by_user = {n.user_id: deliveries(db_session, n) for n in told}
    assert len(by_user[first.id]) == 1
    assert by_user[second.id] == []


def test_sms_cannot_be_chosen_without_a_confirmed_number(db_session):
    young = factories.young_person(db_session)
    with pytest.raises(notifications.ChannelNotAllowed):
        notifications.set_preference(
            db_session, young, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
        )


def test_a_category_outside_the_role_cannot_be_chosen(db_session):
    employer = factories.employer(db_session)
    with pytest.raises(notifications.CategoryNotForRole):
        notifications.set_preference(
            db_session, employer, Category.SAVED_SEARCHES, Channel.EMAIL, Frequency.DAILY
        )


def test_choosing_again_replaces_the_choice(db_session):
    young = factories.young_person(db_session)
    for frequency in (Frequency.DAILY, Frequency.IMMEDIATE):
        notifications.set_preference(
            db_session, young, Category.INVITATIONS, Channel.IN_APP, frequency
        )
    chosen = notifications.preferences_of(db_session, young)
    assert chosen[Category.INVITATIONS].frequency is Frequency.IMMEDIATE
    assert chosen[Category.INVITATIONS].channel is Channel.IN_APP
    assert chosen[Category.MY_INTERESTS].channel is Channel.EMAIL  # still the default
    assert set(chosen) == set(notifications.CATEGORIES_FOR_ROLE[Role.YOUNG_PERSON])


def test_inbox_newest_first_paged_and_marked_read(db_session):
    young = factories.young_person(db_session)
    other = factories.young_person(db_session)
    start = utcnow()
    for minute in range(25):
        notifications.notify(
            db_session, young, K.INTEREST_READ, link="/me", now=start + timedelta(minutes=minute)
        )
    foreign = notifications.notify(db_session, other, K.INTEREST_READ, link="/me", now=start)
    assert notifications.unread_count(db_session, young) == 25

    first = notifications.inbox(db_session, young, 1, per_page=20)
    assert len(first.notifications) == 20
    assert first.has_next
    assert not first.has_previous
    assert first.notifications[0].created_at == start + timedelta(minutes=24)
    second = notifications.inbox(db_session, young, 2, per_page=20)
    assert len(second.notifications) == 5
    assert not second.has_next

    assert notifications.mark_read(db_session, young, foreign.id, now=utcnow()) is None
    assert foreign.read_at is None
    read = notifications.mark_read(db_session, young, first.notifications[0].id, now=utcnow())
    assert read is not None
    assert read.read_at is not None
    assert notifications.unread_count(db_session, young) == 24

    assert notifications.mark_all_read(db_session, young, now=utcnow()) == 24
    assert notifications.unread_count(db_session, young) == 0
    assert notifications.unread_count(db_session, other) == 1


def test_deleting_a_person_deletes_their_notifications(db_session):
    young = factories.young_person(db_session)
    note = notifications.notify(db_session, young, K.INTEREST_OFFERED, link="/me", now=utcnow())
    note_id = note.id
    db_session.delete(young)
    db_session.flush()
    db_session.expunge_all()
    assert db_session.get(Notification, note_id) is None


def test_the_copy_of_ones_own_data_holds_notifications_and_settings(db_session):
    import json

    from jobbes.services import own_data

    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.INVITATIONS, Channel.IN_APP, Frequency.DAILY
    )
    notifications.notify(
        db_session, young, K.INTEREST_READ, link="/me", params={"listing": "Kokk"}, now=utcnow()
    )
    data = json.loads(own_data.as_json(own_data.export_data(db_session, young)))
    assert data["account"]["language"] == "nb"
    assert data["notification_settings"]["invitations"] == {
        "channel": "in_app",
        "frequency": "daily",
    }
    [note] = data["notifications"]
    assert note["kind"] == "interest:read"
    assert note["details"] == {"listing": "Kokk"}
    assert note["read_at"] is None


def test_a_page_number_far_too_large_is_an_empty_page(db_session):
    young = factories.young_person(db_session)
    page = notifications.inbox(db_session, young, 2**63)
    assert page.notifications == []
    assert not page.has_next


def test_an_address_nobody_confirmed_gets_no_email_but_the_app_still_shows_it(db_session):
    young = factories.young_person(db_session)
    young.email_confirmed_at = None
    note = notifications.notify(db_session, young, K.INTEREST_OFFERED, link="/me", now=utcnow())
    assert note is not None
    assert deliveries(db_session, note) == []
