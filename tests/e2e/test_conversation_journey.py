"""Both on phones: a 16-year-old says she is interested with a message, the employer answers in
the conversation, and she sees the answer arrive without reloading, and that hers was read."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.conftest import PHONE

# The page asks every 10 seconds; give it one round and some.
POLLED = 15_000


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


def test_a_young_person_and_an_employer_talk_and_see_what_was_read(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, title="Kokk på Lund", minimum_age=15
        )
        young = factories.findable_young_person(session, name="Sara", age=16)
        young.email = "sara@example.no"
        session.commit()
        listing_id = listing.id

    sara = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(sara, server, "sara@example.no")
    sara.goto(server.url + f"/listings/{listing_id}")
    sara.get_by_label("En kort melding til arbeidsgiveren").fill("Jeg elsker å lage mat!")
    sara.get_by_role("button", name="Jeg er interessert").click()
    expect(sara.get_by_text("Du sa at du er interessert.")).to_be_visible()

    # Her conversation is there, opened by her own words, with the notice for under-18s.
    sara.get_by_role("link", name="Meldinger").first.click()
    sara.get_by_role("link", name="Lund Kafé – Kokk på Lund").click()
    expect(sara.get_by_text("Jeg elsker å lage mat!")).to_be_visible()
    expect(sara.locator("#safety-notice")).to_contain_text("BankID")
    expect(sara.locator(".chat__receipt")).to_have_count(0)
    check_page(sara, "young-person-conversation")

    # The employer is told, opens it from the menu and answers; no JavaScript needed for that,
    # but with it the conversation swaps in place.
    boss = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(boss, server, "kafe@example.no")
    expect(boss.locator("#messages-link")).to_be_visible()
    boss.goto(server.url + "/messages")
    check_page(boss, "employer-conversations")
    boss.get_by_role("link", name="Sara – Kokk på Lund").click()
    expect(boss.get_by_text("Jeg elsker å lage mat!")).to_be_visible()
    expect(boss.locator("#safety-notice")).to_contain_text("under 18")
    boss.get_by_label("Meldingen din").fill("Hei Sara! Kan du komme innom tirsdag kl. 10?")
    boss.get_by_role("button", name="Send").click()
    expect(boss.locator(".chat__message--mine").last).to_contain_text("tirsdag kl. 10")
    expect(boss.get_by_label("Meldingen din")).to_have_value("")
    check_page(boss, "employer-replied")

    # Sara's open page shows the answer without a reload, and that her words were read.
    expect(sara.get_by_text("Hei Sara! Kan du komme innom tirsdag kl. 10?")).to_be_visible(
        timeout=POLLED
    )
    expect(sara.locator(".chat__receipt")).to_have_text("Lest")
    check_page(sara, "young-person-sees-the-answer")

    # She answers; once she has, the employer's open page shows it and that theirs was read.
    sara.get_by_label("Meldingen din").fill("Ja, det passer fint!")
    sara.get_by_role("button", name="Send").click()
    expect(sara.locator(".chat__message--mine").last).to_contain_text("Ja, det passer fint!")
    expect(boss.get_by_text("Ja, det passer fint!")).to_be_visible(timeout=POLLED)
    boss.reload()
    expect(boss.locator(".chat__receipt")).to_have_text("Lest")
    check_page(boss, "employer-sees-read")
