"""An employer on a phone: invites a colleague while the mail server is down and sends it again,
then logs out on every device from the account page."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.conftest import free_port
from tests.e2e.conftest import PHONE
from tests.e2e.mailbox import link_to


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(server.url + "/employer")


def test_a_failed_invitation_is_sent_again_and_every_device_logged_out(
    browser: Browser, server, check_page, engine, mail
):
    with Session(engine) as session:
        factories.employer(session, organisation_name="Lund Sykehjem", email="kari@lund.no")
        session.commit()
    phone = browser.new_context(**PHONE, locale="nb-NO").new_page()
    laptop = browser.new_context(locale="nb-NO").new_page()
    log_in(phone, server, "kari@lund.no")
    log_in(laptop, server, "kari@lund.no")

    working_port = server.app.config["MAIL_PORT"]
    server.app.config["MAIL_PORT"] = free_port()  # the mail server is down
    try:
        phone.goto(server.url + "/employer/organisation")
        phone.get_by_label("E-posten til kollegaen din").fill("per@lund.no")
        phone.get_by_role("button", name="Send invitasjon").click()
        expect(phone.get_by_text("Vi fikk ikke sendt invitasjonen til per@lund.no")).to_be_visible()
        check_page(phone, "invitation-failed")
    finally:
        server.app.config["MAIL_PORT"] = working_port
    phone.get_by_role("button", name="Send invitasjonen til per@lund.no på nytt").click()
    expect(phone.get_by_text("Vi har sendt en invitasjon til per@lund.no")).to_be_visible()
    check_page(phone, "invitation-sent-again")
    assert "/auth/invitation/" in link_to(mail, "per@lund.no", "/auth/invitation")

    phone.get_by_role("link", name="Bytt passord").click()
    check_page(phone, "account-page")
    phone.get_by_role("button", name="Logg ut på alle enheter").click()
    expect(phone.get_by_text("Du er logget ut på alle enhetene dine.")).to_be_visible()
    check_page(phone, "logged-out-everywhere")
    laptop.goto(server.url + "/employer")
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Logg inn")
