"""Reports: anyone logged in can warn the moderators about a listing or a profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from jobbes.models import Report, ReportReason, ReportStatus, User
from jobbes.services import moderation
from jobbes.services.state_machine import StaleState, StateMachine

SUBJECT = "report"
SUBJECT_TYPES = ("listing", "profile")
TEXT_MAX = 1000

HANDLING = StateMachine(
    attribute="status",
    initial=ReportStatus.OPEN,
    steps={
        "resolve": (frozenset({ReportStatus.OPEN}), ReportStatus.RESOLVED),
        "dismiss": (frozenset({ReportStatus.OPEN}), ReportStatus.DISMISSED),
    },
)


def create_report(
    session: Session,
    *,
    reporter: User,
    subject_type: str,
    subject_id: int,
    reason: ReportReason,
    text: str | None,
    now: datetime,
) -> Report:
    if subject_type not in SUBJECT_TYPES:
        raise ValueError(f"cannot report a {subject_type}")
    text = (text or "").strip()[:TEXT_MAX] or None
    if reason is ReportReason.OTHER and not text:
        raise moderation.DecisionIncomplete("'other' needs words")
    report = Report(
        reporter_id=reporter.id,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason,
        text=text,
        created_at=now,
    )
    session.add(report)
    session.flush()
    return report


def close_report(
    session: Session,
    report: Report,
    step: str,
    *,
    moderator: User,
    note: str | None,
    now: datetime,
) -> None:
    """Resolve (something was done) or dismiss (nothing wrong found) a report."""
    # Both steps start from an open report: closed means another moderator was quicker.
    HANDLING.move(report, step, expected=ReportStatus.OPEN)
    report.resolved_at = now
    report.resolved_by_id = moderator.id
    report.resolution_note = (note or "").strip() or None
    moderation.record(
        session,
        actor=moderator,
        action=f"{SUBJECT}:{step}",
        subject_type=SUBJECT,
        subject_id=report.id,
        comment=report.resolution_note,
        now=now,
    )


def resolve_by_action(
    session: Session,
    report: Report,
    *,
    subject_type: str,
    subject_id: int,
    moderator: User,
    what_was_done: str,
    now: datetime,
) -> bool:
    """Close an open report as resolved by a step just taken on what it is about (a listing
    taken down, a profile hidden), noting the step. False if the report is about something
    else or already closed: the step stands on its own then."""
    if report.status is not ReportStatus.OPEN or (report.subject_type, report.subject_id) != (
        subject_type,
        subject_id,
    ):
        return False
    try:
        close_report(session, report, "resolve", moderator=moderator, note=what_was_done, now=now)
    except StaleState:
        return False  # another moderator closed it a moment ago
    return True


def open_reports() -> Select[Report]:
    """The report queue, oldest first."""
    return (
        select(Report)
        .where(Report.status == ReportStatus.OPEN)
        .order_by(Report.created_at, Report.id)
    )
