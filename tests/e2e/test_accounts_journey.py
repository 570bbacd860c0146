"""Accounts in a real browser on a phone: sign up, log out and in, employers, language, reset."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.mailbox import confirm_email


def register_young_person(page: Page, server, check_page, mail, *, email: str) -> None:
    page.goto(server.url + "/")
    check_page(page, "landing")
    page.get_by_role("link", name="Lag profilen din").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lag profilen din")
    check_page(page, "register-empty")

    # Send the form half-filled first: the errors come back in place, with a summary on top.
    page.get_by_label("Fornavn").fill("Sara")
    page.get_by_role("button", name="Lag konto").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    expect(page.locator(".ds-error-summary")).to_be_focused()
    check_page(page, "register-errors")

    page.get_by_label("E-post").fill(email)
    page.get_by_label("Fødselsdato").fill(factories.years_ago(17).isoformat())
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Lag konto").click()
    confirm_email(page, server, mail, email, check_page)
    page.wait_for_url(server.url + "/me/profile/wishes")


def test_young_person_signs_up_logs_out_and_logs_in(page: Page, server, check_page, mail):
    register_young_person(page, server, check_page, mail, email="sara@example.no")
    expect(page.get_by_text("Velkommen til Jobbes, Sara!")).to_be_visible()
    check_page(page, "profile-wishes-welcome")
    page.get_by_role("link", name="Min side").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Sara!")
    check_page(page, "me")

    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_text("Du er logget ut.")).to_be_visible()
    check_page(page, "logged-out")

    page.get_by_role("link", name="Logg inn").first.click()
    page.get_by_label("E-post").fill("sara@example.no")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("E-postadressen eller passordet er feil.")).to_be_visible()
    check_page(page, "login-failed")

    page.get_by_label("Passord").fill("et-godt-passord")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(server.url + "/me")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Sara!")
    check_page(page, "me-after-login")


def test_employer_registers_with_a_valid_and_then_an_invalid_organisation_number(
    page: Page, server, check_page, mail
):
    page.goto(server.url + "/auth/register")
    check_page(page, "register-choice")
    page.get_by_role("link", name="Jeg er arbeidsgiver").click()
    check_page(page, "register-employer")
    page.get_by_label("Navnet på virksomheten").fill("Lund Sykehjem")
    page.get_by_label("Organisasjonsnummer").fill("974 760 673")
    page.get_by_label("Navnet ditt").fill("Kari Nordmann")
    page.get_by_label("E-post på jobben").fill("kari@lund.example.no")
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Registrer virksomheten").click()
    confirm_email(page, server, mail, "kari@lund.example.no", check_page)
    page.wait_for_url(server.url + "/employer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lund Sykehjem")
    expect(page.get_by_text("Venter på godkjenning")).to_be_visible()
    check_page(page, "employer-home")
    page.get_by_role("button", name="Logg ut").click()

    page.goto(server.url + "/auth/register/employer")
    page.get_by_label("Navnet på virksomheten").fill("Feil AS")
    page.get_by_label("Organisasjonsnummer").fill("974 760 672")
    page.get_by_label("Navnet ditt").fill("Per")
    page.get_by_label("E-post på jobben").fill("per@feil.example.no")
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Registrer virksomheten").click()
    message = "Dette er ikke et gyldig organisasjonsnummer."
    expect(page.locator(".ds-validation-message")).to_contain_text(message)
    expect(page.get_by_label("Organisasjonsnummer")).to_have_attribute("aria-invalid", "true")
    check_page(page, "employer-invalid-number")
    assert page.url == server.url + "/auth/register/employer"


def test_the_language_can_be_switched_and_back(page: Page, server, check_page):
    page.goto(server.url + "/privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Slik behandler Jobbes opplysningene dine"
    )
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How Jobbes handles your data")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_page(page, "privacy-english")
    page.get_by_role("link", name="Log in").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    check_page(page, "login-english")
    page.get_by_role("button", name="Norsk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")


def test_password_reset_by_email(page: Page, server, check_page, mail, engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        factories.young_person(session, email="glemsk@example.no", name="Glenn")
        session.commit()

    page.goto(server.url + "/auth/login")
    page.get_by_role("link", name="Glemt passordet?").click()
    check_page(page, "reset-request")
    page.get_by_label("E-post").fill("glemsk@example.no")
    page.get_by_role("button", name="Send lenke").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    check_page(page, "reset-sent")

    [message] = mail.to("glemsk@example.no")
    link = re.search(r"http://\S+/auth/reset/\S+", mail.body(message)).group(0)
    page.goto(link)
    check_page(page, "reset-choose")
    page.get_by_label("Nytt passord").fill("helt-nytt-passord")
    page.get_by_role("button", name="Lagre nytt passord").click()
    expect(page.get_by_text("Passordet er byttet.")).to_be_visible()
    check_page(page, "login-after-reset")
    page.get_by_label("E-post").fill("glemsk@example.no")
    page.get_by_label("Passord").fill("helt-nytt-passord")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(server.url + "/me")
    check_page(page, "me-after-reset")


def test_signing_up_works_without_javascript(browser, server, mail):
    context = browser.new_context(
        java_script_enabled=False,
        locale="nb-NO",
        **{
            "viewport": {"width": 390, "height": 844},
            "is_mobile": True,
            "has_touch": True,
        },
    )
    page = context.new_page()
    page.goto(server.url + "/auth/register/young-person")
    page.get_by_label("Fornavn").fill("Ali")
    page.get_by_role("button", name="Lag konto").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    page.get_by_label("E-post").fill("ali@example.no")
    page.get_by_label("Fødselsdato").fill(factories.years_ago(20).strftime("%Y-%m-%d"))
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Lag konto").click()
    confirm_email(page, server, mail, "ali@example.no", lambda *_: None)
    page.wait_for_url(server.url + "/me/profile/wishes")
    expect(page.get_by_text("Velkommen til Jobbes, Ali!")).to_be_visible()
    context.close()
