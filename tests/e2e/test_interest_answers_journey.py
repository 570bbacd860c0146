"""Both on phones: a young person withdraws only after a second tap, comes back while the listing
is open, and answers the employer's offer; the employer sees the answer."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import Interest
from jobbes.models.base import utcnow
from jobbes.services import interests
from tests import factories
from tests.e2e.conftest import PHONE


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


def test_withdraw_asks_first_comes_back_and_answers_an_offer(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(session, employer, title="Kokk på Lund")
        young = factories.findable_young_person(session, name="Sara")
        young.email = "sara@example.no"
        factories.interest(session, young, listing, message="Jeg lager god mat.")
        session.commit()
        listing_id = listing.id

    sara = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(sara, server, "sara@example.no")
    sara.goto(server.url + "/me/interests")

    # One tap asks; "No, keep it" keeps it.
    sara.get_by_role("link", name="Trekk interessen min").click()
    question = sara.get_by_text("Vil du trekke interessen din for «Kokk på Lund»?")
    expect(question).to_be_visible()
    expect(sara).to_have_url(server.url + "/me/interests")  # asked in place, with htmx
    expect(sara.locator(".confirm-question")).to_be_focused()
    check_page(sara, "withdraw-question")
    sara.get_by_role("link", name="Nei, behold den").click()
    expect(sara.get_by_text("Du sa at du er interessert.")).to_be_visible()

    sara.get_by_role("link", name="Trekk interessen min").click()
    sara.get_by_role("button", name="Ja, trekk den").click()
    expect(sara.get_by_text("Du trakk deg. Arbeidsgiveren får beskjed.")).to_be_visible()
    check_page(sara, "withdrawn")

    # She changes her mind, from the listing.
    sara.goto(server.url + f"/listings/{listing_id}")
    sara.get_by_role("button", name="Jeg er interessert igjen").click()
    expect(sara.get_by_text("Du er interessert igjen.")).to_be_visible()
    expect(sara.get_by_text("Jeg lager god mat.")).to_be_visible()

    with Session(engine) as session:
        interest = session.scalars(select(Interest)).one()
        interests.mark_seen(interest, now=utcnow())
        interests.employer_step(interest, "offer", now=utcnow(), message="Kan du begynne 1. mars?")
        session.commit()

    boss = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(boss, server, "kafe@example.no")
    boss.goto(server.url + f"/employer/listings/{listing_id}/interests")
    expect(boss.locator(".pipeline-status")).to_have_text("Tilbudt – venter på svar")
    expect(boss.get_by_text("Kan du begynne 1. mars?")).to_be_visible()  # what they told her
    check_page(boss, "employer-waits-for-answer")

    sara.goto(server.url + "/me/interests")
    expect(sara.get_by_text("Vil du ha jobben?")).to_be_visible()
    check_page(sara, "offer")
    sara.get_by_role("button", name="Nei takk").click()
    expect(sara.get_by_text("Svart: nei takk. Arbeidsgiveren får beskjed.")).to_be_visible()
    check_page(sara, "offer-declined")

    boss.reload()
    expect(boss.locator(".pipeline-status")).to_have_text("Takket nei til tilbudet")
    check_page(boss, "employer-sees-the-answer")
