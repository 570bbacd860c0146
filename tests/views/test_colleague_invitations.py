"""Inviting a colleague: never a 500, an honest word when the email fails, and a way to resend."""

import re

import pytest
from sqlalchemy import select

from jobbes.models import User
from tests import factories
from tests.conftest import free_port

INVITE = "/employer/organisation/colleagues"


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Kafé Kvadraturen")
    db_session.commit()
    return user


@pytest.fixture
def as_employer(client, employer):
    client.login(employer.email)
    return client


def _invitation_link(mail, address):
    [message] = mail.to(address)
    return re.search(r"http://localhost(/auth/invitation/\S+)", mail.body(message)).group(1)


def test_a_name_with_a_line_break_is_refused_before_anything_is_saved(client, db_session):
    response = client.post(
        "/auth/register/employer",
        data={
            "name": "Kari\r\nBcc: everyone@example.no",
            "email": "kari@bakeri.no",
            "password": "password123",
            "organisation_name": "Bakeriet AS",
            "org_number": "974 760 673",
        },
    )
    assert response.status_code == 422
    assert "linjeskift" in response.get_data(as_text=True)
    assert db_session.scalar(select(User)) is None


def test_an_inviter_whose_saved_name_has_a_line_break_still_sends_the_invitation(
    as_employer, db_session, employer, mail
):
    # Saved before single-line fields refused control characters.
    employer.name = "Kari\nBcc: everyone@example.no"
    db_session.commit()
    response = as_employer.post(INVITE, data={"email": "per@kafe.no"})
    assert response.status_code == 303
    [message] = mail.to("per@kafe.no")
    assert "\n" not in message["Subject"]
    assert message["Bcc"] is None


@pytest.fixture
def mail_server_down(app):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    return app


def test_when_the_mail_server_is_down_the_page_says_the_invitation_was_not_sent(
    mail_server_down, as_employer, db_session, mail
):
    response = as_employer.post(INVITE, data={"email": "per@kafe.no"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Vi har sendt en invitasjon" not in page
    assert "Vi fikk ikke sendt invitasjonen til per@kafe.no" in page
    assert "Send på nytt" in page
    assert mail.to("per@kafe.no") == []


def test_a_failed_invitation_can_be_sent_again(
    app, mail_server_down, as_employer, db_session, employer, mail, smtp_sink
):
    as_employer.post(INVITE, data={"email": "per@kafe.no"})
    colleague = db_session.scalar(select(User).where(User.email == "per@kafe.no"))
    resend = f"{INVITE}/{colleague.id}/resend"
    assert f'action="{resend}"' in as_employer.get("/employer/organisation").get_data(as_text=True)

    app.config["MAIL_PORT"] = smtp_sink[1]  # the mail server is back
    response = as_employer.post(resend, data={}, follow_redirects=True)
    assert "Vi har sendt en invitasjon til per@kafe.no" in response.get_data(as_text=True)
    link = _invitation_link(mail, "per@kafe.no")
    joined = app.test_client().post(link, data={"name": "Per", "password": "et-godt-passord"})
    assert joined.headers["Location"] == "/employer"


def test_only_a_pending_invitation_of_ones_own_organisation_can_be_sent_again(
    as_employer, db_session, employer
):
    other = factories.employer(db_session)
    db_session.commit()
    assert as_employer.post(f"{INVITE}/{other.id}/resend", data={}).status_code == 404
    assert as_employer.post(f"{INVITE}/{employer.id}/resend", data={}).status_code == 404


def test_inviting_an_address_with_an_account_answers_as_for_any_address(
    as_employer, db_session, mail
):
    young = factories.young_person(db_session, name="Sara")
    db_session.commit()
    response = as_employer.post(INVITE, data={"email": young.email}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert f"Vi har sendt en invitasjon til {young.email}" in page
    assert "finnes allerede" not in page
    [message] = mail.to(young.email)
    body = mail.body(message)
    assert "har allerede en konto" in body
    assert "http://localhost/auth/login" in body
    assert db_session.scalar(select(User.role).where(User.email == young.email)).value == (
        "young_person"
    )
