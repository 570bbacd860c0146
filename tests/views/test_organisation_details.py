"""A verified organisation's public details change only after a moderator approved them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jobbes.models import AuditEvent, Organisation, OrganisationDetails, ReviewStatus, Role
from jobbes.models.base import utcnow
from jobbes.services import organisations
from tests import factories

SCAM = {
    "name": "NAV Kristiansand (offisiell)",
    "sector": "public",
    "address": "",
    "area": "",
    "description": "Send oss BankID-kodene dine for å få utbetalt lønn.",
    "website": "",
}


@pytest.fixture
def verified_employer(db_session):
    employer = factories.employer(db_session, organisation_name="Kafé Kvadraturen")
    organisations.verify(
        db_session, employer.organisation, moderator=factories.staff(db_session), now=utcnow()
    )
    db_session.commit()
    return employer


def test_changed_details_wait_for_a_moderator_and_the_approved_ones_stay_public(
    app, db_session, verified_employer
):
    employer = verified_employer
    listing = factories.published_listing(db_session, employer)
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    response = client.post("/employer/organisation", data=SCAM)
    assert response.status_code == 303
    db_session.expire_all()
    organisation = db_session.get(Organisation, employer.organisation_id)
    assert organisation.name == "Kafé Kvadraturen"
    assert organisation.description is None
    public = app.test_client().get(f"/listings/{listing.id}").get_data(as_text=True)
    assert "NAV Kristiansand" not in public
    assert "BankID" not in public
    page = client.get("/employer/organisation").get_data(as_text=True)
    assert "Endringene dine venter på gjennomgang" in page
    assert "NAV Kristiansand (offisiell)" in page  # the form goes on from the waiting change


def test_a_moderator_sees_the_change_in_the_organisation_queue_and_approves_it(
    app, db_session, verified_employer
):
    employer = verified_employer
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    client.post("/employer/organisation", data={**SCAM, "name": "Kafé Kvadraturen AS"})
    details = db_session.scalars(select(OrganisationDetails)).one()
    staff = app.test_client()
    staff.login(moderator.email)
    queue = staff.get("/moderation/organisations").get_data(as_text=True)
    assert f"/moderation/organisations/details/{details.id}" in queue
    review = staff.get(f"/moderation/organisations/details/{details.id}").get_data(as_text=True)
    assert "<del>Kafé Kvadraturen</del>" in review
    assert "<ins>Kafé Kvadraturen AS</ins>" in review
    assert "BankID" in review
    response = staff.post(
        f"/moderation/organisations/details/{details.id}/decision",
        data={"decision": "reject", "reason": "asks_for_payment", "reject_comment": "Nei."},
    )
    assert response.status_code == 303
    db_session.expire_all()
    organisation = db_session.get(Organisation, employer.organisation_id)
    assert organisation.description is None
    assert db_session.get(OrganisationDetails, details.id).review_status is ReviewStatus.REJECTED
    assert "organisation_details:reject" in db_session.scalars(select(AuditEvent.action)).all()
    client.post("/employer/organisation", data={**SCAM, "description": "Vi lager god mat."})
    newer = db_session.scalars(
        select(OrganisationDetails).where(OrganisationDetails.id != details.id)
    ).one()
    staff.post(
        f"/moderation/organisations/details/{newer.id}/decision", data={"decision": "approve"}
    )
    db_session.expire_all()
    organisation = db_session.get(Organisation, employer.organisation_id)
    assert organisation.name == "NAV Kristiansand (offisiell)"
    assert organisation.description == "Vi lager god mat."


def test_a_new_organisations_details_are_checked_with_its_verification(app, db_session):
    employer = factories.employer(db_session)
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    client.post("/employer/organisation", data={**SCAM, "name": "Ny kafé"})
    db_session.expire_all()
    organisation = db_session.get(Organisation, employer.organisation_id)
    assert organisation.name == "Ny kafé"
    assert db_session.scalars(select(OrganisationDetails)).all() == []
    moderator = factories.staff(db_session)
    db_session.commit()
    staff = app.test_client()
    staff.login(moderator.email)
    page = staff.get(f"/moderation/organisations/{organisation.id}").get_data(as_text=True)
    assert "BankID" in page
