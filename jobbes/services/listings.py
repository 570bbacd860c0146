"""Listings: writing, review, publication and closing.

Two state machines work together. Each version of a listing's text goes through review
(`services.moderation`, shared with profiles). The listing itself has a lifecycle, below: it is
published when a version is approved, and an edit of a published listing is a new version that is
reviewed while the approved one stays up, so the public never sees unreviewed text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, select, update
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    Listing,
    ListingStatus,
    ListingVersion,
    NotificationKind,
    Organisation,
    OrganisationStatus,
    RejectionReason,
    ReviewStatus,
    User,
)
from jobbes.models.listings import CONTENT_FIELDS
from jobbes.services import events, moderation, search
from jobbes.services.errors import DomainError
from jobbes.services.moderation import Decision
from jobbes.services.state_machine import (
    InvalidTransition,
    StaleState,
    StateMachine,
    compare_and_set,
)
from jobbes.vocabulary import ListingType, TrialPay

SUBJECT = "listing"

_PUBLISHED = frozenset({ListingStatus.PUBLISHED})
_IN_REVIEW = frozenset({ListingStatus.IN_REVIEW})

LIFECYCLE = StateMachine(
    attribute="status",
    initial=ListingStatus.DRAFT,
    steps={
        "submit": (
            frozenset(
                {ListingStatus.DRAFT, ListingStatus.CHANGES_REQUESTED, ListingStatus.UNPUBLISHED}
            ),
            ListingStatus.IN_REVIEW,
        ),
        "withdraw": (_IN_REVIEW, ListingStatus.DRAFT),
        Decision.APPROVE: (_IN_REVIEW, ListingStatus.PUBLISHED),
        Decision.REQUEST_CHANGES: (_IN_REVIEW, ListingStatus.CHANGES_REQUESTED),
        Decision.REJECT: (_IN_REVIEW, ListingStatus.REJECTED),
        "close": (_PUBLISHED, ListingStatus.CLOSED),
        "expire": (_PUBLISHED, ListingStatus.EXPIRED),
        "unpublish": (_PUBLISHED, ListingStatus.UNPUBLISHED),
    },
)

# What a listing copies from its published version, for search without a join.
FACETS = (
    "deadline",
    "listing_type",
    "field",
    "area",
    "minimum_age",
    "no_experience_needed",
    "language_need",
    "start_date",
)

# Listings that are over: their text cannot change any more (copy them to post a new one).
FINISHED = frozenset({ListingStatus.REJECTED, ListingStatus.CLOSED, ListingStatus.EXPIRED})

# Listings a moderator can still decide on: a first version in review, or an edit of a live one.
# Once a listing leaves publication its waiting edit is withdrawn, so nothing else is decidable.
DECIDABLE = frozenset({ListingStatus.IN_REVIEW, ListingStatus.PUBLISHED})


class EmployerStatus(enum.StrEnum):
    """Where a listing stands, in the words of the employer's overview: its lifecycle, told apart
    further for a published listing by what happens to its edit and its organisation."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    PUBLISHED = "published"
    APPROVED_WAITING_FOR_ORGANISATION = "approved_waiting_for_organisation"
    PUBLISHED_WITH_DRAFT = "published_with_draft"
    PUBLISHED_EDIT_IN_REVIEW = "published_edit_in_review"
    PUBLISHED_EDIT_CHANGES_REQUESTED = "published_edit_changes_requested"
    PUBLISHED_EDIT_REJECTED = "published_edit_rejected"
    CLOSED = "closed"
    EXPIRED = "expired"
    UNPUBLISHED = "unpublished"


# The state of an edit of a published listing, as its employer reads it.
_EDIT_STATUS = {
    ReviewStatus.DRAFT: EmployerStatus.PUBLISHED_WITH_DRAFT,
    ReviewStatus.SUBMITTED: EmployerStatus.PUBLISHED_EDIT_IN_REVIEW,
    ReviewStatus.CHANGES_REQUESTED: EmployerStatus.PUBLISHED_EDIT_CHANGES_REQUESTED,
    ReviewStatus.REJECTED: EmployerStatus.PUBLISHED_EDIT_REJECTED,
}


class ListingNotEditable(DomainError):
    """The listing is over; it can be copied, not changed."""


class DeadlinePassed(DomainError):
    """A listing cannot be sent for review with an application deadline in the past."""


class NothingToSubmit(DomainError):
    """There is no draft waiting to be sent."""


class OrganisationBlocked(DomainError):
    """A rejected or suspended organisation cannot send listings for review."""


# --- Writing ---------------------------------------------------------------------------------


def create_listing(
    session: Session,
    *,
    organisation: Organisation,
    author: User,
    content: dict[str, Any],
    now: datetime,
) -> Listing:
    """A new listing with its first version as a draft."""
    listing = Listing(
        organisation=organisation,
        created_by_id=author.id,
        status=ListingStatus.DRAFT,
        created_at=now,
    )
    version = ListingVersion(number=1, author_id=author.id, created_at=now, **_content(content))
    listing.versions.append(version)
    session.add(listing)
    session.flush()
    listing.current_version = version
    return listing


def _content(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"not listing content: {sorted(unknown)}")
    return values


def content_of(version: ListingVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in CONTENT_FIELDS}


def draft_for_editing(listing: Listing, *, author: User, now: datetime) -> ListingVersion:
    """The version an edit goes into: the current draft, or a new draft copied from the latest."""
    if listing.status in FINISHED:
        raise ListingNotEditable(listing.status.value)
    current = listing.current_version
    assert current is not None
    if current.review_status is ReviewStatus.DRAFT:
        return current
    if current.review_status is ReviewStatus.SUBMITTED:
        # Changing text that waits for a moderator takes it back; it is sent again when ready.
        moderation.withdraw(current)
        if listing.status is ListingStatus.IN_REVIEW:
            LIFECYCLE.move(listing, "withdraw")
    draft = ListingVersion(
        number=current.number + 1, author_id=author.id, created_at=now, **content_of(current)
    )
    listing.versions.append(draft)
    listing.current_version = draft
    return draft


def save_listing(
    session: Session,
    listing: Listing,
    *,
    author: User,
    content: dict[str, Any],
    now: datetime,
) -> ListingVersion:
    draft = draft_for_editing(listing, author=author, now=now)
    for name, value in _content(content).items():
        setattr(draft, name, value)
    draft.author_id = author.id
    session.flush()
    return draft


def submit_listing(listing: Listing, *, today: date, now: datetime) -> None:
    """Send the draft to a moderator. A published listing stays up while its edit is reviewed."""
    version = listing.current_version
    if version is None or version.review_status is not ReviewStatus.DRAFT:
        raise NothingToSubmit()
    if listing.organisation.status in (OrganisationStatus.REJECTED, OrganisationStatus.SUSPENDED):
        raise OrganisationBlocked(listing.organisation.status.value)
    if version.deadline < today:
        raise DeadlinePassed(version.deadline)
    if listing.status is not ListingStatus.PUBLISHED:
        LIFECYCLE.move(listing, "submit")
    moderation.submit(version, now=now)


def copy_listing(
    session: Session, listing: Listing, *, author: User, now: datetime, today: date
) -> Listing:
    """A new draft with the same text, to post something similar quickly."""
    source = listing.current_version
    assert source is not None
    content = content_of(source)
    # Dates in the past would only have to be changed; leave them for the employer to fill in.
    for name in ("start_date", "end_date"):
        if content[name] is not None and content[name] < today:
            content[name] = None
    if content["deadline"] < today:
        content["deadline"] = today
    return create_listing(
        session, organisation=listing.organisation, author=author, content=content, now=now
    )


def close_listing(listing: Listing, *, now: datetime) -> None:
    LIFECYCLE.move(listing, "close")
    listing.closed_at = now
    _withdraw_waiting_edit(listing)
    events.listing_closed(listing, now=now)


def withdraw_from_review(listing: Listing) -> None:
    """A listing never published leaves the moderators' queue and is a draft again."""
    _withdraw_waiting_edit(listing)
    LIFECYCLE.move(listing, "withdraw")


def _withdraw_waiting_edit(listing: Listing) -> None:
    """An edit waiting for review has nothing to be published into once the listing is down;
    left submitted, it would wait in the moderators' queue with no decision possible."""
    version = listing.current_version
    if version is not None and version.review_status is ReviewStatus.SUBMITTED:
        moderation.withdraw(version)


# --- Review ----------------------------------------------------------------------------------


def decide_listing(
    session: Session,
    version: ListingVersion,
    *,
    moderator: User,
    decision: Decision,
    now: datetime,
    comment: str | None = None,
    reason: RejectionReason | None = None,
) -> None:
    """A moderator's decision on a version; approval publishes it."""
    # A submitted version always belongs to a decidable listing (see `DECIDABLE`); anything else
    # was decided, taken back or taken down since the moderator opened it.
    if version.review_status is not ReviewStatus.SUBMITTED:
        raise StaleState(version.review_status)
    listing = version.listing
    if listing.status not in DECIDABLE:
        raise StaleState(listing.status)
    moderation.decide(
        session,
        version,
        subject_type=SUBJECT,
        subject_id=listing.id,
        moderator=moderator,
        decision=decision,
        comment=comment,
        reason=reason,
        now=now,
    )
    is_edit_of_published = listing.status is ListingStatus.PUBLISHED
    if not is_edit_of_published:
        LIFECYCLE.move(listing, decision)
    if decision is Decision.APPROVE:
        publish_version(session, listing, version, now=now)
    _tell_of_decision(
        listing, decision, edit=is_edit_of_published, now=now, comment=comment, reason=reason
    )


def _tell_of_decision(
    listing: Listing,
    decision: Decision,
    *,
    edit: bool,
    now: datetime,
    comment: str | None,
    reason: RejectionReason | None,
) -> None:
    kind = {
        Decision.APPROVE: NotificationKind.LISTING_APPROVED,
        Decision.REQUEST_CHANGES: NotificationKind.LISTING_CHANGES_REQUESTED,
        Decision.REJECT: NotificationKind.LISTING_REJECTED,
    }[decision]
    events.listing_decided(
        listing,
        kind,
        now=now,
        comment=(comment or "").strip() or None,
        reason=reason.value if reason is not None and decision is Decision.REJECT else None,
    )
    if edit and decision is Decision.APPROVE:
        events.listing_changed(listing, now=now)


def publish_version(
    session: Session, listing: Listing, version: ListingVersion, *, now: datetime
) -> None:
    """Make a version the public one: copy its facets for search, and index its text."""
    listing.published_version = version
    listing.published_at = listing.published_at or now
    for name in FACETS:
        setattr(listing, name, getattr(version, name))
    listing.paid = (
        version.listing_type is not ListingType.JOB_TRIAL or version.trial_pay is TrialPay.PAID
    )
    session.flush()
    search.index_listing(session, listing)


def unpublish_listing(
    session: Session, listing: Listing, *, moderator: User, reason: str, now: datetime
) -> None:
    """A moderator takes a live listing down, with a reason its employer sees."""
    reason = reason.strip()
    if not reason:
        raise moderation.DecisionIncomplete("taking a listing down needs a reason")
    LIFECYCLE.move(listing, "unpublish")
    listing.unpublished_reason = reason
    listing.featured = False
    _withdraw_waiting_edit(listing)
    events.listing_closed(listing, now=now)
    moderation.record(
        session,
        actor=moderator,
        action="listing:unpublish",
        subject_type=SUBJECT,
        subject_id=listing.id,
        comment=reason,
        now=now,
    )


def set_featured(
    session: Session, listing: Listing, featured: bool, *, moderator: User, now: datetime
) -> None:
    if featured and listing.status is not ListingStatus.PUBLISHED:
        raise InvalidTransition("only a published listing can be featured")
    if listing.featured is featured:
        raise StaleState(listing.featured)
    # Still published, and still as the moderator saw it: two moderators do not both feature it.
    expected: dict[str, object] = {"featured": not featured}
    if featured:
        expected["status"] = ListingStatus.PUBLISHED
    compare_and_set(listing, expected=expected, values={"featured": featured})
    moderation.record(
        session,
        actor=moderator,
        action="listing:feature" if featured else "listing:unfeature",
        subject_type=SUBJECT,
        subject_id=listing.id,
        now=now,
    )


def expire_listings(session: Session, *, today: date) -> int:
    """Mark published listings whose deadline has passed as expired; returns how many."""
    expiring = (Listing.status == ListingStatus.PUBLISHED, Listing.deadline < today)
    # `_withdraw_waiting_edit` for every one of them in one statement, and before the listings
    # change: once expired they no longer match `expiring`.
    session.execute(
        update(ListingVersion)
        .where(
            ListingVersion.review_status == ReviewStatus.SUBMITTED,
            ListingVersion.listing_id.in_(select(Listing.id).where(*expiring)),
        )
        .values(review_status=ReviewStatus.WITHDRAWN),
        execution_options={"synchronize_session": "fetch"},
    )
    # An UPDATE answers with a cursor result (it has the row count); Session.execute's types say
    # only Result.
    result = cast(
        "CursorResult[Any]",
        session.execute(
            update(Listing).where(*expiring).values(status=ListingStatus.EXPIRED, featured=False)
        ),
    )
    return result.rowcount or 0


def baseline_for_review(version: ListingVersion) -> ListingVersion | None:
    """What a moderator compares a submitted version with: the approved text if there is one,
    otherwise the version a moderator last decided on."""
    listing = version.listing
    if listing.published_version is not None and listing.published_version is not version:
        return listing.published_version
    decided = [
        v
        for v in listing.versions
        if v.number < version.number
        and v.review_status
        in (ReviewStatus.APPROVED, ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED)
    ]
    return decided[-1] if decided else None


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


def changes_since(baseline: ListingVersion | None, version: ListingVersion) -> list[Change]:
    """Exactly the fields that differ between two versions, in the form's order."""
    if baseline is None:
        return []
    return [
        Change(name, getattr(baseline, name), getattr(version, name))
        for name in CONTENT_FIELDS
        if getattr(baseline, name) != getattr(version, name)
    ]


# --- Who sees what ---------------------------------------------------------------------------


def organisation_listings(organisation: Organisation) -> Select[Listing]:
    """Every listing of one organisation, newest first: what its employers may see and change."""
    return (
        select(Listing)
        .where(Listing.organisation_id == organisation.id)
        # The overview reads each listing's versions for the moderator's last words.
        .options(selectinload(Listing.versions))
        .order_by(Listing.created_at.desc(), Listing.id.desc())
    )


def employer_status(listing: Listing, today: date) -> EmployerStatus:
    """Where a listing stands, in the words of the employer's overview."""
    version = listing.current_version
    if listing.status is ListingStatus.PUBLISHED:
        if listing.deadline is not None and listing.deadline < today:
            return EmployerStatus.EXPIRED
        if listing.organisation.status is not OrganisationStatus.VERIFIED:
            return EmployerStatus.APPROVED_WAITING_FOR_ORGANISATION
        if version is not None and version is not listing.published_version:
            return _EDIT_STATUS.get(version.review_status, EmployerStatus.PUBLISHED)
        return EmployerStatus.PUBLISHED
    return EmployerStatus(listing.status.value)
