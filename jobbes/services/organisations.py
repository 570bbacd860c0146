"""Organisations: their details, and verification by moderators."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from jobbes import areas, orgnr
from jobbes.models import (
    Listing,
    Organisation,
    OrganisationDetails,
    OrganisationStatus,
    RejectionReason,
    ReviewStatus,
    User,
)
from jobbes.models.organisations import PUBLIC_DETAILS
from jobbes.services import events, moderation, search, visibility
from jobbes.services.errors import DomainError
from jobbes.services.listings import Change
from jobbes.services.moderation import Decision
from jobbes.services.state_machine import StateMachine
from jobbes.vocabulary import Sector

SUBJECT = "organisation"
DETAILS_SUBJECT = "organisation_details"

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


class DetailsUnchanged(DomainError):
    """The details sent are the ones the public already sees: there is nothing to review."""


def _cleaned(
    *,
    name: str,
    sector: Sector | None,
    address: str | None,
    area: str | None,
    description: str | None,
    website: str | None,
) -> dict[str, Any]:
    if area is not None and area not in areas.BY_CODE:
        raise ValueError(f"unknown area {area!r}")
    return {
        "name": name.strip(),
        "sector": sector,
        "address": (address or "").strip() or None,
        "area": area,
        "description": (description or "").strip() or None,
        "website": (website or "").strip() or None,
    }


def _publish(session: Session, organisation: Organisation, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(organisation, name, value)
    # The organisation's name is part of every one of its listings in the search index.
    for listing in organisation.listings:
        if listing.published_version is not None:
            search.index_listing(session, listing)


def public_details(organisation: Organisation) -> dict[str, Any]:
    """What the public sees of the organisation now: the approved details."""
    return {name: getattr(organisation, name) for name in PUBLIC_DETAILS}


def update_details(
    session: Session,
    organisation: Organisation,
    *,
    author: User,
    name: str,
    sector: Sector | None,
    address: str | None,
    area: str | None,
    description: str | None,
    website: str | None,
    now: datetime,
) -> OrganisationDetails | None:
    """Change what the public sees of the organisation.

    Before a moderator has verified it, the details are checked with the verification and
    change at once (the public sees nothing of it yet). Afterwards a change waits for a
    moderator as a new version, and the approved details stay public meanwhile; a newer change
    replaces one still waiting. Returns the version that waits, or None if nothing waits.
    """
    values = _cleaned(
        name=name,
        sector=sector,
        address=address,
        area=area,
        description=description,
        website=website,
    )
    if organisation.verified_at is None:
        _publish(session, organisation, values)
        return None
    waiting = waiting_details(organisation)
    if waiting is not None:
        moderation.withdraw(waiting)
    if values == public_details(organisation):
        if waiting is None:
            raise DetailsUnchanged(organisation.name)
        return None
    details = OrganisationDetails(author_id=author.id, created_at=now, **values)
    organisation.details_versions.append(details)
    moderation.submit(details, now=now)
    session.flush()
    return details


def waiting_details(organisation: Organisation) -> OrganisationDetails | None:
    """The change to the organisation's details a moderator has still to decide on."""
    return next(
        (
            details
            for details in organisation.details_versions
            if details.review_status is ReviewStatus.SUBMITTED
        ),
        None,
    )


def last_decided_details(organisation: Organisation) -> OrganisationDetails | None:
    """The newest change a moderator sent back or rejected, if nothing newer followed it: its
    comment and reason are for the employer to read."""
    if not organisation.details_versions:
        return None
    newest = organisation.details_versions[-1]
    if newest.review_status in (ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED):
        return newest
    return None


def details_changes(details: OrganisationDetails) -> list[Change]:
    """Exactly the public details that the waiting change would alter, in the form's order."""
    organisation = details.organisation
    return [
        Change(name, getattr(organisation, name), getattr(details, name))
        for name in PUBLIC_DETAILS
        if getattr(organisation, name) != getattr(details, name)
    ]


def decide_details(
    session: Session,
    details: OrganisationDetails,
    *,
    moderator: User,
    decision: Decision,
    now: datetime,
    comment: str | None = None,
    reason: RejectionReason | None = None,
) -> None:
    """A moderator's decision on changed details; approval makes them public."""
    moderation.decide(
        session,
        details,
        subject_type=DETAILS_SUBJECT,
        subject_id=details.id,
        moderator=moderator,
        decision=decision,
        comment=comment,
        reason=reason,
        now=now,
    )
    if decision is Decision.APPROVE:
        _publish(
            session,
            details.organisation,
            {name: getattr(details, name) for name in PUBLIC_DETAILS},
        )


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
    expected: OrganisationStatus | None = None,
) -> None:
    reason = (reason or "").strip() or None
    if step in ("reject", "suspend") and reason is None:
        raise moderation.DecisionIncomplete(f"to {step} needs a reason")
    VERIFICATION.move(organisation, step, expected=expected)
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


# Each decision takes `expected`, the state the moderator saw the organisation in: when someone
# else moved it meanwhile, the decision loses (`StaleState`) even if it would still be possible.


def verify(
    session: Session,
    organisation: Organisation,
    *,
    moderator: User,
    now: datetime,
    expected: OrganisationStatus | None = None,
) -> None:
    _decide(session, organisation, "verify", moderator=moderator, now=now, expected=expected)


def reject(
    session: Session,
    organisation: Organisation,
    *,
    moderator: User,
    reason: str,
    now: datetime,
    expected: OrganisationStatus | None = None,
) -> None:
    _decide(
        session,
        organisation,
        "reject",
        moderator=moderator,
        reason=reason,
        now=now,
        expected=expected,
    )


def suspend(
    session: Session,
    organisation: Organisation,
    *,
    moderator: User,
    reason: str,
    now: datetime,
    expected: OrganisationStatus | None = None,
) -> None:
    """A suspended organisation's listings disappear from public view at once."""
    _decide(
        session,
        organisation,
        "suspend",
        moderator=moderator,
        reason=reason,
        now=now,
        expected=expected,
    )


def reinstate(
    session: Session,
    organisation: Organisation,
    *,
    moderator: User,
    now: datetime,
    expected: OrganisationStatus | None = None,
) -> None:
    """Undo a suspension: verified again if it had been verified, otherwise waiting for it."""
    step = "reinstate" if organisation.verified_at is not None else "reinstate_unverified"
    _decide(
        session,
        organisation,
        step,
        moderator=moderator,
        now=now,
        action="reinstate",
        expected=expected,
    )


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


def public_organisation(session: Session, organisation_id: int) -> Organisation | None:
    """An organisation the public may see: verified (not pending, rejected or suspended)."""
    return session.scalar(
        select(Organisation).where(
            Organisation.id == organisation_id,
            Organisation.status == OrganisationStatus.VERIFIED,
        )
    )


def open_listings(organisation: Organisation, *, today: date) -> Select[Listing]:
    """An organisation's listings the public may see, newest first, with what a card shows."""
    return (
        visibility.published_listings(today)
        .where(Listing.organisation_id == organisation.id)
        .order_by(Listing.published_at.desc(), Listing.id.desc())
        .options(selectinload(Listing.published_version), selectinload(Listing.organisation))
    )
