"""Registering, logging in and out, and passwords, as a person does it through the pages."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import Organisation, Role, User
from tests import factories
from tests.text import t


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


def test_young_person_registers_and_goes_straight_to_the_first_profile_step(
    client, db_session, mail
):
    response = client.post("/auth/register/young-person", data=young_person_form())
    assert response.status_code == 303
    assert response.headers["Location"] == "/auth/register/check-email"
    user = db_session.scalar(select(User).where(User.email == "sara@example.no"))
    assert user.role is Role.YOUNG_PERSON
    [message] = mail.to("sara@example.no")
    link = re.search(r"http://localhost(/auth/confirm/\S+)", mail.body(message)).group(1)
    response = client.post(link, data={})
    assert response.headers["Location"] == "/me/profile/wishes"
    assert "Sara" in client.get("/me").get_data(as_text=True)


def test_young_person_under_15_gets_a_clear_message(client, db_session):
    too_young = factories.years_ago(15) + timedelta(days=1)
    response = client.post(
        "/auth/register/young-person", data=young_person_form(birth_date=too_young.isoformat())
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "minst 15 år" in page
    assert 'aria-invalid="true"' in page
    assert db_session.scalar(select(User)) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "hele e-postadressen"),
        ("email", "", "Skriv e-postadressen din"),
        ("name", "", "Skriv fornavnet ditt"),
        ("password", "short", "mellom 8 og 256 tegn"),
        ("birth_date", "31.02.2008", "Skriv datoen slik: 31.05.2008."),
        ("birth_date", "", "Skriv fødselsdatoen din"),
        ("birth_date", "2999-01-01", "kan ikke være fram i tid"),
    ],
)
def test_registration_explains_each_mistake(client, field, value, message):
    response = client.post("/auth/register/young-person", data=young_person_form(**{field: value}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'class="ds-error-summary"' in page
    assert f'href="#{field}"' in page


def test_registration_with_a_taken_email_does_not_say_so_on_the_page(client, db_session, mail):
    factories.young_person(db_session, email="sara@example.no")
    db_session.commit()
    response = client.post(
        "/auth/register/young-person", data=young_person_form(email="SARA@example.no")
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "finnes allerede" not in page
    assert "Sjekk e-posten din" in page
    assert len(mail.to("sara@example.no")) == 1


def test_registration_errors_come_back_as_the_form_fragment_for_htmx(client):
    response = client.htmx(
        "POST",
        "/auth/register/young-person",
        target="registration-form",
        data=young_person_form(email="nope"),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<form id="registration-form"')
    assert "<html" not in page
    assert "HX-Request" in response.headers["Vary"]


def test_successful_htmx_registration_sends_the_browser_to_check_the_email(client, mail):
    response = client.htmx(
        "POST", "/auth/register/young-person", target="registration-form", data=young_person_form()
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == "/auth/register/check-email"


def test_employer_can_register_an_organisation(client, db_session, mail):
    response = client.post("/auth/register/employer", data=employer_form())
    assert response.status_code == 303
    [message] = mail.to("kari@bakeri.no")
    link = re.search(r"http://localhost(/auth/confirm/\S+)", mail.body(message)).group(1)
    assert client.post(link, data={}).headers["Location"] == "/employer"
    page = client.get("/employer").get_data(as_text=True)
    assert "Bakeriet AS" in page
    assert "974 760 673" in page
    assert t("Waiting for verification") in page


def test_employer_with_an_invalid_organisation_number_is_told_why(client, db_session):
    response = client.post("/auth/register/employer", data=employer_form(org_number="974760672"))
    assert response.status_code == 422
    assert t(
        "This is not a valid organisation number. Check it in Brønnøysundregistrene (brreg.no)."
    ) in response.get_data(as_text=True)
    assert db_session.scalar(select(Organisation)) is None


def test_employer_of_an_organisation_already_on_jobbes_is_pointed_to_a_colleague(
    client, db_session
):
    existing = factories.employer(db_session)
    db_session.commit()
    response = client.post(
        "/auth/register/employer", data=employer_form(org_number=existing.organisation.org_number)
    )
    assert response.status_code == 422
    assert t(
        "This organisation is already on Jobbes. Ask a colleague who uses Jobbes to invite you, "
        "or contact us."
    ) in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.YOUNG_PERSON, "/me"),
        (Role.EMPLOYER, "/employer"),
        (Role.MODERATOR, "/moderation"),
        (Role.ADMIN, "/moderation"),
    ],
)
def test_each_role_lands_on_its_own_home_after_login(client, db_session, role, home):
    user = factories.user_with_role(db_session, role)
    db_session.commit()
    response = client.login(user.email)
    assert response.headers["Location"] == home
    assert client.get(home).status_code == 200


@pytest.mark.parametrize("email_known", [True, False])
def test_login_failure_gives_one_generic_message(client, db_session, email_known):
    user = factories.young_person(db_session)
    db_session.commit()
    response = client.post(
        "/auth/login",
        data={"email": user.email if email_known else "ghost@example.no", "password": "wrong"},
    )
    assert response.status_code == 422
    assert t("The email address or the password is wrong.") in response.get_data(as_text=True)


def test_login_follows_a_next_path_on_this_site(client, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": factories.PASSWORD, "next": "/me?tab=1"},
    )
    assert response.headers["Location"] == "/me?tab=1"


@pytest.mark.parametrize(
    "evil",
    [
        "//evil.com",
        "/\\evil.com",
        "https://evil.com/",
        "http:/evil.com",
        "javascript:alert(1)",
        "/\r\nSet-Cookie: x=1",
        "\\\\evil.com",
        " //evil.com",
    ],
)
def test_login_never_redirects_off_site(client, db_session, evil):
    user = factories.young_person(db_session)
    db_session.commit()
    response = client.post(
        "/auth/login", data={"email": user.email, "password": factories.PASSWORD, "next": evil}
    )
    assert response.headers["Location"] == "/me"


def test_a_protected_page_sends_an_anonymous_visitor_to_login_and_back(client, db_session):
    response = client.get("/employer")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/employer"
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/employer"' in login_page


def test_logout_is_a_post_and_ends_the_session(client, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client.login(user.email)
    assert client.get("/auth/logout").status_code == 405
    response = client.post("/auth/logout", data={})
    assert response.status_code == 303
    assert client.get("/me").status_code == 302


def test_password_reset_by_email_link_works_once(client, db_session, mail):
    user = factories.young_person(db_session, name="Sara")
    db_session.commit()
    response = client.post("/auth/reset", data={"email": user.email})
    assert response.status_code == 200
    assert t("Check your email") in response.get_data(as_text=True)

    [message] = mail.to(user.email)
    body = mail.body(message)
    assert "Hei Sara" in body
    link = re.search(r"http://localhost(/auth/reset/\S+)", body).group(1)

    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": "a-new-password"})
    assert response.status_code == 303
    client.login(user.email, "a-new-password")
    assert client.get("/me").status_code == 200

    # The link is spent: the password it was made for is gone.
    assert client.get(link).status_code == 400
    assert client.post(link, data={"password": "another-one"}).status_code == 400


def test_password_reset_answers_the_same_for_unknown_addresses(client, mail):
    response = client.post("/auth/reset", data={"email": "ghost@example.no"})
    assert response.status_code == 200
    assert t("Check your email") in response.get_data(as_text=True)
    assert mail.messages == []


def test_a_mangled_reset_link_gets_a_clear_page(client):
    response = client.get("/auth/reset/not-a-token")
    assert response.status_code == 400
    assert t("The link does not work") in response.get_data(as_text=True)


def test_changing_the_password_logs_out_other_devices(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    phone, laptop = app.test_client(), app.test_client()
    phone.login(user.email)
    laptop.login(user.email)

    response = phone.post(
        "/auth/password",
        data={"current_password": factories.PASSWORD, "password": "a-new-password"},
    )
    assert response.status_code == 303
    assert phone.get("/me").status_code == 200
    assert laptop.get("/me").status_code == 302


def test_changing_the_password_needs_the_current_one(client, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client.login(user.email)
    response = client.post(
        "/auth/password", data={"current_password": "wrong", "password": "a-new-password"}
    )
    assert response.status_code == 422
    assert t("The current password is wrong.") in response.get_data(as_text=True)


def test_a_birth_date_typed_the_norwegian_way_is_understood(client, db_session, mail):
    typed = factories.years_ago(17).strftime("%d.%m.%Y")
    response = client.post("/auth/register/young-person", data=young_person_form(birth_date=typed))
    assert response.status_code == 303
    user = db_session.scalar(select(User).where(User.email == "sara@example.no"))
    assert user.profile.birth_date == factories.years_ago(17)
