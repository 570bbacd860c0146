"""The task queue: huey, with SQLite beside the app by default and Redis when REDIS_URL is set.

The web app enqueues; `huey_consumer jobbes.worker.huey` runs the tasks and the periodic jobs.
Each task runs in its own app context with its own session, and commits its own work.

A delivery is enqueued when the transaction that wrote it commits (a SQLAlchemy `after_commit`
hook on every session), never for one that was rolled back; the services that cause events need
not know about the queue. If the enqueue itself is lost (the queue was down, the process died),
the sweep finds the row within a few minutes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper
from huey.exceptions import TaskLockedException
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from jobbes import mail, notification_mail
from jobbes.db import db
from jobbes.models import Channel, Delivery, DeliveryStatus
from jobbes.models.base import LOCAL_TIMEZONE, local_today, utcnow
from jobbes.senders import CHANNEL_SENDERS, SendFailed
from jobbes.services import (
    agreements,
    counselling,
    evaluations,
    indicators,
    listings,
    meetings,
    reminders,
    saved_searches,
    scheduled,
)
from jobbes.services import delivery as outbox
from jobbes.sms import channel as sms_channel

EXTENSION_KEY = "jobbes.tasks"
_NEW = "jobbes.new_deliveries"
log = logging.getLogger(__name__)


def build_huey(config: Mapping[str, Any]) -> Huey:
    immediate = bool(config["HUEY_IMMEDIATE"])
    if config["REDIS_URL"]:
        return RedisHuey("jobbes", url=config["REDIS_URL"], immediate=immediate)
    # No fsync: the queue need not survive a power cut, because the outbox rows in the database
    # are the record of what is owed and the sweep queues them again. Syncing cost ~7 ms a
    # request here.
    return SqliteHuey("jobbes", filename=config["HUEY_FILENAME"], fsync=False, immediate=immediate)


def at_oslo_time(minute: str, hour: str) -> Callable[[datetime], bool]:
    """A crontab read on Oslo's clock (huey hands periodic checks naive UTC times)."""
    matches = crontab(minute=minute, hour=hour)

    def validate(timestamp: datetime) -> bool:
        local = timestamp.replace(tzinfo=UTC).astimezone(LOCAL_TIMEZONE).replace(tzinfo=None)
        return bool(matches(local))

    return validate


@dataclass(frozen=True)
class Tasks:
    huey: Huey
    deliver: TaskWrapper
    send_summary: TaskWrapper
    sweep: TaskWrapper
    morning: TaskWrapper
    expire_listings: TaskWrapper
    send_texts: TaskWrapper
    texts: TaskWrapper
    saved_searches: TaskWrapper
    meeting_reminders: TaskWrapper
    reminders: TaskWrapper
    agreements: TaskWrapper
    evaluations: TaskWrapper
    indicators: TaskWrapper


# --- What the tasks do (inside an app context, with `db` their own session) -----------------


def _first_retry() -> timedelta:
    return timedelta(seconds=current_app.config["DELIVERY_FIRST_RETRY"])


def run_delivery(tasks: Tasks, delivery_id: int) -> DeliveryStatus | None:
    """Send one delivery, at most once; None when there was nothing to do (sent already, not
    due, or another worker has it)."""
    now = utcnow()
    delivery = outbox.claim(db, delivery_id, now=now)
    if delivery is None:
        db.rollback()
        return None
    # The claim is committed before the slow part, so that no other worker takes the row.
    db.commit()
    sender = CHANNEL_SENDERS.get(delivery.channel)
    try:
        if sender is None:
            raise SendFailed(f"Nothing sends {delivery.channel.value} yet.")
        sender(delivery)
    except Exception as error:
        if not isinstance(error, SendFailed):
            log.exception("Delivery %s failed unexpectedly", delivery_id)
        first = _first_retry()
        reason = str(error) or type(error).__name__
        status = outbox.mark_failed(db, delivery, reason, now=utcnow(), first_retry=first)
        db.commit()
        if status is DeliveryStatus.FAILED:
            wait = outbox.backoff(delivery.attempts, first)
            tasks.deliver.schedule((delivery_id,), delay=wait.total_seconds())
        return status
    outbox.mark_sent(db, delivery, now=utcnow())
    db.commit()
    return DeliveryStatus.SENT


def run_summary(tasks: Tasks, user_id: int) -> int:
    """Send one person their summary of held email deliveries; how many rows it marked sent."""
    summary = outbox.claim_summary(db, user_id, Channel.EMAIL, now=utcnow())
    if summary is None:
        db.rollback()
        return 0
    db.commit()
    try:
        mail.transmit(notification_mail.summary_message(summary.user, summary.deliveries))
    except Exception as error:
        if not isinstance(error, mail.MailError):
            log.exception("The summary for %s failed unexpectedly", user_id)
        outbox.finish_summary(db, summary, now=utcnow(), error=str(error) or type(error).__name__)
        db.commit()
        attempts = max(d.attempts for d in summary.deliveries)
        wait = outbox.backoff(attempts, _first_retry())
        tasks.send_summary.schedule((user_id,), delay=wait.total_seconds())
        return 0
    sent = outbox.finish_summary(db, summary, now=utcnow())
    db.commit()
    return sent


def run_sweep(tasks: Tasks) -> int:
    now = utcnow()
    due = outbox.due(db, now=now)
    late = outbox.people_with_held(db, Channel.EMAIL, held_before=now - outbox.MISSED_MORNING)
    db.commit()
    for delivery_id in due:
        tasks.deliver(delivery_id)
    for user_id in late:
        tasks.send_summary(user_id)
    return len(due)


def run_morning(tasks: Tasks) -> int:
    """07:00 in Oslo: the day's notices first, then everyone's summary (which includes them)."""
    now = utcnow()
    scheduled.deadline_without_interest(db, today=local_today(), now=now)
    scheduled.moderation_summary(db, now=now)
    counselling.warn_before_consent_ends(db, now=now)
    db.commit()
    people = outbox.people_with_held(db, Channel.EMAIL)
    db.rollback()
    for user_id in people:
        tasks.send_summary(user_id)
    return len(people)


def run_texts(tasks: Tasks) -> int:
    """Send, hold or fold every text due now; how many people it decided about.

    Texts go per person, not per delivery (folding and quiet hours look at all of a person's),
    so one round at a time: a second worker that finds the lock taken leaves it to the first.
    """
    try:
        with tasks.huey.lock_task("texts"):
            outcomes = sms_channel.deliver_due_texts(db, utcnow(), current_app.config)
            db.commit()
    except TaskLockedException:
        return 0
    return len(outcomes)


def run_saved_searches(tasks: Tasks) -> int:
    """06:50 in Oslo, before the morning's summaries (which fold in the alerts of those who chose
    one a day): the saved-search alerts that are due. They are written in bulk, unseen by the
    after-commit hook, so their emails are queued here rather than left for the sweep."""
    now = utcnow()
    result = saved_searches.run_saved_search_alerts(db, now)
    db.commit()
    pending = saved_searches.pending_deliveries(db, now)
    db.rollback()
    for delivery_id in pending:
        tasks.deliver(delivery_id)
    tasks.send_texts()
    return result.alerts


def run_meeting_reminders() -> int:
    """Every hour from noon to six in Oslo: both sides of each time agreed for tomorrow are
    reminded, once (the meeting keeps a marker), so a missed hour is caught by the next."""
    count = meetings.send_reminders(db, now=utcnow())
    db.commit()
    return count


def run_reminders() -> int:
    """Every hour of the day (08:15–20:15 in Oslo, so nobody is reminded at night): the answers
    owed that are due a reminder, and the interests and invitations that waited too long."""
    outcome = reminders.run(db, now=utcnow(), today=local_today())
    db.commit()
    return outcome.closed + outcome.invitations_expired


def run_refresh_indicators() -> int:
    """Every hour: the programme's numbers counted again from scratch (an idempotent rollup)."""
    rows = indicators.refresh(db, today=local_today(), now=utcnow())
    db.commit()
    return rows


def run_expire_listings() -> int:
    count = listings.expire_listings(db, today=local_today())
    db.commit()
    return count


def run_agreements() -> int:
    """Signed trial agreements start on their first day and complete after their last."""
    count = agreements.advance(db, today=local_today(), now=utcnow())
    db.commit()
    return count


def run_evaluations() -> int:
    """Every hour of the day (08:25–20:25 in Oslo): the trials that ended are evaluated, whoever
    has not written their part is reminded after 2 and 5 days, and young people are asked what
    they do now 3 and 6 months after a trial. Once each: the rows are the markers."""
    done = evaluations.run(db, today=local_today(), now=utcnow())
    db.commit()
    return done.asked + done.reminded + done.followed_up


# --- Wiring ----------------------------------------------------------------------------------


def _in_app(app: Flask, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any) -> Any:
        # A fresh app context: its own `g`, so its own session, closed when it ends.
        with app.app_context():
            return function(*args)

    return run


def register(app: Flask, huey: Huey) -> Tasks:
    holder: dict[str, Tasks] = {}

    def deliver(delivery_id: int) -> Any:
        status = run_delivery(holder["tasks"], delivery_id)
        return status.value if status else None

    def send_summary(user_id: int) -> int:
        return run_summary(holder["tasks"], user_id)

    def sweep() -> int:
        return run_sweep(holder["tasks"])

    def morning() -> int:
        return run_morning(holder["tasks"])

    def texts() -> int:
        return run_texts(holder["tasks"])

    def alerts() -> int:
        return run_saved_searches(holder["tasks"])

    tasks = Tasks(
        huey=huey,
        deliver=huey.task(name="deliver")(_in_app(app, deliver)),
        send_summary=huey.task(name="send_summary")(_in_app(app, send_summary)),
        sweep=huey.periodic_task(crontab(minute="*"), name="sweep")(_in_app(app, sweep)),
        morning=huey.periodic_task(at_oslo_time("0", "7"), name="morning")(_in_app(app, morning)),
        expire_listings=huey.periodic_task(at_oslo_time("5", "0"), name="expire_listings")(
            _in_app(app, run_expire_listings)
        ),
        send_texts=huey.task(name="send_texts")(_in_app(app, texts)),
        texts=huey.periodic_task(crontab(minute="*"), name="texts")(_in_app(app, texts)),
        saved_searches=huey.periodic_task(at_oslo_time("50", "6"), name="saved_searches")(
            _in_app(app, alerts)
        ),
        meeting_reminders=huey.periodic_task(at_oslo_time("0", "12-18"), name="meeting_reminders")(
            _in_app(app, run_meeting_reminders)
        ),
        reminders=huey.periodic_task(at_oslo_time("15", "8-20"), name="reminders")(
            _in_app(app, run_reminders)
        ),
        agreements=huey.periodic_task(at_oslo_time("10", "0"), name="agreements")(
            _in_app(app, run_agreements)
        ),
        evaluations=huey.periodic_task(at_oslo_time("25", "8-20"), name="evaluations")(
            _in_app(app, run_evaluations)
        ),
        indicators=huey.periodic_task(crontab(minute="15"), name="indicators")(
            _in_app(app, run_refresh_indicators)
        ),
    )
    holder["tasks"] = tasks
    return tasks


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = register(app, build_huey(app.config))


def tasks_of(app: Flask) -> Tasks:
    tasks: Tasks = app.extensions[EXTENSION_KEY]
    return tasks


# --- Enqueue after commit ------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _remember_new_deliveries(session: Session, _context: Any) -> None:
    for obj in session.new:
        if isinstance(obj, Delivery) and obj.status is DeliveryStatus.PENDING:
            session.info.setdefault(_NEW, set()).add((obj.id, obj.channel))


@event.listens_for(Session, "after_commit")
def _enqueue_new_deliveries(session: Session) -> None:
    # SQLAlchemy tells of a savepoint's release as a commit too; the outer transaction still
    # holds the rows (and on SQLite the write lock), so the deliveries wait for its own commit.
    if session.in_nested_transaction():
        return
    ids = session.info.pop(_NEW, None)
    if not ids or not has_app_context():
        return
    tasks: Tasks | None = current_app.extensions.get(EXTENSION_KEY)
    if tasks is None:
        return
    try:
        for delivery_id, channel in sorted(ids):
            if channel is Channel.EMAIL:
                tasks.deliver(delivery_id)
        if any(channel is Channel.SMS for _id, channel in ids):
            tasks.send_texts()
    except Exception:
        # The event is committed; the sweep (or the minute's texts) sends it. The person who
        # caused it sees no error.
        log.exception("Could not enqueue new deliveries; the periodic tasks will")


@event.listens_for(Session, "after_soft_rollback")
def _forget_new_deliveries(session: Session, previous: SessionTransaction) -> None:
    if not previous.nested:
        session.info.pop(_NEW, None)
