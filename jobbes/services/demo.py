"""Demo data for `make run`: a lived-in Jobbes with one account per role. Never for production."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.services import accounts

DEMO_PASSWORD = "jobbes-demo"  # noqa: S105 - printed on purpose; seed-demo refuses production

YOUNG_PERSON_EMAIL = "ung@example.no"
EMPLOYER_EMAIL = "arbeidsgiver@example.no"
MODERATOR_EMAIL = "moderator@example.no"
ADMIN_EMAIL = "admin@example.no"

# Real-looking organisation numbers with valid check digits (invented; not real companies).
ORGANISATIONS = [
    ("Sørlandet Omsorgssenter", "915650155"),
    ("Vågsbygd Bygg AS", "920128653"),
    ("Kvadraturen Kafé og Bakeri", "922531765"),
]


def _years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def seed(session: Session, *, today: date) -> list[tuple[str, str]]:
    """Create whatever demo data is missing; returns (role, email) for each demo login."""
    if accounts.find_user_by_email(session, YOUNG_PERSON_EMAIL) is None:
        accounts.register_young_person(
            session,
            email=YOUNG_PERSON_EMAIL,
            password=DEMO_PASSWORD,
            name="Sara",
            birth_date=_years_ago(today, 17),
            today=today,
        )
    if accounts.find_user_by_email(session, EMPLOYER_EMAIL) is None:
        name, number = ORGANISATIONS[0]
        accounts.register_employer(
            session,
            email=EMPLOYER_EMAIL,
            password=DEMO_PASSWORD,
            name="Kari Nordmann",
            organisation_name=name,
            org_number=number,
        )
    for email, role in ((MODERATOR_EMAIL, Role.MODERATOR), (ADMIN_EMAIL, Role.ADMIN)):
        if accounts.find_user_by_email(session, email) is None:
            accounts.create_staff(session, email=email, password=DEMO_PASSWORD, role=role)
    return [
        ("young person", YOUNG_PERSON_EMAIL),
        ("employer", EMPLOYER_EMAIL),
        ("moderator", MODERATOR_EMAIL),
        ("admin", ADMIN_EMAIL),
    ]
