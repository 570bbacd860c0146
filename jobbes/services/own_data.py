"""A young person's own data: everything Jobbes holds about them, and leaving for good."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from jobbes.models import AuditEvent, Role, User
from jobbes.services import interests
from jobbes.services.profiles import SUBJECT


def export_data(user: User) -> dict[str, Any]:
    """Everything Jobbes holds about a young person, in a form they can read and keep."""
    profile = user.profile
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role.value,
            "created_at": user.created_at.isoformat(),
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        }
    }
    if profile is not None:
        data["profile"] = {
            "birth_date": profile.birth_date.isoformat(),
            "home_area": profile.home_area,
            "max_travel_minutes": profile.max_travel_minutes,
            "looking_for": sorted(o.value for o in profile.opportunities),
            "occupational_fields": sorted(f.value for f in profile.fields),
            "skills": profile.skills,
            "languages": {lang.value: int(level) for lang, level in profile.languages.items()},
            "available": dict(profile.weekparts),
            "available_from": profile.available_from.isoformat()
            if profile.available_from
            else None,
            "driving_licence": profile.driving_licence,
            "about": profile.about,
            "contact_person": {
                "name": profile.contact_name,
                "email": profile.contact_email,
                "shared_with_employers": profile.share_contact,
            },
            "employers_may_find_me": profile.discoverable,
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
            "reviews": [
                {
                    "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                    "words": s.content,
                    "status": s.review_status.value,
                    "moderator_comment": s.review_comment,
                }
                for s in profile.submissions
            ],
        }
        data["interests"] = [
            {
                "listing": interest.listing.current_version.title
                if interest.listing.current_version
                else None,
                "status": interest.status.value,
                "my_message": interest.message,
                "employer_message": interest.employer_message,
                "timeline": [
                    {"status": event.status.value, "at": event.created_at.isoformat()}
                    for event in interest.events
                ],
            }
            for interest in profile.interests
        ]
    return data


def delete_account(session: Session, user: User, *, now: datetime) -> None:
    """Erase a young person's account and everything that names them.

    The audit log keeps its entries (moderators must be able to account for their decisions) but
    loses the free-text comments about this person; what remains is an internal number that no
    longer points at anyone.
    """
    if user.role is not Role.YOUNG_PERSON:
        raise ValueError("only young people delete their own accounts here")
    session.execute(
        update(AuditEvent)
        .where(AuditEvent.subject_type.in_((SUBJECT, "user")), AuditEvent.subject_id == user.id)
        .values(comment=None)
    )
    if user.profile is not None:
        # Employers the person was in touch with see that they left, and nothing else.
        interests.withdraw_all(user.profile, now=now)
        # Break the profile <-> approved submission cycle so the rows can go in any order.
        user.profile.approved_submission = None
        session.flush()
    session.delete(user)
    session.flush()
