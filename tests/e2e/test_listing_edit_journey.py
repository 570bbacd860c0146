"""An employer on a phone, with JavaScript on, changes a published listing: the live check
redraws the form as they type, and saving still makes version 2 of the same listing, which a
moderator sees as a diff and publishes."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobbes.models import Listing, Role
from tests import factories
from tests.e2e.conftest import PHONE


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


def test_editing_with_javascript_makes_a_new_version_the_moderator_publishes(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        moderator = factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, moderator, title="Kokk på Lund", hours_per_week=10
        )
        session.commit()
        listing_id = listing.id
        organisation_id = employer.organisation_id

    work = browser.new_context(**PHONE, locale="nb-NO")
    phone = work.new_page()
    log_in(phone, server, "kafe@example.no")
    phone.goto(server.url + f"/employer/listings/{listing_id}")
    phone.get_by_role("link", name="Endre").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Endre annonsen")
    # Wait for the live check to redraw the form: that redrawn form is the one that is sent.
    with phone.expect_response(lambda r: r.url.endswith("/check")):
        phone.get_by_label("Tittel").fill("Kokk og kafévert på Lund")
    expect(phone.get_by_label("Tittel")).to_have_value("Kokk og kafévert på Lund")
    check_page(phone, "edit-after-live-check")
    phone.get_by_role("button", name="Lagre og forhåndsvis").click()
    expect(phone).to_have_url(server.url + f"/employer/listings/{listing_id}")
    expect(phone.get_by_text("Endringene er lagret")).to_be_visible()
    check_page(phone, "edit-saved")
    phone.get_by_role("button", name="Send til gjennomgang").click()
    expect(phone.get_by_text("Sendt til gjennomgang! En moderator går gjennom den")).to_be_visible()

    with Session(engine) as session:
        count = session.scalar(
            select(func.count(Listing.id)).where(Listing.organisation_id == organisation_id)
        )
        assert count == 1, "the edit made a copy instead of a new version"

    staff = browser.new_context(**PHONE, locale="nb-NO")
    mod = staff.new_page()
    log_in(mod, server, "mona@varodd.no")
    mod.goto(server.url + "/moderation/listings")
    mod.get_by_role("link", name="Begynn med den eldste").click()
    changes = mod.get_by_role("table")
    expect(changes.get_by_role("row")).to_have_count(2)  # the header and the title
    expect(changes.locator("del")).to_have_text("Kokk på Lund")
    expect(changes.locator("ins")).to_have_text("Kokk og kafévert på Lund")
    check_page(mod, "moderator-sees-the-diff")
    mod.get_by_role("button", name="Godkjenn").click()
    expect(mod.get_by_text("Ingen annonser venter.")).to_be_visible()

    mod.goto(server.url + f"/listings/{listing_id}")
    expect(mod.get_by_role("heading", level=1)).to_have_text("Kokk og kafévert på Lund")
    check_page(mod, "published-version-2")
    work.close()
    staff.close()
