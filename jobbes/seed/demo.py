"""Demo data for `make run`: a lived-in Jobbes with one account per role. Never for production.

Everything is made through the same services people use, so every listing, profile and interest
is in a state the app can reach by itself. Running it again adds nothing twice.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.dates import years_before
from jobbes.models import (
    AlertFrequency,
    DeclineMessage,
    Interest,
    MeetingKind,
    Organisation,
    Profile,
    ReportReason,
    Role,
    User,
)
from jobbes.models.agreements import SignatureRole
from jobbes.models.evaluations import Attendance, NowDoing, Outcome
from jobbes.services import (
    accounts,
    agreements,
    counselling,
    evaluations,
    indicators,
    interests,
    listings,
    meetings,
    messages,
    notifications,
    organisations,
    profiles,
    reports,
    saved_searches,
)
from jobbes.services.moderation import Decision
from jobbes.vocabulary import (
    Language,
    LanguageLevel,
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    PoliceCertificateBasis,
    Sector,
    TrialPay,
    Weekpart,
)

DEMO_PASSWORD = "jobbes-demo"  # noqa: S105 - printed on purpose; seed-demo refuses production

YOUNG_PERSON_EMAIL = "ung@example.no"
EMPLOYER_EMAIL = "arbeidsgiver@example.no"
MODERATOR_EMAIL = "moderator@example.no"
ADMIN_EMAIL = "admin@example.no"
COUNSELLOR_EMAIL = "veileder@example.no"
PROGRAMME_EMAIL = "kommune@example.no"

# Invented organisations with valid check digits (not real companies).
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "Sørlandet Omsorgssenter",
        "org_number": "915650155",
        "sector": Sector.PUBLIC,
        "area": "lund",
        "address": "Omsorgsveien 4",
        "description": "Et sykehjem med 60 beboere og mange hyggelige kolleger.",
        "employer": ("Kari Nordmann", EMPLOYER_EMAIL),
    },
    {
        "name": "Vågsbygd Bygg AS",
        "org_number": "920128653",
        "sector": Sector.PRIVATE,
        "area": "vagsbygd",
        "address": "Industriveien 12",
        "description": "Vi bygger og pusser opp hus i hele Kristiansand.",
        "employer": ("Per Hansen", "bygg@example.no"),
    },
    {
        "name": "Kvadraturen Kafé og Bakeri",
        "org_number": "922531765",
        "sector": Sector.PRIVATE,
        "area": "kvadraturen",
        "address": "Markens gate 20",
        "description": "Bakeri og kafé midt i sentrum. Vi baker alt selv.",
        "employer": ("Aisha Rahman", "kafe@example.no"),
    },
    {
        "name": "Randesund Idrettslag",
        "org_number": "931188224",
        "sector": Sector.VOLUNTARY,
        "area": "randesund",
        "address": "Idrettsveien 1",
        "description": "Idrettslag med fotball, håndball og friidrett for barn og unge.",
        "employer": ("Ole Berg", "idrett@example.no"),
    },
]
# Registered but not yet checked: something for the moderator's queue.
PENDING_ORGANISATION: dict[str, Any] = {
    "name": "Lund Sykkelverksted",
    "org_number": "933555119",
    "employer": ("Nina Lie", "sykkel@example.no"),
}


def _listing_texts(today: date) -> list[tuple[int, dict[str, Any]]]:
    """(organisation index, content) for the demo listings: every kind at least once.

    Every deadline comes before the start, as the listing form demands.
    """
    summer = date(today.year, 6, 20)
    if summer < today + timedelta(days=30):
        summer = date(today.year + 1, 6, 20)
    return [
        (
            0,
            {
                "listing_type": ListingType.JOB_TRIAL,
                "title": "Jobbtrening på sykehjem",
                "description": "Du går tur med beboerne, hjelper til ved måltidene og prater med folk.\nVi passer på at du aldri står alene.",
                "learning": "Du lærer hvordan en dag på et sykehjem er, og om helsefag kan passe for deg.",
                "support_contact_person": True,
                "contact_person_name": "Kari Nordmann",
                "support_follow_up": True,
                "field": OccupationalField.CARE_HEALTH,
                "no_experience_needed": True,
                "area": "lund",
                "start_date": today + timedelta(days=28),
                "duration": "2 uker",
                "hours_per_week": 20,
                "schedule": "Hverdager 9–14",
                "trial_pay": TrialPay.NAV_FUNDED,
                "minimum_age": 16,
                "police_certificate": True,
                "police_certificate_basis": PoliceCertificateBasis.HEALTH_AND_CARE,
                "language_need": LanguageNeed.BASIC_NORWEGIAN,
                "deadline": today + timedelta(days=21),
            },
        ),
        (
            0,
            {
                "listing_type": ListingType.SUMMER_JOB,
                "title": "Sommervikar på sykehjem",
                "description": "Vi trenger sommervikarer som kan hjelpe til med måltider, turer og aktiviteter.",
                "field": OccupationalField.CARE_HEALTH,
                "area": "lund",
                "start_date": summer,
                "end_date": summer.replace(month=8, day=10),
                "pay": "Etter tariff, fra kr 190 i timen",
                "places": 6,
                "minimum_age": 18,
                "language_need": LanguageNeed.GOOD_NORWEGIAN,
                "deadline": min(today + timedelta(days=60), summer - timedelta(days=7)),
            },
        ),
        (
            1,
            {
                "listing_type": ListingType.APPRENTICESHIP,
                "title": "Lærling i tømrerfaget",
                "description": "Du blir med på byggeplassen fra første dag og lærer faget av erfarne tømrere.",
                "learning": "To år mot fagbrev som tømrer, med fast veileder.",
                "support_contact_person": True,
                "support_adapted_tasks": True,
                "field": OccupationalField.BUILDING,
                "area": "vagsbygd",
                "start_date": today + timedelta(days=40),
                "duration": "2 år",
                "hours_per_week": 37,
                "pay": "Lærlinglønn etter tariff",
                "minimum_age": 17,
                "language_need": LanguageNeed.BASIC_NORWEGIAN,
                "deadline": today + timedelta(days=30),
            },
        ),
        (
            1,
            {
                "listing_type": ListingType.JOB_TRIAL,
                "title": "Prøv deg på byggeplassen",
                "description": "Tre dager der du bærer materialer, rydder og får prøve verktøy med en fagarbeider.",
                "support_contact_person": True,
                "field": OccupationalField.BUILDING,
                "no_experience_needed": True,
                "area": "vagsbygd",
                "duration": "3 dager",
                "trial_pay": TrialPay.PAID,
                "pay": "kr 150 i timen",
                "minimum_age": 16,
                "language_need": LanguageNeed.NO_NORWEGIAN,
                "deadline": today + timedelta(days=10),
            },
        ),
        (
            2,
            {
                "listing_type": ListingType.JOB_TRIAL,
                "title": "Kjøkkenhjelp på kafé",
                "description": "Du hjelper til på kjøkkenet: kutter grønnsaker, baker boller og tar oppvasken.",
                "learning": "Du lærer hygiene, matlaging og hvordan et travelt kjøkken fungerer.",
                "support_contact_person": True,
                "support_adapted_tasks": True,
                "field": OccupationalField.FOOD_RESTAURANT,
                "no_experience_needed": True,
                "area": "kvadraturen",
                "start_date": today + timedelta(days=21),
                "duration": "2 uker",
                "hours_per_week": 15,
                "trial_pay": TrialPay.NAV_FUNDED,
                "minimum_age": 15,
                "language_need": LanguageNeed.ENGLISH_OK,
                "deadline": today + timedelta(days=14),
            },
        ),
        (
            2,
            {
                "listing_type": ListingType.PART_TIME_JOB,
                "title": "Helgejobb i bakeriet",
                "description": "Du selger brød og kaker i disken og hjelper til med å holde kafeen ryddig.",
                "field": OccupationalField.SHOP_SALES,
                "area": "kvadraturen",
                "hours_per_week": 8,
                "schedule": "Lørdager 8–16",
                "pay": "kr 170 i timen",
                "minimum_age": 16,
                "language_need": LanguageNeed.BASIC_NORWEGIAN,
                "deadline": today + timedelta(days=25),
            },
        ),
        (
            3,
            {
                "listing_type": ListingType.FULL_TIME_JOB,
                "title": "Aktivitetsleder for barn",
                "description": "Du leder treninger og aktiviteter for barn fra 6 til 12 år, ettermiddag og kveld.",
                "field": OccupationalField.CULTURE_SPORT,
                "area": "randesund",
                "hours_per_week": 37,
                "pay": "kr 420 000 i året",
                "minimum_age": 18,
                "police_certificate": True,
                "police_certificate_basis": PoliceCertificateBasis.VOLUNTARY_WORK_WITH_MINORS,
                "language_need": LanguageNeed.GOOD_NORWEGIAN,
                "deadline": today + timedelta(days=35),
            },
        ),
    ]


def _young_people(today: date) -> list[dict[str, Any]]:
    """Profiles that let employers find them, so suggestions have someone to suggest."""
    return [
        {
            "name": "Sara",
            "email": YOUNG_PERSON_EMAIL,
            "age": 17,
            "area": "vagsbygd",
            "wants": [Opportunity.JOB_TRIAL, Opportunity.SUMMER_JOB],
            "fields": [OccupationalField.FOOD_RESTAURANT, OccupationalField.CARE_HEALTH],
            "skills": ["cooking", "good_with_elderly", "Håndball"],
            "languages": {
                Language.NORWEGIAN: LanguageLevel.NATIVE,
                Language.ENGLISH: LanguageLevel.GOOD,
            },
            "about": "Jeg liker å lage mat og å prate med folk. Jeg vil prøve meg i en kafé eller på et sykehjem.",
        },
        {
            "name": "Yonas",
            "email": "yonas@example.no",
            "age": 19,
            "area": "lund",
            "wants": [Opportunity.JOB_TRIAL, Opportunity.APPRENTICESHIP],
            "fields": [OccupationalField.BUILDING, OccupationalField.VEHICLES],
            "skills": ["practical", "physically_fit", "Tigrinja"],
            "languages": {
                Language.NORWEGIAN: LanguageLevel.A_LITTLE,
                Language.TIGRINYA: LanguageLevel.NATIVE,
                Language.ENGLISH: LanguageLevel.GOOD,
            },
            "about": "Jeg er god med hendene og vil bli tømrer.",
        },
        {
            "name": "Emma",
            "email": "emma@example.no",
            "age": 22,
            "area": "grim",
            "wants": [Opportunity.JOB],
            "fields": [OccupationalField.CARE_HEALTH, OccupationalField.CHILDREN_SCHOOL],
            "skills": ["good_with_children", "punctual"],
            "languages": {Language.NORWEGIAN: LanguageLevel.NATIVE},
            "about": "Ferdig med helsefag på videregående. Ser etter deltidsjobb.",
        },
        {
            "name": "Ali",
            "email": "ali@example.no",
            "age": 16,
            "area": "kvadraturen",
            "wants": [Opportunity.JOB_TRIAL, Opportunity.SUMMER_JOB],
            "fields": [OccupationalField.FOOD_RESTAURANT, OccupationalField.SHOP_SALES],
            "skills": ["customer_service", "languages"],
            "languages": {
                Language.NORWEGIAN: LanguageLevel.GOOD,
                Language.ARABIC: LanguageLevel.NATIVE,
            },
            "about": "Jeg går på Kvadraturen skolesenter og vil ha sommerjobb.",
        },
    ]


def seed(session: Session, *, today: date, now: datetime) -> list[tuple[str, str]]:
    """Create whatever demo data is missing; returns (role, email) for each demo login."""
    moderator = _staff(session, MODERATOR_EMAIL, Role.MODERATOR, "Mona")
    _staff(session, ADMIN_EMAIL, Role.ADMIN, "Amir")
    employers = [_organisation(session, spec, moderator, now) for spec in ORGANISATIONS]
    if _find(session, PENDING_ORGANISATION["org_number"]) is None:
        name, email = PENDING_ORGANISATION["employer"]
        pending = accounts.register_employer(
            session,
            email=email,
            password=DEMO_PASSWORD,
            name=name,
            organisation_name=PENDING_ORGANISATION["name"],
            org_number=PENDING_ORGANISATION["org_number"],
        )
        accounts.confirm_email(pending, now=now)
    published = _listings(session, employers, moderator, today, now)
    young = [_young_person(session, spec, moderator, today, now) for spec in _young_people(today)]
    _interests(session, young, published, today, now)
    _saved_searches(session, young, now)
    _counselling(session, young, published, today, now)
    _agreements(session, young[0], published, moderator, today, now)
    _staff(session, PROGRAMME_EMAIL, Role.PROGRAMME, "Kari i kommunen")
    _programme_year(session, employers, moderator, today, now)
    session.flush()
    indicators.refresh(session, today=today, now=now)
    return [
        ("young person", YOUNG_PERSON_EMAIL),
        ("employer", EMPLOYER_EMAIL),
        ("moderator", MODERATOR_EMAIL),
        ("admin", ADMIN_EMAIL),
        ("counsellor", COUNSELLOR_EMAIL),
        ("programme", PROGRAMME_EMAIL),
    ]


def _meeting(
    session: Session,
    profile: Profile,
    listing: Any,
    kind: MeetingKind,
    today: date,
    now: datetime,
    *,
    pick: bool,
) -> None:
    interest = interests.existing(session, listing, profile)
    if interest is None or interest.meetings or interest.status not in meetings.PROPOSABLE:
        return
    members = notifications.members_of(session, listing.organisation)
    if not members:
        return
    version = listing.published_version or listing.current_version
    meetings.propose(
        session,
        interest,
        by=members[0],
        kind=kind,
        times=[
            meetings.Time(today + timedelta(days=3), time(10), time(11)),
            meetings.Time(today + timedelta(days=4), time(13), time(14)),
        ],
        place=(version.address if version else None)
        or listing.organisation.address
        or "Kristiansand",
        contact_name=members[0].name,
        contact_phone="38 00 00 00",
        now=now,
    )
    if pick:
        meetings.choose(interest, seen_round=1, position=1, now=now)


def _saved_searches(session: Session, young: list[Profile], now: datetime) -> None:
    """Two searches the demo young person keeps: one with daily alerts, one kept quietly."""
    person = next(p.user for p in young if p.user.email == YOUNG_PERSON_EMAIL)
    if saved_searches.saved_searches_of(session, person):
        return
    for name, query, frequency in (
        ("Kjøkken i sentrum", "area=kvadraturen&q=kj%C3%B8kken", AlertFrequency.DAILY),
        ("Sommerjobber", "type=summer_job", AlertFrequency.NONE),
    ):
        saved_searches.save_search(
            session, person, name=name, query=query, frequency=frequency, now=now
        )


def _staff(session: Session, email: str, role: Role, name: str) -> User:
    user = accounts.find_user_by_email(session, email)
    if user is None:
        user = accounts.create_staff(
            session, email=email, password=DEMO_PASSWORD, role=role, name=name
        )
    return user


def _find(session: Session, org_number: str) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.org_number == org_number))


def _organisation(session: Session, spec: dict[str, Any], moderator: User, now: datetime) -> User:
    name, email = spec["employer"]
    existing = accounts.find_user_by_email(session, email)
    if existing is not None:
        return existing
    employer = accounts.register_employer(
        session,
        email=email,
        password=DEMO_PASSWORD,
        name=name,
        organisation_name=spec["name"],
        org_number=spec["org_number"],
    )
    accounts.confirm_email(employer, now=now)
    organisation = employer.organisation
    assert organisation is not None
    organisations.update_details(
        session,
        organisation,
        author=employer,
        now=now,
        name=spec["name"],
        sector=spec["sector"],
        address=spec["address"],
        area=spec["area"],
        description=spec["description"],
        website=None,
    )
    organisations.verify(session, organisation, moderator=moderator, now=now)
    return employer


def _listings(
    session: Session, employers: list[User], moderator: User, today: date, now: datetime
) -> list[Any]:
    published = []
    for index, content in _listing_texts(today):
        employer = employers[index]
        organisation = employer.organisation
        assert organisation is not None
        found = _titled(organisation, content["title"])
        if found is None:
            found = listings.create_listing(
                session, organisation=organisation, author=employer, content=content, now=now
            )
            listings.submit_listing(found, today=today, now=now)
            assert found.current_version is not None  # create_listing made the first version
            listings.decide_listing(
                session,
                found.current_version,
                moderator=moderator,
                decision=Decision.APPROVE,
                now=now,
            )
        published.append(found)
    if not any(listing.featured for listing in published):
        listings.set_featured(session, published[4], True, moderator=moderator, now=now)
        listings.set_featured(session, published[0], True, moderator=moderator, now=now)
    # One listing waiting for review, so the moderator's queue has something in it.
    cafe = employers[2]
    assert cafe.organisation is not None
    if _titled(cafe.organisation, "Servitør i sommer") is None:
        waiting = listings.create_listing(
            session,
            organisation=cafe.organisation,
            author=cafe,
            now=now,
            content={
                "listing_type": ListingType.SUMMER_JOB,
                "title": "Servitør i sommer",
                "description": "Du tar imot bestillinger og rydder bord i en travel kafé.",
                "field": OccupationalField.FOOD_RESTAURANT,
                "area": "kvadraturen",
                "pay": "kr 175 i timen",
                "minimum_age": 16,
                "deadline": today + timedelta(days=45),
            },
        )
        listings.submit_listing(waiting, today=today, now=now)
    return published


def _titled(organisation: Organisation, title: str) -> Any:
    return next(
        (
            x
            for x in organisation.listings
            if x.current_version and x.current_version.title == title
        ),
        None,
    )


def _young_person(
    session: Session, spec: dict[str, Any], moderator: User, today: date, now: datetime
) -> Profile:
    user = accounts.find_user_by_email(session, spec["email"])
    if user is not None and user.profile is not None:
        return user.profile
    user = accounts.register_young_person(
        session,
        email=spec["email"],
        password=DEMO_PASSWORD,
        name=spec["name"],
        birth_date=years_before(today, spec["age"]) - timedelta(days=40),
        today=today,
    )
    accounts.confirm_email(user, now=now)
    profile = user.profile
    assert profile is not None
    profiles.save_wishes(profile, opportunities=spec["wants"], fields=spec["fields"], now=now)
    profiles.save_where_and_when(
        profile,
        home_area=spec["area"],
        max_travel_minutes=30,
        weekparts=[Weekpart.WEEKDAYS, Weekpart.WEEKENDS],
        available_from=None,
        driving_licence=False,
        now=now,
    )
    profiles.save_skills_and_languages(
        session, profile, skills=spec["skills"], languages=spec["languages"], now=now
    )
    profiles.save_about(
        profile,
        name=spec["name"],
        about=spec["about"],
        contact_name=None,
        contact_email=None,
        share_contact=False,
        now=now,
    )
    profiles.set_discoverable(profile, True, now=now)
    session.flush()
    pending = profile.pending_submission
    if pending is not None:
        profiles.decide_submission(
            session, pending, moderator=moderator, decision=Decision.APPROVE, now=now
        )
    return profile


def _conversation(session: Session, interest: Interest, now: datetime) -> None:
    """A few messages after the invitation to a talk, so the demo shows a conversation with a
    link, a read receipt and an answer on both sides."""
    boss = interest.listing.created_by
    assert boss is not None
    assert interest.profile is not None
    young = interest.profile.user
    messages.send(
        session,
        interest,
        sender=boss,
        body="Hei Sara! Ta med gode sko. Her er veien til oss: https://www.example.no/lund-kafe",
        now=now,
    )
    messages.mark_read(session, interest, reader=young, now=now)
    messages.send(
        session, interest, sender=young, body="Tusen takk! Jeg kommer på tirsdag.", now=now
    )


def _interests(
    session: Session, young: list[Profile], published: list[Any], today: date, now: datetime
) -> None:
    sara, yonas, emma, ali = young
    trial, _summer, apprenticeship, site, kitchen, _bakery, _sport = published
    # Several steps with their own words, so the demo shows a whole conversation, and an offer
    # waiting for the young person's answer.
    plan = [
        (sara, kitchen, ["invite_to_talk"]),
        (yonas, apprenticeship, ["invite_to_talk", "offer"]),
        (ali, kitchen, []),
        (emma, trial, ["agree_trial"]),
    ]
    said = {
        "invite_to_talk": "Kom innom tirsdag klokka 10, så tar vi en prat. Spør etter Aisha.",
        "agree_trial": "Kom innom tirsdag klokka 10, så tar vi en prat. Spør etter Aisha.",
        "offer": "Takk for praten! Vi vil gjerne ha deg som lærling fra august. Vil du?",
    }
    for profile, listing, steps in plan:
        if interests.existing(session, listing, profile) is not None:
            continue
        interest = interests.express_interest(
            session,
            profile=profile,
            listing=listing,
            today=today,
            now=now,
            message="Hei! Jeg har lyst til å prøve dette.",
        )
        for step in steps:
            interests.employer_step(
                interest,
                step,
                now=now,
                message=said[step],
                trial_start=today + timedelta(days=10) if step == "agree_trial" else None,
                trial_end=today + timedelta(days=24) if step == "agree_trial" else None,
            )
        if profile is sara:
            _conversation(session, interest, now)
    # Times to meet: two proposed to Sara, and a first trial day Emma has picked.
    _meeting(session, sara, kitchen, MeetingKind.TALK, today, now, pick=False)
    _meeting(session, emma, trial, MeetingKind.TRIAL_DAY, today, now, pick=True)
    if interests.existing(session, trial, sara) is None:
        interests.invite(
            session,
            listing=trial,
            profile=sara,
            today=today,
            now=now,
            message="Hei Sara! Vi tror du ville trives hos oss. Vil du prøve?",
        )
    if not session.scalars(reports.open_reports()).first():
        reports.create_report(
            session,
            reporter=ali.user,
            subject_type="listing",
            subject_id=site.id,
            reason=ReportReason.OTHER,
            text="Står ikke hva vi skal ha på oss på byggeplassen.",
            now=now,
        )


def _counselling(
    session: Session, young: list[Profile], published: list[Any], today: date, now: datetime
) -> None:
    """A counsellor at Varodd GameOn followed by three young people, one of whom has waited
    nine weeks for an answer (so the caseload shows its flags), and a request Ali has not
    answered yet."""
    if accounts.find_user_by_email(session, COUNSELLOR_EMAIL) is not None:
        return
    sara, yonas, emma, ali = young
    bakery = published[5]
    counsellor = counselling.create_counsellor(
        session,
        email=COUNSELLOR_EMAIL,
        organisation_name="Varodd GameOn",
        name="Vera",
        password=DEMO_PASSWORD,
        now=now,
    )
    counselling.organisation_named(session, "NAV Kristiansand")
    counselling.organisation_named(session, "Oppfølgingstjenesten i Agder")
    code = counselling.counsellor_record(session, counsellor).code
    if interests.existing(session, bakery, emma) is None:
        nine_weeks_ago = now - timedelta(weeks=9)
        interests.express_interest(
            session,
            profile=emma,
            listing=bakery,
            message="Hei! Jeg baker mye hjemme.",
            today=today,
            now=nine_weeks_ago,
        )
    for profile in (sara, yonas, emma):
        counselling.add_counsellor(session, profile.user, code, now=now)
    counselling.ask_to_follow(session, counsellor, ali.user.email, now=now)
    consent = counselling.consent_for(session, counsellor, emma.user_id)
    assert consent is not None
    counselling.add_note(
        session,
        consent,
        "Emma vil helst jobbe med mat. Ringte henne, hun ønsker hjelp med søknaden.",
        now=now,
    )


# --- A year of the programme, so that the indicators page has something to show -------------

YEAR_PEOPLE = 60
YEAR_EMAIL = "aaret-{n}@example.no"  # "the year": young people who came through the programme
_YEAR_NAMES = [
    "Nora",
    "Omar",
    "Ingrid",
    "Jonas",
    "Amina",
    "Lukas",
    "Maja",
    "Elias",
    "Hana",
    "Filip",
]
_YEAR_AREAS = ["kvadraturen", "lund", "grim", "vagsbygd", "slettheia", "randesund", "songdalen"]
# (organisation index, kind, title, field, minimum age): listings of the past year, now expired.
_YEAR_LISTINGS = [
    (
        0,
        ListingType.JOB_TRIAL,
        "Jobbtrening på kjøkkenet i sykehjemmet",
        OccupationalField.CARE_HEALTH,
        16,
    ),
    (
        0,
        ListingType.APPRENTICESHIP,
        "Lærling i helsearbeiderfaget",
        OccupationalField.CARE_HEALTH,
        17,
    ),
    (0, ListingType.SUMMER_JOB, "Sommervikar på avdeling", OccupationalField.CARE_HEALTH, 18),
    (1, ListingType.JOB_TRIAL, "Prøvedager som hjelpearbeider", OccupationalField.BUILDING, 16),
    (1, ListingType.APPRENTICESHIP, "Lærling i malerfaget", OccupationalField.BUILDING, 17),
    (2, ListingType.JOB_TRIAL, "Jobbtrening i bakeriet", OccupationalField.FOOD_RESTAURANT, 15),
    (2, ListingType.PART_TIME_JOB, "Deltid i kafeen", OccupationalField.FOOD_RESTAURANT, 16),
    (
        3,
        ListingType.JOB_TRIAL,
        "Hospitering som trenerassistent",
        OccupationalField.CULTURE_SPORT,
        15,
    ),
    (
        3,
        ListingType.FULL_TIME_JOB,
        "Aktivitetsleder på sommerleir",
        OccupationalField.CULTURE_SPORT,
        18,
    ),
]
# How far each interest gets, as a share of a hundred: unanswered, declined, a talk, a trial
# (then no offer), an offer said no to, hired.
_OUTCOMES = [
    ("none", 18),
    ("decline", 22),
    ("talk", 14),
    ("trial", 16),
    ("offer_declined", 8),
    ("hired", 22),
]


def _programme_year(
    session: Session, employers: list[User], moderator: User, today: date, now: datetime
) -> None:
    """Young people who signed up over the past year and went as far as a programme takes
    them: unanswered, declined, a talk, a trial, an offer, a job. Made through the services at
    the moments they happened; their listings have expired since."""
    if accounts.find_user_by_email(session, YEAR_EMAIL.format(n=1)) is not None:
        return
    rng = random.Random(15)
    year_ago = now - timedelta(days=365)
    posted = []
    for number, (index, kind, title, field, minimum_age) in enumerate(_YEAR_LISTINGS):
        employer = employers[index]
        assert employer.organisation is not None
        published = year_ago + timedelta(days=10 + 30 * number)
        listing = listings.create_listing(
            session,
            organisation=employer.organisation,
            author=employer,
            now=published,
            content={
                "listing_type": kind,
                "title": title,
                "description": "Et sted å prøve seg, med gode kolleger og en fast kontaktperson.",
                "field": field,
                "area": ORGANISATIONS[index]["area"],
                "minimum_age": minimum_age,
                "support_contact_person": True,
                "trial_pay": TrialPay.NAV_FUNDED if kind is ListingType.JOB_TRIAL else None,
                "pay": None if kind is ListingType.JOB_TRIAL else "Etter tariff",
                "deadline": today + timedelta(days=7),
            },
        )
        listings.submit_listing(listing, today=today, now=published)
        assert listing.current_version is not None
        listings.decide_listing(
            session,
            listing.current_version,
            moderator=moderator,
            decision=Decision.APPROVE,
            now=published,
        )
        listing.published_at = published
        posted.append(listing)
    session.flush()
    for n in range(1, YEAR_PEOPLE + 1):
        registered = year_ago + timedelta(days=rng.randint(0, 330), hours=rng.randint(8, 20))
        person = accounts.register_young_person(
            session,
            email=YEAR_EMAIL.format(n=n),
            password=DEMO_PASSWORD,
            name=rng.choice(_YEAR_NAMES),
            birth_date=years_before(today, rng.randint(16, 29))
            - timedelta(days=rng.randint(0, 360)),
            today=today,
        )
        person.created_at = registered
        accounts.confirm_email(person, now=registered)
        profile = person.profile
        assert profile is not None
        if rng.random() < 0.15:
            continue  # signed up, and got no further
        _fill_profile(session, profile, rng, registered + timedelta(days=rng.randint(0, 6)))
        if rng.random() < 0.1:
            continue  # a profile, but no interest yet
        start = registered + timedelta(days=rng.randint(1, 20))
        open_then = [x for x in posted if x.published_at is not None and x.published_at <= start]
        for listing in rng.sample(
            open_then or posted[:1], k=min(len(open_then or posted[:1]), rng.randint(1, 2))
        ):
            sent = max(start, listing.published_at or start) + timedelta(hours=rng.randint(1, 72))
            if sent >= now or interests.why_not(session, profile, listing, today=today) is not None:
                continue
            interest = interests.express_interest(
                session, profile=profile, listing=listing, message=None, today=today, now=sent
            )
            _carry(interest, rng, sent, today, now)
    session.flush()
    for listing in posted:
        listing.deadline = today - timedelta(days=1)
    session.flush()
    listings.expire_listings(session, today=today)


def _fill_profile(session: Session, profile: Profile, rng: random.Random, at: datetime) -> None:
    profiles.save_wishes(
        profile,
        opportunities=rng.sample(
            [Opportunity.JOB_TRIAL, Opportunity.APPRENTICESHIP, Opportunity.JOB], k=2
        ),
        fields=[rng.choice(list(OccupationalField))],
        now=at,
    )
    profiles.save_where_and_when(
        profile,
        home_area=rng.choice(_YEAR_AREAS),
        max_travel_minutes=30,
        weekparts=[Weekpart.WEEKDAYS],
        available_from=None,
        driving_licence=False,
        now=at,
    )
    profiles.save_skills_and_languages(
        session,
        profile,
        skills=["punctual"],
        languages={Language.NORWEGIAN: LanguageLevel.GOOD},
        now=at,
    )
    profiles.save_about(
        profile,
        name=profile.user.name,
        about="Jeg vil gjerne prøve meg og lære noe nytt.",
        contact_name=None,
        contact_email=None,
        share_contact=False,
        now=at,
    )
    session.flush()


def _carry(
    interest: Interest, rng: random.Random, sent: datetime, today: date, now: datetime
) -> None:
    """Move an interest as far as a draw from `_OUTCOMES` says, each step days after the last."""
    outcome = rng.choices([o for o, _w in _OUTCOMES], weights=[w for _o, w in _OUTCOMES])[0]
    moment = sent

    def later(low: int, high: int) -> datetime | None:
        nonlocal moment
        moment = moment + timedelta(days=rng.randint(low, high), hours=rng.randint(0, 6))
        return moment if moment < now else None

    if outcome == "none":
        return
    answered = later(2, 25)
    if answered is None:
        return
    if outcome == "decline":
        interests.employer_step(
            interest, "decline", now=answered, decline_message=DeclineMessage.NOT_NOW
        )
        return
    interests.employer_step(interest, "invite_to_talk", now=answered)
    if outcome == "talk":
        return
    agreed = later(3, 14)
    if agreed is None:
        return
    start = agreed.date() + timedelta(days=rng.randint(3, 10))
    interests.employer_step(
        interest,
        "agree_trial",
        now=agreed,
        trial_start=start,
        trial_end=start + timedelta(days=rng.randint(3, 14)),
    )
    if outcome == "trial":
        return
    offered = later(14, 30)
    if offered is None:
        return
    interests.employer_step(interest, "offer", now=offered)
    answered_offer = later(1, 5)
    if answered_offer is None:
        return
    interests.answer_offer(interest, accept=outcome == "hired", now=answered_offer)


def _agreements(
    session: Session,
    sara: Profile,
    published: list[Any],
    moderator: User,
    today: date,
    now: datetime,
) -> None:
    """Two trial agreements of Sara's, so their pages are lived in: one at the bakery four
    months ago, signed by everyone (her guardian too), completed and evaluated by both sides,
    with her answer to the three-month follow-up; and one at the building site in three weeks,
    signed and waiting to start."""
    young = sara.user
    if agreements.of_user(session, young, now=now):
        return
    site, bakery = published[3], published[5]
    monday = today - timedelta(days=today.weekday())
    past = _signed_agreement(
        session, sara, bakery, moderator, start=monday - timedelta(weeks=18), now=now
    )
    ended = datetime.combine(past.end_date, time(15), tzinfo=now.tzinfo)
    agreements.advance(session, today=past.start_date, now=ended - timedelta(days=4))
    agreements.advance(session, today=past.end_date + timedelta(days=1), now=ended)
    evaluation = evaluations.ask(session, past, today=past.end_date, now=ended)
    employer = notifications.members_of(session, past.organisation)[0]
    evaluations.write_employer_part(
        session,
        evaluation,
        employer,
        evaluations.EmployerPart(
            attendance=Attendance.COMPLETED,
            went_well="Sara var blid med kundene og lærte kassa raskt.",
            to_work_on="Spør når hun er usikker på noe.",
            outcome=Outcome.ANOTHER_TRIAL,
        ),
        now=ended + timedelta(days=1),
    )
    evaluations.write_young_part(
        session,
        evaluation,
        young,
        evaluations.YoungPart(
            how_it_was="Gøy å selge brød og kaker, og kundene var hyggelige.",
            comment=None,
            agrees=True,
        ),
        now=ended + timedelta(days=2),
    )
    evaluations.follow_up(session, today=today, now=now)
    for asked in evaluations.open_follow_ups(session, young):
        evaluations.answer_follow_up(asked, NowDoing.SCHOOL, now=now)
    _signed_agreement(session, sara, site, moderator, start=monday + timedelta(weeks=3), now=now)


def _signed_agreement(
    session: Session,
    sara: Profile,
    listing: Any,
    moderator: User,
    *,
    start: date,
    now: datetime,
) -> Any:
    """Sara's interest in the listing, a trial agreed from `start` (a Monday, for a week), and
    its agreement signed by every party (three afternoons, within the hours the listing allows);
    everything dated a month before the trial."""
    at = min(now, datetime.combine(start - timedelta(days=28), time(10), tzinfo=now.tzinfo))
    day = at.date()
    interest = interests.express_interest(
        session,
        profile=sara,
        listing=listing,
        today=day,
        now=at,
        message="Hei! Jeg har lyst til å prøve dette.",
    )
    interests.employer_step(interest, "invite_to_talk", now=at + timedelta(days=1))
    interests.employer_step(
        interest,
        "agree_trial",
        now=at + timedelta(days=3),
        trial_start=start,
        trial_end=start + timedelta(days=4),
    )
    agreement = agreements.for_interest(session, interest)
    assert agreement is not None
    when = at + timedelta(days=4)
    terms = agreements.terms_of(agreement)
    agreements.update_terms(
        session,
        agreement,
        moderator,
        agreements.Terms(
            **{
                **{name: getattr(terms, name) for name in agreements.TERM_FIELDS},
                "contact_name": "Aisha Berg",
                "contact_role": "Daglig leder",
                "contact_phone": "+4791234567",
                "tasks": "Ta imot kunder, fylle på i hyllene og hjelpe til på kjøkkenet.",
                "goals": ["work_experience", "job_here"],
                "pay_amount": terms.pay_amount or "kr 150 i timen",
            }
        ),
        seen_version=agreement.version,
        now=when,
        set_contact=True,
        programme_contact=moderator,
    )
    agreements.set_schedule(
        session,
        agreement,
        moderator,
        [agreements.DayPlan(start + timedelta(days=i), time(15), time(17), 0) for i in (0, 2, 4)],
        seen_version=agreement.version,
        now=when,
    )
    young = sara.user
    agreements.set_guardian(
        session,
        agreement,
        young,
        name="Leila Haddad",
        email="leila.haddad@example.no",
        phone=None,
        now=when,
    )
    token = agreements.send_for_signature(
        session, agreement, moderator, seen_version=agreement.version, today=day, now=when
    )
    employer = notifications.members_of(session, agreement.organisation)[0]
    for user, role in (
        (young, SignatureRole.YOUNG_PERSON),
        (employer, SignatureRole.EMPLOYER),
        (moderator, SignatureRole.PROGRAMME),
    ):
        agreements.sign(
            session,
            agreement,
            user,
            role,
            typed_name=user.name or "Navn",
            seen_version=agreement.version,
            today=day,
            now=when + timedelta(days=1),
        )
    if token is not None:
        agreements.sign_as_guardian(
            session, token, typed_name="Leila Haddad", today=day, now=when + timedelta(days=2)
        )
    return agreement
