"""Every role may see and take their data and delete their account."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from jobbes.models import AuditEvent, Listing, ListingStatus, ReportReason, Role, User
from jobbes.models.base import utcnow
from jobbes.services import profiles, reports, users
from tests import factories


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_download_their_data_and_reach_deletion(app, db_session, role):
    person = factories.user_with_role(db_session, role)
    db_session.commit()
    client = app.test_client()
    client.login(person.email)
    assert client.get("/me/data").status_code == 200
    download = client.get("/me/data/download")
    assert download.status_code == 200
    assert json.loads(download.get_data(as_text=True))["account"]["email"] == person.email
    assert client.get("/me/data/delete").status_code == 200


def test_the_export_holds_what_moderators_decided_about_me_but_not_who_reported(app, db_session):
    moderator = factories.staff(db_session)
    young = factories.findable_young_person(db_session)
    reporter = factories.employer(db_session)
    report = reports.create_report(
        db_session,
        reporter=reporter,
        subject_type="profile",
        subject_id=young.id,
        reason=ReportReason.INAPPROPRIATE,
        text="Skrev stygge ting til Kari",
        now=utcnow(),
    )
    profiles.hide_from_employers(
        db_session, young.profile, moderator=moderator, reason="Upassende ord", now=utcnow()
    )
    users.suspend(db_session, young, moderator=moderator, reason="Trusler", now=utcnow())
    users.reinstate(db_session, young, moderator=moderator, now=utcnow())
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    data = json.loads(client.get("/me/data/download").get_data(as_text=True))
    assert [s["what"] for s in data["suspensions"]] == ["suspend", "reinstate"]
    assert data["suspensions"][0]["reason"] == "Trusler"
    assert [h["reason"] for h in data["profile_hidden_by_moderator"]] == ["Upassende ord"]
    assert [(r["about"], r["reason"]) for r in data["reports_about_me"]] == [
        ("profile", "inappropriate")
    ]
    text = json.dumps(data, ensure_ascii=False)
    assert reporter.email not in text
    assert reporter.name not in text
    assert "stygge ting" not in text
    page = client.get("/me/data").get_data(as_text=True)
    assert "Upassende ord" in page
    assert "Trusler" in page
    assert "Rapporter om deg" in page
    assert report.id


def test_the_last_employer_is_told_their_listings_close_and_leaving_closes_them(app, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, title="Kjøkkenhjelp")
    db_session.commit()
    employer_id, listing_id = employer.id, listing.id
    client = app.test_client()
    client.login(employer.email)
    page = client.get("/me/data/delete").get_data(as_text=True)
    assert "Du er den siste fra" in page
    assert "Kjøkkenhjelp" in page
    response = client.post("/me/data/delete", data={"confirm": "y", "password": factories.PASSWORD})
    assert response.status_code == 303
    db_session.expire_all()
    assert db_session.get(User, employer_id) is None
    assert db_session.get(Listing, listing_id).status is ListingStatus.CLOSED


def test_an_employer_with_a_colleague_leaves_the_listings_open(app, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    colleague = factories.employer(db_session)
    colleague.organisation = employer.organisation
    db_session.commit()
    listing_id = listing.id
    client = app.test_client()
    client.login(employer.email)
    assert "Du er den siste fra" not in client.get("/me/data/delete").get_data(as_text=True)
    client.post("/me/data/delete", data={"confirm": "y", "password": factories.PASSWORD})
    db_session.expire_all()
    assert db_session.get(Listing, listing_id).status is ListingStatus.PUBLISHED


def test_a_moderator_who_left_shows_as_a_deleted_account_in_the_audit_log(app, db_session):
    leaving = factories.staff(db_session)
    staying = factories.staff(db_session, role=Role.ADMIN)
    young = factories.young_person(db_session)
    users.suspend(db_session, young, moderator=leaving, reason="Trusler", now=utcnow())
    db_session.commit()
    leaving_id = leaving.id
    client = app.test_client()
    client.login(leaving.email)
    client.post("/me/data/delete", data={"confirm": "y", "password": factories.PASSWORD})
    db_session.expire_all()
    assert db_session.get(User, leaving_id) is None
    assert db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == leaving_id)
    ).all() == ["user:suspend"]
    as_admin = app.test_client()
    as_admin.login(staying.email)
    log = as_admin.get("/moderation/audit").get_data(as_text=True)
    assert f"en slettet konto ({leaving_id})" in log


def test_the_last_admin_cannot_delete_their_account(app, db_session):
    admin = factories.staff(db_session, role=Role.ADMIN)
    db_session.commit()
    client = app.test_client()
    client.login(admin.email)
    assert "Du er den eneste administratoren" in client.get("/me/data/delete").get_data(
        as_text=True
    )
    response = client.post("/me/data/delete", data={"confirm": "y", "password": factories.PASSWORD})
    assert response.status_code == 409
    db_session.expire_all()
    assert db_session.get(User, admin.id) is not None
