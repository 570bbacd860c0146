"""Who is told of each thing that happens, and with which words' parameters.

The services that make things happen call these, in their own transaction. The person who acted
is never among those told: a young person's steps tell the employer's members, an employer's
steps tell the young person, a moderator's decisions tell the author. Employers are not told a
young person's name here: it stays in Jobbes, behind the link, and leaves with their account.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from jobbes.models import (
    Consent,
    Counsellor,
    CounsellorSuggestion,
    Interest,
    InterestStatus,
    Listing,
    Meeting,
    MeetingStatus,
    NotificationKind,
    Organisation,
    Profile,
    User,
)
from jobbes.services import notifications

K = NotificationKind

# A step an employer takes on an interest, and what the young person is told of it.
TO_YOUNG_PERSON = {
    "see": K.INTEREST_READ,
    "invite_to_talk": K.INTEREST_INVITED,
    "agree_trial": K.INTEREST_TRIAL_AGREED,
    "offer": K.INTEREST_OFFERED,
    "hire": K.INTEREST_HIRED,  # the young person now says yes to an offer themselves
    "decline": K.INTEREST_DECLINED,
}

# A step a young person takes, and what every member of the employer is told of it.
TO_EMPLOYER = {
    "accept_invitation": K.INTEREST_ACCEPTED,
    "decline_invitation": K.INTEREST_INVITATION_DECLINED,
    "withdraw": K.INTEREST_WITHDRAWN,
    "accept_offer": K.INTEREST_OFFER_ACCEPTED,
    "decline_offer": K.INTEREST_OFFER_DECLINED,
    "reopen": K.INTEREST_NEW,
}

# Everyone whose interest in a listing is still going, invitations included.
STILL_GOING = frozenset(
    {
        InterestStatus.INVITED,
        InterestStatus.SENT,
        InterestStatus.SEEN,
        InterestStatus.TALK,
        InterestStatus.TRIAL_AGREED,
        InterestStatus.OFFERED,
    }
)


def _session_of(thing: object) -> Session:
    session = object_session(thing)
    if session is None:
        raise RuntimeError(f"{thing!r} is not in a session: nothing could be told in its name")
    return session


def _listing_params(listing: Listing) -> dict[str, Any]:
    version = listing.published_version or listing.current_version
    return {
        "listing": version.title if version is not None else "",
        "organisation": listing.organisation.name,
    }


def young_person_link(interest: Interest) -> str:
    return f"/me/interests#interest-{interest.id}"


def conversation_link(interest: Interest) -> str:
    return f"/messages/{interest.id}"


def employer_link(interest: Interest) -> str:
    return f"/employer/listings/{interest.listing_id}/interests#card-{interest.id}"


def _young_person(interest: Interest) -> User | None:
    return interest.profile.user if interest.profile is not None else None


def interest_stepped(interest: Interest, step: str, *, now: datetime, note: str | None) -> None:
    """An interest moved one step: tell the other side."""
    session = _session_of(interest)
    params = _listing_params(interest.listing)
    if step in TO_YOUNG_PERSON:
        if step == "agree_trial":
            params.update(start=interest.trial_start, end=interest.trial_end)
        if step == "decline":
            params["decline_message"] = interest.decline_message
        if note:
            params["message"] = note
        notifications.notify(
            session,
            _young_person(interest),
            TO_YOUNG_PERSON[step],
            link=young_person_link(interest),
            params=params,
            now=now,
        )
    elif step in TO_EMPLOYER:
        notifications.notify_organisation(
            session,
            interest.listing.organisation,
            TO_EMPLOYER[step],
            link=employer_link(interest),
            params=params,
            now=now,
        )


def interest_opened(interest: Interest, *, now: datetime) -> None:
    """A new interest (the employer is told) or an invitation (the young person is)."""
    session = _session_of(interest)
    params = _listing_params(interest.listing)
    if interest.status is InterestStatus.INVITED:
        if interest.employer_message:
            params["message"] = interest.employer_message
        notifications.notify(
            session,
            _young_person(interest),
            K.INTEREST_INVITED_BY_EMPLOYER,
            link=young_person_link(interest),
            params=params,
            now=now,
        )
    else:
        notifications.notify_organisation(
            session,
            interest.listing.organisation,
            K.INTEREST_NEW,
            link=employer_link(interest),
            params=params,
            now=now,
        )


def _tell_interested(listing: Listing, kind: NotificationKind, *, now: datetime) -> None:
    session = _session_of(listing)
    params = _listing_params(listing)
    going = session.scalars(
        select(Interest).where(Interest.listing_id == listing.id, Interest.status.in_(STILL_GOING))
    )
    for interest in going:
        notifications.notify(
            session,
            _young_person(interest),
            kind,
            link=young_person_link(interest),
            params=params,
            now=now,
        )


def listing_closed(listing: Listing, *, now: datetime) -> None:
    """Closed by its employer or taken down by a moderator: those still interested are told."""
    _tell_interested(listing, K.LISTING_CLOSED, now=now)


def listing_changed(listing: Listing, *, now: datetime) -> None:
    """A new version of a live listing was published: those still interested may look again."""
    _tell_interested(listing, K.LISTING_CHANGED, now=now)


def listing_decided(
    listing: Listing,
    kind: NotificationKind,
    *,
    now: datetime,
    comment: str | None = None,
    reason: str | None = None,
) -> None:
    """A moderator approved, sent back or rejected a listing: its organisation is told."""
    params = _listing_params(listing)
    if comment:
        params["message"] = comment
    if reason:
        params["reason"] = reason
    notifications.notify_organisation(
        _session_of(listing),
        listing.organisation,
        kind,
        link=f"/employer/listings/{listing.id}",
        params=params,
        now=now,
    )


def organisation_verified(organisation: Organisation, *, now: datetime) -> None:
    notifications.notify_organisation(
        _session_of(organisation),
        organisation,
        K.ORGANISATION_VERIFIED,
        link="/employer",
        params={"organisation": organisation.name},
        now=now,
    )


def colleague_joined(colleague: User, *, now: datetime) -> None:
    """Everyone already in the organisation is told; the one who joined is not."""
    organisation = colleague.organisation
    if organisation is None:
        return
    notifications.notify_organisation(
        _session_of(colleague),
        organisation,
        K.ORGANISATION_COLLEAGUE_JOINED,
        link="/employer/organisation",
        params={"name": colleague.name, "organisation": organisation.name},
        now=now,
        except_user=colleague,
    )


def profile_decided(
    profile: Profile, *, approved: bool, now: datetime, comment: str | None = None
) -> None:
    params = {"message": comment} if comment and not approved else {}
    notifications.notify(
        _session_of(profile),
        profile.user,
        K.PROFILE_APPROVED if approved else K.PROFILE_CHANGES_REQUESTED,
        link="/me/profile",
        params=params,
        now=now,
    )


# --- Times to meet ---------------------------------------------------------------------------


def _meeting_params(meeting: Meeting, *, chosen_only: bool = False) -> dict[str, Any]:
    params = _listing_params(meeting.interest.listing)
    params["kind"] = meeting.kind
    slot = meeting.chosen
    if slot is not None:
        params.update(start=slot.starts_at, end=slot.ends_at)
    if not chosen_only:
        params["times"] = [[s.starts_at.isoformat(), s.ends_at.isoformat()] for s in meeting.slots]
    return params


def meeting_proposed(meeting: Meeting, *, now: datetime) -> None:
    """The employer proposed times: the young person is told what they are and where."""
    interest = meeting.interest
    params = _meeting_params(meeting)
    params["place"] = meeting.place
    notifications.notify(
        _session_of(meeting),
        _young_person(interest),
        K.MEETING_PROPOSED,
        link=young_person_link(interest),
        params=params,
        now=now,
    )


def meeting_answered(meeting: Meeting, *, now: datetime) -> None:
    """The young person picked a time or asked for another: every member is told (their note
    stays in Jobbes, behind the link)."""
    interest = meeting.interest
    chosen = meeting.status is MeetingStatus.CHOSEN
    notifications.notify_organisation(
        _session_of(meeting),
        interest.listing.organisation,
        K.MEETING_CHOSEN if chosen else K.MEETING_ANOTHER_TIME,
        link=employer_link(interest),
        params=_meeting_params(meeting, chosen_only=True),
        now=now,
    )


def meeting_reminder(meeting: Meeting, *, now: datetime) -> None:
    """Tomorrow is the day: both sides are reminded of the time and the place."""
    session = _session_of(meeting)
    interest = meeting.interest
    params = _meeting_params(meeting, chosen_only=True)
    params["place"] = meeting.place
    notifications.notify(
        session,
        _young_person(interest),
        K.MEETING_REMINDER,
        link=young_person_link(interest),
        params=params,
        now=now,
    )
    # The employer knows who they are; the young person's name stays behind the link.
    params.pop("organisation")
    notifications.notify_organisation(
        session,
        interest.listing.organisation,
        K.MEETING_REMINDER,
        link=employer_link(interest),
        params=params,
        now=now,
    )


# --- No ghosting: what the scheduler tells (services/reminders.py) --------------------------


def answer_reminder(
    interest: Interest, kind: NotificationKind, *, closes: date, now: datetime
) -> None:
    """The organisation has not answered a young person: every member is reminded."""
    notifications.notify_organisation(
        _session_of(interest),
        interest.listing.organisation,
        kind,
        link=employer_link(interest),
        params={**_listing_params(interest.listing), "day": closes},
        now=now,
    )


def closed_unanswered(interest: Interest, *, suggestions: list[str], now: datetime) -> None:
    """Nobody answered in time: the young person is told kindly, with listings that may suit
    them, and the organisation that the interest is closed."""
    session = _session_of(interest)
    params = _listing_params(interest.listing)
    notifications.notify(
        session,
        _young_person(interest),
        K.INTEREST_CLOSED_UNANSWERED,
        link=young_person_link(interest),
        params={**params, "suggestions": suggestions},
        now=now,
    )
    notifications.notify_organisation(
        session,
        interest.listing.organisation,
        K.INTEREST_CLOSED_WITHOUT_ANSWER,
        link=employer_link(interest),
        params=params,
        now=now,
    )


def invitation_reminder(interest: Interest, *, expires: date, now: datetime) -> None:
    notifications.notify(
        _session_of(interest),
        _young_person(interest),
        K.INVITATION_REMINDER,
        link=young_person_link(interest),
        params={**_listing_params(interest.listing), "day": expires},
        now=now,
    )


def invitation_expired(interest: Interest, *, now: datetime) -> None:
    notifications.notify_organisation(
        _session_of(interest),
        interest.listing.organisation,
        K.INVITATION_EXPIRED,
        link=employer_link(interest),
        params=_listing_params(interest.listing),
        now=now,
    )


# --- Counsellors ----------------------------------------------------------------------------
#
# A young person's name never goes in what a counsellor is told (it could reach an email); it is
# behind the link, in the caseload.


def _counsellor_link(consent: Consent) -> str:
    return f"/counsellor/people/{consent.young_person_id}"


def _tell_counsellor(consent: Consent, kind: NotificationKind, *, now: datetime) -> None:
    notifications.notify(
        _session_of(consent), consent.counsellor, kind, link=_counsellor_link(consent), now=now
    )


def counsellor_added(consent: Consent, *, now: datetime) -> None:
    _tell_counsellor(consent, K.COUNSELLOR_ADDED, now=now)


def counsellor_accepted(consent: Consent, *, now: datetime) -> None:
    _tell_counsellor(consent, K.COUNSELLOR_ACCEPTED, now=now)


def counsellor_requested(consent: Consent, *, now: datetime) -> None:
    session = _session_of(consent)
    record = session.get(Counsellor, consent.counsellor_id)
    notifications.notify(
        session,
        consent.young_person,
        K.COUNSELLOR_REQUEST,
        link="/me/counsellors",
        params={
            "name": consent.counsellor.name,
            "organisation": record.organisation.name if record is not None else "",
        },
        now=now,
    )


def listing_suggested(suggestion: CounsellorSuggestion, young: User, *, now: datetime) -> None:
    notifications.notify(
        _session_of(suggestion),
        young,
        K.COUNSELLOR_SUGGESTION,
        link=f"/me#suggestion-{suggestion.id}",
        params={
            "name": suggestion.counsellor_name,
            **_listing_params(suggestion.listing),
            "message": suggestion.note,
        },
        now=now,
    )


# --- Conversations ---------------------------------------------------------------------------


def message_sent(interest: Interest, *, sender: User, to_young_person: bool, now: datetime) -> None:
    """A message in an interest's conversation: the other side is told (services/messages.py
    decides when, so a burst of messages is one notification). The sender's colleagues are not
    told their own side's words."""
    link = conversation_link(interest)
    params = _listing_params(interest.listing)
    if to_young_person:
        notifications.notify(
            _session_of(interest),
            _young_person(interest),
            K.MESSAGE_TO_YOUNG_PERSON,
            link=link,
            params=params,
            now=now,
        )
    else:
        notifications.notify_organisation(
            _session_of(interest),
            interest.listing.organisation,
            K.MESSAGE_TO_EMPLOYER,
            link=link,
            params=params,
            now=now,
            except_user=sender,
        )
