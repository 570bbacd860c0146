"""The outbox's life without a worker: claims, retries with backoff, giving up, the sweep,
daily summaries taken once, unsubscribing, and the notices the scheduler writes."""

from datetime import timedelta

from sqlalchemy import select

from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    Notification,
    NotificationKind,
    ReportReason,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import delivery, notifications, reports, scheduled
from tests import factories

K = NotificationKind
S = DeliveryStatus


def told(db_session, user, kind=K.INTEREST_OFFERED, now=None):
    note = notifications.notify(
        db_session, user, kind, link="/me/interests", params={"listing": "X"}, now=now or utcnow()
    )
    db_session.flush()
    return note


def delivery_of(db_session, note):
    return db_session.scalars(select(Delivery).where(Delivery.notification_id == note.id)).one()


def test_a_delivery_is_claimed_once(db_session):
    now = utcnow()
    row = delivery_of(db_session, told(db_session, factories.young_person(db_session), now=now))
    first = delivery.claim(db_session, row.id, now=now)
    assert first is not None
    assert first.status is S.SENDING
    assert first.attempts == 1
    assert delivery.claim(db_session, row.id, now=now) is None
    assert delivery.mark_sent(db_session, first, now=now)
    assert not delivery.mark_sent(db_session, first, now=now)
    assert delivery.claim(db_session, row.id, now=now + timedelta(hours=1)) is None


def test_failures_wait_longer_each_time_then_give_up_after_a_day(db_session):
    start = utcnow()
    row = delivery_of(db_session, told(db_session, factories.young_person(db_session), now=start))
    waits = []
    now = start
    while True:
        claimed = delivery.claim(db_session, row.id, now=now)
        assert claimed is not None
        status = delivery.mark_failed(db_session, claimed, "SMTPServerDisconnected", now=now)
        db_session.refresh(row)
        if status is S.GIVEN_UP:
            break
        assert delivery.claim(db_session, row.id, now=now) is None, "not before its wait is over"
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(waits) == timedelta(hours=2)
    assert now - start >= timedelta(days=1)
    assert row.status is S.GIVEN_UP
    assert row.last_error == "SMTPServerDisconnected"
    assert row.next_attempt_at is None
    assert row in delivery.given_up_page(db_session)


def test_the_sweep_finds_lost_enqueues_failed_rows_and_dead_workers(db_session):
    now = utcnow()
    young = factories.young_person(db_session)
    fresh, lost, failed, dead = (
        delivery_of(db_session, told(db_session, young, now=now)) for _ in range(4)
    )
    claimed = delivery.claim(db_session, failed.id, now=now)
    delivery.mark_failed(db_session, claimed, "down", now=now)
    delivery.claim(db_session, dead.id, now=now)  # and the worker died
    later = now + timedelta(minutes=6)
    fresh.next_attempt_at = later
    db_session.flush()
    due = delivery.due(db_session, now=later)
    assert set(due) == {lost.id, failed.id, dead.id}
    db_session.refresh(dead)
    assert dead.status is S.FAILED
    assert "stopped" in dead.last_error
    assert delivery.claim(db_session, dead.id, now=later) is not None


def test_oldest_undelivered_age(db_session):
    now = utcnow()
    assert delivery.oldest_undelivered_age(db_session, now=now) is None
    row = delivery_of(db_session, told(db_session, factories.young_person(db_session), now=now))
    assert delivery.oldest_undelivered_age(db_session, now=now + timedelta(seconds=90)) >= 90
    claimed = delivery.claim(db_session, row.id, now=now)
    delivery.mark_sent(db_session, claimed, now=now)
    age = delivery.oldest_undelivered_age(db_session, now=now + timedelta(seconds=90))
    assert age is None or age < 90


def test_a_daily_summary_takes_a_persons_held_rows_once(db_session):
    now = utcnow()
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.MY_INTERESTS, Channel.EMAIL, Frequency.DAILY
    )
    rows = [delivery_of(db_session, told(db_session, young, now=now)) for _ in range(3)]
    assert {row.status for row in rows} == {S.HELD}
    assert young.id in delivery.people_with_held(db_session, Channel.EMAIL)
    summary = delivery.claim_summary(db_session, young.id, Channel.EMAIL, now=now)
    assert summary is not None
    assert len(summary.deliveries) == 3
    assert delivery.claim_summary(db_session, young.id, Channel.EMAIL, now=now) is None
    assert delivery.finish_summary(db_session, summary, now=now) == 3
    assert delivery.finish_summary(db_session, summary, now=now) == 0
    for row in rows:
        db_session.refresh(row)
        assert row.status is S.SENT
    assert young.id not in delivery.people_with_held(db_session, Channel.EMAIL)


def test_a_failed_summary_is_held_again(db_session):
    now = utcnow()
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.MY_INTERESTS, Channel.EMAIL, Frequency.DAILY
    )
    row = delivery_of(db_session, told(db_session, young, now=now))
    summary = delivery.claim_summary(db_session, young.id, Channel.EMAIL, now=now)
    delivery.finish_summary(db_session, summary, now=now, error="down")
    db_session.refresh(row)
    assert row.status is S.HELD
    assert row.last_error == "down"
    summary = delivery.claim_summary(db_session, young.id, Channel.EMAIL, now=now)
    delivery.finish_summary(db_session, summary, now=now + timedelta(days=1), error="down")
    db_session.refresh(row)
    assert row.status is S.GIVEN_UP


def test_unsubscribing_turns_the_category_to_in_app_only_once(db_session):
    young = factories.young_person(db_session)
    assert (
        delivery.unsubscribe(db_session, young.id, Category.MY_INTERESTS)
        is delivery.Unsubscribed.NOW
    )
    assert (
        notifications.preference_for(db_session, young, Category.MY_INTERESTS).channel
        is Channel.IN_APP
    )
    again = delivery.unsubscribe(db_session, young.id, Category.MY_INTERESTS)
    assert again is delivery.Unsubscribed.ALREADY
    assert (
        delivery.unsubscribe(db_session, young.id, Category.LISTINGS)
        is delivery.Unsubscribed.UNKNOWN
    )
    assert (
        delivery.unsubscribe(db_session, 10**9, Category.MY_INTERESTS)
        is delivery.Unsubscribed.UNKNOWN
    )
    # and nothing goes by email for it any more
    assert not told(db_session, young).deliveries


def test_an_urgent_report_reaches_every_moderator_at_once(db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session)
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    report = reports.create_report(
        db_session,
        reporter=young,
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.SCAM,
        text=None,
        now=utcnow(),
    )
    note = db_session.scalars(
        select(Notification).where(
            Notification.user_id == moderator.id, Notification.kind == K.REPORT_URGENT
        )
    ).one()
    assert note.link == f"/moderation/reports/{report.id}"
    assert note.params == {}
    # Moderators chose a daily summary by default; urgent ones do not wait for it.
    assert delivery_of(db_session, note).status is S.PENDING


def test_a_report_that_is_not_urgent_waits_in_the_queue(db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session)
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    reports.create_report(
        db_session,
        reporter=young,
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.DISCRIMINATORY,
        text=None,
        now=utcnow(),
    )
    urgent = select(Notification).where(Notification.kind == K.REPORT_URGENT)
    assert db_session.scalars(urgent).all() == []


def test_a_deadline_with_no_interest_is_told_to_every_member_once(db_session):
    today = local_today()
    employer = factories.employer(db_session)
    quiet = factories.published_listing(db_session, employer, deadline=today + timedelta(days=3))
    wanted = factories.published_listing(db_session, employer, deadline=today + timedelta(days=3))
    factories.published_listing(db_session, employer, deadline=today + timedelta(days=10))
    factories.interest(db_session, factories.findable_young_person(db_session), wanted)
    assert scheduled.deadline_without_interest(db_session, today=today, now=utcnow()) == 1
    db_session.flush()
    assert scheduled.deadline_without_interest(db_session, today=today, now=utcnow()) == 0
    notes = db_session.scalars(
        select(Notification).where(Notification.kind == K.LISTING_DEADLINE_NO_INTEREST)
    ).all()
    assert [(n.user_id, n.link) for n in notes] == [(employer.id, f"/employer/listings/{quiet.id}")]


def test_the_moderation_summary_says_something_only_when_there_is_something(db_session):
    moderator = factories.staff(db_session)
    now = utcnow()
    assert scheduled.moderation_summary(db_session, now=now) == 0
    young = factories.young_person(db_session)
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    reports.create_report(
        db_session,
        reporter=young,
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.DISCRIMINATORY,
        text=None,
        now=now,
    )
    assert scheduled.moderation_summary(db_session, now=now) >= 1
    note = db_session.scalars(
        select(Notification).where(
            Notification.user_id == moderator.id, Notification.kind == K.MODERATION_DAILY_SUMMARY
        )
    ).one()
    assert note.params["reports"] == 1
    assert delivery_of(db_session, note).status is S.HELD
