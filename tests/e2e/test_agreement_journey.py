"""A trial agreement on phones, from draft to signed: the employer fills it in, a schedule that
breaks the working-hours rules for a 16-year-old is refused with its sentence, the fixed one is
sent, and the young person, the employer, the programme's contact and a guardian (through the
emailed link, with no account) sign it; then everyone has the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from io import BytesIO

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlalchemy.orm import Session

from jobbes.models.base import local_today, utcnow
from jobbes.services import interests
from jobbes.working_hours import kristiansand
from tests import factories
from tests.e2e.conftest import PHONE, RESULTS, log_in
from tests.e2e.mailbox import link_to


def school_week() -> tuple:
    calendar = kristiansand()
    monday = local_today() + timedelta(days=14)
    monday -= timedelta(days=monday.weekday())
    while not all(calendar.is_teaching_day(monday + timedelta(days=n)) for n in range(5)):
        monday += timedelta(days=7)
    return monday, monday + timedelta(days=4)


def phone(browser: Browser) -> Page:
    return browser.new_context(**PHONE, locale="nb-NO").new_page()


def fill_pattern(page: Page, start: str, end: str, pause: str, check_page=None) -> None:
    page.get_by_role("link", name="Endre dager og tider").click()
    if check_page is not None:
        check_page(page, "schedule")
    page.locator("#pattern-start").fill(start)
    page.locator("#pattern-end").fill(end)
    page.locator("#pattern-break").fill(pause)
    page.get_by_role("button", name="Fyll ut dagene").click()
    expect(page.get_by_text("Dagene er lagret.")).to_be_visible()


def sign(page: Page, name: str) -> None:
    page.get_by_label("Jeg har lest avtalen og er enig i den").check()
    page.locator("#name").fill(name)
    page.get_by_role("button", name="Jeg er enig – signer").click()
    expect(page.get_by_text("Signert.", exact=False).first).to_be_visible()


def test_an_agreement_from_draft_to_signed_by_everyone(
    browser: Browser, server, check_page, engine, mail
):
    first, last = school_week()
    with Session(engine) as session:
        factories.staff(session, email="mona@example.no")
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(session, employer, title="Kokk på Lund")
        sara = factories.young_person(session, name="Sara", age=16, email="sara@example.no")
        interest = factories.interest(session, sara, listing)
        interests.employer_step(
            interest, "agree_trial", now=utcnow(), trial_start=first, trial_end=last
        )
        session.commit()
        listing_id = listing.id

    # The employer opens the agreement from the interest's card and fills it in.
    boss = phone(browser)
    log_in(boss, server, "kafe@example.no")
    boss.goto(server.url + f"/employer/listings/{listing_id}/interests")
    boss.get_by_role("link", name="Avtalen om jobbtrening: les og signer").click()
    expect(boss.get_by_role("heading", level=1)).to_have_text("Avtale om jobbtrening")
    check_page(boss, "employer-draft")
    boss.get_by_role("link", name="Endre vilkårene").click()
    boss.locator("#contact_name").fill("Per Kontakt")
    boss.locator("#contact_role").fill("Kjøkkensjef")
    boss.locator("#contact_phone").fill("912 34 567")
    boss.locator("#place").fill("Markens gate 1, Kristiansand")
    boss.locator("#tasks").fill("Kutte grønnsaker og ta oppvasken.")
    boss.get_by_label("Arbeidserfaring").check()
    boss.locator("#safety_equipment").fill("Vernesko og forkle")
    check_page(boss, "employer-terms")
    boss.get_by_role("button", name="Lagre").click()
    expect(boss.get_by_text("Avtalen er lagret.")).to_be_visible()

    # Weekdays 09–14 is too much for a 16-year-old in a school week: refused, with the rule.
    fill_pattern(boss, "09:00", "14:00", "30", check_page)
    violations = boss.locator("#violations")
    expect(violations).to_contain_text("er for mye for en 16-åring")
    expect(violations).to_contain_text("aml. § 11-2 (2)")
    expect(boss.get_by_role("button", name="Send til signering")).to_have_count(0)
    check_page(boss, "rule-broken")

    # The programme's contact takes it on.
    mona = phone(browser)
    log_in(mona, server, "mona@example.no")
    mona.goto(server.url + "/agreements")
    mona.get_by_role("link", name="Kokk på Lund").click()
    mona.get_by_role("link", name="Endre vilkårene").click()
    mona.locator("#programme_contact").select_option(label="Mona Moderator")
    mona.get_by_role("button", name="Lagre").click()
    expect(mona.get_by_text("Avtalen er lagret.")).to_be_visible()

    # Fixed: two hours in the afternoon fit, and it goes to be signed.
    boss.reload()
    fill_pattern(boss, "15:00", "17:00", "0")
    expect(boss.locator("#violations")).to_have_count(0)
    boss.get_by_role("button", name="Send til signering").click()
    expect(boss.get_by_text("Sendt. Alle blir bedt om å lese og signere avtalen.")).to_be_visible()
    check_page(boss, "sent")
    sign(boss, "Kari Arbeidsgiver")

    # Sara names her guardian, who is emailed a link, and signs.
    young = phone(browser)
    log_in(young, server, "sara@example.no")
    young.goto(server.url + "/me/interests")
    young.get_by_role("link", name="Avtalen om jobbtrening: les og signer").click()
    check_page(young, "young-person-to-sign")
    young.locator("#guardian-name").fill("Gro Verge")
    young.locator("#guardian-email").fill("gro@example.no")
    young.get_by_role("button", name="Lagre").click()
    expect(young.get_by_text("Vi sendte lenken for signering")).to_be_visible()
    sign(young, "Sara")

    mona.reload()
    sign(mona, "Mona Moderator")
    expect(mona.get_by_text("Forelder eller foresatt: ikke signert ennå")).to_be_visible()

    # The guardian, with no account.
    guardian = phone(browser)
    link = link_to(mail, "gro@example.no", "/agreements/guardian")
    guardian.goto(link)
    expect(guardian.get_by_role("heading", level=1)).to_have_text("En avtale om jobbtrening")
    expect(guardian.get_by_text("Per Kontakt").first).to_be_visible()
    check_page(guardian, "guardian-reads")
    guardian.get_by_label("Jeg har lest avtalen og er enig i den").check()
    guardian.locator("#name").fill("Gro Verge")
    guardian.get_by_role("button", name="Jeg er enig – signer").click()
    expect(guardian.get_by_role("heading", level=1)).to_have_text("Takk for at du signerte")
    check_page(guardian, "guardian-signed")
    guardian.goto(link)
    expect(guardian.get_by_text("Denne lenken er allerede brukt")).to_be_visible()
    check_page(guardian, "guardian-link-used")

    # Signed by everyone; Sara keeps the PDF.
    young.reload()
    expect(young.locator(".agreement-status")).to_contain_text("Signert")
    check_page(young, "signed")
    pdf = young.request.get(young.url.split("#")[0] + ".pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    for words in ("Avtale om jobbtrening", "Sara", "Per Kontakt", "Gro Verge", "15:00–17:00"):
        assert words in text, words
    folder = RESULTS / "agreement-pdf"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agreement.pdf").write_bytes(pdf.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "agreement.pdf", "page"],
            cwd=folder,
            check=True,
        )
    young.goto(young.url.split("#")[0] + "/print")
    expect(young.get_by_role("heading", level=1)).to_have_text("Avtale om jobbtrening")
    check_page(young, "printable")
