"""Two moderators with the same listing open: the second to approve is told, in place, that the
first was quicker, and sees the listing as it is now."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.services import listings, organisations
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE
from tests.e2e.test_moderation_journey import log_in


def test_the_second_moderator_to_decide_is_told_who_was_quicker(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        first = factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        factories.staff(session, role=Role.MODERATOR, email="per@varodd.no")
        employer = factories.employer(session, organisation_name="Tveit Gartneri")
        organisations.verify(session, employer.organisation, moderator=first, now=utcnow())
        listing = factories.listing(session, employer, title="Jobbtrening i drivhuset")
        listings.submit_listing(listing, today=local_today(), now=utcnow())
        session.commit()
        review = f"/moderation/listings/{listing.current_version_id}"

    pages = []
    for email, screen in (("mona@varodd.no", LAPTOP), ("per@varodd.no", PHONE)):
        page = browser.new_context(**screen, locale="nb-NO").new_page()
        log_in(page, server, email)
        page.goto(server.url + review)
        expect(page.get_by_role("button", name="Godkjenn")).to_be_visible()
        pages.append(page)
    mona, per = pages

    mona.get_by_role("button", name="Godkjenn").click()
    expect(mona.get_by_text("Godkjent:", exact=False)).to_be_visible()

    per.get_by_role("button", name="Godkjenn").click()
    expect(per.get_by_text("En annen moderator godkjente dette akkurat nå.")).to_be_visible()
    expect(per.get_by_text("Denne versjonen venter ikke på gjennomgang.")).to_be_visible()
    expect(per.get_by_role("button", name="Godkjenn")).to_have_count(0)
    assert per.url == server.url + review
    check_page(per, "second-moderator-told")
