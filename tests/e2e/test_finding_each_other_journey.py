"""The core loop in a browser: a young person on a phone finds a job trial and says she is
interested; the employer, on a laptop, moves her along to an offer, which she accepts; she
follows every step. A minor
is turned away from an 18+ listing, kindly."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today
from jobbes.vocabulary import LanguageNeed, ListingType, OccupationalField
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE, log_in, open_details, wait_for_open_filters


# On PostgreSQL as well: the search runs on committed data there, where the catalogue's version
# (which keys the kept search results) is raised by a trigger deferred to the commit, a path the
# rolled-back unit tests never take; and the words are found by PostgreSQL's own full-text search.
@pytest.mark.e2e_both_databases
def test_a_young_person_finds_a_trial_and_is_hired(browser: Browser, server, check_page, engine):
    today = local_today()
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Kvadraturen Kafé", email="kafe@example.no"
        )
        factories.published_listing(
            session, employer, title="Kjøkkenhjelp på kafé", field=OccupationalField.FOOD_RESTAURANT
        )
        factories.published_listing(
            session,
            employer,
            title="Kokk i full stilling",
            listing_type=ListingType.FULL_TIME_JOB,
            trial_pay=None,
            pay="kr 400 000 i året",
            minimum_age=18,
            language_need=LanguageNeed.GOOD_NORWEGIAN,
            deadline=today + timedelta(days=30),
        )
        factories.published_listing(
            session, employer, title="Lagerarbeid", field=OccupationalField.WAREHOUSE_LOGISTICS
        )
        factories.young_person(session, name="Amina", age=16, email="amina@example.no")
        session.commit()

    young = browser.new_context(**PHONE, locale="nb-NO")
    phone = young.new_page()
    log_in(phone, server, "amina@example.no")
    phone.get_by_role("link", name="Annonser").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Jobbtrening, læreplasser og jobber")
    expect(phone.locator("#results-count")).to_have_text("3 annonser")
    check_page(phone, "search-all")

    phone.get_by_label("Søk").fill("kjøkkenhjelp")
    expect(phone.locator("#results-count")).to_have_text("1 annonse")  # swapped in place by htmx
    expect(phone).to_have_url(re.compile(r"q=kj%C3%B8kkenhjelp"))
    phone.get_by_text("Filtre").click()
    phone.get_by_label("Jobbtrening").check()
    expect(phone).to_have_url(re.compile(r"type=job_trial"))
    expect(phone.locator("#results-count")).to_have_text("1 annonse")
    wait_for_open_filters(phone)  # or the screenshot cuts the opening panel off
    check_page(phone, "search-filtered")
    phone.go_back()  # the back button gives the search before the filter
    expect(phone).not_to_have_url(re.compile(r"type=job_trial"))

    phone.get_by_role("link", name="Kjøkkenhjelp på kafé").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kjøkkenhjelp på kafé")
    expect(phone.get_by_role("heading", name="Dette skjer videre")).to_be_visible()
    check_page(phone, "listing")
    phone.get_by_label("En kort melding til arbeidsgiveren").fill("Jeg elsker å lage mat!")
    phone.get_by_role("button", name="Jeg er interessert").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mine interesser")
    expect(phone.get_by_text("Du sa at du er interessert.")).to_be_visible()
    check_page(phone, "my-interests-sent")

    # The 18+ listing says no, kindly, and shows the way to listings open to her age.
    phone.goto(server.url + "/listings?q=kokk")
    phone.get_by_role("link", name="Kokk i full stilling").click()
    expect(phone.get_by_text("Denne annonsen er for deg som er 18 år eller eldre")).to_be_visible()
    expect(phone.get_by_role("button", name="Jeg er interessert")).to_have_count(0)
    expect(phone.get_by_role("link", name="Annonser som passer for alderen din")).to_be_visible()
    check_page(phone, "listing-too-young")

    # The employer, on a laptop, moves her along.
    work = browser.new_context(**LAPTOP, locale="nb-NO")
    laptop = work.new_page()
    log_in(laptop, server, "kafe@example.no")
    laptop.get_by_role("link", name="1 interessert").click()
    expect(laptop.get_by_role("heading", name="Amina, 16 år")).to_be_visible()
    expect(laptop.get_by_text("Jeg elsker å lage mat!")).to_be_visible()
    check_page(laptop, "employer-pipeline-new")

    phone.goto(server.url + "/me/interests")
    expect(phone.get_by_text("Arbeidsgiveren har lest den.")).to_be_visible()

    open_details(laptop.get_by_text("Inviter til samtale eller prøvedag").first)
    laptop.get_by_role("textbox", name="Melding til ungdommen").fill(
        "Kom tirsdag klokka 10. Spør etter Aisha."
    )
    laptop.get_by_role("button", name="Inviter til samtale eller prøvedag").click()
    expect(laptop.get_by_text("Ferdig. Ungdommen ser det på sin side.")).to_be_visible()
    check_page(laptop, "employer-pipeline-invited")

    phone.reload()
    expect(phone.get_by_text("Invitert til samtale eller prøvedag.")).to_be_visible()
    expect(phone.get_by_text("Kom tirsdag klokka 10. Spør etter Aisha.")).to_be_visible()
    check_page(phone, "my-interests-invited")

    laptop.get_by_text("Tilby jobben").first.click()
    laptop.get_by_role("button", name="Tilby jobben").click()
    expect(laptop.locator(".pipeline-status")).to_have_text("Tilbudt – venter på svar")
    expect(laptop.get_by_text("Marker som ansatt")).to_have_count(0)  # her yes makes the hire

    # She answers the offer; the invitation's time and place are still there to read.
    phone.reload()
    expect(phone.get_by_text("Du får tilbud om jobben.")).to_be_visible()
    expect(phone.get_by_text("Kom tirsdag klokka 10. Spør etter Aisha.")).to_be_visible()
    check_page(phone, "my-interests-offered")
    phone.get_by_role("button", name="Ja, jeg tar jobben").click()
    expect(phone.get_by_text("Gratulerer, jobben er din!")).to_be_visible()
    expect(phone.get_by_text("Du takket ja til jobben.")).to_be_visible()
    expect(phone.locator(".timeline li")).to_have_count(5)  # sent, read, talk, offered, hired
    check_page(phone, "my-interests-hired")

    laptop.reload()
    expect(laptop.locator(".pipeline-status")).to_have_text("Takket ja til tilbudet – ansatt")
    check_page(laptop, "employer-pipeline-hired")
    young.close()
    work.close()
