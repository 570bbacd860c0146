"""An admin on a phone gives someone at the municipality's programme an account; the invitation
arrives by email, the person chooses a name and password and lands on the programme's numbers."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from tests import factories
from tests.e2e.conftest import PHONE, log_in
from tests.e2e.mailbox import link_to


def test_an_admin_invites_a_programme_user_who_joins_and_sees_the_numbers(
    browser: Browser, server, check_page, engine, mail
):
    with Session(engine) as session:
        factories.staff(session, role=Role.ADMIN, email="admin@varodd.no")
        session.commit()

    admin = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(admin, server, "admin@varodd.no")
    admin.goto(f"{server.url}/moderation")
    admin.get_by_role("link", name="Programbrukere", exact=True).click()
    expect(admin.get_by_role("heading", name="Programbrukere", level=1)).to_be_visible()
    admin.get_by_label("E-postadressen deres på jobben").fill("kari@kristiansand.kommune.no")
    check_page(admin, "admin-new-programme-user")
    admin.get_by_role("button", name="Opprett og send invitasjonen").click()
    expect(
        admin.get_by_text("Vi har sendt en invitasjon til kari@kristiansand.kommune.no.")
    ).to_be_visible()
    expect(admin.get_by_role("button", name="Send invitasjonen på nytt")).to_be_visible()
    check_page(admin, "admin-programme-users")

    kari = browser.new_context(**PHONE, locale="nb-NO").new_page()
    kari.goto(link_to(mail, "kari@kristiansand.kommune.no", "/auth/invitation"))
    expect(kari.get_by_role("heading", name="Bli med på Jobbes", level=1)).to_be_visible()
    kari.get_by_label("Navnet ditt").fill("Kari")
    kari.get_by_label("Velg et passord").fill("et-godt-passord")
    check_page(kari, "programme-user-invited")
    kari.get_by_role("button", name="Bli med", exact=True).click()
    expect(kari.get_by_role("heading", name="Programmets tall", level=1)).to_be_visible()
    expect(kari.get_by_text("Velkommen til Jobbes, Kari!")).to_be_visible()
    check_page(kari, "programme-user-numbers")

    admin.reload()
    expect(admin.get_by_role("link", name="Kari", exact=True)).to_be_visible()
    expect(admin.get_by_role("button", name="Send invitasjonen på nytt")).to_have_count(0)
