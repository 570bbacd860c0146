"""Notifications on a phone: the unread count in the header, the inbox, opening one, marking the
rest read, and choosing how to be told. An employer with nothing yet sees what will come."""

from __future__ import annotations

from email.header import decode_header, make_header

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import NotificationKind
from jobbes.models.base import utcnow
from jobbes.services import notifications
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE
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
    phone.get_by_role("button", name="Marker alle som lest").click()
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


def test_an_employer_moves_an_interest_and_the_young_person_sees_it(
    browser: Browser, server, check_page, engine, mail
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Kvadraturen Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(session, employer, title="Kjøkkenhjelp på kafé")
        amina = factories.young_person(session, name="Amina", age=16, email="amina@example.no")
        factories.interest(session, amina, listing, message="Jeg elsker å lage mat!")
        session.commit()

    work = browser.new_context(**LAPTOP, locale="nb-NO")
    laptop = work.new_page()
    log_in(laptop, server, "kafe@example.no")
    # Verified, the listing published, and Amina's interest.
    laptop.get_by_role("link", name="Varsler 3 uleste").click()
    expect(laptop.get_by_text("En ungdom er interessert i «Kjøkkenhjelp på kafé».")).to_be_visible()
    check_page(laptop, "employer-inbox")
    laptop.get_by_role("link", name="Noen er interessert i annonsen din").click()
    expect(laptop.get_by_role("heading", name="Amina, 16 år")).to_be_visible()
    laptop.get_by_text("Inviter til samtale eller prøvedag").first.click()
    laptop.get_by_role("textbox", name="Melding til ungdommen").fill(
        "Kom tirsdag klokka 10. Spør etter Aisha."
    )
    laptop.get_by_role("button", name="Inviter til samtale eller prøvedag").click()
    expect(laptop.get_by_text("Ferdig. Ungdommen ser det på sin side.")).to_be_visible()
    work.close()
    # The invitation also went by email (her default for invitations), through the worker's
    # task, to the SMTP sink: the subject says what happened, never who or where.
    subjects = [
        str(make_header(decode_header(message["Subject"])))
        for message in mail.to("amina@example.no")
    ]
    assert "Du er invitert til en prat eller en prøvedag – Jobbes" in subjects
    assert not any("Kvadraturen" in subject or "Aisha" in subject for subject in subjects)

    young = browser.new_context(**PHONE, locale="nb-NO")
    phone = young.new_page()
    log_in(phone, server, "amina@example.no")
    # Opening the interests read them, and then came the invitation: two things to tell.
    phone.get_by_role("link", name="Varsler 2 uleste").click()
    expect(phone.get_by_text("Kom tirsdag klokka 10. Spør etter Aisha.")).to_be_visible()
    check_page(phone, "young-inbox")
    phone.get_by_role("link", name="Du er invitert til en prat eller en prøvedag").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mine interesser")
    expect(phone.get_by_role("link", name="Varsler 1 uleste")).to_be_visible()
    young.close()
