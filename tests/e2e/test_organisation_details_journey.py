"""An employer changes what the public sees of the organisation; a moderator compares and approves
it from the organisation queue. Then the employer looks at their own data and what leaving does."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from jobbes.models.base import utcnow
from jobbes.services import organisations
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE
from tests.e2e.test_moderation_journey import log_in


def test_changed_details_are_reviewed_before_young_people_see_them(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        moderator = factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        employer = factories.employer(
            session, organisation_name="Tveit Gartneri", email="gartner@example.no"
        )
        organisations.verify(session, employer.organisation, moderator=moderator, now=utcnow())
        factories.published_listing(session, employer, moderator, title="Jobbtrening i drivhuset")
        session.commit()

    work = browser.new_context(**PHONE, locale="nb-NO")
    phone = work.new_page()
    log_in(phone, server, "gartner@example.no")
    phone.goto(server.url + "/employer/organisation")
    phone.get_by_label("Om virksomheten").fill("Vi dyrker tomater og agurker i Tveit.")
    phone.get_by_role("button", name="Lagre opplysningene").click()
    expect(phone.get_by_text("Endringene dine venter på gjennomgang")).to_be_visible()
    check_page(phone, "employer-details-waiting")

    staff = browser.new_context(**LAPTOP, locale="nb-NO")
    laptop = staff.new_page()
    log_in(laptop, server, "mona@varodd.no")
    laptop.goto(server.url + "/moderation/organisations")
    expect(laptop.get_by_text("Endrede opplysninger til gjennomgang")).to_be_visible()
    check_page(laptop, "organisation-queue")
    laptop.get_by_role("link", name="Tveit Gartneri").click()
    expect(laptop.get_by_role("heading", level=1)).to_have_text(
        "Endrede opplysninger: Tveit Gartneri"
    )
    expect(laptop.get_by_role("table")).to_contain_text("Vi dyrker tomater")
    check_page(laptop, "details-review")
    laptop.get_by_role("button", name="Godkjenn").click()
    expect(laptop.get_by_text("Godkjent: Tveit Gartneri")).to_be_visible()

    phone.goto(server.url + "/listings")
    phone.get_by_role("link", name="Jobbtrening i drivhuset").click()
    expect(phone.get_by_text("Vi dyrker tomater og agurker i Tveit.")).to_be_visible()

    phone.get_by_role("link", name="Mine data og konto").click()
    expect(phone.get_by_text("Virksomheten din")).to_be_visible()
    check_page(phone, "employer-own-data")
    phone.get_by_role("link", name="Slett kontoen min").click()
    expect(phone.get_by_text("Du er den siste fra Tveit Gartneri på Jobbes")).to_be_visible()
    check_page(phone, "employer-delete")
    work.close()
    staff.close()
