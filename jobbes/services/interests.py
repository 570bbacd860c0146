"""Interests: a young person's "I'm interested", an employer's invitation, and every step after.

sent → seen → invited to a talk or trial → trial agreed → offered → hired; or declined by the
employer (always with one of the kind messages), or withdrawn by the young person. An employer
may also invite a young person who let employers find them; the young person decides.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    Profile,
)
from jobbes.services import events, visibility
from jobbes.services.errors import DomainError
from jobbes.services.moderation import StateMachine

MESSAGE_MAX = 500
S = InterestStatus

FLOW = StateMachine(
    attribute="status",
    initial=S.SENT,
    steps={
        "accept_invitation": (frozenset({S.INVITED}), S.SENT),
        "decline_invitation": (frozenset({S.INVITED}), S.INVITATION_DECLINED),
        "see": (frozenset({S.SENT}), S.SEEN),
        "invite_to_talk": (frozenset({S.SENT, S.SEEN}), S.TALK),
        "agree_trial": (frozenset({S.SENT, S.SEEN, S.TALK}), S.TRIAL_AGREED),
        "offer": (frozenset({S.SEEN, S.TALK, S.TRIAL_AGREED}), S.OFFERED),
        "hire": (frozenset({S.OFFERED, S.TRIAL_AGREED}), S.HIRED),
        "decline": (frozenset({S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED}), S.DECLINED),
        "withdraw": (
            frozenset({S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED}),
            S.WITHDRAWN,
        ),
    },
)

# The steps an employer takes, in the order the pipeline offers them.
EMPLOYER_STEPS = ("invite_to_talk", "agree_trial", "offer", "hire", "decline")
OPEN = frozenset({S.INVITED, S.SENT, S.SEEN, S.TALK, S.TRIAL_AGREED, S.OFFERED})
FINISHED = frozenset({S.HIRED, S.DECLINED, S.WITHDRAWN, S.INVITATION_DECLINED})


class NotPossible(DomainError):
    """The interest cannot be sent; `reason` says why in a word the view explains kindly."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DetailsMissing(DomainError):
    """A step that needs details (dates, a kind message) came without them."""


def _clean(text: str | None) -> str | None:
    return (text or "").strip()[:MESSAGE_MAX] or None


def _step(interest: Interest, step: str, *, now: datetime, note: str | None = None) -> None:
    FLOW.move(interest, step)
    interest.updated_at = now
    interest.events.append(InterestEvent(status=interest.status, created_at=now, note=note))
    events.interest_stepped(interest, step, now=now, note=note)


def existing(session: Session, listing: Listing, profile: Profile) -> Interest | None:
    return session.scalar(
        select(Interest).where(
            Interest.listing_id == listing.id, Interest.profile_id == profile.user_id
        )
    )


def why_not(session: Session, profile: Profile, listing: Listing, *, today: date) -> str | None:
    """Why this young person cannot say they are interested, or None if they can."""
    if not visibility.is_public(listing, today):
        return "closed"
    assert listing.minimum_age is not None
    if profile.age(today) < listing.minimum_age:
        return "too_young"
    if existing(session, listing, profile) is not None:
        return "already_interested"
    return None


def express_interest(
    session: Session,
    *,
    profile: Profile,
    listing: Listing,
    message: str | None,
    today: date,
    now: datetime,
) -> Interest:
    """A young person says "I'm interested", with an optional short message."""
    reason = why_not(session, profile, listing, today=today)
    if reason is not None:
        raise NotPossible(reason)
    interest = Interest(
        listing=listing,
        profile=profile,
        status=S.SENT,
        message=_clean(message),
        created_at=now,
        updated_at=now,
    )
    interest.events.append(InterestEvent(status=S.SENT, created_at=now))
    session.add(interest)
    session.flush()
    events.interest_opened(interest, now=now)
    return interest


def invite(
    session: Session,
    *,
    listing: Listing,
    profile: Profile,
    message: str | None,
    today: date,
    now: datetime,
) -> Interest:
    """An employer invites a young person who let employers find them to apply."""
    if not visibility.is_discoverable(profile):
        raise NotPossible("not_discoverable")
    reason = why_not(session, profile, listing, today=today)
    if reason is not None:
        raise NotPossible(reason)
    interest = Interest(
        listing=listing,
        profile=profile,
        status=S.INVITED,
        employer_message=_clean(message),
        created_at=now,
        updated_at=now,
    )
    interest.events.append(InterestEvent(status=S.INVITED, created_at=now, note=_clean(message)))
    session.add(interest)
    session.flush()
    events.interest_opened(interest, now=now)
    return interest


def respond_to_invitation(
    interest: Interest, *, accept: bool, message: str | None, now: datetime
) -> None:
    if accept:
        interest.message = _clean(message)
    _step(interest, "accept_invitation" if accept else "decline_invitation", now=now)


def withdraw(interest: Interest, *, now: datetime) -> None:
    _step(interest, "withdraw", now=now)


def mark_seen(interest: Interest, *, now: datetime) -> None:
    """The employer has opened the interest; the young person sees that it was read."""
    if interest.status is S.SENT:
        _step(interest, "see", now=now)


def mark_all_seen(session: Session, listing: Listing, *, now: datetime) -> bool:
    """The employer opened the listing's interests: the new ones are read. True if there were."""
    unread = session.scalars(
        select(Interest).where(Interest.listing_id == listing.id, Interest.status == S.SENT)
    ).all()
    for interest in unread:
        mark_seen(interest, now=now)
    return bool(unread)


def employer_step(
    interest: Interest,
    step: str,
    *,
    now: datetime,
    message: str | None = None,
    trial_start: date | None = None,
    trial_end: date | None = None,
    decline_message: DeclineMessage | None = None,
) -> None:
    """Move an interest along the employer's pipeline."""
    if step not in EMPLOYER_STEPS:
        raise ValueError(f"{step} is not an employer's step")
    message = _clean(message)
    if step == "agree_trial":
        if trial_start is None or (trial_end is not None and trial_end < trial_start):
            raise DetailsMissing("a trial needs a start date, and an end after it")
        interest.trial_start, interest.trial_end = trial_start, trial_end
    if step == "decline":
        if decline_message is None:
            raise DetailsMissing("declining needs one of the kind messages")
        interest.decline_message = decline_message
    if message:
        interest.employer_message = message
    _step(interest, step, now=now, note=message)


def for_listing(listing: Listing) -> Select[Interest]:
    """Everyone interested in (or invited to) one listing, oldest first, with what the
    employer's pipeline shows of each loaded for all of them at once."""
    return (
        visibility.visible_interests()
        .where(Interest.listing_id == listing.id)
        .order_by(Interest.created_at, Interest.id)
        .options(
            selectinload(Interest.profile).selectinload(Profile.user),
            selectinload(Interest.profile).selectinload(Profile.submissions),
            selectinload(Interest.profile).selectinload(Profile.approved_submission),
        )
    )


def of_profile(profile: Profile) -> Select[Interest]:
    """A young person's interests and invitations, newest change first."""
    return (
        select(Interest)
        .where(Interest.profile_id == profile.user_id)
        .order_by(Interest.updated_at.desc(), Interest.id.desc())
    )


def counts_by_listing(session: Session, listing_ids: list[int]) -> dict[int, int]:
    """How many young people are interested in each listing (invitations not yet accepted and
    withdrawals do not count)."""
    if not listing_ids:
        return {}
    rows = session.execute(
        visibility.visible_interests()
        .with_only_columns(Interest.listing_id, func.count())
        .where(
            Interest.listing_id.in_(listing_ids),
            Interest.status.not_in([S.INVITED, S.INVITATION_DECLINED, S.WITHDRAWN]),
        )
        .group_by(Interest.listing_id)
    ).all()
    return dict(rows)


def interested_listing_ids(session: Session, profile: Profile) -> frozenset[int]:
    return frozenset(
        session.scalars(select(Interest.listing_id).where(Interest.profile_id == profile.user_id))
    )


def withdraw_all(profile: Profile, *, now: datetime) -> None:
    """On leaving Jobbes: every open interest is withdrawn, and the words both ways erased (what
    employers wrote can name the person: "Hi Sara, see you Monday")."""
    for interest in profile.interests:
        if interest.status in OPEN and interest.status is not S.INVITED:
            _step(interest, "withdraw", now=now)
        elif interest.status is S.INVITED:
            _step(interest, "decline_invitation", now=now)
        interest.message = None
        interest.employer_message = None
