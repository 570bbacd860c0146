"""Both on phones: a 16-year-old says she is interested with a message, the employer answers in
the conversation, and she sees the answer arrive without reloading, and that hers was read."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import DeclineMessage, Interest, Message, User
from jobbes.models.base import utcnow
from jobbes.services import interests, messages
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
    expect(
        sara.get_by_text("Hei Sara! Kan du komme innom tirsdag kl. 10?", exact=True)
    ).to_be_visible(timeout=POLLED)
    expect(sara.locator(".chat__receipt")).to_have_text("Lest")
    check_page(sara, "young-person-sees-the-answer")

    # She answers; once she has, the employer's open page shows it and that theirs was read.
    sara.get_by_label("Meldingen din").fill("Ja, det passer fint!")
    sara.get_by_role("button", name="Send").click()
    expect(sara.locator(".chat__message--mine").last).to_contain_text("Ja, det passer fint!")
    expect(boss.get_by_text("Ja, det passer fint!", exact=True)).to_be_visible(timeout=POLLED)
    boss.reload()
    expect(boss.locator(".chat__receipt")).to_have_text("Lest")
    check_page(boss, "employer-sees-read")


def test_a_reported_message_reaches_the_moderator_and_an_ended_conversation_reads_on(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(session, employer, title="Kokk på Lund")
        young = factories.findable_young_person(session, name="Sara", age=17)
        young.email = "sara@example.no"
        moderator = factories.staff(session, email="mona@example.no")
        moderator.name = "Mona"
        interest = factories.interest(session, young, listing, message="Hei!")
        messages.send(
            session,
            interest,
            sender=employer,
            body="Send meg BankID-koden din, så registrerer jeg deg.",
            now=utcnow(),
        )
        session.commit()
        interest_id, employer_id = interest.id, employer.id

    sara = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(sara, server, "sara@example.no")
    expect(sara.locator("#messages-link .notification-count")).to_contain_text("1")
    sara.goto(server.url + "/messages")
    check_page(sara, "young-person-conversations")
    sara.goto(server.url + f"/messages/{interest_id}")
    sara.get_by_role("link", name="Meld fra om denne samtalen").click()
    check_page(sara, "report-form")
    sara.get_by_label("Svindel, eller ber om penger").check()
    sara.get_by_role("button", name="Send rapport").click()
    expect(sara.get_by_text("Takk. De ansatte i Varodd leser denne meldingen")).to_be_visible()

    mona = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(mona, server, "mona@example.no")
    mona.goto(server.url + "/moderation/reports")
    mona.get_by_role("link", name="Kokk på Lund").click()
    expect(mona.get_by_text("Send meg BankID-koden din")).to_be_visible()
    expect(mona.locator(".chat .ds-tag")).to_have_text("Meldt fra om")
    check_page(mona, "moderator-reads-the-reported-messages")

    # A page left open in a hidden tab does not read what arrives; shown again, it does.
    sara.goto(server.url + f"/messages/{interest_id}")
    sara.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true})"
    )
    with Session(engine) as session:
        messages.send(
            session,
            session.get_one(Interest, interest_id),
            sender=session.get_one(User, employer_id),
            body="Er du der?",
            now=utcnow(),
        )
        session.commit()
    sara.wait_for_timeout(POLLED - 3_000)
    expect(sara.get_by_text("Er du der?", exact=True)).to_have_count(0)
    with Session(engine) as session:
        unread = select(Message).where(Message.body == "Er du der?", Message.read_at.is_(None))
        assert session.scalars(unread).one()
    sara.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => false})"
    )
    expect(sara.get_by_text("Er du der?", exact=True)).to_be_visible(timeout=POLLED)

    # The employer says no: the conversation is closed, and Sara can still read it.
    with Session(engine) as session:
        ended = session.get_one(Interest, interest_id)
        interests.employer_step(
            ended, "decline", now=utcnow(), decline_message=DeclineMessage.NOT_NOW
        )
        session.commit()
    sara.goto(server.url + f"/messages/{interest_id}")
    expect(sara.locator("#conversation-closed")).to_be_visible()
    expect(sara.get_by_text("Send meg BankID-koden din")).to_be_visible()
    expect(sara.get_by_label("Meldingen din")).to_have_count(0)
    check_page(sara, "closed-conversation")
