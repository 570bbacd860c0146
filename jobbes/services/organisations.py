"""Organisations: their details, and verification by moderators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobbes import areas, orgnr
from jobbes.models import Listing, Organisation, OrganisationStatus, User
from jobbes.services import events, moderation, search
from jobbes.services.moderation import StateMachine
from jobbes.vocabulary import Sector

SUBJECT = "organisation"

VERIFICATION = StateMachine(
    attribute="status",
    initial=OrganisationStatus.PENDING,
    steps={
        "verify": (frozenset({OrganisationStatus.PENDING}), OrganisationStatus.VERIFIED),
        "reject": (frozenset({OrganisationStatus.PENDING}), OrganisationStatus.REJECTED),
        "suspend": (
            frozenset({OrganisationStatus.PENDING, OrganisationStatus.VERIFIED}),
            OrganisationStatus.SUSPENDED,
        ),
        "reinstate": (frozenset({OrganisationStatus.SUSPENDED}), OrganisationStatus.VERIFIED),
        # Suspended before anyone verified it: back to the queue, as reinstating is no way past it.
        "reinstate_unverified": (
            frozenset({OrganisationStatus.SUSPENDED}),
            OrganisationStatus.PENDING,
        ),
    },
)


def update_details(
    session: Session,
    organisation: Organisation,
    *,
    name: str,
    sector: Sector | None,
    address: str | None,
    area: str | None,
    description: str | None,
    website: str | None,
) -> None:
    if area is not None and area not in areas.BY_CODE:
        raise ValueError(f"unknown area {area!r}")
    organisation.name = name.strip()
    organisation.sector = sector
    organisation.address = (address or "").strip() or None
    organisation.area = area
    organisation.description = (description or "").strip() or None
    organisation.website = (website or "").strip() or None
    # The organisation's name is part of every one of its listings in the search index.
    for listing in organisation.listings:
        if listing.published_version is not None:
            search.index_listing(session, listing)


def members(organisation: Organisation) -> list[User]:
    return sorted(organisation.members, key=lambda user: (user.created_at, user.id))


def _decide(
    session: Session,
    organisation: Organisation,
    step: str,
    *,
    moderator: User,
    now: datetime,
    reason: str | None = None,
    action: str | None = None,
) -> None:
    reason = (reason or "").strip() or None
    if step in ("reject", "suspend") and reason is None:
        raise moderation.DecisionIncomplete(f"to {step} needs a reason")
    VERIFICATION.move(organisation, step)
    organisation.status_reason = reason
    if step == "verify" and organisation.verified_at is None:
        organisation.verified_at = now
        events.organisation_verified(organisation, now=now)
    moderation.record(
        session,
        actor=moderator,
        action=f"{SUBJECT}:{action or step}",
        subject_type=SUBJECT,
        subject_id=organisation.id,
        comment=reason,
        now=now,
    )


def verify(session: Session, organisation: Organisation, *, moderator: User, now: datetime) -> None:
    _decide(session, organisation, "verify", moderator=moderator, now=now)


def reject(
    session: Session, organisation: Organisation, *, moderator: User, reason: str, now: datetime
) -> None:
    _decide(session, organisation, "reject", moderator=moderator, reason=reason, now=now)


def suspend(
    session: Session, organisation: Organisation, *, moderator: User, reason: str, now: datetime
) -> None:
    """A suspended organisation's listings disappear from public view at once."""
    _decide(session, organisation, "suspend", moderator=moderator, reason=reason, now=now)


def reinstate(
    session: Session, organisation: Organisation, *, moderator: User, now: datetime
) -> None:
    """Undo a suspension: verified again if it had been verified, otherwise waiting for it."""
    step = "reinstate" if organisation.verified_at is not None else "reinstate_unverified"
    _decide(session, organisation, step, moderator=moderator, now=now, action="reinstate")


def listing_count(session: Session, organisation: Organisation) -> int:
    """How many listings the organisation has made, in any state."""
    return (
        session.scalar(
            select(func.count(Listing.id)).where(Listing.organisation_id == organisation.id)
        )
        or 0
    )


def check_digit_is_valid(organisation: Organisation) -> bool:
    return orgnr.is_valid(organisation.org_number)


def count_by_status(session: Session) -> dict[OrganisationStatus, int]:
    rows = session.execute(
        select(Organisation.status, func.count()).group_by(Organisation.status)
    ).all()
    return dict(rows)
