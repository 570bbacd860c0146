"""Invitations in a browser: an employer, on a laptop, finds a young person among the suggestions
and invites them; she, on a phone, says yes and gets a job trial with dates. Another young person
says no thanks, and the employer sees that. Then a few pages no other browser test shows: the
young person's page with suggestions, a search that finds nothing, and a second page of results.
"""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today
from jobbes.vocabulary import OccupationalField
from tests import factories
from tests.e2e.conftest import LAPTOP, PHONE, log_in, open_details


def invite(laptop: Page, server, listing_id: int, name: str, message: str) -> None:
    """On the suggestions page, invite the young person called `name` with a short message."""
    laptop.goto(f"{server.url}/employer/listings/{listing_id}/suggestions")
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Foreslåtte ungdommer")
    card = laptop.get_by_role("article").filter(
        has=laptop.get_by_role("heading", name=re.compile(rf"^{name}, \d+ år$"), level=2)
    )
    expect(card).to_have_count(1)
    card.get_by_label("Noen ord til ungdommen").fill(message)
    card.get_by_role("button", name="Inviter til å søke").click()
    expect(
        laptop.get_by_text("Invitert! Svaret ser du i listen over interesserte ungdommer.")
    ).to_be_visible()


def test_an_employer_invites_a_young_person_who_says_yes_and_gets_a_trial(
    browser: Browser, server, check_page, engine
):
    today = local_today()
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Kvadraturen Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, title="Kjøkkenhjelp på kafé", field=OccupationalField.FOOD_RESTAURANT
        )
        nora = factories.findable_young_person(session, name="Nora", age=17)
        listing_id, nora_email = listing.id, nora.email
        session.commit()

    work = browser.new_context(**LAPTOP, locale="nb-NO")
    laptop = work.new_page()
    log_in(laptop, server, "kafe@example.no")
    laptop.goto(f"{server.url}/employer/listings/{listing_id}/suggestions")
    expect(laptop.get_by_role("heading", name="Nora, 17 år", level=2)).to_be_visible()
    # The details open in a 0.4 s transition: let it finish, or the screenshot cuts it off.
    open_details(laptop.get_by_text("Profilen", exact=True))
    expect(laptop.get_by_text("Jeg vil gjerne jobbe.")).to_be_visible()
    check_page(laptop, "employer-suggestions")
    invite(laptop, server, listing_id, "Nora", "Hei Nora! Vi tror du passer hos oss.")
    # Once invited, she is no longer among the suggestions.
    expect(laptop.get_by_role("heading", name="Nora, 17 år")).to_have_count(0)
    check_page(laptop, "employer-suggestions-invited")

    # Nora, on her phone, sees the invitation on her page and answers it.
    young = browser.new_context(**PHONE, locale="nb-NO")
    phone = young.new_page()
    log_in(phone, server, nora_email)
    expect(phone).to_have_url(server.url + "/me")
    expect(
        phone.get_by_role("heading", name="En arbeidsgiver inviterer deg til å søke")
    ).to_be_visible()
    check_page(phone, "me-invited")
    phone.get_by_role("link", name="Se invitasjonene og svar").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mine interesser")
    card = phone.get_by_role("article", name="Kjøkkenhjelp på kafé")
    expect(card.get_by_text("Arbeidsgiveren inviterer deg til å søke.")).to_be_visible()
    expect(card.get_by_text("Hei Nora! Vi tror du passer hos oss.")).to_be_visible()
    check_page(phone, "my-interests-invited")
    card.get_by_label("En kort melding til arbeidsgiveren").fill(
        "Ja, gjerne! Jeg kan etter skolen."
    )
    card.get_by_role("button", name="Ja, jeg er interessert").click()
    expect(phone.get_by_text("Sendt! Arbeidsgiveren får profilen din.")).to_be_visible()
    expect(card.get_by_text("Du sa at du er interessert.")).to_be_visible()
    expect(card.get_by_role("button", name="Ja, jeg er interessert")).to_have_count(0)
    check_page(phone, "my-interests-accepted")

    # The employer sees her in the pipeline and agrees a trial with dates.
    laptop.goto(f"{server.url}/employer/listings/{listing_id}/interests")
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Interesserte ungdommer")
    expect(laptop.get_by_role("heading", name="Nora, 17 år")).to_be_visible()
    expect(laptop.get_by_text("Ja, gjerne! Jeg kan etter skolen.")).to_be_visible()
    check_page(laptop, "employer-pipeline-accepted")
    start, end = today + timedelta(days=7), today + timedelta(days=11)
    laptop.get_by_text("Avtal jobbtrening").first.click()
    laptop.get_by_label("Jobbtreningen starter").fill(start.isoformat())
    laptop.get_by_label("Jobbtreningen slutter").fill(end.isoformat())
    laptop.get_by_role("textbox", name="Melding til ungdommen").fill("Møt opp klokka 9.")
    laptop.get_by_role("button", name="Avtal jobbtrening").click()
    expect(laptop.get_by_text("Ferdig. Ungdommen ser det på sin side.")).to_be_visible()
    expect(laptop.locator(".pipeline-status")).to_have_text("Jobbtrening avtalt")
    check_page(laptop, "employer-pipeline-trial")

    # Nora sees the dates.
    phone.goto(server.url + "/me/interests")
    card = phone.get_by_role("article", name="Kjøkkenhjelp på kafé")
    expect(card.get_by_text("Jobbtrening avtalt.")).to_be_visible()
    expect(card.get_by_text("Møt opp klokka 9.")).to_be_visible()
    expect(
        card.get_by_text(re.compile(rf"^Jobbtrening: {start.day}\. \w+ – {end.day}\. \w+$"))
    ).to_be_visible()
    check_page(phone, "my-interests-trial")
    young.close()
    work.close()


def test_an_invited_young_person_says_no_thanks(browser: Browser, server, check_page, engine):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Kvadraturen Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, title="Kjøkkenhjelp på kafé", field=OccupationalField.FOOD_RESTAURANT
        )
        factories.findable_young_person(session, name="Nora")
        jonas = factories.findable_young_person(session, name="Jonas", age=18)
        listing_id, jonas_email = listing.id, jonas.email
        session.commit()

    work = browser.new_context(**LAPTOP, locale="nb-NO")
    laptop = work.new_page()
    log_in(laptop, server, "kafe@example.no")
    laptop.goto(f"{server.url}/employer/listings/{listing_id}/suggestions")
    expect(laptop.get_by_role("heading", name=re.compile(r"^(Nora|Jonas), \d+ år$"))).to_have_count(
        2
    )
    check_page(laptop, "employer-suggestions-two")
    invite(laptop, server, listing_id, "Jonas", "Hei Jonas, vil du prøve?")
    expect(laptop.get_by_role("heading", name="Nora, 19 år")).to_be_visible()

    young = browser.new_context(**PHONE, locale="nb-NO")
    phone = young.new_page()
    log_in(phone, server, jonas_email)
    phone.goto(server.url + "/me/interests")
    card = phone.get_by_role("article", name="Kjøkkenhjelp på kafé")
    expect(card.get_by_text("Hei Jonas, vil du prøve?")).to_be_visible()
    card.get_by_role("button", name="Nei takk").click()
    expect(phone.get_by_text("Svart: nei takk.")).to_be_visible()
    expect(card.get_by_text("Du sa nei takk.")).to_be_visible()
    expect(card.get_by_role("button", name="Nei takk")).to_have_count(0)
    check_page(phone, "my-interests-declined")
    phone.goto(server.url + "/me")
    expect(
        phone.get_by_role("heading", name="En arbeidsgiver inviterer deg til å søke")
    ).to_have_count(0)
    check_page(phone, "me-after-declining")

    # The employer's pipeline says so (the card may no longer show who it was).
    laptop.goto(f"{server.url}/employer/listings/{listing_id}/interests")
    expect(laptop.locator(".pipeline-status")).to_have_text("Sa nei takk")
    check_page(laptop, "employer-pipeline-declined")
    young.close()
    work.close()


def test_my_page_with_suggestions_and_searches_with_none_and_many_results(
    page: Page, server, check_page, engine
):
    """`page` is a phone (see browser_context_args in conftest.py)."""
    with Session(engine) as session:
        moderator = factories.staff(session)
        employer = factories.employer(session, organisation_name="Sørlandets Lager AS")
        factories.published_listing(
            session,
            employer,
            moderator,
            title="Kjøkkenhjelp på kafé",
            field=OccupationalField.FOOD_RESTAURANT,
        )
        for number in range(1, 26):
            factories.published_listing(
                session,
                employer,
                moderator,
                title=f"Lagermedarbeider {number}",
                field=OccupationalField.WAREHOUSE_LOGISTICS,
            )
        mia = factories.findable_young_person(session, name="Mia", age=16)
        mia_email = mia.email
        session.commit()

    log_in(page, server, mia_email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Mia!")
    expect(page.get_by_role("heading", name="Profilen din er ferdig")).to_be_visible()
    suggestions = page.locator("section", has=page.get_by_role("heading", name="Forslag til deg"))
    expect(suggestions.get_by_role("heading", name="Kjøkkenhjelp på kafé", level=3)).to_be_visible()
    check_page(page, "me-with-suggestions")

    page.goto(server.url + "/listings?q=xyzzyqq")
    expect(page.locator("#results-count")).to_have_text("0 annonser")
    expect(
        page.get_by_text("Ingenting passer med alt dette. Prøv færre ord eller filtre.")
    ).to_be_visible()
    check_page(page, "search-no-results")

    page.goto(server.url + "/listings?q=lagermedarbeider")
    expect(page.locator("#results-count")).to_have_text("25 annonser · side 1 av 2")
    expect(page.locator("#results h2")).to_have_count(20)
    pages = page.get_by_role("navigation", name="Sider")
    expect(pages.get_by_role("link", name="Forrige")).to_have_count(0)
    check_page(page, "search-page-1")
    pages.get_by_role("link", name="Neste").click()
    expect(page.locator("#results-count")).to_have_text("25 annonser · side 2 av 2")  # by htmx
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#results h2")).to_have_count(5)
    expect(pages.get_by_role("link", name="Neste")).to_have_count(0)
    expect(pages.get_by_role("link", name="Forrige")).to_be_visible()
    check_page(page, "search-page-2")
