"""A moderator on a phone: a refused decision keeps an address that reloads and goes Back, and a
decision taken says what was decided about what, renames the page and moves the focus there."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.services import listings
from tests import factories
from tests.e2e.conftest import PHONE, open_details


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


def test_a_refused_decision_reloads_and_a_taken_one_says_what_it_was(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        first_org = factories.employer(session, organisation_name="Lund Kafé").organisation
        factories.employer(session, organisation_name="Tveit Gartneri")
        employer = factories.employer(session, organisation_name="Vågsbygd Bakeri")
        for title in ("Kokk på Lund", "Baker i Vågsbygd"):
            listing = factories.listing(session, employer, title=title)
            listings.submit_listing(listing, today=local_today(), now=utcnow())
        session.commit()
        first_org_id = first_org.id

    context = browser.new_context(**PHONE, locale="nb-NO")
    page = context.new_page()
    log_in(page, server, "mona@varodd.no")

    # An organisation rejected without a reason: told so, and the address is still the page's.
    organisation = f"{server.url}/moderation/organisations/{first_org_id}"
    page.goto(organisation)
    page.get_by_role("button", name="Avvis").click()
    expect(page.get_by_text("Skriv grunnen")).to_have_count(2)  # the summary and the field
    expect(page).to_have_url(organisation)
    check_page(page, "organisation-refused")
    assert page.reload().status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Lund Kafé")

    # The same for a listing; Back leads to the page before, not to a 405.
    page.goto(server.url + "/moderation/listings")
    page.get_by_role("link", name="Begynn med den eldste").click()
    review = page.url
    expect(page).to_have_title("Gjennomgang: Kokk på Lund – Jobbes")
    open_details(page.get_by_text("Avvis", exact=True).first)
    page.get_by_role("button", name="Avvis").click()
    expect(page.get_by_text("Velg en grunn, og skriv noen ord")).to_have_count(2)
    expect(page).to_have_url(review)
    check_page(page, "listing-refused")
    assert page.reload().status == 200
    page.go_back()
    expect(page).to_have_url(server.url + "/moderation/listings")
    page.go_forward()
    expect(page).to_have_url(review)

    # Rejected with a reason: the message names the listing, the next one is shown and named
    # in the title, and the focus is on the message.
    open_details(page.get_by_text("Avvis", exact=True).first)
    page.get_by_label("Grunn").select_option(label="Duplikat")
    page.get_by_role("button", name="Avvis").click()
    message = page.get_by_role("status").filter(has_text="Avvist: Kokk på Lund")
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjennomgang: Baker i Vågsbygd")
    expect(page).to_have_title("Gjennomgang: Baker i Vågsbygd – Jobbes")
    check_page(page, "next-listing-after-reject")
    assert page.reload().status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjennomgang: Baker i Vågsbygd")

    page.get_by_role("button", name="Godkjenn").click()
    expect(page.get_by_role("status").filter(has_text="Godkjent: Baker i Vågsbygd")).to_be_focused()
    expect(page).to_have_title("Annonser til gjennomgang – Jobbes")
    check_page(page, "queue-empty-after-approve")
    context.close()
