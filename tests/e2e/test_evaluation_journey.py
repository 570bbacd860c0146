"""After a trial, on phones: the employer evaluates it with an offer of a job, the young person
reads the employer's words, agrees and writes their part, finds the offer among their interests,
and downloads their trial certificate with the employer's words on it."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlalchemy.orm import Session

from jobbes.models.base import local_today, utcnow
from jobbes.services import evaluations
from tests import factories
from tests.e2e.conftest import PHONE, RESULTS, log_in


def phone(browser: Browser) -> Page:
    return browser.new_context(**PHONE, locale="nb-NO").new_page()


def test_a_trial_evaluated_with_an_offer_and_a_certificate(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        moderator = factories.staff(session, email="mona@example.no")
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        sara = factories.young_person(session, name="Sara", age=19, email="sara@example.no")
        agreement = factories.finished_agreement(
            session, young=sara, employer_user=employer, moderator=moderator
        )
        # The scheduler's round on the trial's last day asks both sides.
        evaluations.run(session, today=local_today(), now=utcnow())
        session.commit()
        agreement_id = agreement.id

    # The employer sees the missing evaluation in their area and writes it: a job offer.
    boss = phone(browser)
    log_in(boss, server, "kafe@example.no")
    boss.goto(server.url + "/employer")
    reminder = boss.get_by_role("region", name="En jobbtrening venter på evalueringen deres")
    expect(reminder).to_be_visible()
    check_page(boss, "employer-area")
    boss.goto(server.url + f"/agreements/{agreement_id}")
    expect(boss.get_by_text("Ingen av delene er fylt ut ennå.")).to_be_visible()
    boss.get_by_role("link", name="Åpne evalueringen").click()
    expect(boss.get_by_role("heading", level=1)).to_have_text("Evaluering av jobbtreningen")
    # An offer without its start date is refused with a clear message.
    boss.get_by_label("Kom hver dag").check()
    boss.locator("#went_well").fill("Møtte presis og var blid med gjestene.")
    boss.locator("#to_work_on").fill("Spør når noe er uklart.")
    boss.get_by_label("Tilbud om jobb").check()
    boss.get_by_label("Deltid").check()
    boss.get_by_role("button", name="Lagre arbeidsplassens del").click()
    expect(boss.locator(".ds-error-summary")).to_contain_text("Skriv når jobben starter")
    check_page(boss, "employer-refused")
    boss.locator("#offer_start").fill("2030-01-07")
    boss.get_by_role("button", name="Lagre arbeidsplassens del").click()
    expect(boss.get_by_text("Takk. Din del av evalueringen er lagret.")).to_be_visible()
    expect(boss.get_by_text("Ungdommen har ikke fylt ut sin del ennå.")).to_be_visible()
    check_page(boss, "employer-done")

    # The young person reads the employer's words, agrees, and writes their part.
    young = phone(browser)
    log_in(young, server, "sara@example.no")
    young.goto(server.url + f"/agreements/{agreement_id}/evaluation")
    expect(young.get_by_text("Møtte presis og var blid med gjestene.")).to_be_visible()
    check_page(young, "young-form")
    young.locator("#how_it_was").fill("Jeg lærte mye på kjøkkenet.")
    young.get_by_label("Ja, jeg er enig").check()
    young.get_by_role("button", name="Lagre min del").click()
    expect(young.get_by_text("Takk. Din del av evalueringen er lagret.")).to_be_visible()
    check_page(young, "young-done")

    # The offer is waiting among their interests.
    young.get_by_role("link", name="Svar på tilbudet under interessene dine").click()
    expect(young.get_by_role("button", name="Ja, jeg tar jobben")).to_be_visible()
    check_page(young, "offer")

    # The certificate: a page and a PDF with readable text and the agreed words.
    young.goto(server.url + f"/agreements/{agreement_id}/evaluation")
    young.get_by_role("link", name="Attesten din for jobbtreningen").click()
    expect(young.get_by_role("heading", level=1)).to_have_text("Attest for jobbtrening")
    check_page(young, "certificate")
    pdf = young.request.get(server.url + f"/agreements/{agreement_id}/certificate.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    for words in (
        "Attest for jobbtrening",
        "Sara",
        "Lund Kafé",
        "Kutte grønnsaker",
        "Møtte presis",
    ):
        assert words in text, words
    folder = RESULTS / "certificate-pdf"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "certificate.pdf").write_bytes(pdf.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "certificate.pdf", "page"],
            cwd=folder,
            check=True,
        )

    # The employer reads the young person's part now, and never the certificate.
    boss.reload()
    expect(boss.get_by_text("Jeg lærte mye på kjøkkenet.")).to_be_visible()
    assert (
        boss.request.get(server.url + f"/agreements/{agreement_id}/certificate.pdf").status == 404
    )


def test_the_follow_up_question_is_answered_with_one_tap_on_me(
    browser: Browser, server, check_page, engine
):
    from sqlalchemy import select

    from jobbes.models import FollowUp
    from jobbes.models.base import utcnow

    with Session(engine) as session:
        sara = factories.young_person(session, name="Sara", age=19, email="sara@example.no")
        agreement = factories.finished_agreement(session, young=sara)
        session.add(FollowUp(agreement_id=agreement.id, months=3, asked_at=utcnow()))
        session.commit()

    young = phone(browser)
    log_in(young, server, "sara@example.no")
    young.goto(server.url + "/me")
    question = young.locator("#follow-up")
    expect(question.get_by_role("heading", name="Ett spørsmål fra oss")).to_be_visible()
    check_page(young, "question")
    question.get_by_label("Skole eller studier").check()
    question.get_by_role("button", name="Svar").click()
    expect(young.get_by_text("Takk for svaret.")).to_be_visible()
    expect(young.locator("#follow-up")).to_have_count(0)
    check_page(young, "answered")
    with Session(engine) as session:
        answer = session.scalars(select(FollowUp.answer)).one()
    assert answer is not None
    assert answer.value == "school"
