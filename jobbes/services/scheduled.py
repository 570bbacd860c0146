"""Notifications nobody's action causes: the moderators' morning summary, a listing's deadline
near with no interest yet, and urgent reports. Run by the worker's scheduler (jobbes/tasks.py);
report_filed is called by the report service in the reporter's transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, exists, func, select
from sqlalchemy.orm import Session

from jobbes.models import (
    Interest,
    Listing,
    ListingStatus,
    Notification,
    NotificationKind,
    Report,
    ReportReason,
    Role,
    User,
)
from jobbes.services import notifications, queues

K = NotificationKind
DEADLINE_NOTICE = timedelta(days=3)
# A scam can cost a young person money or their identity, and inappropriate content may be
# aimed at minors: a moderator should see those now. Discrimination and "other" wait for the
# queue (and its waiting-time target) like everything else.
URGENT_REASONS = frozenset({ReportReason.SCAM, ReportReason.INAPPROPRIATE})


def staff(session: Session) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .where(User.role.in_((Role.MODERATOR, Role.ADMIN)), User.suspended_at.is_(None))
            .order_by(User.id)
        )
    )


def report_filed(session: Session, report: Report, *, now: datetime) -> int:
    """Tell every moderator at once of a report with an urgent reason; how many were told."""
    if report.reason not in URGENT_REASONS:
        return 0
    told = 0
    for moderator in staff(session):
        # No params: the reporter and the subject stay in the moderation area.
        if notifications.notify(
            session, moderator, K.REPORT_URGENT, link=f"/moderation/reports/{report.id}", now=now
        ):
            told += 1
    return told


def moderation_summary(session: Session, *, now: datetime) -> int:
    """The moderators' daily summary: queues past their waiting-time target and reports of the
    last day. Nothing is sent on a day with nothing to say. Returns how many were told."""
    overdue = sum(1 for summary in queues.summaries(session, now=now) if summary.overdue)
    new_reports = (
        session.scalar(
            select(func.count())
            .select_from(Report)
            .where(Report.created_at > now - timedelta(days=1))
        )
        or 0
    )
    if not overdue and not new_reports:
        return 0
    told = 0
    for moderator in staff(session):
        if notifications.notify(
            session,
            moderator,
            K.MODERATION_DAILY_SUMMARY,
            link="/moderation",
            params={"overdue": overdue, "reports": new_reports},
            now=now,
        ):
            told += 1
    return told


def deadline_without_interest(session: Session, *, today: date, now: datetime) -> int:
    """Tell every member of the organisation, once, that a published listing's deadline is in
    three days and nobody is interested yet. Returns how many listings this concerned."""
    already_told = exists().where(
        Notification.kind == K.LISTING_DEADLINE_NO_INTEREST,
        Notification.link == "/employer/listings/" + cast(Listing.id, String),
    )
    quiet = list(
        session.scalars(
            select(Listing)
            .where(
                Listing.status == ListingStatus.PUBLISHED,
                Listing.deadline > today,
                Listing.deadline <= today + DEADLINE_NOTICE,
                ~exists().where(Interest.listing_id == Listing.id),
                ~already_told,
            )
            .order_by(Listing.id)
        )
    )
    for listing in quiet:
        version = listing.published_version or listing.current_version
        notifications.notify_organisation(
            session,
            listing.organisation,
            K.LISTING_DEADLINE_NO_INTEREST,
            link=f"/employer/listings/{listing.id}",
            params={"listing": version.title if version else "", "day": listing.deadline},
            now=now,
        )
    return len(quiet)
