"""Young people's profiles: building them step by step, who sees what, and their own data.

Picking from Jobbes' lists (what you want, where, when) takes effect at once. A person's own words
(name, "about me", skills they wrote, the contact person they share) are what a moderator checks
before employers may search for the profile; a later change to them is checked again, and
meanwhile employers searching see the words that were approved.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from jobbes import areas
from jobbes.models import (
    PULLED_BACK,
    Interest,
    InterestStatus,
    Profile,
    ProfileField,
    ProfileLanguage,
    ProfileOpportunity,
    ProfileSkill,
    ProfileSubmission,
    RejectionReason,
    ReviewStatus,
    User,
)
from jobbes.services import events, moderation
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import compare_and_set
from jobbes.vocabulary import (
    MAX_SKILLS,
    Language,
    LanguageLevel,
    OccupationalField,
    Opportunity,
    Weekpart,
)

SUBJECT = "profile"


class ProfileIncomplete(DomainError):
    """The profile lacks what employers need before it can be found."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


# The steps of building a profile, in order, as they appear in URLs.
STEPS = ("wishes", "where-and-when", "skills", "about")

# What a complete profile has; each is one equal part of the completeness figure.
SECTIONS = ("opportunities", "fields", "place", "availability", "languages", "skills", "about")
SECTION_STEP = {
    "opportunities": "wishes",
    "fields": "wishes",
    "place": "where-and-when",
    "availability": "where-and-when",
    "languages": "skills",
    "skills": "skills",
    "about": "about",
}
# Employers cannot find a profile without these.
NEEDED_TO_BE_FOUND = ("opportunities", "fields", "place", "availability", "languages")


@dataclass(frozen=True)
class Completeness:
    done: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * len(self.done) / len(SECTIONS))

    @property
    def next_step(self) -> str | None:
        return SECTION_STEP[self.missing[0]] if self.missing else None

    @property
    def can_be_found(self) -> bool:
        return not any(section in self.missing for section in NEEDED_TO_BE_FOUND)


def completeness(profile: Profile) -> Completeness:
    """Which parts of the profile are filled in, in the order the steps ask for them."""
    filled = {
        "opportunities": bool(profile.opportunity_rows),
        "fields": bool(profile.field_rows),
        "place": bool(profile.home_area and profile.max_travel_minutes),
        "availability": any(profile.weekparts.values()),
        "languages": bool(profile.language_rows),
        "skills": bool(profile.skill_rows),
        "about": bool(profile.about),
    }
    return Completeness(
        done=tuple(s for s in SECTIONS if filled[s]),
        missing=tuple(s for s in SECTIONS if not filled[s]),
    )


# --- Editing, step by step -------------------------------------------------------------------


def _note_if_complete(profile: Profile, *, now: datetime) -> None:
    """The first moment the profile had all an employer needs to find it: a step of the
    programme's funnel (`services.indicators`). Kept if the person later empties a part."""
    if profile.completed_at is None and completeness(profile).can_be_found:
        profile.completed_at = now


def save_wishes(
    profile: Profile,
    *,
    opportunities: Iterable[Opportunity],
    fields: Iterable[OccupationalField],
    now: datetime,
) -> None:
    profile.opportunity_rows = [
        ProfileOpportunity(opportunity=o) for o in dict.fromkeys(opportunities)
    ]
    profile.field_rows = [ProfileField(field=f) for f in dict.fromkeys(fields)]
    profile.updated_at = now
    _note_if_complete(profile, now=now)


def save_where_and_when(
    profile: Profile,
    *,
    home_area: str | None,
    max_travel_minutes: int | None,
    weekparts: Iterable[Weekpart],
    available_from: date | None,
    driving_licence: bool,
    now: datetime,
) -> None:
    if home_area is not None and home_area not in areas.BY_CODE:
        raise ValueError(f"unknown area {home_area!r}")
    chosen = set(weekparts)
    profile.home_area = home_area
    profile.max_travel_minutes = max_travel_minutes
    profile.available_weekdays = Weekpart.WEEKDAYS in chosen
    profile.available_evenings = Weekpart.EVENINGS in chosen
    profile.available_weekends = Weekpart.WEEKENDS in chosen
    profile.available_from = available_from
    profile.driving_licence = driving_licence
    profile.updated_at = now
    _note_if_complete(profile, now=now)


def asks_about_school(profile: Profile, *, today: date) -> bool:
    """Only under 18s are asked whether they are in compulsory school: the working-hours rules
    for them depend on it (arbeidsmiljøloven § 11-2 (2) and (3))."""
    return profile.is_minor(today)


def answer_compulsory_school(
    profile: Profile, in_compulsory_school: bool | None, *, today: date, now: datetime
) -> None:
    """The young person's own answer to "Går du på ungdomsskolen?" (None: not answered)."""
    if not asks_about_school(profile, today=today):
        raise ValueError("only under 18s are asked about compulsory school")
    if profile.in_compulsory_school != in_compulsory_school:
        profile.in_compulsory_school = in_compulsory_school
        profile.updated_at = now


@dataclass(frozen=True)
class WorkingHoursPerson:
    """What the working-hours rules need to know about a young person, and nothing more: their
    birth date (for the age on each day) and whether they are in compulsory school. Not answered
    counts as in compulsory school, the stricter rules, until they answer."""

    birth_date: date
    in_compulsory_school: bool
    answered: bool


def working_hours_person(profile: Profile) -> WorkingHoursPerson:
    answer = profile.in_compulsory_school
    return WorkingHoursPerson(
        birth_date=profile.birth_date,
        in_compulsory_school=answer is not False,
        answered=answer is not None,
    )


def save_skills_and_languages(
    session: Session,
    profile: Profile,
    *,
    skills: Iterable[str],
    languages: dict[Language, LanguageLevel],
    now: datetime,
) -> None:
    cleaned = list(dict.fromkeys(s.strip() for s in skills if s.strip()))[:MAX_SKILLS]
    # Replace, not merge: flush the removals first so a kept skill's primary key is free again.
    profile.skill_rows = []
    profile.language_rows = []
    session.flush()
    profile.skill_rows = [ProfileSkill(skill=s, position=i) for i, s in enumerate(cleaned)]
    profile.language_rows = [
        ProfileLanguage(language=language, level=int(level))
        for language, level in languages.items()
    ]
    profile.updated_at = now
    _note_if_complete(profile, now=now)
    _review_again_if_words_changed(profile, now=now)


def save_about(
    profile: Profile,
    *,
    name: str,
    about: str | None,
    contact_name: str | None,
    contact_email: str | None,
    share_contact: bool,
    now: datetime,
) -> None:
    profile.user.name = name.strip()
    profile.about = (about or "").strip() or None
    profile.contact_name = (contact_name or "").strip() or None
    profile.contact_email = (contact_email or "").strip().lower() or None
    profile.share_contact = share_contact and bool(profile.contact_name or profile.contact_email)
    profile.updated_at = now
    _review_again_if_words_changed(profile, now=now)


# --- Being found by employers ----------------------------------------------------------------


def own_words(profile: Profile) -> dict[str, Any]:
    """The free text in a profile: what a moderator checks before employers may search for it."""
    words: dict[str, Any] = {
        "name": profile.user.name,
        "about": profile.about or "",
        "skills": profile.skills,
    }
    # The contact person is typed in freely too, and employers see it, so it is checked as well;
    # a contact kept to oneself is nobody else's business and stays out of the review.
    if profile.share_contact:
        words["contact_name"] = profile.contact_name
        words["contact_email"] = profile.contact_email
    return words


def set_discoverable(profile: Profile, wanted: bool, *, now: datetime) -> None:
    """Turn "employers may find me" on (which asks a moderator to check the words) or off."""
    if not wanted:
        profile.discoverable = False
        if (pending := profile.pending_submission) is not None:
            _take_back(pending)
        return
    check = completeness(profile)
    if not check.can_be_found:
        raise ProfileIncomplete([s for s in NEEDED_TO_BE_FOUND if s in check.missing])
    profile.discoverable = True
    _review_again_if_words_changed(profile, now=now)


def _review_again_if_words_changed(profile: Profile, *, now: datetime) -> None:
    """Send the profile's words for review when they differ from what was last sent or approved."""
    if not profile.discoverable:
        return
    words = own_words(profile)
    pending = profile.pending_submission
    if pending is not None:
        if pending.content == words:
            return
        _take_back(pending)
    approved = profile.approved_submission
    if approved is not None and approved.content == words and pending is None:
        return
    submission = ProfileSubmission(content=words)
    profile.submissions.append(submission)
    moderation.submit(submission, now=now)


def _take_back(pending: ProfileSubmission) -> None:
    # A moderator who decided on these words a moment ago stands; the person's change is
    # reviewed anew either way.
    with contextlib.suppress(moderation.StaleState):
        moderation.withdraw(pending)


def decide_submission(
    session: Session,
    submission: ProfileSubmission,
    *,
    moderator: User,
    decision: moderation.Decision,
    now: datetime,
    comment: str | None = None,
    reason: RejectionReason | None = None,
) -> None:
    """A moderator's decision; approval makes these words the ones employers see."""
    moderation.decide(
        session,
        submission,
        subject_type=SUBJECT,
        subject_id=submission.profile_id,
        moderator=moderator,
        decision=decision,
        comment=comment,
        reason=reason,
        now=now,
    )
    if decision is moderation.Decision.APPROVE:
        submission.profile.approved_submission = submission
    elif decision is moderation.Decision.REJECT:
        submission.profile.discoverable = False
    events.profile_decided(
        submission.profile,
        approved=decision is moderation.Decision.APPROVE,
        now=now,
        comment=comment,
    )


def approved_words(profile: Profile) -> dict[str, Any] | None:
    """The words employers searching for profiles see: the ones a moderator approved."""
    return profile.approved_submission.content if profile.approved_submission else None


# --- What employers see ----------------------------------------------------------------------


@dataclass(frozen=True)
class SharedProfile:
    """The part of a profile an employer may see. It has an age, and no birth date or email."""

    profile_id: int
    name: str
    age: int
    is_minor: bool
    home_area: str | None
    max_travel_minutes: int | None
    opportunities: tuple[Opportunity, ...]
    fields: tuple[OccupationalField, ...]
    skills: tuple[str, ...]
    languages: tuple[tuple[Language, LanguageLevel], ...]
    weekparts: tuple[Weekpart, ...]
    available_from: date | None
    driving_licence: bool
    about: str
    contact_name: str | None = None
    contact_email: str | None = None
    awaiting_review: bool = field(default=False)


def shared_view(
    profile: Profile, *, today: date, words: dict[str, Any] | None = None
) -> SharedProfile:
    """The shared part of a profile, with its current words or the `words` of a submission."""
    text = words if words is not None else own_words(profile)
    weekparts = tuple(Weekpart(w) for w, on in profile.weekparts.items() if on)
    return SharedProfile(
        profile_id=profile.user_id,
        name=text["name"],
        age=profile.age(today),
        is_minor=profile.is_minor(today),
        home_area=profile.home_area,
        max_travel_minutes=profile.max_travel_minutes,
        opportunities=tuple(o for o in Opportunity if o in profile.opportunities),
        fields=tuple(f for f in OccupationalField if f in profile.fields),
        skills=tuple(text["skills"]),
        languages=tuple(sorted(profile.languages.items(), key=lambda item: -item[1])),
        weekparts=weekparts,
        available_from=_in_future(profile.available_from, today),
        driving_licence=profile.driving_licence,
        about=text["about"],
        # Approved words may hold a contact the person has since stopped sharing; their choice
        # today wins. Words approved before contacts were reviewed have none to show.
        contact_name=text.get("contact_name") if profile.share_contact else None,
        contact_email=text.get("contact_email") if profile.share_contact else None,
        awaiting_review=profile.pending_submission is not None,
    )


def shared_with_employer(interest: Interest, *, today: date) -> SharedProfile | None:
    """What an employer sees of the young person behind an interest in its listing: what they
    sent (their words now), or for an invitation not yet answered, the words a moderator
    approved. Nothing once they have withdrawn or said no thanks: they took back what they
    shared; nor for an invitation whose approved words a moderator has since withdrawn."""
    profile = interest.profile
    if profile is None or interest.status in PULLED_BACK:
        return None
    if interest.status is not InterestStatus.INVITED:
        return shared_view(profile, today=today)
    approved = approved_words(profile)
    return None if approved is None else shared_view(profile, today=today, words=approved)


def _in_future(day: date | None, today: date) -> date | None:
    return day if day is not None and day > today else None


class ProfileStatus(enum.StrEnum):
    """Where a profile stands with employers, for the young person's own pages."""

    PRIVATE = "private"
    IN_REVIEW = "in_review"
    VISIBLE = "visible"
    VISIBLE_UPDATE_IN_REVIEW = "visible_update_in_review"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


def status_of(profile: Profile) -> ProfileStatus:
    """Where the profile stands with employers, for the young person's own pages."""
    latest = profile.submissions[-1] if profile.submissions else None
    if latest is not None and latest.review_status is ReviewStatus.REJECTED:
        return ProfileStatus.REJECTED
    if not profile.discoverable:
        return ProfileStatus.PRIVATE
    pending = profile.pending_submission
    if latest is not None and latest.review_status is ReviewStatus.CHANGES_REQUESTED:
        return ProfileStatus.CHANGES_REQUESTED
    if pending is not None and profile.approved_submission is None:
        return ProfileStatus.IN_REVIEW
    if pending is not None:
        return ProfileStatus.VISIBLE_UPDATE_IN_REVIEW
    return ProfileStatus.VISIBLE


def hide_from_employers(
    session: Session, profile: Profile, *, moderator: User, reason: str, now: datetime
) -> None:
    """A moderator stops employers finding a profile (after a report, say); audited."""
    reason = reason.strip()
    if not reason:
        raise moderation.DecisionIncomplete("hiding a profile needs a reason")
    # Without clearing the approval, the person could turn "let employers find me" back on with
    # the same words and be found again at once; after a report, a moderator should look first.
    # As the moderator saw it, so that two moderators hiding it at once do not both log it.
    compare_and_set(
        profile,
        expected={
            "discoverable": profile.discoverable,
            "approved_submission_id": profile.approved_submission_id,
        },
        values={"discoverable": False, "approved_submission_id": None},
    )
    session.expire(profile, ["approved_submission"])
    set_discoverable(profile, False, now=now)
    moderation.record(
        session,
        actor=moderator,
        action=f"{SUBJECT}:hide",
        subject_type=SUBJECT,
        subject_id=profile.user_id,
        comment=reason,
        now=now,
    )
