"""An employer, on a laptop and on a phone: register, write a job trial, preview, send for
review, and be told clearly when a summer job lacks its pay."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import LAPTOP, PHONE
from tests.e2e.mailbox import confirm_email

ORG_NUMBERS = {"laptop": "974760673", "phone": "915650155"}


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_employer_posts_a_job_trial_in_minutes(browser: Browser, server, check_page, device, mail):
    context = browser.new_context(**(LAPTOP if device == "laptop" else PHONE), locale="nb-NO")
    page: Page = context.new_page()
    started = time.monotonic()

    page.goto(server.url + "/auth/register/employer")
    page.get_by_label("Navnet på virksomheten").fill("Lund Omsorgssenter")
    page.get_by_label("Organisasjonsnummer").fill(ORG_NUMBERS[device])
    page.get_by_label("Navnet ditt").fill("Kari Nordmann")
    page.get_by_label("E-post på jobben").fill(f"kari-{device}@lund.example.no")
    page.get_by_label("Velg et passord").fill("et-godt-passord")
    page.get_by_role("button", name="Registrer virksomheten").click()
    confirm_email(page, server, mail, f"kari-{device}@lund.example.no", check_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lund Omsorgssenter")
    check_page(page, f"{device}-employer-home-empty")

    page.get_by_role("link", name="Legg ut jobbtrening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny annonse")
    check_page(page, f"{device}-new-listing")
    page.get_by_label("Tittel").fill("Hjelper på sykehjem")
    page.get_by_label("Hva skal ungdommen gjøre?").fill(
        "Du går tur med beboerne, hjelper til ved måltidene og prater med folk."
    )
    page.get_by_label("Fagområde").select_option(label="Helse og omsorg")
    page.get_by_label("Ingen erfaring nødvendig").check()
    page.get_by_label("En fast kontaktperson eller fadder").check()
    page.get_by_label("Hvor er arbeidsplassen?").select_option(label="Lund")
    page.get_by_label("Finansiert gjennom NAV").check()
    page.get_by_role("button", name="Lagre og forhåndsvis").click()

    expect(page.get_by_role("heading", name="Slik ser unge annonsen")).to_be_visible()
    expect(page.get_by_role("heading", name="Hjelper på sykehjem", level=3)).to_be_visible()
    check_page(page, f"{device}-preview")
    page.get_by_role("button", name="Send til gjennomgang").click()
    expect(page.get_by_text("Sendt til gjennomgang! En moderator går gjennom den")).to_be_visible()
    elapsed = time.monotonic() - started
    print(f"\n{device}: registration to a job trial sent for review: {elapsed:.1f} s")

    page.get_by_role("link", name="Alle annonser").click()
    group = page.get_by_role("region", name="Venter på gjennomgang")
    expect(group.get_by_role("link", name="Hjelper på sykehjem")).to_be_visible()
    expect(group.get_by_text("venter i")).to_be_visible()
    check_page(page, f"{device}-waiting-for-review")

    # A summer job without pay is refused, with the message by the field.
    page.get_by_role("link", name="Legg ut en annen type annonse").click()
    page.get_by_label("Sommerjobb").check()
    expect(page.locator("input[name=trial_pay]")).to_have_count(0)  # htmx swapped the pay field
    page.get_by_label("Tittel").fill("Sommerjobb på kjøkkenet")
    page.get_by_label("Hva skal ungdommen gjøre?").fill("Oppvask og enkel matlaging.")
    page.get_by_label("Fagområde").select_option(label="Mat og servering")
    page.get_by_label("Hvor er arbeidsplassen?").select_option(label="Lund")
    page.get_by_role("button", name="Lagre og forhåndsvis").click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Skriv hva jobben betaler.")
    expect(page.locator("#pay-error")).to_contain_text("Jobber og sommerjobber må oppgi lønn.")
    check_page(page, f"{device}-missing-pay")
    context.close()
