"""A 16-year-old on a phone answers the school question in the profile and reads what the law
says about their working hours, for now and from their next birthday."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.conftest import PHONE
from tests.e2e.test_finding_each_other_journey import log_in


def test_a_young_person_answers_the_school_question_and_reads_the_rules(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        factories.young_person(session, name="Nora", email="nora@example.no", age=16)
        session.commit()

    context = browser.new_context(**PHONE, locale="nb-NO")
    phone = context.new_page()
    log_in(phone, server, "nora@example.no")

    # Not answered yet: the stricter rules for pupils, and a way to answer.
    phone.goto(f"{server.url}/me/working-hours")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hva loven sier om arbeidstiden din")
    expect(phone.get_by_text("høyst 2 timer", exact=False).first).to_be_visible()
    check_page(phone, "rules-not-answered")
    phone.get_by_role("link", name="Svar på spørsmålet i profilen din").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Hvor og når?")
    question = phone.get_by_role("group", name="Går du på ungdomsskolen?")
    question.get_by_label("Nei").check()
    check_page(phone, "where-and-when-with-the-question")
    phone.get_by_role("button", name="Lagre og fortsett senere").click()

    phone.goto(f"{server.url}/me/profile")
    expect(phone.get_by_text("Går på ungdomsskolen")).to_be_visible()
    phone.get_by_role("link", name="Hva loven sier om arbeidstiden din").click()
    expect(
        phone.get_by_text("høyst 8 timer om dagen og 40 timer i uka", exact=False)
    ).to_be_visible()
    expect(phone.get_by_text("23:00", exact=False).first).to_be_visible()
    expect(phone.get_by_role("link", name="Svar på spørsmålet i profilen din")).to_have_count(0)
    check_page(phone, "rules-for-a-16-year-old")
    context.close()
