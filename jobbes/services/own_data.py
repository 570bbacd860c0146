"""A young person's own data: everything Jobbes holds about them, and leaving for good."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from jobbes.models import (
    AuditEvent,
    Interest,
    InterestEvent,
    Listing,
    Report,
    Role,
    SavedSearch,
    User,
)
from jobbes.services import interests
from jobbes.services import reports as report_service
from jobbes.services.profiles import SUBJECT


def export_data(session: Session, user: User) -> dict[str, Any]:
    """Everything Jobbes holds about a young person, in a form they can read and keep.

    Dates stay dates so the page can show them in the reader's language; `as_json` writes the
    same data as the downloadable file. Codes (statuses, reasons) stay codes for the same reason.
    """
    profile = user.profile
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role.value,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "suspended_at": user.suspended_at,
            "suspended_reason": user.suspended_reason,
        },
        "profile": _profile(profile) if profile is not None else None,
        "interests": [
            _interest(interest)
            for interest in sorted(profile.interests, key=lambda i: (i.created_at, i.id))
        ]
        if profile is not None
        else [],
        "reports_made": _reports_made(session, user),
        "saved_searches": [
            {
                "name": saved.name,
                "search": saved.query,
                "alerts": saved.frequency.value,
                "created_at": saved.created_at,
                "alerts_until": saved.alerts_until,
            }
            for saved in session.scalars(
                select(SavedSearch)
                .where(SavedSearch.user_id == user.id)
                .order_by(SavedSearch.created_at, SavedSearch.id)
            )
        ],
    }


def as_json(data: dict[str, Any]) -> str:
    """The export as the JSON file a person downloads."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso)


def _iso(value: object) -> str:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to the export")


def _profile(profile: Any) -> dict[str, Any]:
    return {
        "birth_date": profile.birth_date,
        "home_area": profile.home_area,
        "max_travel_minutes": profile.max_travel_minutes,
        "looking_for": sorted(o.value for o in profile.opportunities),
        "occupational_fields": sorted(f.value for f in profile.fields),
        "skills": profile.skills,
        "languages": {lang.value: int(level) for lang, level in profile.languages.items()},
        "available": dict(profile.weekparts),
        "available_from": profile.available_from,
        "driving_licence": profile.driving_licence,
        "about": profile.about,
        "contact_person": {
            "name": profile.contact_name,
            "email": profile.contact_email,
            "shared_with_employers": profile.share_contact,
        },
        "employers_may_find_me": profile.discoverable,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "reviews": [
            {
                "submitted_at": s.submitted_at,
                "words": s.content,
                "status": s.review_status.value,
                "decided_at": s.decided_at,
                "rejection_reason": s.rejection_reason.value if s.rejection_reason else None,
                "moderator_comment": s.review_comment,
            }
            for s in profile.submissions
        ],
    }


def _interest(interest: Interest) -> dict[str, Any]:
    listing = interest.listing
    version = listing.published_version or listing.current_version
    return {
        "listing": version.title if version else None,
        "organisation": listing.organisation.name,
        "status": interest.status.value,
        "my_message": interest.message,
        "employer_message": interest.employer_message,
        "trial_start": interest.trial_start,
        "trial_end": interest.trial_end,
        "decline_message": interest.decline_message.value if interest.decline_message else None,
        "created_at": interest.created_at,
        "updated_at": interest.updated_at,
        "timeline": [
            {"status": event.status.value, "at": event.created_at, "note": event.note}
            for event in interest.events
        ],
    }


def _reports_made(session: Session, user: User) -> list[dict[str, Any]]:
    """What the person reported and what came of it. The moderator's note is left out: it may be
    about someone else (the employer or young person who was reported)."""
    made = session.scalars(
        select(Report).where(Report.reporter_id == user.id).order_by(Report.created_at, Report.id)
    ).all()
    about_listings = [r for r in made if r.subject_type == "listing"]
    ids = [r.subject_id for r in about_listings]
    listings = {row.id: row for row in session.scalars(select(Listing).where(Listing.id.in_(ids)))}
    return [
        _report(report, listings.get(report.subject_id) if report in about_listings else None)
        for report in made
    ]


def _report(report: Report, listing: Listing | None) -> dict[str, Any]:
    version = (listing.published_version or listing.current_version) if listing else None
    return {
        "about": report.subject_type,
        "listing": version.title if version else None,
        "reason": report.reason.value,
        "my_words": report.text,
        "status": report.status.value,
        "created_at": report.created_at,
        "closed_at": report.resolved_at,
    }


def delete_account(session: Session, user: User, *, now: datetime) -> None:
    """Erase a young person's account and everything that names them.

    The audit log and the reports keep their rows (moderators must be able to account for their
    decisions) but lose every free-text word by or about this person; what remains are internal
    numbers that no longer point at anyone.
    """
    if user.role is not Role.YOUNG_PERSON:
        raise ValueError("only young people delete their own accounts here")
    filed_or_about = or_(
        Report.reporter_id == user.id,
        (Report.subject_type == SUBJECT) & (Report.subject_id == user.id),
    )
    report_ids = list(session.scalars(select(Report.id).where(filed_or_about)))
    session.execute(
        update(AuditEvent)
        .where(
            or_(
                AuditEvent.subject_type.in_((SUBJECT, "user")) & (AuditEvent.subject_id == user.id),
                (AuditEvent.subject_type == report_service.SUBJECT)
                & AuditEvent.subject_id.in_(report_ids),
            )
        )
        .values(comment=None)
    )
    session.execute(
        update(Report).where(Report.id.in_(report_ids)).values(text=None, resolution_note=None)
    )
    # The database would empty this too; saying it keeps the erasure readable in one place.
    session.execute(update(Report).where(Report.reporter_id == user.id).values(reporter_id=None))
    if user.profile is not None:
        # The notes on each step can name the person too: erased in one statement.
        session.execute(
            update(InterestEvent)
            .where(
                InterestEvent.interest_id.in_(
                    select(Interest.id).where(Interest.profile_id == user.id)
                )
            )
            .values(note=None)
        )
        # Employers the person was in touch with see that they left, and nothing else.
        interests.withdraw_all(user.profile, now=now)
        # Break the profile <-> approved submission cycle so the rows can go in any order.
        user.profile.approved_submission = None
        session.flush()
    session.delete(user)
    session.flush()
