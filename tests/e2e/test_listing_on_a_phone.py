"""A listing on a phone: the way to "I'm interested" always at hand, sharing the listing, and
search results on the first screen after filtering."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.conftest import PHONE, RESULTS, wait_for_open_filters

LONG = "Du blir med på kjøkkenet og lærer å lage mat til mange. " * 30


def a_listing(engine, **overrides) -> int:
    with Session(engine) as session:
        employer = factories.employer(session, organisation_name="Kvadraturen Kafé")
        listing = factories.published_listing(
            session, employer, title="Kjøkkenhjelp", description=LONG, **overrides
        )
        factories.young_person(session, name="Amina", age=17, email="amina@example.no")
        session.commit()
        return listing.id


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


def test_the_way_to_say_interested_stays_at_hand_on_a_phone(page: Page, server, check_page, engine):
    listing_id = a_listing(engine)
    log_in(page, server, "amina@example.no")
    page.goto(f"{server.url}/listings/{listing_id}")
    jump = page.get_by_role("link", name="Jeg er interessert")
    box = page.get_by_role("heading", name="Interessert?")
    expect(jump).to_be_in_viewport()
    expect(box).not_to_be_in_viewport()
    check_page(page, "listing-top")
    page.mouse.wheel(0, 1200)  # halfway down the text the action is still at hand
    expect(jump).to_be_in_viewport()
    page.screenshot(path=RESULTS / "listing-halfway-first-screen.png")
    jump.click()
    expect(box).to_be_in_viewport()
    expect(box).to_be_focused()
    message = page.get_by_label("En kort melding til arbeidsgiveren")
    expect(message).to_be_in_viewport()
    check_page(page, "at-the-interest-box")
    message.fill("Jeg vil gjerne prøve!")
    page.get_by_role("button", name="Jeg er interessert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine interesser")


def test_a_listing_is_shared_through_the_phones_share_sheet(
    browser: Browser, server, check_page, engine
):
    listing_id = a_listing(engine)
    context = browser.new_context(**PHONE, locale="nb-NO")
    # The phone's share sheet, as the browser offers it: the test keeps what it was given.
    context.add_init_script(
        "navigator.share = (data) => { window.sharedWith = data; return Promise.resolve(); };"
    )
    phone = context.new_page()
    phone.goto(f"{server.url}/listings/{listing_id}")
    expect(phone.get_by_role("button", name="Kopier lenken")).to_be_hidden()
    phone.get_by_role("button", name="Del", exact=True).click()
    shared = phone.evaluate("window.sharedWith")
    assert shared == {"title": "Kjøkkenhjelp – Kvadraturen Kafé", "url": phone.url}
    check_page(phone, "share-sheet")
    context.close()


def test_without_a_share_sheet_the_link_is_copied(browser: Browser, server, check_page, engine):
    listing_id = a_listing(engine)
    context = browser.new_context(**PHONE, locale="nb-NO")
    context.add_init_script("delete Navigator.prototype.share;")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone = context.new_page()
    phone.goto(f"{server.url}/listings/{listing_id}")
    expect(phone.get_by_role("button", name="Del", exact=True)).to_be_hidden()
    phone.get_by_role("button", name="Kopier lenken").click()
    expect(phone.get_by_role("status").filter(has_text="Lenken er kopiert")).to_be_visible()
    assert phone.evaluate("navigator.clipboard.readText()") == phone.url
    phone.get_by_role("region", name="Del annonsen").screenshot(path=RESULTS / "link-copied.png")
    check_page(phone, "link-copied")
    context.close()


def test_without_javascript_the_link_is_there_to_copy(browser: Browser, server, engine):
    listing_id = a_listing(engine)
    context = browser.new_context(**PHONE, locale="nb-NO", java_script_enabled=False)
    phone = context.new_page()
    phone.goto(f"{server.url}/listings/{listing_id}")
    share = phone.get_by_role("region", name="Del annonsen")
    expect(share.get_by_role("link", name=phone.url)).to_be_visible()
    expect(share.get_by_role("button")).to_have_count(0)
    expect(share.get_by_role("link", name="Send på e-post")).to_be_visible()
    # axe needs JavaScript, so this page is only looked at; the same page with JavaScript is
    # checked above.
    phone.screenshot(path=RESULTS / "share-without-javascript.png", full_page=True)
    context.close()


def test_after_filtering_the_results_start_on_the_first_screen(
    page: Page, server, check_page, engine
):
    a_listing(engine)
    page.goto(server.url + "/listings")
    page.get_by_text("Filtre").click()
    # Each tick updates the results; the next tick waits for that, as a person sees it happen:
    # the panel fully open, the address, and no search in flight. Ticking at once could land on
    # a box that has just moved.
    wait_for_open_filters(page)
    page.get_by_label("Jobbtrening").check()
    expect(page).to_have_url(re.compile(r"type=job_trial"))
    expect(page.locator(".htmx-request")).to_have_count(0)
    page.get_by_label("Ingen erfaring nødvendig").check()
    expect(page).to_have_url(re.compile(r"no_experience=y"))
    page.get_by_role("button", name="Vis annonser").click()
    expect(page.locator("details.filters")).not_to_have_attribute("open", "")
    first = page.get_by_role("link", name="Kjøkkenhjelp")
    expect(first).to_be_in_viewport()
    check_page(page, "filtered-with-javascript")
    # A page load with the filters in the address arrives folded too, saying what is chosen.
    page.reload()
    expect(page.get_by_text("Filtre (2 valgt)")).to_be_visible()
    expect(page.get_by_role("link", name="Kjøkkenhjelp")).to_be_in_viewport()
    check_page(page, "filtered-page-load")


def test_the_listing_shows_the_journey_and_a_drawn_map(page: Page, server, check_page, engine):
    with Session(engine) as session:
        employer = factories.employer(session, organisation_name="Lund Bakeri")
        listing = factories.published_listing(session, employer, title="Baker", area="lund")
        young = factories.findable_young_person(session, home_area="vagsbygd")
        session.commit()
        listing_id, email = listing.id, young.email
    log_in(page, server, email)
    page.goto(f"{server.url}/listings/{listing_id}")
    place = page.get_by_role("region", name="Hvor det er")
    expect(place.get_by_text("minutter fra Vågsbygd, der du bor")).to_be_visible()
    expect(
        place.get_by_role("img", name="Kart: annonsen er i Lund, og du bor i Vågsbygd.")
    ).to_be_visible()
    place.screenshot(path=RESULTS / "listing-place.png")
    check_page(page, "listing-with-map")
