"""Employer sign-up on a phone when Brønnøysundregistrene cannot be reached (the browser tests'
server asks no register): the lookup says so, and sign-up goes on with what is typed."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.mailbox import confirm_email


def test_sign_up_goes_on_when_the_register_does_not_answer(page: Page, server, check_page, mail):
    page.goto(server.url + "/auth/register/employer")
    check_page(page, "sign-up")
    page.get_by_role("textbox", name="Fyll ut fra Brønnøysundregistrene").fill("923609016")
    page.get_by_role("button", name="Slå opp").click()
    expect(page.get_by_text("Registeret svarte ikke akkurat nå")).to_be_visible()
    expect(page.get_by_label("Organisasjonsnummer", exact=True)).to_have_value("923609016")
    check_page(page, "looked-up-without-answer")
    page.get_by_label("Navnet på virksomheten").fill("Kafeen i Markens")
    page.get_by_label("Navnet ditt").fill("Kari Nordmann")
    page.get_by_label("E-post på jobben").fill("kari@kafeen.no")
    page.get_by_label("Velg et passord").fill("long-enough-password")
    # Enter registers: the lookup is a form of its own, so it is not the default button.
    page.get_by_label("Velg et passord").press("Enter")
    confirm_email(page, server, mail, "kari@kafeen.no", check_page)
    expect(page).to_have_url(server.url + "/employer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kafeen i Markens")
