"""A moderator on a laptop: verify an organisation, ask for changes to its listing, see exactly
what the employer changed, approve in place, and later suspend the organisation so its listing
disappears."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.services import listings
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE, log_in, open_details


def test_moderator_verifies_reviews_and_suspends(browser: Browser, server, check_page, engine):
    with Session(engine) as session:
        factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        employer = factories.employer(
            session, organisation_name="Tveit Gartneri", email="gartner@example.no"
        )
        listing = factories.listing(session, employer, title="Jobbtrening i drivhuset")
        listings.submit_listing(listing, today=local_today(), now=utcnow())
        session.commit()
        listing_id = listing.id

    staff = browser.new_context(**LAPTOP, locale="nb-NO")
    moderator = staff.new_page()
    log_in(moderator, server, "mona@varodd.no")
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Moderering")
    check_page(moderator, "overview")

    moderator.get_by_role("link", name="Virksomheter til godkjenning").first.click()
    check_page(moderator, "organisation-queue")
    moderator.get_by_role("link", name="Tveit Gartneri").click()
    expect(moderator.get_by_text("kontrollsifferet er gyldig")).to_be_visible()
    check_page(moderator, "organisation")
    moderator.get_by_role("button", name="Godkjenn").click()
    expect(moderator.get_by_text("Tveit Gartneri er godkjent.")).to_be_visible()

    moderator.get_by_role("link", name="Annonser til gjennomgang").first.click()
    moderator.get_by_role("link", name="Begynn med den eldste").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text(
        "Gjennomgang: Jobbtrening i drivhuset"
    )
    check_page(moderator, "listing-review")
    open_details(moderator.get_by_text("Be om endringer"))
    moderator.get_by_label("Hva bør forfatteren endre?").fill("Skriv hvor mange timer i uka.")
    moderator.get_by_role("button", name="Send tilbake med kommentar").click()
    expect(
        moderator.get_by_text("Sendt tilbake med kommentaren din: Jobbtrening i drivhuset")
    ).to_be_visible()
    expect(moderator.get_by_text("Ingen annonser venter.")).to_be_visible()

    # The employer, on a phone, sees the comment, edits and sends again.
    work = browser.new_context(**PHONE, locale="nb-NO")
    phone = work.new_page()
    log_in(phone, server, "gartner@example.no")
    expect(phone.get_by_text("Skriv hvor mange timer i uka.")).to_be_visible()
    check_page(phone, "employer-changes-requested")
    phone.get_by_role("link", name="Jobbtrening i drivhuset").click()
    phone.get_by_role("link", name="Endre").click()
    # The live check redraws the form before it is saved, as it does for a person typing.
    with phone.expect_response(lambda r: r.url.endswith("/check")):
        phone.get_by_label("Timer i uka").fill("20")
    phone.get_by_role("button", name="Lagre og forhåndsvis").click()
    phone.get_by_role("button", name="Send til gjennomgang").click()
    expect(phone.get_by_text("Sendt til gjennomgang! En moderator går gjennom den")).to_be_visible()

    # The moderator sees exactly what changed, and approves with one click; htmx swaps in place.
    moderator.goto(server.url + "/moderation/listings")
    moderator.get_by_role("link", name="Begynn med den eldste").click()
    changes = moderator.get_by_role("table")
    expect(changes.get_by_role("row")).to_have_count(2)  # the header and one changed field
    expect(changes).to_contain_text("Timer i uka")
    expect(changes.locator("ins")).to_have_text("20")
    check_page(moderator, "listing-review-changes")
    moderator.get_by_role("button", name="Godkjenn").click()
    expect(moderator.get_by_text("Godkjent: Jobbtrening i drivhuset")).to_be_visible()
    expect(moderator).to_have_url(server.url + "/moderation/listings")

    # The listing is public.
    moderator.goto(server.url + "/listings")
    expect(moderator.get_by_role("link", name="Jobbtrening i drivhuset")).to_be_visible()
    moderator.goto(server.url + f"/listings/{listing_id}")
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Jobbtrening i drivhuset")
    check_page(moderator, "public-listing")

    # Suspending the organisation hides it at once.
    moderator.goto(server.url + "/moderation/people?q=Tveit")
    moderator.get_by_role("link", name="Tveit Gartneri").click()
    moderator.get_by_label("Grunn").fill("Ber unge om å betale for opplæring.")
    moderator.get_by_role("button", name="Suspender").click()
    expect(moderator.get_by_text("Tveit Gartneri er suspendert")).to_be_visible()
    moderator.goto(server.url + "/listings")
    expect(moderator.get_by_role("link", name="Jobbtrening i drivhuset")).to_have_count(0)
    response = moderator.goto(server.url + f"/listings/{listing_id}")
    assert response.status == 410
    expect(moderator.get_by_role("heading", level=1)).to_have_text(
        "Denne annonsen er ikke lenger åpen"
    )
    expect(moderator.get_by_text("Jobbtrening i drivhuset")).to_have_count(0)
    check_page(moderator, "moderation-listing-gone")

    moderator.goto(server.url + "/moderation/audit")
    for action in (
        "organisation:verify",
        "listing:request_changes",
        "listing:approve",
        "organisation:suspend",
    ):
        expect(moderator.locator("code", has_text=action)).to_be_visible()
    check_page(moderator, "audit-log")

    phone.goto(server.url + "/employer")
    expect(phone.get_by_text("Ber unge om å betale for opplæring.")).to_be_visible()
    staff.close()
    work.close()
