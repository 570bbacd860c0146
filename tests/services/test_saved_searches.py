"""Saved searches and their alerts, in frozen time: when they run, what they tell, when they end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
import time_machine
from sqlalchemy import event, select

from jobbes.models import (
    AlertFrequency,
    Delivery,
    Notification,
    NotificationKind,
    SavedSearchListing,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE, utcnow
from jobbes.services import own_data, saved_searches
from jobbes.vocabulary import OccupationalField
from tests import factories

K = NotificationKind
# A Monday in Kristiansand.
MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=LOCAL_TIMEZONE)
KITCHEN = "q=kj%C3%B8kken"


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    with time_machine.travel(moment, tick=False):
        yield utcnow()


def notes(db_session, user: User, kind: K = K.SAVED_SEARCH_NEW_LISTINGS) -> list[Notification]:
    db_session.flush()
    return list(
        db_session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id, Notification.kind == kind)
            .order_by(Notification.id)
        )
    )


def run(db_session, moment: datetime) -> saved_searches.AlertRun:
    with at(moment) as now:
        result = saved_searches.run_saved_search_alerts(db_session, now)
        db_session.flush()
        return result


@pytest.fixture
def world(db_session):
    with at(MONDAY - timedelta(days=7)):
        employer = factories.employer(db_session)
        moderator = factories.staff(db_session)
        young = factories.findable_young_person(db_session, age=19)
        # Already there when the search is saved: it was on the page, so it is not "new".
        factories.published_listing(db_session, employer, moderator)
    return employer, moderator, young


def save(db_session, young, moment=MONDAY, query=KITCHEN, frequency=AlertFrequency.DAILY):
    with at(moment) as now:
        return saved_searches.save_search(
            db_session, young, name="Kjøkken", query=query, frequency=frequency, now=now
        )


def publish(db_session, employer, moderator, moment, **overrides):
    with at(moment):
        return factories.published_listing(db_session, employer, moderator, **overrides)


def test_a_daily_search_tells_once_of_new_matching_listings_the_next_morning(db_session, world):
    employer, moderator, young = world
    saved = save(db_session, young)
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))
    publish(
        db_session,
        employer,
        moderator,
        MONDAY + timedelta(hours=3),
        title="Butikkmedarbeider",
        description="Fyll hyller og hjelp kunder.",
        field=OccupationalField.SHOP_SALES,
    )

    assert run(db_session, MONDAY + timedelta(hours=4)).alerts == 0  # not due again today
    result = run(db_session, MONDAY + timedelta(hours=20))
    assert (result.searches_run, result.alerts, result.listings_sent) == (1, 1, 1)
    [note] = notes(db_session, young)
    assert note.params == {"search": "Kjøkken", "count": 1}
    assert note.link == f"/listings/saved/{saved.id}"
    [delivery] = db_session.scalars(select(Delivery).where(Delivery.notification_id == note.id))
    assert delivery.key == f"{note.id}:email"

    assert run(db_session, MONDAY + timedelta(days=2)).alerts == 0
    assert len(notes(db_session, young)) == 1


def test_a_weekly_search_runs_only_on_its_weekday(db_session, world):
    employer, moderator, young = world
    save(db_session, young, frequency=AlertFrequency.WEEKLY)
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))

    for day in range(1, 7):
        assert run(db_session, MONDAY + timedelta(days=day)).searches_run == 0
    result = run(db_session, MONDAY + timedelta(days=7))
    assert (result.searches_run, result.alerts) == (1, 1)
    assert notes(db_session, young)[0].params["count"] == 1


def test_a_search_without_alerts_never_runs(db_session, world):
    employer, moderator, young = world
    save(db_session, young, frequency=AlertFrequency.NONE)
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))
    assert run(db_session, MONDAY + timedelta(days=1)).searches_run == 0
    assert notes(db_session, young) == []


def test_alerts_stop_after_six_months_with_one_warning_a_week_before(db_session, world):
    employer, moderator, young = world
    saved = save(db_session, young)
    assert saved.alerts_until == datetime(2027, 9, 1, 10, 0, tzinfo=LOCAL_TIMEZONE)

    run(db_session, datetime(2027, 8, 25, 9, 0, tzinfo=LOCAL_TIMEZONE))
    assert notes(db_session, young, K.SAVED_SEARCH_EXPIRING) == []
    assert run(db_session, datetime(2027, 8, 26, 9, 0, tzinfo=LOCAL_TIMEZONE)).warnings == 1
    run(db_session, datetime(2027, 8, 27, 9, 0, tzinfo=LOCAL_TIMEZONE))
    [warning] = notes(db_session, young, K.SAVED_SEARCH_EXPIRING)
    assert warning.params == {"search": "Kjøkken", "day": "2027-09-01"}
    assert warning.link == "/listings/saved"

    publish(db_session, employer, moderator, datetime(2027, 9, 1, 12, 0, tzinfo=LOCAL_TIMEZONE))
    assert run(db_session, datetime(2027, 9, 2, 9, 0, tzinfo=LOCAL_TIMEZONE)).searches_run == 0
    assert notes(db_session, young) == []

    with at(datetime(2027, 9, 3, 9, 0, tzinfo=LOCAL_TIMEZONE)) as now:
        saved_searches.renew(saved, now=now)
    assert saved.alerts_until == datetime(2028, 3, 3, 9, 0, tzinfo=LOCAL_TIMEZONE)
    assert saved.expiry_warned_at is None
    publish(db_session, employer, moderator, datetime(2027, 9, 3, 12, 0, tzinfo=LOCAL_TIMEZONE))
    run(db_session, datetime(2027, 9, 4, 9, 0, tzinfo=LOCAL_TIMEZONE))
    # Only what came after the renewal: the listing of the stopped days is not "new".
    [note] = notes(db_session, young)
    assert note.params["count"] == 1


def test_a_listing_already_sent_for_the_search_is_never_sent_again(db_session, world):
    employer, moderator, young = world
    saved = save(db_session, young)
    first = publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))
    run(db_session, MONDAY + timedelta(days=1))
    # Looking back over the same days again (as after a failed run) finds only what is new.
    db_session.refresh(saved)
    saved.last_run_at = MONDAY
    publish(db_session, employer, moderator, MONDAY + timedelta(days=1, hours=2))
    run(db_session, MONDAY + timedelta(days=2))

    assert [n.params["count"] for n in notes(db_session, young)] == [1, 1]
    sent = db_session.scalars(
        select(SavedSearchListing.listing_id).where(SavedSearchListing.saved_search_id == saved.id)
    ).all()
    assert len(sent) == 2
    assert first.id in sent


def test_listings_the_person_is_interested_in_are_left_out(db_session, world):
    employer, moderator, young = world
    save(db_session, young)
    wanted = publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=3))
    with at(MONDAY + timedelta(hours=5)):
        factories.interest(db_session, young, wanted)

    run(db_session, MONDAY + timedelta(days=1))
    [note] = notes(db_session, young)
    assert note.params["count"] == 1


def test_open_to_my_age_is_checked_for_each_person(db_session, world):
    employer, moderator, _young = world
    with at(MONDAY - timedelta(days=1)):
        fifteen = factories.young_person(db_session, age=15)
        nineteen = factories.young_person(db_session, age=19)
    for person in (fifteen, nineteen):
        save(db_session, person, query=KITCHEN + "&my_age=y")
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=2), minimum_age=16)

    result = run(db_session, MONDAY + timedelta(days=1))
    assert (result.filter_sets, result.alerts) == (1, 1)
    assert notes(db_session, fifteen) == []
    assert len(notes(db_session, nineteen)) == 1


def count_queries(db_session, action) -> int:
    statements: list[str] = []
    engine = db_session.get_bind().engine

    def remember(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", remember)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return len(statements)


SEARCHES = (KITCHEN, "q=kaf%C3%A9", "type=job_trial", "area=kvadraturen", "no_experience=y")


def test_the_query_count_does_not_grow_with_the_searches_each_person_keeps(db_session, world):
    employer, moderator, _young = world
    with at(MONDAY - timedelta(days=1)):
        people = [factories.young_person(db_session) for _ in SEARCHES]

    # One search each, five different ones between them.
    for person, query in zip(people, SEARCHES, strict=True):
        save(db_session, person, query=query)
    publish(db_session, employer, moderator, MONDAY + timedelta(hours=2))
    db_session.expire_all()
    one_each = count_queries(db_session, lambda: run(db_session, MONDAY + timedelta(days=1)))

    # The same five searches, now kept by every one of them.
    for person in people:
        for query in SEARCHES:
            save(db_session, person, moment=MONDAY + timedelta(days=1, hours=1), query=query)
    publish(db_session, employer, moderator, MONDAY + timedelta(days=1, hours=2))
    db_session.expire_all()
    five_each = count_queries(db_session, lambda: run(db_session, MONDAY + timedelta(days=2)))

    last = run(db_session, MONDAY + timedelta(days=3))
    assert last.searches_run == len(SEARCHES) * (len(people) + 1)
    assert five_each == one_each
    for person in people:
        # Day one: their one search; day two: that one again and the five new ones.
        assert len(notes(db_session, person)) == 2 + len(SEARCHES)


def test_a_person_keeps_at_most_twenty_searches(db_session, world):
    _employer, _moderator, young = world
    for _ in range(saved_searches.MAX_PER_PERSON):
        save(db_session, young)
    with pytest.raises(saved_searches.TooManySavedSearches):
        save(db_session, young)


def test_the_query_is_kept_in_one_order_without_its_page():
    args = [("type", "summer_job"), ("q", "kafé"), ("page", "3"), ("type", "job_trial"), ("x", "1")]
    assert saved_searches.canonical_query(args) == "q=kaf%C3%A9&type=job_trial&type=summer_job"


def test_six_months_from_the_last_day_of_a_month_is_that_months_last_day():
    moment = datetime(2027, 8, 31, 12, 0, tzinfo=LOCAL_TIMEZONE)
    assert saved_searches.add_months(moment, 6) == datetime(2028, 2, 29, 12, tzinfo=LOCAL_TIMEZONE)


def test_the_export_holds_the_saved_searches(db_session, world):
    _employer, _moderator, young = world
    saved = save(db_session, young, query=KITCHEN + "&my_age=y", frequency=AlertFrequency.WEEKLY)
    [exported] = own_data.export_data(db_session, young)["saved_searches"]
    assert exported == {
        "name": "Kjøkken",
        "search": "q=kj%C3%B8kken&my_age=y",
        "alerts": "weekly",
        "created_at": saved.created_at,
        "alerts_until": saved.alerts_until,
    }
