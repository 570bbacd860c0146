"""Reports: anyone logged in can warn the moderators about a listing, a profile, or a message in
a conversation they take part in (`services.messages.report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jobbes.models import (
    Interest,
    Listing,
    ListingVersion,
    Profile,
    Report,
    ReportReason,
    ReportStatus,
    User,
)
from jobbes.services import moderation, scheduled
from jobbes.services.state_machine import StaleState, StateMachine

SUBJECT = "report"
CONVERSATION = "conversation"  # subject_id is the interest's id
SUBJECT_TYPES = ("listing", "profile", CONVERSATION)
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
    scheduled.report_filed(session, report, now=now)
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


# The order in which the reasons call for a moderator: a scam first, then discrimination.
SEVERITY = (
    ReportReason.SCAM,
    ReportReason.DISCRIMINATORY,
    ReportReason.INAPPROPRIATE,
    ReportReason.OTHER,
)


@dataclass(frozen=True)
class ReportedItem:
    """A listing or profile with open reports: what it is, why, how often, since when."""

    subject_type: str
    subject_id: int
    title: str | None  # None when the item no longer exists
    reasons: tuple[ReportReason, ...]  # most serious first
    reports: tuple[Report, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.reports)

    @property
    def oldest(self) -> Report:
        return self.reports[0]

    def urgency(self) -> tuple[int, int, datetime]:
        return (SEVERITY.index(self.reasons[0]), -self.count, self.oldest.created_at)


def reported_items(session: Session) -> list[ReportedItem]:
    """Open reports gathered by what they are about, most urgent first: the most serious reason,
    then the most reports, then the longest wait."""
    gathered: dict[tuple[str, int], list[Report]] = {}
    for report in session.scalars(open_reports()):
        gathered.setdefault((report.subject_type, report.subject_id), []).append(report)
    titles = _titles(session, list(gathered))
    items = [
        ReportedItem(
            subject_type=subject_type,
            subject_id=subject_id,
            title=titles.get((subject_type, subject_id)),
            reasons=tuple(sorted({r.reason for r in found}, key=SEVERITY.index)),
            reports=tuple(found),
        )
        for (subject_type, subject_id), found in gathered.items()
    ]
    return sorted(items, key=ReportedItem.urgency)


def title_of(session: Session, subject_type: str, subject_id: int) -> str | None:
    """What a moderator calls a reported item: a listing's title, a young person's name."""
    return _titles(session, [(subject_type, subject_id)]).get((subject_type, subject_id))


def _titles(session: Session, subjects: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    listing_ids = [i for kind, i in subjects if kind == "listing"]
    conversation_ids = [i for kind, i in subjects if kind == CONVERSATION]
    profile_ids = [i for kind, i in subjects if kind == "profile"]
    titles: dict[tuple[str, int], str] = {}
    if listing_ids:
        shown = func.coalesce(Listing.published_version_id, Listing.current_version_id)
        rows = session.execute(
            select(Listing.id, ListingVersion.title)
            .join(ListingVersion, ListingVersion.id == shown)
            .where(Listing.id.in_(listing_ids))
        )
        titles.update({("listing", i): title for i, title in rows})
    if conversation_ids:
        # A conversation is called by its listing's title; who took part is on the report's page.
        shown = func.coalesce(Listing.published_version_id, Listing.current_version_id)
        rows = session.execute(
            select(Interest.id, ListingVersion.title)
            .join(Listing, Listing.id == Interest.listing_id)
            .join(ListingVersion, ListingVersion.id == shown)
            .where(Interest.id.in_(conversation_ids))
        )
        titles.update({(CONVERSATION, i): title for i, title in rows})
    if profile_ids:
        rows = session.execute(
            select(Profile.user_id, User.name)
            .join(User, User.id == Profile.user_id)
            .where(Profile.user_id.in_(profile_ids))
        )
        titles.update({("profile", i): name for i, name in rows})
    return titles
