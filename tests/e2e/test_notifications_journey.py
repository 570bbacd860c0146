"""Notifications on a phone: the unread count in the header, the inbox, opening one, marking the
rest read, and choosing how to be told. An employer with nothing yet sees what will come."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import NotificationKind
from jobbes.models.base import utcnow
from jobbes.services import notifications
from tests import factories
from tests.e2e.conftest import PHONE
from tests.e2e.test_finding_each_other_journey import log_in

PARAMS = {"organisation": "Kvadraturen Kafé", "listing": "Kjøkkenhjelp på kafé"}


def test_a_young_person_reads_notifications_and_chooses_how_to_be_told(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        nora = factories.young_person(session, name="Nora", email="nora@example.no")
        for kind in (NotificationKind.INTEREST_READ, NotificationKind.INTEREST_OFFERED):
            notifications.notify(
                session, nora, kind, link="/me/interests", params=PARAMS, now=utcnow()
            )
        employer = factories.employer(session, email="kafe@example.no")
        assert employer.id
        session.commit()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "nora@example.no")
    badge = phone.get_by_role("link", name="Varsler 2 uleste")
    expect(badge).to_be_visible()
    badge.click()
    expect(phone.get_by_role("heading", name="Varsler", level=1)).to_be_visible()
    expect(phone.locator("#notification-list").get_by_text("2 uleste")).to_be_visible()
    expect(
        phone.get_by_text("Kvadraturen Kafé tilbyr deg «Kjøkkenhjelp på kafé». Svar dem på Jobbes.")
    ).to_be_visible()
    check_page(phone, "inbox")

    phone.get_by_role("link", name="Du har fått tilbud om plassen").click()
    expect(phone).to_have_url(f"{server.url}/me/interests")
    expect(phone.get_by_role("link", name="Varsler 1 uleste")).to_be_visible()

    phone.goto(f"{server.url}/notifications")
    phone.get_by_role("button", name="Merk alle som lest").click()
    expect(phone.get_by_text("Alle varsler er merket som lest.")).to_be_visible()
    expect(phone.get_by_role("link", name="Varsler", exact=True)).to_be_visible()
    check_page(phone, "inbox-all-read")

    phone.get_by_role("link", name="Velg hvordan du får beskjed").click()
    expect(phone.get_by_role("heading", name="Slik får du beskjed", level=1)).to_be_visible()
    expect(
        phone.get_by_text("Du kan velge SMS når du har lagt inn og bekreftet mobilnummeret ditt.")
    ).to_be_visible()
    check_page(phone, "settings")
    invitations = phone.get_by_role("region", name="Invitasjoner")
    invitations.get_by_label("Bare her på Jobbes").check()
    invitations.get_by_label("Én oppsummering om dagen").check()
    phone.get_by_role("button", name="Lagre").click()
    expect(phone.get_by_text("Valgene dine er lagret.")).to_be_visible()
    invitations = phone.get_by_role("region", name="Invitasjoner")
    expect(invitations.get_by_label("Bare her på Jobbes")).to_be_checked()
    expect(invitations.get_by_label("Én oppsummering om dagen")).to_be_checked()
    check_page(phone, "settings-saved")
    context.close()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "kafe@example.no")
    phone.get_by_role("link", name="Varsler", exact=True).click()
    expect(phone.get_by_text("Ingenting nytt ennå.")).to_be_visible()
    check_page(phone, "employer-empty")
    context.close()
