"""The admins' page for the programme's read-only accounts: created like counsellors, invited by
email, the invitation sent again while they have not joined; nobody else reaches the page."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from jobbes.models import Role, User
from tests import factories
from tests.conftest import free_port
from tests.text import t

PAGE = "/moderation/programme-users"


@pytest.fixture
def as_admin(app, db_session):
    admin = factories.staff(db_session, role=Role.ADMIN, email="ada@jobbes.no")
    db_session.commit()
    client = app.test_client()
    client.login(admin.email)
    return client


def _invitation_link(mail, address: str) -> str:
    [message] = mail.to(address)
    return re.search(r"http://localhost(/auth/invitation/\S+)", mail.body(message)).group(1)


def test_an_admin_creates_a_programme_user_who_joins_and_lands_on_the_numbers(
    app, as_admin, db_session, mail
):
    assert as_admin.get(PAGE).status_code == 200
    created = as_admin.post(PAGE, data={"email": " Kari@Kristiansand.kommune.no ", "name": ""})
    assert created.status_code == 303
    address = "kari@kristiansand.kommune.no"
    user = db_session.scalar(select(User).where(User.email == address))
    assert user.role is Role.PROGRAMME
    assert user.email_confirmed_at is None  # the invitation link confirms it
    page = as_admin.get(PAGE).get_data(as_text=True)
    assert address in page
    assert t("Send the invitation again") in page

    link = _invitation_link(mail, address)
    assert "Kari" not in link
    joined = app.test_client()
    # Nobody's colleague: the page invites them to Jobbes itself, not to an organisation.
    invited = joined.get(link)
    assert invited.status_code == 200
    assert t("Join Jobbes") in invited.get_data(as_text=True)
    answer = joined.post(link, data={"name": "Kari", "password": "long-enough-1"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/moderation/indicators"
    assert joined.get("/moderation/indicators").status_code == 200
    assert joined.get(PAGE).status_code == 403
    db_session.refresh(user)
    assert user.name == "Kari"
    assert user.email_confirmed_at is not None
    # Joined: nothing more to send, and the button is gone.
    assert t("Send the invitation again") not in as_admin.get(PAGE).get_data(as_text=True)
    mail.clear()
    again = as_admin.post(f"{PAGE}/{user.id}/invitation", data={}, follow_redirects=True)
    assert t("They have joined already.") in again.get_data(as_text=True)
    assert mail.to(address) == []


def test_a_taken_address_or_a_bad_one_is_told_plainly(as_admin, db_session, mail):
    young = factories.young_person(db_session)
    db_session.commit()
    taken = as_admin.post(PAGE, data={"email": young.email.upper()})
    assert taken.status_code == 422
    assert t("An account with this email address exists already.") in taken.get_data(as_text=True)
    db_session.refresh(young)
    assert young.role is Role.YOUNG_PERSON
    assert mail.to(young.email) == []
    assert as_admin.post(PAGE, data={"email": "not-an-address"}).status_code == 422
    assert as_admin.post(PAGE, data={"email": "x@y.no", "name": "x" * 101}).status_code == 422
    assert db_session.scalar(select(User).where(User.email == "x@y.no")) is None


def test_a_failed_invitation_is_said_and_can_be_sent_again(
    app, as_admin, db_session, mail, smtp_sink
):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    failed = as_admin.post(
        PAGE, data={"email": "per@kristiansand.kommune.no"}, follow_redirects=True
    )
    page = failed.get_data(as_text=True)
    assert t("The account is created, but the invitation could not be sent. Try again.") in page
    user = db_session.scalar(select(User).where(User.email == "per@kristiansand.kommune.no"))
    assert user.role is Role.PROGRAMME

    app.config["MAIL_PORT"] = smtp_sink[1]  # the mail server is back
    again = as_admin.post(f"{PAGE}/{user.id}/invitation", data={}, follow_redirects=True)
    assert t("We have sent an invitation to %(email)s.") % {"email": user.email} in again.get_data(
        as_text=True
    )
    assert _invitation_link(mail, user.email).startswith("/auth/invitation/")


def test_only_a_programme_account_can_be_invited_again(as_admin, db_session, mail):
    moderator = factories.staff(db_session)
    db_session.commit()
    assert as_admin.post(f"{PAGE}/{moderator.id}/invitation", data={}).status_code == 404
    assert as_admin.post(f"{PAGE}/999999/invitation", data={}).status_code == 404
    assert mail.to(moderator.email) == []


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.PROGRAMME, Role.COUNSELLOR])
def test_only_admins_reach_the_page(app, db_session, role, mail):
    person = (
        factories.counsellor(db_session)
        if role is Role.COUNSELLOR
        else factories.staff(db_session, role=role)
    )
    db_session.commit()
    client = app.test_client()
    client.login(person.email)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"email": "eve@example.no"}).status_code == 403
    assert db_session.scalar(select(User).where(User.email == "eve@example.no")) is None
    assert t("Programme users") not in client.get("/moderation/indicators").get_data(as_text=True)


def test_the_admins_see_the_link_in_the_moderation_menu(as_admin):
    page = as_admin.get("/moderation/indicators").get_data(as_text=True)
    assert f'href="{PAGE}"' in page
