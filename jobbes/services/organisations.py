"""Organisations: their details, and verification by moderators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jobbes import areas, orgnr
from jobbes.models import Organisation, OrganisationStatus, User
from jobbes.services import moderation, search
from jobbes.services.state_machine import StateMachine
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
    expected: OrganisationStatus | None = None,
) -> None:
    reason = (reason or "").strip() or None
    if step in ("reject", "suspend") and reason is None:
        raise moderation.DecisionIncomplete(f"to {step} needs a reason")
    VERIFICATION.move(organisation, step, expected=expected)
    organisation.status_reason = reason
    if step == "verify" and organisation.verified_at is None:
        organisation.verified_at = now
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


def waiting_for_verification() -> Select[tuple[Organisation]]:
    """The verification queue, oldest first."""
    return (
        select(Organisation)
        .where(Organisation.status == OrganisationStatus.PENDING)
        .order_by(Organisation.created_at, Organisation.id)
    )


def check_digit_is_valid(organisation: Organisation) -> bool:
    return orgnr.is_valid(organisation.org_number)


def count_by_status(session: Session) -> dict[OrganisationStatus, int]:
    rows = session.execute(
        select(Organisation.status, func.count()).group_by(Organisation.status)
    ).all()
    return dict(rows)  # type: ignore[arg-type]
