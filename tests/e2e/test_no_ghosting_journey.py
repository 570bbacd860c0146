"""On a phone: a young person sees how long each interest has waited and until when the employer
has to answer, a kind word and suggestions for one nobody answered, and on a listing how quickly
its employer answers; the employer sees its own rate and the moderators the unanswered list."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, reminders
from tests import factories
from tests.e2e.conftest import PHONE, log_in


def _sent(session: Session, young, listing, days_ago: float):
    return interests.express_interest(
        session,
        profile=young.profile,
        listing=listing,
        message=None,
        today=local_today(),
        now=utcnow() - timedelta(days=days_ago),
    )


def test_the_waiting_clock_and_the_response_rate_on_a_phone(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        cafe = factories.employer(session, organisation_name="Lund Kafé", email="kafe@example.no")
        listing = factories.published_listing(session, cafe, title="Kafévert på Lund")
        for n in range(5):
            answered = _sent(session, factories.young_person(session, name=f"Ung {n}"), listing, 20)
            interests.employer_step(
                answered, "invite_to_talk", now=utcnow() - timedelta(days=20, hours=-2)
            )
        bakery = factories.employer(
            session, organisation_name="Vågsbygd Bakeri", email="bakeri@example.no"
        )
        quiet = factories.published_listing(session, bakery, title="Bakerlærling")
        for n in range(3):
            factories.published_listing(session, cafe, title=f"Butikkhjelp {n}")
        sara = factories.young_person(session, name="Sara", email="sara@example.no")
        _sent(session, sara, listing, 4)
        _sent(session, sara, quiet, 40)  # nobody answers: it closes
        _sent(session, factories.young_person(session, name="Emil"), quiet, 12)
        reminders.run(session, now=utcnow(), today=local_today())
        factories.staff(session, email="mona@example.no")
        session.commit()
        listing_id, organisation_id = listing.id, cafe.organisation_id

    page = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(page, server, "sara@example.no")
    page.goto(server.url + "/me/interests")
    clock = page.locator(".waiting-clock")
    expect(clock).to_contain_text("Sendt for 4 dager siden")
    expect(clock).to_contain_text("arbeidsgiveren har frist til")
    expect(
        page.get_by_text("Arbeidsgiveren svarte ikke i tide – det handler ikke om deg.")
    ).to_be_visible()
    expect(page.locator(".closed-suggestions li")).to_have_count(3)
    check_page(page, "my-interests-waiting-clock")

    page.goto(server.url + f"/listings/{listing_id}")
    rate = page.locator(".response-rate")
    rate.scroll_into_view_if_needed()
    expect(rate).to_contain_text("Svarer vanligvis innen 1 arbeidsdag")
    expect(rate).to_contain_text("Svarte på 5 av 5 innen 5 arbeidsdager")
    check_page(page, "listing-response-rate")
    page.get_by_role("link", name="Mer om Lund Kafé og annonsene deres").click()
    expect(page).to_have_url(server.url + f"/organisations/{organisation_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lund Kafé")
    check_page(page, "organisation-page")

    employer = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(employer, server, "bakeri@example.no")
    employer.goto(server.url + "/employer")
    expect(employer.get_by_text("Dette trekker ned")).to_be_visible()
    check_page(employer, "employer-own-rate")

    moderator = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(moderator, server, "mona@example.no")
    moderator.goto(server.url + "/moderation/unanswered")
    expect(moderator.locator(".unanswered-card")).to_have_count(1)
    expect(moderator.get_by_text("bakeri@example.no")).to_be_visible()
    check_page(moderator, "moderation-unanswered")
