"""Email on a phone: a notification's email arrives in the sink, its unsubscribe link opens a page
with a button, and the button stops that category's emails. An admin sees what was given up."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Delivery, DeliveryStatus, NotificationKind, Role
from jobbes.models.base import utcnow
from jobbes.services import notifications
from jobbes.tasks import tasks_of
from tests import factories
from tests.e2e.conftest import PHONE
from tests.e2e.test_finding_each_other_journey import log_in


def test_an_email_arrives_and_its_link_stops_that_kind_of_email(
    browser: Browser, server, check_page, engine, mail
):
    with Session(engine) as session:
        nora = factories.young_person(session, name="Nora", email="nora@example.no")
        notifications.notify(
            session,
            nora,
            NotificationKind.INTEREST_OFFERED,
            link="/me/interests",
            params={"organisation": "Kvadraturen Kafé", "listing": "Kjøkkenhjelp"},
            now=utcnow() - timedelta(minutes=5),
        )
        session.commit()
    tasks_of(server.app).sweep()  # as the worker's sweep does every minute
    [message] = mail.to("nora@example.no")
    link = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    path = link.split("/unsubscribe/", 1)[1]

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    phone.goto(f"{server.url}/unsubscribe/{path}")
    expect(phone.get_by_role("heading", name="Slutt å få e-post", level=1)).to_be_visible()
    check_page(phone, "unsubscribe-ask")
    phone.get_by_role("button", name="Stopp disse e-postene").click()
    expect(phone.get_by_text("Ferdig. Du får ikke lenger e-post om «Interesser».")).to_be_visible()
    check_page(phone, "unsubscribe-done")
    phone.goto(f"{server.url}/unsubscribe/{path}x")
    expect(phone.get_by_text("Denne lenken virker ikke.")).to_be_visible()
    check_page(phone, "unsubscribe-broken")
    context.close()


def test_an_admin_sees_deliveries_that_were_given_up(browser: Browser, server, check_page, engine):
    with Session(engine) as session:
        factories.staff(session, role=Role.ADMIN, email="admin@example.no")
        young = factories.young_person(session, email="ola@example.no")
        note = notifications.notify(
            session, young, NotificationKind.INTEREST_READ, link="/me", now=utcnow()
        )
        session.flush()
        row = session.get(Delivery, note.deliveries[0].id)
        row.status = DeliveryStatus.GIVEN_UP
        row.attempts = 17
        row.last_error = "SMTPRecipientsRefused: 550 mailbox unavailable"
        session.commit()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "admin@example.no")
    phone.goto(f"{server.url}/moderation")
    phone.get_by_role("link", name="Mislykkede utsendinger").click()
    expect(phone.get_by_role("heading", name="Mislykkede utsendinger", level=1)).to_be_visible()
    expect(phone.get_by_text("550 mailbox unavailable")).to_be_visible()
    check_page(phone, "given-up")
    context.close()
