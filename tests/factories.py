"""Build test data through the services, the way the app itself does."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy.orm import Session

from jobbes import orgnr
from jobbes.models import Profile, Role, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import accounts, profiles
from jobbes.services.moderation import Decision

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
    today = today or local_today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def young_person(
    session: Session, *, age: int = 19, name: str = "Ola", email: str | None = None
) -> User:
    return accounts.register_young_person(
        session,
        email=email or unique_email("young"),
        password=PASSWORD,
        name=name,
        birth_date=years_ago(age),
        today=local_today(),
    )


def employer(
    session: Session, *, organisation_name: str = "Testbedriften AS", email: str | None = None
) -> User:
    return accounts.register_employer(
        session,
        email=email or unique_email("employer"),
        password=PASSWORD,
        name="Kari Arbeidsgiver",
        organisation_name=organisation_name,
        org_number=org_number(),
    )


def staff(session: Session, *, role: Role = Role.MODERATOR, email: str | None = None) -> User:
    return accounts.create_staff(
        session, email=email or unique_email(role.value), password=PASSWORD, role=role
    )


def user_with_role(session: Session, role: Role) -> User:
    if role is Role.YOUNG_PERSON:
        return young_person(session)
    if role is Role.EMPLOYER:
        return employer(session)
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
