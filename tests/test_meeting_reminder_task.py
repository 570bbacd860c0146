"""The worker's reminder of a time to meet: once, by email, to both sides, the day before."""

from datetime import UTC, date, datetime, time
from email.header import decode_header, make_header

import time_machine

from jobbes.models import MeetingKind
from jobbes.models.base import LOCAL_TIMEZONE, utcnow
from jobbes.services import meetings
from jobbes.tasks import at_oslo_time, tasks_of
from tests import factories
from tests.text import plain


def naive_utc(*parts: int) -> datetime:
    """What huey hands a periodic task's check."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


def test_the_reminder_job_runs_hourly_from_noon_to_six_in_oslo():
    check = at_oslo_time("0", "12-18")
    assert check(naive_utc(2026, 12, 2, 11, 0))  # 12:00 in winter (UTC+1)
    assert check(naive_utc(2026, 12, 2, 17, 0))  # 18:00
    assert not check(naive_utc(2026, 12, 2, 18, 0))  # 19:00
    assert not check(naive_utc(2026, 12, 2, 6, 0))
    assert check(naive_utc(2026, 7, 2, 10, 0))  # 12:00 in summer (UTC+2)


def test_both_sides_get_one_reminder_email_however_often_the_job_runs(app, db_session, mail):
    with time_machine.travel(datetime(2026, 12, 2, 9, tzinfo=LOCAL_TIMEZONE), tick=False):
        employer = factories.employer(db_session, organisation_name="Lund Kafé")
        listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
        young = factories.young_person(db_session)
        interest = factories.interest(db_session, young, listing)
        meetings.propose(
            db_session,
            interest,
            by=employer,
            kind=MeetingKind.TALK,
            times=[meetings.Time(date(2026, 12, 3), time(10), time(11))],
            place="Lundsvingen 4",
            contact_name="Kari",
            contact_phone=None,
            now=utcnow(),
        )
        meetings.choose(interest, seen_round=1, position=1, now=utcnow())
        db_session.commit()
    mail.clear()
    with time_machine.travel(datetime(2026, 12, 2, 12, tzinfo=LOCAL_TIMEZONE), tick=False):
        tasks_of(app).meeting_reminders()
        tasks_of(app).meeting_reminders()
    with time_machine.travel(datetime(2026, 12, 2, 13, tzinfo=LOCAL_TIMEZONE), tick=False):
        tasks_of(app).meeting_reminders()
    db_session.refresh(interest.meetings[0])
    assert interest.meetings[0].reminded_at == datetime(2026, 12, 2, 11, tzinfo=UTC)
    title = plain("Reminder: you meet tomorrow")
    for person in (young, employer):
        [message] = mail.to(person.email)
        assert title in str(make_header(decode_header(message["Subject"])))
        body = next(
            part.get_payload(decode=True).decode(part.get_content_charset())
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        assert "Lundsvingen 4" in body
        assert "10:00" in body
