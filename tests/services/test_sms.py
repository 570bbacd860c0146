"""When a notification text may go: never 21:00–08:00 in Oslo, at most one every 30 minutes
(later ones folded into the next), across the change to and from summer time; and the short link
each text carries. Time is frozen with time-machine; texts go through the log backend."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from jobbes.models import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    NotificationKind,
    SmsLink,
)
from jobbes.models.base import LOCAL_TIMEZONE, utcnow
from jobbes.services import notifications, phones, sms
from jobbes.sms.log import LogGateway
from jobbes.sms.texts import composer
from tests import factories

OSLO = LOCAL_TIMEZONE
K = NotificationKind


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture
def texts(app, caplog):
    caplog.set_level(logging.INFO, logger="jobbes.sms")
    with app.app_context():
        yield lambda: [r.getMessage() for r in caplog.records if r.name == "jobbes.sms"]


@pytest.fixture
def young(db_session):
    person = factories.young_person(db_session)
    sent = phones.request_code(db_session, person, "41234567", now=utcnow())
    phones.confirm(db_session, person, sent.code, now=utcnow())
    notifications.set_preference(
        db_session, person, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
    )
    return person


def invite(db_session, person):
    notification = notifications.notify(
        db_session,
        person,
        K.INTEREST_INVITED,
        link="/me/interests/1",
        params={"organisation": "Kvadraturen Kafé", "listing": "Kjøkkenhjelp"},
        now=utcnow(),
    )
    assert notification is not None
    return notification


def run(db_session):
    return sms.send_due_sms(db_session, LogGateway(), utcnow(), compose=composer("jobbes.no"))


def sms_deliveries(db_session):
    return list(
        db_session.scalars(
            select(Delivery).where(Delivery.channel == Channel.SMS).order_by(Delivery.id)
        )
    )


def test_in_the_day_a_text_goes_at_once_with_a_link_to_the_notification(db_session, young, texts):
    with time_machine.travel(oslo(2026, 12, 2, 14, 0), tick=False):
        note = invite(db_session, young)
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.SENT
    assert outcome.count == 1
    [line] = texts()
    match = re.search(r"Jobbes: (.+)\. Se jobbes\.no/v/([A-Za-z0-9]{8})$", line)
    assert match, line
    assert match.group(1) == "Du er invitert til en prat eller en prøvedag"
    assert "+4741234567" in line
    link = db_session.scalar(select(SmsLink).where(SmsLink.code == match.group(2)))
    assert link is not None
    assert link.notification_id == note.id
    assert link.user_id == young.id
    [delivery] = sms_deliveries(db_session)
    assert delivery.status is DeliveryStatus.SENT


@pytest.mark.parametrize(
    ("at", "held_until"),
    [
        (oslo(2026, 12, 2, 21, 0), oslo(2026, 12, 3, 8, 0)),
        (oslo(2026, 12, 2, 23, 59), oslo(2026, 12, 3, 8, 0)),
        (oslo(2026, 12, 3, 0, 0), oslo(2026, 12, 3, 8, 0)),
        (oslo(2026, 12, 3, 7, 59), oslo(2026, 12, 3, 8, 0)),
        # Into summer time: the night is an hour shorter, 08:00 is 06:00 UTC.
        (oslo(2026, 3, 28, 22, 0), datetime(2026, 3, 29, 6, 0, tzinfo=UTC)),
        # Back to winter time: 08:00 is 07:00 UTC.
        (oslo(2026, 10, 24, 21, 30), datetime(2026, 10, 25, 7, 0, tzinfo=UTC)),
    ],
)
def test_quiet_hours_hold_a_text_until_eight_in_oslo(db_session, young, texts, at, held_until):
    with time_machine.travel(at, tick=False):
        invite(db_session, young)
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.HELD
    assert outcome.until == held_until
    assert texts() == []
    with time_machine.travel(held_until - timedelta(seconds=1), tick=False):
        assert run(db_session) == []
    with time_machine.travel(held_until, tick=False):
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.SENT
    assert len(texts()) == 1


@pytest.mark.parametrize("at", [oslo(2026, 12, 2, 8, 0), oslo(2026, 12, 2, 20, 59)])
def test_the_edges_of_the_day_are_not_quiet(db_session, young, texts, at):
    with time_machine.travel(at, tick=False):
        invite(db_session, young)
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.SENT


def test_within_thirty_minutes_later_events_are_folded_into_one_text(db_session, young, texts):
    with time_machine.travel(oslo(2026, 12, 2, 12, 0), tick=False):
        invite(db_session, young)
        run(db_session)
    for minute in (10, 20, 29):
        with time_machine.travel(oslo(2026, 12, 2, 12, minute), tick=False):
            invite(db_session, young)
            [outcome] = run(db_session)
            assert outcome.action is sms.Action.HELD
            assert outcome.until == oslo(2026, 12, 2, 12, 30)
    assert len(texts()) == 1
    with time_machine.travel(oslo(2026, 12, 2, 12, 30), tick=False):
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.SENT
    assert outcome.count == 3
    folded = texts()[-1]
    assert re.search(r"Jobbes: Du har 3 nye varsler\. Se jobbes\.no/v/[A-Za-z0-9]{8}$", folded)
    code = folded.rsplit("/", 1)[1]
    link = db_session.scalar(select(SmsLink).where(SmsLink.code == code))
    assert link is not None
    assert link.notification_id is None
    assert {d.status for d in sms_deliveries(db_session)} == {DeliveryStatus.SENT}


def test_a_window_that_ends_in_quiet_hours_waits_for_the_morning(db_session, young, texts):
    with time_machine.travel(oslo(2026, 12, 2, 20, 45), tick=False):
        invite(db_session, young)
        run(db_session)
    with time_machine.travel(oslo(2026, 12, 2, 20, 50), tick=False):
        invite(db_session, young)
        [outcome] = run(db_session)
    assert outcome.until == oslo(2026, 12, 3, 8, 0)


def test_a_number_removed_before_the_text_went_means_an_email_instead(db_session, young, texts):
    with time_machine.travel(oslo(2026, 12, 2, 22, 0), tick=False):
        note = invite(db_session, young)
        run(db_session)
        phones.remove(db_session, young)
    with time_machine.travel(oslo(2026, 12, 3, 8, 0), tick=False):
        [outcome] = run(db_session)
    assert outcome.action is sms.Action.TO_EMAIL
    assert texts() == []
    assert sms_deliveries(db_session) == []
    [delivery] = note.deliveries
    assert delivery.channel is Channel.EMAIL
    assert delivery.status is DeliveryStatus.PENDING
    assert delivery.key == f"{note.id}:email"


def test_a_daily_summary_s_held_texts_fold_into_one(db_session, young, texts):
    notifications.set_preference(
        db_session, young, Category.INVITATIONS, Channel.SMS, Frequency.DAILY
    )
    with time_machine.travel(oslo(2026, 12, 2, 9, 0), tick=False):
        invite(db_session, young)
        invite(db_session, young)
        assert run(db_session) == []  # held for the summary, not sent one by one
    held = sms_deliveries(db_session)
    assert {d.status for d in held} == {DeliveryStatus.HELD}
    with time_machine.travel(oslo(2026, 12, 2, 18, 0), tick=False):
        outcome = sms.deliver_sms(
            db_session, young, held, LogGateway(), utcnow(), compose=composer("jobbes.no")
        )
    assert outcome.action is sms.Action.SENT
    assert outcome.count == 2
    assert "Du har 2 nye varsler" in texts()[-1]


def test_the_short_link_opens_only_for_its_owner_and_marks_the_notification_read(
    db_session, young, texts
):
    with time_machine.travel(oslo(2026, 12, 2, 14, 0), tick=False):
        note = invite(db_session, young)
        run(db_session)
    code = texts()[0].rsplit("/", 1)[1]
    other = factories.young_person(db_session)
    assert sms.open_link(db_session, other, code, now=utcnow()) is None
    assert note.read_at is None
    opened = sms.open_link(db_session, young, code, now=utcnow())
    assert opened is not None
    assert opened.link == "/me/interests/1"
    assert note.read_at is not None
    assert sms.open_link(db_session, young, "nothere1", now=utcnow()) is None


def test_the_worker_s_entry_point_sends_with_the_configured_gateway_and_host(
    app, db_session, young, texts
):
    from jobbes.sms.channel import deliver_due_texts

    app.config["SMS_LINK_HOST"] = "test.jobbes.no"
    with time_machine.travel(oslo(2026, 12, 2, 10, 0), tick=False):
        invite(db_session, young)
        [outcome] = deliver_due_texts(db_session, utcnow(), app.config)
    assert outcome.action is sms.Action.SENT
    assert re.search(r"Se test\.jobbes\.no/v/[A-Za-z0-9]{8}$", texts()[-1])
