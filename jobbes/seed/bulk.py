"""Large synthetic data for benchmarks: `flask --app wsgi jobbes seed-bulk`.

Rows are written with bulk inserts rather than one service call each, or 100,000 listings would
take an hour; the states they are written in are the ones the services produce (published and
approved versions, verified organisations, approved profile words). Not for production.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from jobbes import areas
from jobbes.dates import years_before
from jobbes.models import (
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    ListingStatus,
    ListingVersion,
    Organisation,
    OrganisationStatus,
    Profile,
    ProfileField,
    ProfileLanguage,
    ProfileOpportunity,
    ProfileSubmission,
    ReviewStatus,
    Role,
    User,
)
from jobbes.models.accounts import new_session_token
from jobbes.services import passwords, search
from jobbes.vocabulary import (
    Language,
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    TrialPay,
)

BULK_PASSWORD = "bulk-password"  # noqa: S105 - synthetic accounts for load tests only
CHUNK = 5000

_WORK = {
    OccupationalField.CARE_HEALTH: ["Helsefagarbeider", "Assistent på sykehjem", "Miljøarbeider"],
    OccupationalField.CHILDREN_SCHOOL: ["Barnehageassistent", "SFO-medarbeider", "Leksehjelper"],
    OccupationalField.BUILDING: ["Tømrer", "Maler", "Hjelpearbeider på byggeplass"],
    OccupationalField.INDUSTRY: ["Operatør i produksjon", "Sveiser", "Industrimedarbeider"],
    OccupationalField.VEHICLES: ["Bilmekaniker", "Dekkskifter", "Bilpleier"],
    OccupationalField.SHOP_SALES: ["Butikkmedarbeider", "Kassemedarbeider", "Selger"],
    OccupationalField.FOOD_RESTAURANT: ["Kjøkkenhjelp", "Servitør", "Kokk", "Bakerlærling"],
    OccupationalField.HOTEL_TOURISM: ["Resepsjonist", "Romservice", "Guide"],
    OccupationalField.OFFICE: ["Kontorassistent", "Sentralbord", "Arkivmedarbeider"],
    OccupationalField.IT: ["IT-brukerstøtte", "Nettsideassistent", "Datatekniker"],
    OccupationalField.WAREHOUSE_LOGISTICS: ["Lagermedarbeider", "Plukker", "Truckfører"],
    OccupationalField.TRANSPORT: ["Budsjåfør", "Sjåførassistent", "Flyttehjelp"],
    OccupationalField.CLEANING_PROPERTY: ["Renholder", "Vaktmesterassistent", "Gartner"],
    OccupationalField.NATURE_FARMING: ["Gårdsarbeider", "Gartnerassistent", "Skogsarbeider"],
    OccupationalField.CULTURE_SPORT: ["Aktivitetsleder", "Trenerassistent", "Bibliotekvakt"],
    OccupationalField.HAIR_BEAUTY: ["Frisørlærling", "Salongassistent", "Neglteknikerassistent"],
}
_SENTENCES = [
    "Du jobber sammen med erfarne kolleger som viser deg hvordan.",
    "Oppgavene tilpasses det du kan fra før.",
    "Vi legger vekt på trivsel, humor og at du spør når du lurer.",
    "Du får en fast kontaktperson hele perioden.",
    "Arbeidet er variert og du er mye i bevegelse.",
    "Du møter kunder og må være blid og høflig.",
    "Vi har god erfaring med ungdom som prøver seg for første gang.",
]
_FIRST_NAMES = ["Sara", "Ali", "Emma", "Yonas", "Nora", "Omar", "Ingrid", "Jonas", "Amina", "Lukas"]


def _chunks(rows: Iterator[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, size)):
        yield batch


def _next_id(session: Session, model: Any) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _fix_sequences(session: Session) -> None:
    """Explicit ids do not move PostgreSQL's sequences on; move them past the new rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("users", "organisations", "listings", "listing_versions", "profile_submissions"):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    age: int
    area: str
    fields: list[OccupationalField]
    wants: list[Opportunity]
    findable: bool


def seed(
    session: Session, *, listings: int, profiles: int, today: date, now: datetime, seed: int = 7
) -> dict[str, int]:
    """Add `listings` published listings and `profiles` young people, most of them findable."""
    rng = random.Random(seed)
    password_hash = passwords.hash_password(BULK_PASSWORD)
    organisations = max(20, listings // 50)
    first_org = _next_id(session, Organisation)
    first_user = _next_id(session, User)

    # Organisations, each with one employer.
    session.execute(
        insert(Organisation),
        [
            {
                "id": first_org + n,
                "name": f"Bedrift {first_org + n} AS",
                "org_number": f"8{first_org + n:08d}",
                "status": OrganisationStatus.VERIFIED,
                "area": rng.choice(areas.CODES),
                "created_at": now,
                "verified_at": now,
            }
            for n in range(organisations)
        ],
    )
    session.execute(
        insert(User),
        [
            {
                "id": first_user + n,
                "email": f"bulk-employer-{first_org + n}@example.no",
                "password_hash": password_hash,
                "role": Role.EMPLOYER,
                "name": "Arbeidsgiver",
                "organisation_id": first_org + n,
                "session_token": new_session_token(),
                "created_at": now,
                "email_confirmed_at": now,
            }
            for n in range(organisations)
        ],
    )

    # Listings, each with one approved version that is also the published one.
    first_listing = _next_id(session, Listing)
    first_version = _next_id(session, ListingVersion)
    fields = list(OccupationalField)
    types = list(ListingType)
    rows = []
    for n in range(listings):
        field = rng.choice(fields)
        kind = rng.choice(types)
        title = f"{rng.choice(_WORK[field])} – {rng.choice(areas.AREAS).name}"
        content = {
            "listing_type": kind,
            "field": field,
            "area": rng.choice(areas.CODES),
            "minimum_age": rng.choice((15, 16, 16, 17, 18)),
            "no_experience_needed": rng.random() < 0.5,
            "language_need": rng.choice(list(LanguageNeed)),
            "start_date": today + timedelta(days=rng.randint(-10, 150)),
            "deadline": today + timedelta(days=rng.randint(1, 90)),
        }
        rows.append((n, title, content))

    def versions() -> Iterator[dict[str, Any]]:
        for n, title, content in rows:
            job_trial = content["listing_type"] is ListingType.JOB_TRIAL
            yield {
                "id": first_version + n,
                "listing_id": first_listing + n,
                "number": 1,
                "created_at": now,
                "review_status": ReviewStatus.APPROVED,
                "submitted_at": now,
                "decided_at": now,
                "title": title,
                "description": " ".join(rng.sample(_SENTENCES, 3)),
                "support_contact_person": rng.random() < 0.7,
                "support_adapted_tasks": rng.random() < 0.4,
                "support_follow_up": rng.random() < 0.5,
                "trial_pay": rng.choice(list(TrialPay)) if job_trial else None,
                "pay": None if job_trial else "Etter avtale",
                "places": rng.randint(1, 4),
                "police_certificate": False,
                **content,
            }

    def listing_rows() -> Iterator[dict[str, Any]]:
        for n, _title, content in rows:
            yield {
                "id": first_listing + n,
                "organisation_id": first_org + n % organisations,
                "status": ListingStatus.PUBLISHED,
                "featured": n % 500 == 0,
                "created_at": now,
                "published_at": now - timedelta(minutes=n),
                "paid": content["listing_type"] is not ListingType.JOB_TRIAL,
                **content,
            }

    for batch in _chunks(listing_rows()):
        session.execute(insert(Listing), batch)
    for batch in _chunks(versions()):
        session.execute(insert(ListingVersion), batch)
    session.execute(
        text(
            "UPDATE listings SET published_version_id = id - :shift, "
            "current_version_id = id - :shift WHERE id >= :first"
        ),
        {"shift": first_listing - first_version, "first": first_listing},
    )

    # Young people: most of them findable, with approved words.
    first_young = _next_id(session, User)
    first_submission = _next_id(session, ProfileSubmission)
    people = [
        _Person(
            id=first_young + n,
            name=rng.choice(_FIRST_NAMES),
            age=rng.randint(15, 29),
            area=rng.choice(areas.CODES),
            fields=rng.sample(fields, rng.randint(1, 3)),
            wants=rng.sample(list(Opportunity), rng.randint(1, 2)),
            findable=rng.random() < 0.8,
        )
        for n in range(profiles)
    ]
    for batch in _chunks(
        {
            "id": p.id,
            "email": f"bulk-young-{p.id}@example.no",
            "password_hash": password_hash,
            "role": Role.YOUNG_PERSON,
            "name": p.name,
            "session_token": new_session_token(),
            "created_at": now,
            "email_confirmed_at": now,
        }
        for p in people
    ):
        session.execute(insert(User), batch)
    for batch in _chunks(
        {
            "user_id": p.id,
            "birth_date": years_before(today, p.age) - timedelta(days=rng.randint(1, 300)),
            "home_area": p.area,
            "max_travel_minutes": rng.choice((15, 30, 45, 60)),
            "available_weekdays": True,
            "available_evenings": rng.random() < 0.5,
            "available_weekends": rng.random() < 0.5,
            "discoverable": p.findable,
            "about": "Jeg er motivert og lærer fort.",
            "created_at": now,
            "updated_at": now,
        }
        for p in people
    ):
        session.execute(insert(Profile), batch)
    for batch in _chunks({"profile_id": p.id, "field": f} for p in people for f in p.fields):
        session.execute(insert(ProfileField), batch)
    for batch in _chunks(
        {"profile_id": p.id, "opportunity": wish} for p in people for wish in p.wants
    ):
        session.execute(insert(ProfileOpportunity), batch)
    for batch in _chunks(
        {"profile_id": p.id, "language": Language.NORWEGIAN, "level": rng.randint(1, 4)}
        for p in people
    ):
        session.execute(insert(ProfileLanguage), batch)
    findable = [p for p in people if p.findable]
    for batch in _chunks(
        {
            "id": first_submission + n,
            "profile_id": p.id,
            "content": {"name": p.name, "about": "Jeg er motivert og lærer fort.", "skills": []},
            "review_status": ReviewStatus.APPROVED,
            "submitted_at": now,
            "decided_at": now,
            "created_at": now,
        }
        for n, p in enumerate(findable)
    ):
        session.execute(insert(ProfileSubmission), batch)
    for batch in _chunks(
        {"user_id": p.id, "approved_submission_id": first_submission + n}
        for n, p in enumerate(findable)
    ):
        session.execute(update(Profile), batch)  # by primary key, many rows at once
    _fix_sequences(session)
    search.rebuild_index(session)
    return {"organisations": organisations, "listings": listings, "profiles": profiles}


# How far a bulk interest gets, per hundred (as in the demo's year): unanswered, declined, a talk,
# a trial and no offer, an offer said no to, hired.
_OUTCOMES = (("none", 30), ("decline", 30), ("talk", 15), ("trial", 12), ("no", 3), ("hired", 10))
_STEPS_TO = {
    "none": (),
    "decline": (InterestStatus.DECLINED,),
    "talk": (InterestStatus.TALK,),
    "trial": (InterestStatus.TALK, InterestStatus.TRIAL_AGREED),
    "no": (
        InterestStatus.TALK,
        InterestStatus.TRIAL_AGREED,
        InterestStatus.OFFERED,
        InterestStatus.OFFER_DECLINED,
    ),
    "hired": (
        InterestStatus.TALK,
        InterestStatus.TRIAL_AGREED,
        InterestStatus.OFFERED,
        InterestStatus.HIRED,
    ),
}


def seed_interests(
    session: Session, *, count: int, today: date, now: datetime, seed: int = 8
) -> dict[str, int]:
    """Add `count` interests over the past year between young people and published listings
    already in the database, each as far along as a real one gets, with its timeline; spread the
    young people's sign-ups over that year and note when their profiles were complete, so that
    the programme's numbers (`services.indicators`) have a year to count."""
    rng = random.Random(seed)
    people = list(session.scalars(select(Profile.user_id).order_by(Profile.user_id)))
    offers = list(
        session.scalars(
            select(Listing.id).where(Listing.status == ListingStatus.PUBLISHED).order_by(Listing.id)
        )
    )
    if not people or not offers:
        return {"interests": 0, "events": 0}
    year_ago = now - timedelta(days=365)
    signed_up = {p: year_ago + timedelta(minutes=rng.randint(0, 300 * 24 * 60)) for p in people}
    for batch in _chunks({"id": p, "created_at": at} for p, at in signed_up.items()):
        session.execute(update(User), batch)
    for batch in _chunks(
        {"user_id": p, "completed_at": at + timedelta(hours=rng.randint(1, 200))}
        for p, at in signed_up.items()
        if rng.random() < 0.85
    ):
        session.execute(update(Profile), batch)
    taken = {
        (row[0], row[1])
        for row in session.execute(select(Interest.listing_id, Interest.profile_id))
    }
    first_interest = _next_id(session, Interest)
    interest_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    names = [name for name, _w in _OUTCOMES]
    weights = [w for _n, w in _OUTCOMES]
    while len(interest_rows) < count:
        person, listing = rng.choice(people), rng.choice(offers)
        if (listing, person) in taken:
            continue
        taken.add((listing, person))
        interest_id = first_interest + len(interest_rows)
        moment = signed_up[person] + timedelta(hours=rng.randint(2, 60 * 24))
        if moment >= now:
            moment = now - timedelta(hours=rng.randint(1, 24 * 14))
        created = moment
        status = InterestStatus.SENT
        events = [(InterestStatus.SENT, moment)]
        trial: tuple[date, date] | None = None
        for step in _STEPS_TO[rng.choices(names, weights)[0]]:
            moment = moment + timedelta(hours=rng.randint(24, 24 * 21))
            if moment >= now:
                break
            status = step
            events.append((step, moment))
            if step is InterestStatus.TRIAL_AGREED:
                start = moment.date() + timedelta(days=rng.randint(3, 10))
                trial = (start, start + timedelta(days=rng.randint(3, 14)))
        interest_rows.append(
            {
                "id": interest_id,
                "listing_id": listing,
                "profile_id": person,
                "status": status,
                "trial_start": trial[0] if trial else None,
                "trial_end": trial[1] if trial else None,
                "created_at": created,
                "updated_at": moment if status is not InterestStatus.SENT else created,
            }
        )
        event_rows.extend(
            {"interest_id": interest_id, "status": s, "created_at": at} for s, at in events
        )
    for batch in _chunks(iter(interest_rows)):
        session.execute(insert(Interest), batch)
    for batch in _chunks(iter(event_rows)):
        session.execute(insert(InterestEvent), batch)
    if session.get_bind().dialect.name == "postgresql":
        for table in ("interests", "interest_events"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            )
    return {"interests": len(interest_rows), "events": len(event_rows)}
