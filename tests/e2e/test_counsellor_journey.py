"""A counsellor on a phone: a young person adds them by code, the counsellor sees that she has
waited too long, suggests a listing, and the young person sees the suggestion and the look."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.services import counselling
from jobbes.vocabulary import OccupationalField
from tests import factories
from tests.e2e.conftest import PHONE, open_details
from tests.e2e.test_finding_each_other_journey import log_in


def test_a_young_person_adds_a_counsellor_who_sees_her_waiting_and_suggests_a_listing(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        counsellor = factories.counsellor(
            session, name="Vera", organisation="NAV Kristiansand", email="vera@nav.no"
        )
        code = counselling.counsellor_record(session, counsellor).code
        employer = factories.employer(session, organisation_name="Lund Bakeri")
        far = local_today() + timedelta(days=90)
        waited_on = factories.published_listing(
            session, employer, title="Bakerlærling", deadline=far
        )
        factories.published_listing(
            session,
            employer,
            title="Kjøkkenhjelp på Lund",
            field=OccupationalField.FOOD_RESTAURANT,
            deadline=far,
        )
        nora = factories.findable_young_person(session, name="Nora")
        nora.email = "nora@example.no"
        with time_machine.travel(utcnow() - timedelta(weeks=9)):
            factories.interest(session, nora, waited_on)
        session.commit()

    young = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(young, server, "nora@example.no")
    young.get_by_role("link", name="Legg til en veileder", exact=True).click()
    expect(young.get_by_role("heading", name="Veilederne mine", level=1)).to_be_visible()
    open_details(young.get_by_text("Hva en veileder kan se"))
    young.get_by_label("Koden eller e-postadressen til veilederen din").fill(code.lower())
    check_page(young, "young-adds-counsellor")
    young.get_by_role("button", name="Legg til", exact=True).click()
    expect(young.get_by_text("Vera kan følge deg nå, i tolv måneder.")).to_be_visible()
    expect(young.get_by_role("heading", name="Vera · NAV Kristiansand")).to_be_visible()
    check_page(young, "young-followed")

    phone = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(phone, server, "vera@nav.no")
    expect(phone).to_have_url(f"{server.url}/counsellor")
    card = phone.locator("article.caseload-card").filter(has_text="Nora")
    expect(card.get_by_text("Har ventet for lenge")).to_be_visible()
    check_page(phone, "caseload")
    phone.get_by_label("Vis").select_option("waiting")
    expect(phone).to_have_url(f"{server.url}/counsellor?flag=waiting&sort=flags")
    expect(phone.locator("article.caseload-card")).to_have_count(1)
    check_page(phone, "caseload-waiting")

    phone.get_by_role("link", name="Nora").click()
    expect(phone.get_by_role("heading", name="Nora", level=1)).to_be_visible()
    expect(phone.get_by_text("Bakerlærling (Lund Bakeri): Ny")).to_be_visible()
    phone.get_by_label("Kjøkkenhjelp på Lund – Lund Bakeri").check()
    phone.get_by_label("Noen ord til ungdommen").fill("Denne passer deg, Nora!")
    check_page(phone, "person")
    phone.get_by_role("button", name="Foreslå", exact=True).click()
    expect(
        phone.get_by_text("Foreslått. Ungdommen ser det på siden sin og får beskjed.")
    ).to_be_visible()
    check_page(phone, "suggested")

    young.goto(f"{server.url}/me")
    suggestion = young.get_by_role(
        "region", name="Veilederen din Vera foreslår «Kjøkkenhjelp på Lund»"
    )
    expect(suggestion).to_be_visible()
    expect(suggestion.get_by_text("Denne passer deg, Nora!")).to_be_visible()
    expect(young.get_by_text("Vera (NAV Kristiansand)").first).to_be_visible()
    check_page(young, "young-sees-suggestion")

    young.get_by_role("button", name="Avslutt nå").click()
    expect(young.get_by_text("Vera ser ikke lenger noe om deg.")).to_be_visible()
    check_page(young, "young-ended")
    phone.reload()
    expect(phone.get_by_role("heading", name="Vi fant ikke siden")).to_be_visible()


def test_an_admin_creates_a_counsellor_who_asks_and_a_young_person_says_yes(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        factories.staff(session, role=Role.ADMIN, email="admin@varodd.no")
        factories.counsellor(
            session, name="Vera", organisation="Oppfølgingstjenesten", email="vera@agder.no"
        )
        factories.young_person(session, name="Ali", email="ali@example.no")
        session.commit()

    admin = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(admin, server, "admin@varodd.no")
    admin.goto(f"{server.url}/moderation/counsellors")
    expect(admin.get_by_role("heading", name="Veiledere", level=1)).to_be_visible()
    admin.get_by_label("Veilederens e-post på jobben").fill("per@nav.no")
    admin.get_by_label("Veiledningstjeneste").fill("NAV Kristiansand")
    check_page(admin, "admin-new-counsellor")
    admin.get_by_role("button", name="Opprett og send invitasjonen").click()
    expect(admin.get_by_text("Vi har sendt en invitasjon til per@nav.no.")).to_be_visible()
    expect(admin.get_by_text("per@nav.no · NAV Kristiansand")).to_be_visible()
    check_page(admin, "admin-counsellors")

    phone = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(phone, server, "vera@agder.no")
    expect(phone.get_by_text("Ingen følger deg ennå.")).to_be_visible()
    phone.get_by_label("Ungdommens e-postadresse").fill("ali@example.no")
    phone.get_by_role("button", name="Spør", exact=True).click()
    expect(phone.get_by_text("Hvis en ungdom bruker Jobbes med den adressen")).to_be_visible()
    check_page(phone, "counsellor-asked")

    young = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(young, server, "ali@example.no")
    request = young.get_by_role("article").filter(
        has_text="Vera i Oppfølgingstjenesten spør om å få følge deg"
    )
    expect(request).to_be_visible()
    check_page(young, "young-asked")
    request.get_by_role("button", name="Ja, de kan følge meg").click()
    expect(young.get_by_text("Vera kan følge deg nå, i tolv måneder.")).to_be_visible()
    check_page(young, "young-said-yes")

    phone.reload()
    expect(phone.get_by_role("link", name="Ali")).to_be_visible()
