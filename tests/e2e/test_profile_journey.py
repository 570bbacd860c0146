"""A young person on a phone: sign up, build the profile step by step, see what employers see,
let employers find them, take their data with them, and delete the account."""

from __future__ import annotations

import json
import time

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import log_in
from tests.e2e.mailbox import confirm_email


def test_young_person_builds_a_profile_and_controls_their_data(
    page: Page, server, check_page, mail
):
    started = time.monotonic()
    page.goto(server.url + "/")
    page.get_by_role("link", name="Lag profilen din").first.click()
    page.get_by_label("Fornavn").fill("Amina")
    page.get_by_label("E-post").fill("amina@example.no")
    page.get_by_label("Fødselsdato").fill(factories.years_ago(16).isoformat())
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Lag konto").click()
    confirm_email(page, server, mail, "amina@example.no", check_page)

    # Step 1: what are you looking for?
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva vil du?")
    expect(page.get_by_text("Steg 1 av 4")).to_be_visible()
    check_page(page, "step-1-wishes")
    page.get_by_label("Jobbtrening").check()
    page.get_by_label("Sommerjobb").check()
    page.get_by_label("Mat og servering").check()
    page.get_by_label("Barn og skole").check()
    page.get_by_role("button", name="Lagre og gå videre").click()

    # Step 2: where and when?
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvor og når?")
    check_page(page, "step-2-where-and-when")
    page.get_by_label("Hvor bor du?").select_option(label="Vågsbygd")
    page.get_by_label("Inntil 30 minutter").check()
    page.get_by_label("Hverdager").check()
    page.get_by_label("Helger").check()
    page.get_by_role("button", name="Lagre og gå videre").click()

    # Step 3: skills and languages.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva er du god på?")
    check_page(page, "step-3-skills")
    page.get_by_label("Matlaging").check()
    page.get_by_label("Flink med barn").check()
    page.get_by_label("Noe annet du er god på?").fill("Fotballtrener")
    page.locator("#norwegian").get_by_label("Godt").check()
    page.locator("#english").get_by_label("Flytende").check()
    page.get_by_label("Et annet språk").select_option(label="Somali")
    page.get_by_label("Hvor godt?").first.select_option(label="Morsmål")
    page.get_by_role("button", name="Lagre og gå videre").click()

    # Step 4: about you, with the counter and the inline check as she types.
    expect(page.get_by_role("heading", level=1)).to_have_text("Om deg")
    page.get_by_label("Fortell litt om deg selv").press_sequentially(
        "Jeg elsker å lage mat", delay=5
    )
    expect(page.get_by_text("21 av 300 tegn")).to_be_visible()
    page.get_by_label("E-posten deres").press_sequentially("rita@", delay=5)
    expect(page.locator("#contact_email-error")).to_contain_text("Skriv hele e-postadressen")
    check_page(page, "step-4-about-checking")
    page.get_by_label("E-posten deres").fill("rita@skole.example.no")
    page.get_by_label("Navnet på en som hjelper deg").fill("Rita Rådgiver")
    page.get_by_role("button", name="Lagre", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    expect(page.get_by_text("Profilen din er lagret.")).to_be_visible()
    elapsed = time.monotonic() - started
    print(f"\nsign-up to complete profile in the browser: {elapsed:.1f} s")
    check_page(page, "profile-overview")

    # See what employers see: an age, never the birth date.
    page.get_by_role("link", name="Se det arbeidsgivere ser").first.click()
    expect(page.get_by_role("heading", name="Amina, 16 år")).to_be_visible()
    expect(page.get_by_text("Under 18 år")).to_be_visible()
    birth_date = factories.years_ago(16)
    assert birth_date.isoformat() not in page.content()
    assert birth_date.strftime("%d.%m.%Y") not in page.content()
    check_page(page, "preview")

    page.get_by_role("link", name="Endre profilen min").click()
    page.get_by_role("button", name="La arbeidsgivere finne meg").click()
    expect(page.get_by_text("Takk! En veileder går gjennom profilen din")).to_be_visible()
    check_page(page, "discoverable-in-review")

    # My page now shows a complete profile.
    page.get_by_role("link", name="Min side").click()
    expect(page.get_by_role("heading", name="Profilen din er ferdig")).to_be_visible()
    check_page(page, "me-complete")

    # Take the data along.
    page.get_by_role("main").get_by_role("link", name="Mine data og konto").click()
    check_page(page, "my-data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned dataene mine (JSON-fil)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "amina@example.no"
    assert data["profile"]["birth_date"] == birth_date.isoformat()
    assert data["profile"]["languages"] == {"nb": 2, "en": 3, "so": 4}

    # And leave.
    page.get_by_role("link", name="Slett kontoen min").click()
    check_page(page, "delete-confirm")
    page.get_by_role("button", name="Slett kontoen min for godt").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    check_page(page, "delete-errors")
    page.get_by_label("Jeg forstår at kontoen min").check()
    page.get_by_label("Passordet ditt").fill("et-godt-passord")
    page.get_by_role("button", name="Slett kontoen min for godt").click()
    expect(page.get_by_text("Kontoen din og alt i den er slettet.")).to_be_visible()
    check_page(page, "deleted")

    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill("amina@example.no")
    page.get_by_label("Passord").fill("et-godt-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_text("E-postadressen eller passordet er feil.")).to_be_visible()


def test_profile_steps_work_without_javascript(browser, server, engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        factories.young_person(session, email="nojs@example.no", name="Nils")
        session.commit()
    context = browser.new_context(
        java_script_enabled=False,
        locale="nb-NO",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    log_in(page, server, "nojs@example.no")
    page.goto(server.url + "/me/profile/about")
    page.get_by_label("Fornavn eller kallenavn").fill("")
    page.get_by_label("Fortell litt om deg selv").fill("Kort og godt.")
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Skriv navnet du vil bli kalt.")
    # No axe scan here: it is JavaScript, and these pages were scanned with it on.
    page.get_by_label("Fornavn eller kallenavn").fill("Nils")
    page.get_by_role("button", name="Lagre og fortsett senere").click()
    expect(page.get_by_text("Lagret. Du kan fortsette når du vil.")).to_be_visible()
    context.close()
