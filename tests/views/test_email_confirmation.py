"""Registration confirms the address by email and never tells who already has an account."""

import re

import pytest
from sqlalchemy import func, select

from jobbes.models import Organisation, User
from tests import factories
from tests.conftest import CSRF_INPUT, free_port


def young_person_form(**overrides):
    return {
        "name": "Sara",
        "email": "sara@example.no",
        "birth_date": factories.years_ago(17).isoformat(),
        "password": "password123",
        **overrides,
    }


def employer_form(**overrides):
    return {
        "name": "Kari Nordmann",
        "email": "kari@bakeri.no",
        "password": "password123",
        "organisation_name": "Bakeriet AS",
        "org_number": "974 760 673",
        **overrides,
    }


def link_in(mail, address, path):
    [message] = mail.to(address)
    return re.search(rf"http://localhost({path}/\S+)", mail.body(message)).group(1)


def registered(client, url, form):
    """Register, and return the page the person lands on, without its CSRF token."""
    response = client.post(url, data=form)
    assert response.status_code == 303
    assert response.headers["Location"] == "/auth/register/check-email"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return CSRF_INPUT.sub("", re.sub(r'"X-CSRFToken": "[^"]+"', "", page))


def user_with(db_session, email):
    db_session.expire_all()
    return db_session.scalar(select(User).where(User.email == email))


def test_a_young_person_confirms_by_email_and_carries_on_with_the_profile(client, db_session, mail):
    page = registered(client, "/auth/register/young-person", young_person_form())
    assert "Sjekk e-posten din" in page
    assert "sara@example.no" in page
    assert client.get("/me").status_code == 302, "not logged in before confirming"
    assert user_with(db_session, "sara@example.no").email_confirmed_at is None

    link = link_in(mail, "sara@example.no", "/auth/confirm")
    assert "Hei Sara" in mail.body(mail.to("sara@example.no")[0])
    assert "Bekreft og fortsett" in client.get(link).get_data(as_text=True)
    assert user_with(db_session, "sara@example.no").email_confirmed_at is None, (
        "a GET confirms nothing"
    )
    response = client.post(link, data={})
    assert response.headers["Location"] == "/me/profile/wishes"
    assert "Velkommen til Jobbes, Sara" in client.get("/me/profile/wishes").get_data(as_text=True)
    assert user_with(db_session, "sara@example.no").email_confirmed_at is not None

    # Used once; from then on the address and password are what logs in.
    assert client.get(link).status_code == 400
    assert client.post(link, data={}).status_code == 400


def test_the_confirmation_link_works_on_another_device(app, client, db_session, mail):
    registered(client, "/auth/register/young-person", young_person_form())
    phone = app.test_client()
    link = link_in(mail, "sara@example.no", "/auth/confirm")
    assert phone.post(link, data={}).status_code == 303
    assert phone.get("/me").status_code == 200


@pytest.mark.parametrize("confirmed", [True, False])
def test_registering_a_taken_address_answers_exactly_as_for_a_new_one(
    app, db_session, mail, confirmed
):
    existing = factories.young_person(db_session, name="Sara", email="sara@example.no")
    if not confirmed:
        existing.email_confirmed_at = None
    db_session.commit()
    new_page = registered(
        app.test_client(), "/auth/register/young-person", young_person_form(email="ny@example.no")
    )
    taken_page = registered(
        app.test_client(), "/auth/register/young-person", young_person_form(email="SARA@example.no")
    )
    assert taken_page == new_page.replace("ny@example.no", "sara@example.no")

    [message] = mail.to("sara@example.no")
    body = mail.body(message)
    assert "har allerede en konto" in body
    assert "http://localhost/auth/login" in body
    assert "http://localhost/auth/reset" in body
    assert (
        db_session.scalar(select(func.count(User.id)).where(User.email == "sara@example.no")) == 1
    )


def test_registering_an_employer_with_a_taken_address_makes_no_organisation(
    client, db_session, mail
):
    young = factories.young_person(db_session)
    db_session.commit()
    page = registered(client, "/auth/register/employer", employer_form(email=young.email))
    assert "Sjekk e-posten din" in page
    assert "har allerede en konto" in mail.body(mail.to(young.email)[0])
    assert db_session.scalar(select(Organisation)) is None


def test_an_employer_confirms_by_email_and_lands_on_the_organisation(client, db_session, mail):
    registered(client, "/auth/register/employer", employer_form())
    assert client.get("/employer").status_code == 302
    response = client.post(link_in(mail, "kari@bakeri.no", "/auth/confirm"), data={})
    assert response.headers["Location"] == "/employer"
    page = client.get("/employer").get_data(as_text=True)
    assert "Bakeriet AS" in page
    assert "Venter på godkjenning" in page


def test_logging_in_before_confirming_sends_a_new_link(client, db_session, mail):
    registered(client, "/auth/register/young-person", young_person_form())
    mail.clear()
    response = client.post(
        "/auth/login", data={"email": "sara@example.no", "password": "password123"}
    )
    assert response.status_code == 422
    assert "Bekreft e-postadressen din først" in response.get_data(as_text=True)
    assert client.get("/me").status_code == 302
    assert (
        client.post(link_in(mail, "sara@example.no", "/auth/confirm"), data={}).status_code == 303
    )


def test_a_wrong_password_for_an_unconfirmed_account_says_only_that_it_is_wrong(
    client, db_session, mail
):
    registered(client, "/auth/register/young-person", young_person_form())
    mail.clear()
    response = client.post("/auth/login", data={"email": "sara@example.no", "password": "nope"})
    assert "feil" in response.get_data(as_text=True)
    assert "Bekreft" not in response.get_data(as_text=True)
    assert mail.messages == []


def test_a_password_reset_reaches_an_unconfirmed_address_and_confirms_it(client, db_session, mail):
    registered(client, "/auth/register/young-person", young_person_form())
    mail.clear()
    client.post("/auth/reset", data={"email": "sara@example.no"})
    link = link_in(mail, "sara@example.no", "/auth/reset")
    client.post(link, data={"password": "a-new-password"})
    assert user_with(db_session, "sara@example.no").email_confirmed_at is not None
    client.login("sara@example.no", "a-new-password")
    assert client.get("/me").status_code == 200


def test_an_old_confirmation_link_does_not_work(app, client, db_session, mail):
    registered(client, "/auth/register/young-person", young_person_form())
    app.config["EMAIL_CONFIRMATION_MAX_AGE"] = -1
    link = link_in(mail, "sara@example.no", "/auth/confirm")
    assert client.get(link).status_code == 400
    assert client.post(link, data={}).status_code == 400
    assert user_with(db_session, "sara@example.no").email_confirmed_at is None


def test_when_the_mail_server_is_down_the_page_says_no_email_was_sent(app, client, db_session):
    app.config["MAIL_PORT"] = free_port()
    page = registered(client, "/auth/register/young-person", young_person_form())
    assert "Vi fikk ikke sendt e-posten" in page


def test_staff_and_demo_accounts_need_no_confirmation(db_session):
    moderator = factories.staff(db_session)
    assert moderator.email_confirmed_at is not None
