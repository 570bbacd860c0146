"""Counsellors (veiledere): their accounts, young people's consent, the caseload with its flags,
one young person's timeline, the record of every look, suggestions and private notes.

Consent comes first and is the young person's: they add a counsellor (by the counsellor's short
code or email address), or accept a counsellor's request; they can end it at any time, and it
lapses by itself twelve months after it was given or renewed. Lapsing is computed when consent is
read (`Consent.in_force`), so no job has to run for access to end on time. A counsellor reaches a
young person only through a consent in force (`permissions`), and each time they open the young
person's page it is recorded for the young person to see.
"""

from __future__ import annotations

import enum
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    Agreement,
    AgreementStatus,
    AuditEvent,
    Consent,
    ConsentStatus,
    CounsellingOrganisation,
    Counsellor,
    CounsellorLook,
    CounsellorNote,
    CounsellorSuggestion,
    Evaluation,
    Interest,
    InterestStatus,
    Listing,
    Notification,
    NotificationKind,
    Profile,
    ReviewStatus,
    Role,
    User,
)
from jobbes.models.accounts import UNUSABLE_PASSWORD
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.models.profiles import ABOUT_MAX_LENGTH
from jobbes.services import (
    accounts,
    evaluations,
    events,
    interests,
    moderation,
    notifications,
    passwords,
    profiles,
    visibility,
)
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import StaleState, compare_and_set
from jobbes.workdays import add_working_days

S = InterestStatus
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed
CODE_LENGTH = 6
NOTE_MAX = 2000
SUGGESTION_NOTE_MAX = 500
ORGANISATION_NAME_MAX = 200

# The rules behind the flags (the programme's own: nobody waits more than 8 weeks for an offer).
WAITING_FOR_AN_OFFER = timedelta(weeks=8)
UNANSWERED_WORKING_DAYS = 10
INACTIVE_AFTER = timedelta(days=30)
SENT_BACK_FIXED_WITHIN = timedelta(days=7)


class NoSuchCounsellor(DomainError):
    """No counsellor has this short code or email address."""


class AlreadyFollowing(DomainError):
    """This counsellor already follows the young person."""


class NotSuggestable(DomainError):
    """The listing is closed, or the young person is below its minimum age."""


class NotACounsellor(DomainError):
    """The account is not a counsellor's."""


# --- Counselling organisations and counsellor accounts ----------------------------------------


def organisation_named(session: Session, name: str) -> CounsellingOrganisation:
    """The counselling organisation with this name, made if it is new."""
    name = " ".join(name.split())[:ORGANISATION_NAME_MAX]
    if not name:
        raise ValueError("a counselling organisation needs a name")
    found = session.scalar(
        select(CounsellingOrganisation).where(CounsellingOrganisation.name == name)
    )
    if found is None:
        found = CounsellingOrganisation(name=name)
        session.add(found)
        session.flush()
    return found


def organisation_names(session: Session) -> list[str]:
    return list(
        session.scalars(select(CounsellingOrganisation.name).order_by(CounsellingOrganisation.name))
    )


def _new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Counsellor.user_id).where(Counsellor.code == code)) is None:
            return code


def create_counsellor(
    session: Session,
    *,
    email: str,
    organisation_name: str,
    name: str = "",
    password: str | None = None,
    now: datetime,
) -> User:
    """A counsellor's account; never self-registered. Without a password (an admin's page) the
    account waits for its owner to choose one from an emailed invitation link."""
    email = accounts.normalise_email(email)
    if accounts.find_user_by_email(session, email) is not None:
        raise accounts.EmailTaken(email)
    organisation = organisation_named(session, organisation_name)
    user = User(
        email=email,
        password_hash=passwords.hash_password(password) if password else UNUSABLE_PASSWORD,
        # Without a name the invitation asks for one (as for staff: never the email's first part).
        name=name.strip(),
        role=Role.COUNSELLOR,
        # An admin typed the address; the invitation link, or the server's console, proves it.
        email_confirmed_at=now if password else None,
    )
    session.add(user)
    session.flush()
    session.add(Counsellor(user_id=user.id, organisation=organisation, code=_new_code(session)))
    session.flush()
    return user


def counsellor_record(session: Session, user: User) -> Counsellor:
    found = session.get(Counsellor, user.id)
    if found is None:
        raise NotACounsellor(repr(user))
    return found


def all_counsellors(session: Session) -> Sequence[Counsellor]:
    """Every counsellor with their organisation, for the admins' page."""
    return session.scalars(
        select(Counsellor)
        .join(User, User.id == Counsellor.user_id)
        .join(CounsellingOrganisation)
        .options(selectinload(Counsellor.user), selectinload(Counsellor.organisation))
        .order_by(CounsellingOrganisation.name, User.email)
    ).all()


def find_counsellor(session: Session, code_or_email: str) -> Counsellor | None:
    """The counsellor a young person means: by short code (any case, spaces ignored) or email."""
    typed = code_or_email.strip()
    if "@" in typed:
        user = accounts.find_user_by_email(session, typed)
        if user is None or user.role is not Role.COUNSELLOR or user.suspended_at is not None:
            return None
        return session.get(Counsellor, user.id)
    code = "".join(typed.split()).upper().replace("-", "")
    found = session.scalar(select(Counsellor).where(Counsellor.code == code))
    if found is None or found.user.suspended_at is not None:
        return None
    return found


# --- Consent ----------------------------------------------------------------------------------


def one_year_after(moment: datetime) -> datetime:
    """Twelve months on; 29 February falls back to the 28th."""
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:
        return moment.replace(year=moment.year + 1, day=28)


def _pair(session: Session, young_person_id: int, counsellor_id: int) -> Consent | None:
    return session.scalar(
        select(Consent).where(
            Consent.young_person_id == young_person_id, Consent.counsellor_id == counsellor_id
        )
    )


def _in_force_values(now: datetime) -> dict[str, object]:
    return {
        "status": ConsentStatus.ACTIVE,
        "started_at": now,
        "expires_at": one_year_after(now),
        "ended_at": None,
    }


def _insert(session: Session, consent: Consent) -> Consent:
    try:
        with session.begin_nested():
            session.add(consent)
    except IntegrityError:
        # The other side made the pair at the same moment: theirs stands.
        raise StaleState(None) from None
    return consent


def add_counsellor(session: Session, young: User, code_or_email: str, *, now: datetime) -> Consent:
    """The young person lets a counsellor follow them, from now on, for twelve months."""
    counsellor = find_counsellor(session, code_or_email)
    if counsellor is None:
        raise NoSuchCounsellor(code_or_email)
    consent = _pair(session, young.id, counsellor.user_id)
    if consent is None:
        consent = _insert(
            session,
            Consent(
                young_person_id=young.id,
                counsellor_id=counsellor.user_id,
                created_at=now,
                **_in_force_values(now),
            ),
        )
    elif consent.in_force(now):
        raise AlreadyFollowing(counsellor.code)
    else:
        # Asked by the counsellor, declined, ended or lapsed: the young person's word decides.
        compare_and_set(consent, expected={"status": consent.status}, values=_in_force_values(now))
    events.counsellor_added(consent, now=now)
    return consent


def ask_to_follow(session: Session, counsellor: User, email: str, *, now: datetime) -> bool:
    """A counsellor asks a young person (by their email) for consent. The answer is the same
    whether or not the address belongs to anyone, so the form finds out nothing about who uses
    Jobbes. Someone who declined or ended it is not asked again: they can add the counsellor
    themselves. Returns True if a request was made (for tests; the view does not tell)."""
    young = accounts.find_user_by_email(session, email)
    if young is None or young.role is not Role.YOUNG_PERSON or young.suspended_at is not None:
        return False
    consent = _pair(session, young.id, counsellor.id)
    if consent is None:
        consent = _insert(
            session,
            Consent(
                young_person_id=young.id,
                counsellor_id=counsellor.id,
                status=ConsentStatus.REQUESTED,
                created_at=now,
            ),
        )
    elif consent.status is ConsentStatus.ACTIVE and not consent.in_force(now):
        # Lapsed after twelve months: asking again is how a counsellor asks to renew.
        compare_and_set(
            consent,
            expected={"status": ConsentStatus.ACTIVE, "expires_at": consent.expires_at},
            values={"status": ConsentStatus.REQUESTED, "created_at": now},
        )
    else:
        return False
    events.counsellor_requested(consent, now=now)
    return True


def answer_request(consent: Consent, *, accept: bool, now: datetime) -> None:
    """The young person says yes or no to a counsellor's request."""
    values = (
        _in_force_values(now) if accept else {"status": ConsentStatus.DECLINED, "ended_at": now}
    )
    compare_and_set(consent, expected={"status": ConsentStatus.REQUESTED}, values=values)
    if accept:
        events.counsellor_accepted(consent, now=now)


def end_consent(consent: Consent, *, now: datetime) -> None:
    """The young person ends it: the counsellor sees nothing more, from this moment."""
    compare_and_set(
        consent,
        expected={"status": ConsentStatus.ACTIVE},
        values={"status": ConsentStatus.ENDED, "ended_at": now},
    )


def renew_consent(consent: Consent, *, now: datetime) -> None:
    """Another twelve months from today, also for a consent that has just lapsed."""
    compare_and_set(
        consent,
        expected={"status": ConsentStatus.ACTIVE},
        values={"expires_at": one_year_after(now)},
    )


def consent_of_young_person(session: Session, young: User, counsellor_id: int) -> Consent | None:
    return _pair(session, young.id, counsellor_id)


def consent_for(session: Session, counsellor: User, young_person_id: int) -> Consent | None:
    """The consent behind a counsellor's look at a young person, whatever state it is in: the
    view asks `permissions.can` whether it lets them see anything."""
    return _pair(session, young_person_id, counsellor.id)


@dataclass(frozen=True)
class MyCounsellors:
    """What a young person sees of their counsellors on their own pages."""

    following: list[Consent]  # in force
    asking: list[Consent]  # requests waiting for an answer
    lapsed: list[Consent]  # ran out after twelve months; can be renewed


def counsellors_of(session: Session, young: User, *, now: datetime) -> MyCounsellors:
    rows = session.scalars(
        select(Consent)
        .where(
            Consent.young_person_id == young.id,
            Consent.status.in_((ConsentStatus.REQUESTED, ConsentStatus.ACTIVE)),
        )
        .options(
            selectinload(Consent.counsellor),
        )
        .order_by(Consent.created_at, Consent.id)
    ).all()
    # Most young people have no counsellor: no question to ask then.
    records = (
        {
            c.user_id: c
            for c in session.scalars(
                select(Counsellor)
                .where(Counsellor.user_id.in_([row.counsellor_id for row in rows]))
                .options(selectinload(Counsellor.organisation))
            )
        }
        if rows
        else {}
    )
    for row in rows:
        row.__dict__["record"] = records.get(row.counsellor_id)
    return MyCounsellors(
        following=[r for r in rows if r.in_force(now)],
        asking=[r for r in rows if r.status is ConsentStatus.REQUESTED],
        lapsed=[r for r in rows if r.status is ConsentStatus.ACTIVE and not r.in_force(now)],
    )


# --- Every look is recorded ---------------------------------------------------------------------


def record_look(session: Session, consent: Consent, *, now: datetime) -> CounsellorLook:
    """The counsellor opened the young person's page: written down for the young person."""
    counsellor = counsellor_record(session, consent.counsellor)
    look = CounsellorLook(
        young_person_id=consent.young_person_id,
        counsellor_id=consent.counsellor_id,
        counsellor_name=consent.counsellor.name,
        organisation_name=counsellor.organisation.name,
        looked_at=now,
    )
    session.add(look)
    session.flush()
    return look


def looks_at(session: Session, young: User, *, limit: int | None = None) -> list[CounsellorLook]:
    """Who has looked at the young person's data, newest first."""
    query = (
        select(CounsellorLook)
        .where(CounsellorLook.young_person_id == young.id)
        .order_by(CounsellorLook.looked_at.desc(), CounsellorLook.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


# --- The caseload and its flags ---------------------------------------------------------------


class Flag(enum.StrEnum):
    WAITING = "waiting"  # no offer 8 weeks after the first interest
    UNANSWERED = "unanswered"  # an interest with no answer for 10 working days
    # A completed or ended-early agreement whose evaluation lacks a part after its last day (a
    # trial agreed without an agreement: its end date passed with nothing after it).
    TRIAL_NOT_EVALUATED = "trial_not_evaluated"
    INACTIVE = "inactive"  # nothing done in Jobbes for 30 days
    PROFILE_SENT_BACK = "profile_sent_back"  # sent back for changes, not fixed in 7 days


class AgeBand(enum.StrEnum):
    """Counsellors see an age band, never a birth date (the programme's own bands)."""

    UNDER_18 = "15-17"
    FROM_18 = "18-24"
    FROM_25 = "25-30"
    OVER_30 = "31+"


def age_band(age: int) -> AgeBand:
    if age < 18:
        return AgeBand.UNDER_18
    if age < 25:
        return AgeBand.FROM_18
    if age <= 30:
        return AgeBand.FROM_25
    return AgeBand.OVER_30


OFFER_MADE = frozenset({S.OFFERED, S.HIRED, S.OFFER_DECLINED})
NOT_ANSWERED = frozenset({S.SENT, S.SEEN})
# Interests the young person started themselves (an invitation they said yes to counts too).
THEIR_OWN = frozenset(S) - {S.INVITED, S.INVITATION_DECLINED}
# The steps a young person takes on an interest: signs that they are active.
THEIR_STEPS = frozenset({S.SENT, S.WITHDRAWN, S.HIRED, S.OFFER_DECLINED, S.INVITATION_DECLINED})


def _sent_at(interest: Interest) -> datetime:
    """When the interest was last sent (a reopened one waits from its reopening)."""
    sent = [event.created_at for event in interest.events if event.status is S.SENT]
    return max(sent) if sent else interest.created_at


def last_activity(user: User, profile: Profile, mine: Sequence[Interest]) -> datetime:
    """The last time the young person did something in Jobbes that Jobbes can see."""
    moments = [user.created_at, profile.updated_at]
    if user.last_login_at is not None:
        moments.append(user.last_login_at)
    moments += [e.created_at for i in mine for e in i.events if e.status in THEIR_STEPS]
    return max(moments)


# Agreements whose trial is over, to be evaluated by both sides.
EVALUATED_AFTER = frozenset({AgreementStatus.COMPLETED, AgreementStatus.ENDED_EARLY})
Trials = Mapping[int, tuple[Agreement, Evaluation | None]]  # interest id -> its agreement


def _not_evaluated(interest: Interest, trials: Trials, today: date) -> bool:
    found = trials.get(interest.id)
    if found is None:  # agreed without an agreement: nothing after its end date
        return (
            interest.status is S.TRIAL_AGREED
            and interest.trial_end is not None
            and interest.trial_end < today
        )
    agreement, evaluation = found
    return (
        agreement.status in EVALUATED_AFTER
        and evaluations.last_day(agreement) < today
        and (evaluation is None or not (evaluation.employer_done and evaluation.young_done))
    )


def flags_of(
    user: User,
    profile: Profile,
    mine: Sequence[Interest],
    *,
    now: datetime,
    today: date,
    trials: Trials | None = None,
) -> tuple[Flag, ...]:
    """Which of the programme's warning signs hold for this young person now (`trials`: the
    agreements of their interests, with each one's evaluation)."""
    flags: list[Flag] = []
    own = [i for i in mine if i.status in THEIR_OWN]
    offered = any(
        i.status in OFFER_MADE or any(e.status is S.OFFERED for e in i.events) for i in mine
    )
    if own and not offered and now - min(i.created_at for i in own) >= WAITING_FOR_AN_OFFER:
        flags.append(Flag.WAITING)
    if any(
        i.status in NOT_ANSWERED and add_working_days(_sent_at(i), UNANSWERED_WORKING_DAYS) <= now
        for i in mine
    ):
        flags.append(Flag.UNANSWERED)
    if any(_not_evaluated(i, trials or {}, today) for i in mine):
        flags.append(Flag.TRIAL_NOT_EVALUATED)
    if now - last_activity(user, profile, mine) >= INACTIVE_AFTER:
        flags.append(Flag.INACTIVE)
    latest = profile.submissions[-1] if profile.submissions else None
    if (
        latest is not None
        and latest.review_status is ReviewStatus.CHANGES_REQUESTED
        and latest.decided_at is not None
        and now - latest.decided_at >= SENT_BACK_FIXED_WITHIN
    ):
        flags.append(Flag.PROFILE_SENT_BACK)
    return tuple(flags)


@dataclass(frozen=True)
class Person:
    """One young person in a counsellor's caseload: what the counsellor may see, and no more."""

    consent: Consent
    user_id: int
    name: str
    age_band: AgeBand
    profile_percent: int
    open_interests: tuple[Interest, ...]
    trials: tuple[Interest, ...]
    last_activity: datetime
    flags: tuple[Flag, ...]


SORTS = ("flags", "name", "age", "profile", "activity")


def _people(
    session: Session, consents: Sequence[Consent], *, now: datetime, today: date
) -> list[Person]:
    ids = [c.young_person_id for c in consents]
    by_profile: dict[int, list[Interest]] = defaultdict(list)
    if ids:
        listing = selectinload(Interest.listing)
        for interest in session.scalars(
            select(Interest)
            .where(Interest.profile_id.in_(ids))
            .order_by(Interest.updated_at.desc(), Interest.id.desc())
            .options(
                selectinload(Interest.events),
                listing.selectinload(Listing.organisation),
                listing.selectinload(Listing.published_version),
                listing.selectinload(Listing.current_version),
            )
        ):
            assert interest.profile_id is not None
            by_profile[interest.profile_id].append(interest)
    trials: dict[int, tuple[Agreement, Evaluation | None]] = {}
    if by_profile:
        for agreement, evaluation in session.execute(
            select(Agreement, Evaluation)
            .outerjoin(Evaluation, Evaluation.agreement_id == Agreement.id)
            .where(Agreement.young_person_id.in_(ids))
            .options(selectinload(Agreement.events))
        ):
            trials[agreement.interest_id] = (agreement, evaluation)
    people = []
    for consent in consents:
        user = consent.young_person
        profile = user.profile
        assert profile is not None
        mine = by_profile[user.id]
        people.append(
            Person(
                consent=consent,
                user_id=user.id,
                name=user.name,
                age_band=age_band(profile.age(today)),
                profile_percent=profiles.completeness(profile).percent,
                open_interests=tuple(i for i in mine if i.status in interests.OPEN),
                trials=tuple(i for i in mine if i.trial_start is not None),
                last_activity=last_activity(user, profile, mine),
                flags=flags_of(user, profile, mine, now=now, today=today, trials=trials),
            )
        )
    return people


def _followed(counsellor: User, now: datetime) -> Select[Consent]:
    """The consents in force that let this counsellor see someone (as `permissions` says)."""
    return (
        select(Consent)
        .join(User, User.id == Consent.young_person_id)
        .where(
            Consent.counsellor_id == counsellor.id,
            Consent.status == ConsentStatus.ACTIVE,
            Consent.expires_at > now,
            User.suspended_at.is_(None),
        )
        .options(
            selectinload(Consent.young_person)
            .selectinload(User.profile)
            .selectinload(Profile.submissions)
        )
    )


def caseload(
    session: Session,
    counsellor: User,
    *,
    now: datetime,
    today: date,
    flag: Flag | None = None,
    sort: str = "flags",
) -> list[Person]:
    """Everyone who lets this counsellor follow them, in a constant number of queries however
    many they are; only those with `flag` if given, sorted by `sort` (one of SORTS)."""
    people = _people(
        session, session.scalars(_followed(counsellor, now)).all(), now=now, today=today
    )
    if flag is not None:
        people = [p for p in people if flag in p.flags]
    keys = {
        "flags": lambda p: (-len(p.flags), p.last_activity, p.name.lower()),
        "name": lambda p: (p.name.lower(), p.user_id),
        "age": lambda p: (p.age_band.value, p.name.lower()),
        "profile": lambda p: (p.profile_percent, p.name.lower()),
        # Those who have been quiet longest first: they may need a call.
        "activity": lambda p: (p.last_activity, p.name.lower()),
    }
    return sorted(people, key=keys.get(sort, keys["flags"]))


def person(session: Session, consent: Consent, *, now: datetime, today: date) -> Person:
    return _people(session, [consent], now=now, today=today)[0]


# --- One young person's timeline --------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """One thing that happened, for a counsellor's timeline of a young person."""

    at: datetime
    what: str  # "joined", "consent", "profile_sent", a review status, "interest", "suggested"
    status: str | None = None  # an interest's step, or a review's outcome
    listing: str | None = None
    organisation: str | None = None
    note: str | None = None
    trial: tuple[date, date | None] | None = None


def _title(listing: Listing) -> str:
    version = listing.published_version or listing.current_version
    return version.title if version is not None else ""


def timeline(session: Session, consent: Consent, mine: Sequence[Interest]) -> list[Moment]:
    """Everything the counsellor may see of the young person, newest first: joining, consent,
    the profile's reviews, every step of every interest, and counsellors' suggestions."""
    user = consent.young_person
    profile = user.profile
    assert profile is not None
    moments = [Moment(user.created_at, "joined")]
    if consent.started_at is not None:
        moments.append(Moment(consent.started_at, "consent"))
    for submission in profile.submissions:
        if submission.submitted_at is not None:
            moments.append(Moment(submission.submitted_at, "profile_sent"))
        if submission.decided_at is not None:
            moments.append(
                Moment(submission.decided_at, "profile_decided", submission.review_status.value)
            )
    for interest in mine:
        for event in interest.events:
            trial = None
            if event.status is S.TRIAL_AGREED and interest.trial_start is not None:
                trial = (interest.trial_start, interest.trial_end)
            moments.append(
                Moment(
                    event.created_at,
                    "interest",
                    event.status.value,
                    listing=_title(interest.listing),
                    organisation=interest.listing.organisation.name,
                    trial=trial,
                )
            )
    for suggestion in session.scalars(
        select(CounsellorSuggestion)
        .where(CounsellorSuggestion.young_person_id == user.id)
        .options(selectinload(CounsellorSuggestion.listing).selectinload(Listing.organisation))
    ):
        moments.append(
            Moment(
                suggestion.created_at,
                "suggested",
                listing=_title(suggestion.listing),
                organisation=suggestion.listing.organisation.name,
                note=suggestion.counsellor_name,
            )
        )
    return sorted(moments, key=lambda m: m.at, reverse=True)


# --- Suggestions and notes --------------------------------------------------------------------


def suggest_listing(
    session: Session,
    consent: Consent,
    listing: Listing,
    *,
    note: str | None,
    today: date,
    now: datetime,
) -> CounsellorSuggestion:
    """ "Your counsellor suggests …": the young person sees it on their page and is told."""
    profile = consent.young_person.profile
    assert profile is not None
    assert listing.minimum_age is not None
    if not visibility.is_public(listing, today) or profile.age(today) < listing.minimum_age:
        raise NotSuggestable(listing.id)
    suggestion = CounsellorSuggestion(
        young_person_id=consent.young_person_id,
        counsellor_id=consent.counsellor_id,
        counsellor_name=consent.counsellor.name,
        listing=listing,
        note=(note or "").strip()[:SUGGESTION_NOTE_MAX] or None,
        created_at=now,
    )
    session.add(suggestion)
    session.flush()
    events.listing_suggested(suggestion, consent.young_person, now=now)
    return suggestion


def suggestions_for(session: Session, young: User, *, today: date) -> list[CounsellorSuggestion]:
    """What counsellors suggested, newest first, while the listing is still open."""
    found = session.scalars(
        select(CounsellorSuggestion)
        .where(CounsellorSuggestion.young_person_id == young.id)
        .order_by(CounsellorSuggestion.created_at.desc(), CounsellorSuggestion.id.desc())
        .options(
            selectinload(CounsellorSuggestion.listing).selectinload(Listing.published_version),
            selectinload(CounsellorSuggestion.listing).selectinload(Listing.organisation),
        )
    ).all()
    return [s for s in found if visibility.is_public(s.listing, today)]


def add_note(session: Session, consent: Consent, text: str, *, now: datetime) -> CounsellorNote:
    """A private note, for the counsellor's organisation only."""
    text = text.strip()[:NOTE_MAX]
    if not text:
        raise ValueError("a note needs words")
    record = counsellor_record(session, consent.counsellor)
    note = CounsellorNote(
        young_person_id=consent.young_person_id,
        organisation_id=record.organisation_id,
        author_id=consent.counsellor_id,
        author_name=consent.counsellor.name,
        text=text,
        created_at=now,
    )
    session.add(note)
    session.flush()
    return note


def notes_for(session: Session, consent: Consent) -> list[CounsellorNote]:
    """The notes a counsellor may read about a young person: their own organisation's only."""
    record = counsellor_record(session, consent.counsellor)
    return list(
        session.scalars(
            select(CounsellorNote)
            .where(
                CounsellorNote.young_person_id == consent.young_person_id,
                CounsellorNote.organisation_id == record.organisation_id,
            )
            .order_by(CounsellorNote.created_at.desc(), CounsellorNote.id.desc())
        )
    )


# --- The young person's own data --------------------------------------------------------------


def export_for_young_person(session: Session, young: User) -> dict[str, object]:
    """Counsellors in a young person's data export: consents, looks, suggestions and the notes
    written about them (private from others, not from the person they are about)."""
    consents = session.scalars(
        select(Consent)
        .where(Consent.young_person_id == young.id)
        .options(selectinload(Consent.counsellor))
        .order_by(Consent.created_at, Consent.id)
    ).all()
    return {
        "counsellors": [
            {
                "counsellor": c.counsellor.name,
                "status": c.status.value,
                "asked_at": c.created_at,
                "started_at": c.started_at,
                "expires_at": c.expires_at,
                "ended_at": c.ended_at,
            }
            for c in consents
        ],
        "who_looked_at_my_data": [
            {
                "counsellor": look.counsellor_name,
                "organisation": look.organisation_name,
                "at": look.looked_at,
            }
            for look in reversed(looks_at(session, young))
        ],
        "suggested_by_counsellors": [
            {
                "listing": _title(s.listing),
                "counsellor": s.counsellor_name,
                "note": s.note,
                "at": s.created_at,
            }
            for s in session.scalars(
                select(CounsellorSuggestion)
                .where(CounsellorSuggestion.young_person_id == young.id)
                .order_by(CounsellorSuggestion.created_at, CounsellorSuggestion.id)
            )
        ],
        "counsellors_notes_about_me": [
            {
                "by": n.author_name,
                "organisation": n.organisation.name,
                "note": n.text,
                "at": n.created_at,
            }
            for n in session.scalars(
                select(CounsellorNote)
                .where(CounsellorNote.young_person_id == young.id)
                .options(selectinload(CounsellorNote.organisation))
                .order_by(CounsellorNote.created_at, CounsellorNote.id)
            )
        ],
    }


def export_for_counsellor(session: Session, user: User) -> dict[str, object] | None:
    """A counsellor's own side: their organisation and code, and how many they follow (the
    people themselves are theirs to export, not the counsellor's)."""
    record = session.get(Counsellor, user.id)
    if record is None:
        return None
    return {"organisation": record.organisation.name, "code": record.code}


@dataclass(frozen=True)
class Panel:
    """What a young person's front page shows of their counsellors."""

    mine: MyCounsellors
    suggestions: list[CounsellorSuggestion]
    looks: list[CounsellorLook]


PANEL_SUGGESTIONS = 3
PANEL_LOOKS = 5


def panel_for(session: Session, young: User, *, now: datetime, today: date) -> Panel:
    return Panel(
        mine=counsellors_of(session, young, now=now),
        suggestions=suggestions_for(session, young, today=today)[:PANEL_SUGGESTIONS],
        looks=looks_at(session, young, limit=PANEL_LOOKS),
    )


# --- Help with the profile --------------------------------------------------------------------

# Written to the audit log: the young person and the moderators see who helped with which words.
EDITED_WITH_COUNSELLOR = "profile:edit_with_counsellor"


@dataclass(frozen=True)
class Edit:
    at: datetime
    counsellor: str | None  # None once the counsellor's account is gone


def edit_about_together(session: Session, consent: Consent, about: str, *, now: datetime) -> bool:
    """The counsellor, sitting with the young person, rewrites "a few words about you". It is
    saved as the young person's own words are, and so goes to a moderator for review the same
    way; it is marked as edited with the counsellor. Returns False when nothing changed."""
    profile = consent.young_person.profile
    assert profile is not None
    before = profile.about
    profiles.save_about(
        profile,
        name=consent.young_person.name,
        about=about[:ABOUT_MAX_LENGTH],
        contact_name=profile.contact_name,
        contact_email=profile.contact_email,
        share_contact=profile.share_contact,
        now=now,
    )
    if profile.about == before:
        return False
    moderation.record(
        session,
        actor=consent.counsellor,
        action=EDITED_WITH_COUNSELLOR,
        subject_type=profiles.SUBJECT,
        subject_id=profile.user_id,
        now=now,
    )
    session.flush()
    return True


def edits_with_counsellors(session: Session, profile_id: int) -> list[Edit]:
    """When a counsellor helped with the profile's words, newest first."""
    rows = session.execute(
        select(AuditEvent.created_at, User.name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(
            AuditEvent.subject_type == profiles.SUBJECT,
            AuditEvent.subject_id == profile_id,
            AuditEvent.action == EDITED_WITH_COUNSELLOR,
        )
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    ).all()
    return [Edit(at, name) for at, name in rows]


# --- Before consent lapses ----------------------------------------------------------------------

ENDING_NOTICE = timedelta(days=14)


def _ending_link(consent: Consent) -> str:
    # The date names the period: renewed, the consent gets a notice again before its new end.
    assert consent.expires_at is not None
    return f"/me/counsellors#ends-{consent.id}-{consent.expires_at.isoformat()[:10]}"


def warn_before_consent_ends(session: Session, *, now: datetime) -> int:
    """Tell each young person, once per period, that a counsellor's consent ends in two weeks
    unless they renew it. Running it again tells nobody twice. Returns how many were told."""
    ending = session.scalars(
        select(Consent)
        .where(
            Consent.status == ConsentStatus.ACTIVE,
            Consent.expires_at > now,
            Consent.expires_at <= now + ENDING_NOTICE,
        )
        .options(selectinload(Consent.young_person), selectinload(Consent.counsellor))
        .order_by(Consent.id)
    ).all()
    if not ending:
        return 0
    told_before = set(
        session.scalars(
            select(Notification.link).where(
                Notification.kind == NotificationKind.COUNSELLOR_CONSENT_ENDING,
                Notification.user_id.in_([c.young_person_id for c in ending]),
            )
        )
    )
    records = {
        r.user_id: r
        for r in session.scalars(
            select(Counsellor)
            .where(Counsellor.user_id.in_([c.counsellor_id for c in ending]))
            .options(selectinload(Counsellor.organisation))
        )
    }
    told = 0
    for consent in ending:
        link = _ending_link(consent)
        if link in told_before:
            continue
        record = records.get(consent.counsellor_id)
        assert consent.expires_at is not None  # in force, so it has an end
        if notifications.notify(
            session,
            consent.young_person,
            NotificationKind.COUNSELLOR_CONSENT_ENDING,
            link=link,
            params={
                "name": consent.counsellor.name,
                "organisation": record.organisation.name if record is not None else "",
                "day": consent.expires_at.astimezone(LOCAL_TIMEZONE).date(),
            },
            now=now,
        ):
            told += 1
    return told
