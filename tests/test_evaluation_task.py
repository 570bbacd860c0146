"""The worker's evaluation round: hourly in Oslo's daytime, asking once however often it runs,
and reaching people by email as well as in the app."""

from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header

import time_machine

from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.tasks import at_oslo_time, tasks_of
from tests import factories
from tests.text import plain


def naive_utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


def test_the_evaluation_round_runs_hourly_in_the_day_in_oslo():
    check = at_oslo_time("25", "8-20")
    assert check(naive_utc(2026, 12, 2, 7, 25))  # 08:25 in winter
    assert check(naive_utc(2026, 12, 2, 19, 25))  # 20:25
    assert not check(naive_utc(2026, 12, 2, 20, 25))  # 21:25: nobody is asked at night
    assert not check(naive_utc(2026, 12, 2, 7, 0))


def test_a_finished_trial_is_asked_about_once_by_email_however_often_the_round_runs(
    app, db_session, mail
):
    agreement = factories.finished_agreement(db_session)
    young = agreement.young_person
    db_session.commit()
    mail.clear()
    moment = datetime.combine(agreement.end_date + timedelta(days=3), datetime.min.time())
    with time_machine.travel(moment.replace(hour=10, tzinfo=LOCAL_TIMEZONE), tick=False):
        tasks_of(app).evaluations()
        tasks_of(app).evaluations()
    [message] = mail.to(young.email)
    assert plain("Your evaluation of a job trial") in str(
        make_header(decode_header(message["Subject"]))
    )
