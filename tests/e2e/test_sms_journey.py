"""Text messages on a phone: a young person adds a mobile number (a foreign one first), reads
the code from the development backend's log, confirms it, chooses SMS for invitations, gets a
text for an invitation and follows its short link."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import NotificationKind, User
from jobbes.models.base import LOCAL_TIMEZONE, utcnow
from jobbes.services import notifications, sms
from jobbes.sms.log import LogGateway
from jobbes.sms.texts import composer
from tests import factories
from tests.e2e.conftest import PHONE
from tests.e2e.test_finding_each_other_journey import log_in


def test_a_young_person_gets_invitations_by_text(
    browser: Browser, server, check_page, engine, caplog
):
    caplog.set_level(logging.INFO, logger="jobbes.sms")

    def texts() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "jobbes.sms"]

    with Session(engine) as session:
        factories.young_person(session, name="Nora", email="nora@example.no")
        session.commit()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "nora@example.no")
    phone.goto(f"{server.url}/notifications/settings")
    phone.get_by_role("link", name="Legg inn mobilnummeret ditt").click()
    expect(phone.get_by_role("heading", name="Mobilnummeret ditt", level=1)).to_be_visible()
    check_page(phone, "phone")

    phone.get_by_label("Mobilnummer").fill("+46 70 123 45 67")
    phone.get_by_role("button", name="Send kode").click()
    expect(
        phone.get_by_text("Jobbes kan bare sende SMS til norske mobilnumre (+47).").first
    ).to_be_visible()
    check_page(phone, "phone-foreign")

    phone.get_by_label("Mobilnummer").fill("412 34 567")
    phone.get_by_role("button", name="Send kode").click()
    expect(phone.get_by_text("Vi har sendt en kode til +47 41 23 45 67.")).to_be_visible()
    check_page(phone, "phone-code")
    code = re.search(r"Koden din fra Jobbes er (\d{6})", texts()[-1])
    assert code, texts()

    phone.get_by_label("Koden fra SMS-en").fill(code.group(1))
    phone.get_by_role("button", name="Bekreft", exact=True).click()
    expect(phone.get_by_text("Mobilnummeret ditt er bekreftet.")).to_be_visible()
    invitations = phone.get_by_role("region", name="Invitasjoner")
    invitations.get_by_label("Tekstmelding (SMS)").check()
    invitations.get_by_label("Med en gang").check()
    phone.get_by_role("button", name="Lagre").click()
    expect(phone.get_by_text("Valgene dine er lagret.")).to_be_visible()
    expect(
        phone.get_by_role("region", name="Invitasjoner").get_by_label("Tekstmelding (SMS)")
    ).to_be_checked()
    check_page(phone, "settings-sms")

    with Session(engine) as session:
        nora = session.scalars(select(User).where(User.email == "nora@example.no")).one()
        notifications.notify(
            session,
            nora,
            NotificationKind.INTEREST_INVITED,
            link="/notifications",
            params={"organisation": "Kvadraturen Kafé", "listing": "Kjøkkenhjelp"},
            now=utcnow(),
        )
        # Tomorrow at noon in Oslo: outside quiet hours whenever the test runs.
        noon = datetime.combine(
            datetime.now(LOCAL_TIMEZONE).date() + timedelta(days=1),
            datetime.min.time().replace(hour=12),
            tzinfo=LOCAL_TIMEZONE,
        )
        with server.app.app_context():
            [outcome] = sms.send_due_sms(
                session, LogGateway(), noon, compose=composer(server.url.removeprefix("http://"))
            )
        session.commit()
    assert outcome.action is sms.Action.SENT
    text = texts()[-1]
    assert "Kvadraturen" not in text
    assert "Nora" not in text
    link = re.search(r"Se (\S+/v/[A-Za-z0-9]{8})$", text)
    assert link, text

    phone.goto(f"http://{link.group(1)}")
    expect(phone).to_have_url(f"{server.url}/notifications")
    expect(phone.get_by_role("link", name="Varsler", exact=True)).to_be_visible()
    check_page(phone, "opened-from-text")

    phone.goto(f"{server.url}/notifications/phone")
    expect(phone.get_by_text("SMS-ene går til +47 41 23 45 67.")).to_be_visible()
    check_page(phone, "phone-confirmed")
    context.close()
