"""The worker's tasks in immediate mode: an email for each committed notification, in the
person's language, with the headers mail clients need; nothing for a rolled-back one; retries
and giving up with frozen time; the morning's summaries."""

from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.message import Message

import pytest
import time_machine
from sqlalchemy import select

from jobbes.db import db
from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    NotificationKind,
    Role,
)
from jobbes.models.base import utcnow
from jobbes.models.notifications import CATEGORY_OF
from jobbes.services import notifications
from jobbes.tasks import at_oslo_time, tasks_of
from tests import factories
from tests.conftest import free_port

K = NotificationKind
S = DeliveryStatus


def parts(message: Message) -> dict[str, str]:
    found = {}
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            found[part.get_content_subtype()] = payload.decode(part.get_content_charset())
    return found


def subject(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def cause(app, user_id, kind=K.INTEREST_OFFERED, params=None):
    with app.app_context():
        user = db.get(notifications.User, user_id)
        note = notifications.notify(
            db,
            user,
            kind,
            link="/me/interests",
            params=params or {"listing": "Kjøkkenhjelp", "organisation": "Kafé AS"},
            now=utcnow(),
        )
        db.commit()
        return note.id


def status_of(db_session, notification_id):
    row = db_session.scalars(
        select(Delivery).where(Delivery.notification_id == notification_id)
    ).one()
    db_session.refresh(row)
    return row


def test_a_committed_notification_is_emailed_with_the_headers_mail_clients_need(
    app, db_session, mail
):
    young = factories.young_person(db_session, name="Ola Nordmann")
    young.language = "en"
    db_session.commit()
    note_id = cause(app, young.id)
    [message] = mail.to(young.email)
    assert subject(message).endswith(" – Jobbes")
    assert "Ola" not in subject(message)
    assert "Kafé" not in subject(message)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http")
    assert "/unsubscribe/" in message["List-Unsubscribe"]
    assert message["Message-ID"] == f"<delivery.{note_id}.email@jobbes.no>"
    body = parts(message)
    assert set(body) == {"plain", "html"}
    assert '<html lang="en">' in body["html"]
    assert "<h1" in body["html"]
    assert f"/notifications/{note_id}/open" in body["html"]
    assert "/notifications/settings" in body["plain"]
    assert "/notifications/settings" in body["html"]
    assert "Kjøkkenhjelp" in body["plain"]
    row = status_of(db_session, note_id)
    assert row.status is S.SENT
    assert row.attempts == 1


def test_the_email_is_in_the_persons_language(app, db_session, mail):
    young = factories.young_person(db_session)
    young.language = "nb"
    db_session.commit()
    cause(app, young.id)
    [message] = mail.to(young.email)
    assert '<html lang="nb">' in parts(message)["html"]
    assert "Se det i Jobbes" in parts(message)["plain"]


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_no_subject_carries_personal_details(app, db_session, mail, kind):
    young = factories.young_person(db_session, name="Ingrid Personsen")
    person = (
        young
        if CATEGORY_OF[kind] in notifications.CATEGORIES_FOR_ROLE[Role.YOUNG_PERSON]
        else factories.employer(db_session)
    )
    db_session.commit()
    personal = {
        "name": "Ingrid Personsen",
        "organisation": "Hemmelig Bedrift AS",
        "listing": "Hemmelig stilling",
        "search": "Mitt søk",
        "message": "Ring meg på 99999999",
        "day": "2026-12-24",
        "count": 7,
    }
    for language in ("nb", "en"):
        person.language = language
        db_session.commit()
        mail.clear()
        cause(app, person.id, kind=kind, params=personal)
        [message] = mail.to(person.email)
        title = subject(message)
        assert "Jobbes" in title
        for value in personal.values():
            assert str(value) not in title, (kind, language, title)


def test_nothing_is_sent_for_a_rolled_back_transaction(app, db_session, mail):
    young = factories.young_person(db_session)
    db_session.commit()
    with app.app_context():
        notifications.notify(
            db, db.get(notifications.User, young.id), K.INTEREST_READ, link="/me", now=utcnow()
        )
        db.rollback()
        db.commit()
    assert mail.to(young.email) == []
    assert db_session.scalars(select(Delivery)).all() == []


class TestWhenTheMailServerIsDown:
    @pytest.fixture
    def app_config(self):
        return {"MAIL_PORT": free_port()}  # nothing listens there

    def test_retries_wait_longer_then_give_up_after_a_day_and_admins_see_it(
        self, app, client, db_session
    ):
        young = factories.young_person(db_session)
        admin = factories.staff(db_session, role=Role.ADMIN)
        db_session.commit()
        start = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
        with time_machine.travel(start, tick=False):
            note_id = cause(app, young.id)
        row = status_of(db_session, note_id)
        assert row.status is S.FAILED
        assert row.attempts == 1
        assert "Connection" in row.last_error or "refused" in row.last_error.lower()
        assert row.next_attempt_at == start + timedelta(minutes=1)
        tasks = tasks_of(app)
        with time_machine.travel(start + timedelta(seconds=30), tick=False):
            tasks.deliver(row.id)  # too early: nothing happens
        assert status_of(db_session, note_id).attempts == 1
        with time_machine.travel(start + timedelta(minutes=1), tick=False):
            tasks.sweep()
        row = status_of(db_session, note_id)
        assert row.attempts == 2
        assert row.next_attempt_at == start + timedelta(minutes=3)
        with time_machine.travel(start + timedelta(days=1, minutes=1), tick=False):
            tasks.sweep()
        row = status_of(db_session, note_id)
        assert row.status is S.GIVEN_UP
        assert row.attempts == 3
        assert row.last_error
        client.login(admin.email)
        page = client.get("/moderation/deliveries").get_data(as_text=True)
        assert young.email in page
        assert row.last_error[:20] in page


def test_the_sweep_sends_a_delivery_whose_enqueue_was_lost(app, db_session, mail):
    young = factories.young_person(db_session)
    note = notifications.notify(
        db_session, young, K.INTEREST_READ, link="/me", now=utcnow() - timedelta(minutes=5)
    )
    db_session.commit()  # outside the app: nothing is enqueued
    assert mail.to(young.email) == []
    tasks_of(app).sweep()
    assert len(mail.to(young.email)) == 1
    assert status_of(db_session, note.id).status is S.SENT
    tasks_of(app).sweep()
    assert len(mail.to(young.email)) == 1


def test_delivering_twice_sends_once(app, db_session, mail):
    young = factories.young_person(db_session)
    db_session.commit()
    note_id = cause(app, young.id)
    row = status_of(db_session, note_id)
    tasks_of(app).deliver(row.id)
    tasks_of(app).deliver(row.id)
    assert len(mail.to(young.email)) == 1
    assert status_of(db_session, note_id).attempts == 1


def test_the_morning_sends_one_summary_per_person(app, db_session, mail):
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.MY_INTERESTS, Channel.EMAIL, Frequency.DAILY
    )
    db_session.commit()
    ids = [cause(app, young.id) for _ in range(3)]
    assert mail.to(young.email) == []
    tasks_of(app).morning()
    [message] = mail.to(young.email)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parts(message)["plain"].count("/notifications/") >= 3
    assert {status_of(db_session, i).status for i in ids} == {S.SENT}
    tasks_of(app).morning()
    assert len(mail.to(young.email)) == 1


def naive_utc(*parts: int) -> datetime:
    """What huey hands a periodic task's check."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


def test_a_summary_whose_morning_was_missed_goes_with_the_sweep(app, db_session, mail):
    young = factories.young_person(db_session)
    notifications.set_preference(
        db_session, young, Category.MY_INTERESTS, Channel.EMAIL, Frequency.DAILY
    )
    db_session.commit()
    cause(app, young.id)
    tasks_of(app).sweep()
    assert mail.to(young.email) == []
    with time_machine.travel(utcnow() + timedelta(hours=26), tick=False):
        tasks_of(app).sweep()
    assert len(mail.to(young.email)) == 1


def test_the_morning_runs_at_seven_in_oslo_summer_and_winter():
    seven = at_oslo_time("0", "7")
    assert seven(naive_utc(2026, 12, 2, 6, 0))  # UTC+1
    assert not seven(naive_utc(2026, 12, 2, 7, 0))
    assert seven(naive_utc(2026, 7, 2, 5, 0))  # UTC+2


def test_the_saved_search_job_emails_each_alert_at_once(app, db_session, mail):
    from jobbes.models import AlertFrequency
    from jobbes.services import saved_searches

    young = factories.young_person(db_session)
    two_days_ago = utcnow() - timedelta(days=2)
    saved_searches.save_search(
        db_session, young, name="Alt", query="", frequency=AlertFrequency.DAILY, now=two_days_ago
    )
    factories.published_listing(db_session, factories.employer(db_session))
    db_session.commit()

    tasks_of(app).saved_searches()
    [message] = mail.to(young.email)
    assert "/notifications/" in parts(message)["plain"]
    tasks_of(app).saved_searches()  # not due again today
    assert len(mail.to(young.email)) == 1


def test_a_savepoint_inside_the_transaction_sends_nothing_before_the_commit(app, db_session, mail):
    """SQLAlchemy reports a savepoint's release as a commit; sending then would wait on the
    transaction's own write lock (SQLite) or send what may still be rolled back."""
    young = factories.young_person(db_session)
    db_session.commit()
    with app.app_context():
        user = db.get(notifications.User, young.id)
        notifications.notify(
            db,
            user,
            K.INTEREST_OFFERED,
            link="/me/interests",
            params={"listing": "Kjøkkenhjelp", "organisation": "Kafé AS"},
            now=utcnow(),
        )
        db.flush()
        with db.begin_nested():
            factories.staff(db)
        assert mail.to(young.email) == []
        db.commit()
    assert len(mail.to(young.email)) == 1


def test_the_hourly_job_counts_the_programmes_numbers_again(app, db_session):
    from jobbes.models import IndicatorCount, IndicatorRefresh
    from jobbes.tasks import tasks_of as tasks

    young = factories.young_person(db_session)
    db_session.commit()
    tasks(app).indicators()
    tasks(app).indicators()  # again: the same rows, not twice as many
    registered = db_session.scalars(
        select(IndicatorCount).where(
            IndicatorCount.metric == "registered",
            IndicatorCount.age_band == "*",  # every band and area together
            IndicatorCount.area == "*",
        )
    ).all()
    assert sum(row.count for row in registered) == 1
    assert registered[0].month == young.created_at.date().replace(day=1)
    assert len(db_session.scalars(select(IndicatorRefresh)).all()) == 1
