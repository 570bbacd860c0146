"""Build test data through the services, the way the app itself does."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import time_machine
from sqlalchemy.orm import Session

from jobbes import orgnr
from jobbes.dates import years_before
from jobbes.models import (
    Agreement,
    Consent,
    Interest,
    Listing,
    OrganisationStatus,
    Profile,
    Report,
    ReportReason,
    Role,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import (
    accounts,
    agreements,
    counselling,
    interests,
    listings,
    organisations,
    profiles,
    reports,
)
from jobbes.services.moderation import Decision
from jobbes.vocabulary import (
    Language,
    LanguageLevel,
    ListingType,
    OccupationalField,
    Opportunity,
    TrialPay,
    Weekpart,
)

PASSWORD = "password123"
_counter = itertools.count(1)


def unique_email(prefix: str = "person") -> str:
    return f"{prefix}{next(_counter)}@example.no"


def org_number() -> str:
    """A fresh organisation number with a valid check digit."""
    while True:
        first_eight = str(91_000_000 + next(_counter) * 7)
        digit = orgnr.check_digit(first_eight)
        if digit is not None:
            return first_eight + str(digit)


def years_ago(years: int, today: date | None = None) -> date:
    return years_before(today or local_today(), years)


def young_person(
    session: Session, *, age: int = 19, name: str = "Ola", email: str | None = None
) -> User:
    user = accounts.register_young_person(
        session,
        email=email or unique_email("young"),
        password=PASSWORD,
        name=name,
        birth_date=years_ago(age),
        today=local_today(),
    )
    accounts.confirm_email(user, now=utcnow())
    return user


def employer(
    session: Session, *, organisation_name: str = "Testbedriften AS", email: str | None = None
) -> User:
    user = accounts.register_employer(
        session,
        email=email or unique_email("employer"),
        password=PASSWORD,
        name="Kari Arbeidsgiver",
        organisation_name=organisation_name,
        org_number=org_number(),
    )
    accounts.confirm_email(user, now=utcnow())
    return user


def staff(session: Session, *, role: Role = Role.MODERATOR, email: str | None = None) -> User:
    return accounts.create_staff(
        session,
        email=email or unique_email(role.value),
        password=PASSWORD,
        role=role,
        name="Mona Moderator",
    )


def counsellor(
    session: Session,
    *,
    organisation: str = "NAV Kristiansand",
    name: str = "Vera Veileder",
    email: str | None = None,
) -> User:
    return counselling.create_counsellor(
        session,
        email=email or unique_email("counsellor"),
        organisation_name=organisation,
        name=name,
        password=PASSWORD,
        now=utcnow(),
    )


def following(session: Session, young: User, counsellor_user: User) -> Consent:
    """The young person adds the counsellor by code: consent in force from now."""
    code = counselling.counsellor_record(session, counsellor_user).code
    return counselling.add_counsellor(session, young, code, now=utcnow())


def user_with_role(session: Session, role: Role) -> User:
    if role is Role.YOUNG_PERSON:
        return young_person(session)
    if role is Role.EMPLOYER:
        return employer(session)
    if role is Role.COUNSELLOR:
        return counsellor(session)
    return staff(session, role=role)


def decide_profile(
    session: Session, profile: Profile, decision: Decision, **kwargs: object
) -> User:
    """A moderator decides on the profile's waiting words; returns the moderator."""
    moderator = staff(session)
    profiles.decide_submission(
        session,
        profile.pending_submission,
        moderator=moderator,
        decision=decision,
        now=utcnow(),
        **kwargs,
    )
    session.flush()
    return moderator


def listing_content(**overrides: object) -> dict[str, object]:
    """A complete job trial, as an employer would write it."""
    today = local_today()
    return {
        "listing_type": ListingType.JOB_TRIAL,
        "title": "Kjøkkenhjelp på kafé",
        "description": "Du hjelper til på kjøkkenet: kutter grønnsaker og tar oppvasken.",
        "field": OccupationalField.FOOD_RESTAURANT,
        "area": "kvadraturen",
        "trial_pay": TrialPay.NAV_FUNDED,
        "places": 1,
        "minimum_age": 16,
        "no_experience_needed": True,
        "support_contact_person": True,
        "start_date": today + timedelta(days=30),
        "duration": "2 uker",
        "deadline": today + timedelta(days=20),
        **overrides,
    }


def listing(session: Session, employer_user: User, **overrides: object) -> Listing:
    assert employer_user.organisation is not None
    return listings.create_listing(
        session,
        organisation=employer_user.organisation,
        author=employer_user,
        content=listing_content(**overrides),
        now=utcnow(),
    )


def published_listing(
    session: Session, employer_user: User, moderator: User | None = None, **overrides: object
) -> Listing:
    """A listing approved by a moderator, from a verified organisation."""
    moderator = moderator or staff(session)
    organisation = employer_user.organisation
    assert organisation is not None
    if organisation.status is not OrganisationStatus.VERIFIED:
        organisations.verify(session, organisation, moderator=moderator, now=utcnow())
    new = listing(session, employer_user, **overrides)
    listings.submit_listing(new, today=local_today(), now=utcnow())
    listings.decide_listing(
        session, new.current_version, moderator=moderator, decision=Decision.APPROVE, now=utcnow()
    )
    session.flush()
    return new


def findable_young_person(
    session: Session,
    *,
    age: int = 19,
    name: str = "Nora",
    home_area: str = "kvadraturen",
    fields: tuple[OccupationalField, ...] = (OccupationalField.FOOD_RESTAURANT,),
    opportunities: tuple[Opportunity, ...] = (Opportunity.JOB_TRIAL,),
    approved: bool = True,
) -> User:
    """A young person with a complete profile that employers may find (once `approved`)."""
    user = young_person(session, age=age, name=name)
    profile = user.profile
    assert profile is not None
    now = utcnow()
    profiles.save_wishes(profile, opportunities=opportunities, fields=fields, now=now)
    profiles.save_where_and_when(
        profile,
        home_area=home_area,
        max_travel_minutes=30,
        weekparts=[Weekpart.WEEKDAYS],
        available_from=None,
        driving_licence=False,
        now=now,
    )
    profiles.save_skills_and_languages(
        session,
        profile,
        skills=["cooking"],
        languages={Language.NORWEGIAN: LanguageLevel.GOOD},
        now=now,
    )
    profiles.save_about(
        profile,
        name=name,
        about="Jeg vil gjerne jobbe.",
        contact_name=None,
        contact_email=None,
        share_contact=False,
        now=now,
    )
    profiles.set_discoverable(profile, True, now=now)
    session.flush()
    if approved:
        decide_profile(session, profile, Decision.APPROVE)
    return user


def interest(session: Session, young: User, listing_: Listing, message: str = "Hei!") -> Interest:
    assert young.profile is not None
    return interests.express_interest(
        session,
        profile=young.profile,
        listing=listing_,
        message=message,
        today=local_today(),
        now=utcnow(),
    )


def report(
    session: Session,
    reporter: User,
    about: Listing | User,
    *,
    reason: ReportReason = ReportReason.SCAM,
    text: str | None = "Ba om kontonummer",
) -> Report:
    """An open report by `reporter` about a listing, or about a young person's profile."""
    return reports.create_report(
        session,
        reporter=reporter,
        subject_type="listing" if isinstance(about, Listing) else "profile",
        subject_id=about.id,
        reason=reason,
        text=text,
        now=utcnow(),
    )


def agreement(
    session: Session,
    *,
    young: User | None = None,
    employer_user: User | None = None,
    moderator: User | None = None,
    age: int = 19,
    start: date | None = None,
    days: int = 5,
    ready: bool = True,
    hours: tuple[time, time, int] | None = None,
    **listing_overrides: object,
) -> Agreement:
    """A trial agreed on a published listing, and its agreement; `ready` fills in what sending
    for signature needs (a programme contact, the contact person, goals and weekdays: 09–14 with
    half an hour's break for adults, 15–17 for under 18s, who count as still in compulsory
    school until they say otherwise, so at most 2 hours on a school day)."""
    moderator = moderator or staff(session)
    employer_user = employer_user or employer(session)
    young = young or young_person(session, age=age)
    listing_ = published_listing(session, employer_user, moderator, **listing_overrides)
    trial = interest(session, young, listing_)
    start = start or local_today() + timedelta(days=14)
    # A Monday, so that `days` working days are one week.
    start = start - timedelta(days=start.weekday())
    end = start + timedelta(days=days - 1)
    interests.employer_step(trial, "agree_trial", now=utcnow(), trial_start=start, trial_end=end)
    session.flush()
    found = agreements.for_interest(session, trial)
    assert found is not None
    if ready:
        terms = replace(
            agreements.terms_of(found),
            contact_name="Per Kontakt",
            contact_role="Kjøkkensjef",
            contact_phone="+4791234567",
            goals=["work_experience"],
            tasks="Kutte grønnsaker",
        )
        agreements.update_terms(
            session,
            found,
            moderator,
            terms,
            seen_version=found.version,
            now=utcnow(),
            set_contact=True,
            programme_contact=moderator,
        )
        assert young.profile is not None
        if hours is None:
            adult = young.profile.age(start) >= 18
            hours = (time(9), time(14), 30) if adult else (time(15), time(17), 0)
        plans = [
            agreements.DayPlan(start + timedelta(days=i), *hours)
            for i in range(days)
            if (start + timedelta(days=i)).weekday() < 5
        ]
        agreements.set_schedule(
            session, found, moderator, plans, seen_version=found.version, now=utcnow()
        )
        session.flush()
    return found


def finished_agreement(
    session: Session,
    *,
    young: User | None = None,
    employer_user: User | None = None,
    moderator: User | None = None,
    start: date | None = None,
    days: int = 5,
    complete: bool = True,
) -> Agreement:
    """An agreement signed by everyone, started and (unless `complete` is False) completed by
    the scheduler: by default Monday to Friday last week."""
    from jobbes.models import SignatureRole
    from jobbes.services.notifications import members_of

    moderator = moderator or staff(session)
    today = local_today()
    first = start or today - timedelta(days=today.weekday() + 7)
    with time_machine.travel(datetime.combine(first - timedelta(days=10), time(12)), tick=False):
        found = agreement(
            session,
            young=young,
            employer_user=employer_user,
            moderator=moderator,
            start=first,
            days=days,
        )
        sign_day = local_today()
        agreements.send_for_signature(
            session, found, moderator, seen_version=found.version, today=sign_day, now=utcnow()
        )
        signer = employer_user or members_of(session, found.organisation)[0]
        for user, role in (
            (found.young_person, SignatureRole.YOUNG_PERSON),
            (signer, SignatureRole.EMPLOYER),
            (moderator, SignatureRole.PROGRAMME),
        ):
            assert user is not None
            agreements.sign(
                session,
                found,
                user,
                role,
                typed_name=user.name or "Navn",
                seen_version=found.version,
                today=sign_day,
                now=utcnow(),
            )
    agreements.advance(session, today=found.start_date, now=utcnow())
    if complete:
        agreements.advance(session, today=found.end_date + timedelta(days=1), now=utcnow())
    session.flush()
    return found
