"""Saved searches on a phone: save the search on screen, find it at /listings/saved, rename it,
and follow it back to its listings."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.conftest import PHONE, open_details
from tests.e2e.test_finding_each_other_journey import log_in


def test_a_young_person_saves_a_search_renames_it_and_finds_it_again(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        factories.young_person(session, name="Nora", email="nora@example.no")
        factories.published_listing(session, factories.employer(session))
        session.commit()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "nora@example.no")
    phone.goto(f"{server.url}/listings?q=kjøkken")
    expect(phone.get_by_text("1 annonse")).to_be_visible()

    open_details(phone.get_by_text("Lagre dette søket"))
    name = phone.get_by_label("Navn")
    expect(name).to_have_value("«kjøkken»")
    phone.get_by_label("Hver uke").check()
    check_page(phone, "save-form")
    phone.get_by_role("button", name="Lagre søket").click()
    expect(phone.get_by_text("Lagret. Du finner det under «Lagrede søk».")).to_be_visible()
    expect(phone).to_have_url(f"{server.url}/listings?q=kj%C3%B8kken")

    phone.goto(f"{server.url}/listings/saved")
    expect(phone.get_by_role("heading", name="Lagrede søk", level=1)).to_be_visible()
    card = phone.locator("article.saved-search")
    expect(card.get_by_role("heading", name="«kjøkken»")).to_be_visible()
    expect(card.get_by_role("definition").filter(has_text="Hver uke")).to_be_visible()
    check_page(phone, "saved-list")

    open_details(card.get_by_text("Endre navn eller varsler"))
    card.get_by_label("Navn").fill("Kjøkkenjobber")
    card.get_by_label("Hver dag").check()
    card.get_by_role("button", name="Lagre endringene").click()
    expect(phone.get_by_text("Endringene i «Kjøkkenjobber» er lagret.")).to_be_visible()
    card = phone.locator("article.saved-search")
    expect(card.get_by_role("heading", name="Kjøkkenjobber")).to_be_visible()
    expect(card.get_by_role("definition").filter(has_text="Hver dag")).to_be_visible()
    check_page(phone, "saved-renamed")

    card.get_by_role("heading", name="Kjøkkenjobber").get_by_role("link").click()
    expect(phone).to_have_url(f"{server.url}/listings?q=kj%C3%B8kken")
    expect(phone.get_by_text("1 annonse")).to_be_visible()
    context.close()
