"""A person's own data, whatever their role: everything Jobbes holds about them, and leaving for
good."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from jobbes.models import (
    Agreement,
    AuditEvent,
    Interest,
    InterestEvent,
    Listing,
    ListingStatus,
    Meeting,
    Report,
    Role,
    SavedSearch,
    User,
)
from jobbes.services import (
    accounts,
    agreements,
    counselling,
    evaluations,
    interests,
    messages,
    notifications,
)
from jobbes.services import listings as listing_service
from jobbes.services import reports as report_service
from jobbes.services.profiles import SUBJECT


def export_data(session: Session, user: User) -> dict[str, Any]:
    """Everything Jobbes holds about a person, in a form they can read and keep.

    Dates stay dates so the page can show them in the reader's language; `as_json` writes the
    same data as the downloadable file. Codes (statuses, reasons) stay codes for the same reason.
    What moderators decided about the person is theirs to see too (why a profile was hidden,
    every suspension, reports about them); who reported them is not.
    """
    profile = user.profile
    about_me = _staff_actions_about(session, user)
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role.value,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "suspended_at": user.suspended_at,
            "suspended_reason": user.suspended_reason,
            # For text messages; kept until removed at /notifications/phone.
            "mobile_number": user.phone.number if user.phone is not None else None,
            "language": user.language,
        },
        "suspensions": [
            {"what": event.action.split(":", 1)[1], "at": event.created_at, "reason": event.comment}
            for event in about_me
            if event.subject_type == USER_SUBJECT
        ],
        "profile_hidden_by_moderator": [
            {"at": event.created_at, "reason": event.comment}
            for event in about_me
            if event.action == f"{SUBJECT}:hide"
        ],
        "reports_about_me": _reports_about(session, user),
        "organisation": _organisation(user),
        "staff_actions_taken": _staff_actions_by(session, user),
        "profile": _profile(profile) if profile is not None else None,
        "interests": [
            _interest(interest)
            for interest in sorted(profile.interests, key=lambda i: (i.created_at, i.id))
        ]
        if profile is not None
        else [],
        "reports_made": _reports_made(session, user),
        "messages": messages.export_for(session, user),
        "trial_agreements": [_agreement(a) for a in agreements.of_young_person(session, user)],
        "trial_evaluations": evaluations.export_for(session, user),
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
        # Counsellors who followed the person, who looked, what they suggested and their notes.
        **(
            counselling.export_for_young_person(session, user)
            if user.role is Role.YOUNG_PERSON
            else {}
        ),
        "counsellor": counselling.export_for_counsellor(session, user),
        "notification_settings": {
            category.value: {"channel": chosen.channel.value, "frequency": chosen.frequency.value}
            for category, chosen in notifications.preferences_of(session, user).items()
        },
        "notifications": [
            {
                "kind": note.kind.value,
                "link": note.link,
                "details": note.params,
                "created_at": note.created_at,
                "read_at": note.read_at,
            }
            for note in notifications.all_of(session, user)
        ],
    }


USER_SUBJECT = "user"
_SUSPENSION_ACTIONS = ("user:suspend", "user:reinstate")


def _staff_actions_about(session: Session, user: User) -> list[AuditEvent]:
    """Suspensions of the account and hidings of the profile, oldest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.subject_id == user.id,
                or_(
                    (AuditEvent.subject_type == USER_SUBJECT)
                    & AuditEvent.action.in_(_SUSPENSION_ACTIONS),
                    (AuditEvent.subject_type == SUBJECT) & (AuditEvent.action == f"{SUBJECT}:hide"),
                ),
            )
            .order_by(AuditEvent.created_at, AuditEvent.id)
        )
    )


def _reports_about(session: Session, user: User) -> list[dict[str, Any]]:
    """Reports about the person's profile or the listings they wrote: what, when, and what came
    of it. Neither the reporter nor their words: those could tell who reported."""
    own_listings = select(Listing.id).where(Listing.created_by_id == user.id)
    about = session.scalars(
        select(Report)
        .where(
            or_(
                (Report.subject_type == SUBJECT) & (Report.subject_id == user.id),
                (Report.subject_type == "listing") & Report.subject_id.in_(own_listings),
            )
        )
        .order_by(Report.created_at, Report.id)
    ).all()
    ids = [r.subject_id for r in about if r.subject_type == "listing"]
    listings = {row.id: row for row in session.scalars(select(Listing).where(Listing.id.in_(ids)))}
    return [
        {
            "about": report.subject_type,
            "listing": _title(listings.get(report.subject_id))
            if report.subject_type == "listing"
            else None,
            "reason": report.reason.value,
            "status": report.status.value,
            "created_at": report.created_at,
            "closed_at": report.resolved_at,
        }
        for report in about
    ]


def _title(listing: Listing | None) -> str | None:
    version = (listing.published_version or listing.current_version) if listing else None
    return version.title if version else None


def _organisation(user: User) -> dict[str, Any] | None:
    """An employer's organisation, and the listings this person wrote for it."""
    organisation = user.organisation
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "org_number": organisation.org_number,
        "listings_i_wrote": [
            {"title": _title(listing), "status": listing.status.value}
            for listing in organisation.listings
            if listing.created_by_id == user.id
        ],
    }


def _staff_actions_by(session: Session, user: User) -> dict[str, int]:
    """For staff: how many of each action they took. The entries themselves are about others."""
    rows = session.execute(
        select(AuditEvent.action, func.count())
        .where(AuditEvent.actor_id == user.id)
        .group_by(AuditEvent.action)
        .order_by(AuditEvent.action)
    )
    return {row[0]: row[1] for row in rows}


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
        "in_compulsory_school": profile.in_compulsory_school,
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
        "times_to_meet": [_meeting(meeting) for meeting in interest.meetings],
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "kind": meeting.kind.value,
        "status": meeting.status.value,
        "proposed_at": meeting.proposed_at,
        "times": [{"start": slot.starts_at, "end": slot.ends_at} for slot in meeting.slots],
        "place": meeting.place,
        "contact": meeting.contact_name,
        "chosen": meeting.chosen_position,
        "my_note": meeting.note,
        "answered_at": meeting.answered_at,
    }


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {
        "listing": _title(agreement.interest.listing),
        "organisation": agreement.organisation.name,
        "status": agreement.status.value,
        "version": agreement.version,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "contact_person": agreement.contact_name,
        "tasks": agreement.tasks,
        "goals": agreement.goals,
        "pay": agreement.pay.value,
        "days": [
            {"day": d.day, "start": d.start.isoformat("minutes"), "end": d.end.isoformat("minutes")}
            for d in agreement.days
        ],
        "guardian": {
            "name": agreement.guardian_name,
            "email": agreement.guardian_email,
            "mobile_number": agreement.guardian_phone,
        },
        "signatures": [
            {"side": s.role.value, "name": s.typed_name, "version": s.version, "at": s.signed_at}
            for s in agreement.signatures
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


def listings_closed_on_leaving(user: User) -> list[Listing]:
    """The organisation's open listings that close when this employer deletes their account:
    all of them if nobody else at the organisation can look after them, otherwise none."""
    organisation = user.organisation
    if user.role is not Role.EMPLOYER or organisation is None:
        return []
    others = [
        member
        for member in organisation.members
        if member.id != user.id and accounts.has_accepted(member) and member.is_active
    ]
    if others:
        return []
    return [listing for listing in organisation.listings if listing.status in _STILL_OPEN]


_STILL_OPEN = frozenset({ListingStatus.PUBLISHED, ListingStatus.IN_REVIEW})


def delete_account(session: Session, user: User, *, now: datetime) -> None:
    """Erase an account and everything that names its owner, whatever their role.

    The audit log and the reports keep their rows (moderators must be able to account for their
    decisions) but lose every free-text word by or about this person; what remains are internal
    numbers that no longer point at anyone. A moderator's own entries stay whole, with the actor
    shown as a deleted account: the log of decisions is never lost. The last employer of an
    organisation closes its open listings on leaving, and the last admin cannot leave.
    """
    if accounts.is_last_admin(session, user):
        raise accounts.LastAdmin("the last admin cannot delete their account")
    for listing in listings_closed_on_leaving(user):
        if listing.status is ListingStatus.PUBLISHED:
            listing_service.close_listing(listing, now=now)
        else:
            listing_service.withdraw_from_review(listing)
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
    messages.erase_for(session, user)
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
    evaluations.forget(session, user)
    agreements.forget(session, user, now=now)
    session.delete(user)
    session.flush()
