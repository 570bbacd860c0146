"""Changing staff accounts through the pages: only admins act on staff."""

from __future__ import annotations

from jobbes.models import Role, User
from tests import factories


def test_a_moderator_cannot_reinstate_a_colleague_an_admin_suspended(app, db_session):
    admin = factories.staff(db_session, role=Role.ADMIN)
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    colleague = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    as_admin, as_moderator = app.test_client(), app.test_client()
    as_admin.login(admin.email)
    as_moderator.login(moderator.email)
    page = as_moderator.get(f"/moderation/people/{colleague.id}").get_data(as_text=True)
    assert "suspension" not in page
    refused = as_moderator.post(
        f"/moderation/people/{colleague.id}/suspension", data={"step": "suspend", "reason": "x"}
    )
    assert refused.status_code == 403
    as_admin.post(
        f"/moderation/people/{colleague.id}/suspension",
        data={"step": "suspend", "reason": "Delte passord."},
    )
    refused = as_moderator.post(
        f"/moderation/people/{colleague.id}/suspension", data={"step": "reinstate"}
    )
    assert refused.status_code == 403
    db_session.expire_all()
    assert db_session.get(User, colleague.id).suspended_at is not None


def test_an_admin_revoking_a_staff_only_moderator_deletes_the_account(app, db_session):
    admin = factories.staff(db_session, role=Role.ADMIN)
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    moderator_id = moderator.id
    client = app.test_client()
    client.login(admin.email)
    page = client.get(f"/moderation/people/{moderator_id}").get_data(as_text=True)
    assert "slettes kontoen" in page
    response = client.post(f"/moderation/people/{moderator_id}/moderator", data={"grant": "off"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/moderation/people")
    db_session.expire_all()
    assert db_session.get(User, moderator_id) is None


def test_a_suspended_employers_listing_leaves_the_search_page_kept_in_memory(app, db_session):
    """The rendered search results are kept under the catalogue version; suspending someone
    moves it on, so their listing is not served from memory afterwards."""
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    employer = factories.employer(db_session)
    factories.published_listing(db_session, employer, moderator, title="Lagerjobb i Sørlandsparken")
    db_session.commit()
    visitor = app.test_client()
    assert "Lagerjobb i Sørlandsparken" in visitor.get("/listings").get_data(as_text=True)
    staff = app.test_client()
    staff.login(moderator.email)
    staff.post(
        f"/moderation/people/{employer.id}/suspension",
        data={"step": "suspend", "reason": "Ba om kontonummer."},
    )
    assert "Lagerjobb i Sørlandsparken" not in visitor.get("/listings").get_data(as_text=True)
    staff.post(f"/moderation/people/{employer.id}/suspension", data={"step": "reinstate"})
    assert "Lagerjobb i Sørlandsparken" in visitor.get("/listings").get_data(as_text=True)
