"""Issue 13 end to end, both on phones: a 17-year-old sends interest with a message, the employer
answers in the conversation and proposes two times from it, she hears the answer arrive, picks a
time in place and downloads it for her calendar, and both see the time wherever they look."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today
from tests import factories
from tests.e2e.conftest import PHONE, log_in

# The conversation asks every 10 seconds; give it one round and some.
POLLED = 15_000


def test_interest_answer_two_times_pick_one_and_both_see_it(
    browser: Browser, server, check_page, engine, tmp_path
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, title="Kokk på Lund", minimum_age=15, address="Lundsvingen 4"
        )
        young = factories.findable_young_person(session, name="Sara", age=17)
        young.email = "sara@example.no"
        session.commit()
        listing_id = listing.id
    first, second = local_today() + timedelta(days=7), local_today() + timedelta(days=8)

    # Sara says she is interested, with a message; her conversation opens with it.
    sara = browser.new_context(**PHONE, locale="nb-NO", accept_downloads=True).new_page()
    log_in(sara, server, "sara@example.no")
    sara.goto(server.url + f"/listings/{listing_id}")
    sara.get_by_label("En kort melding til arbeidsgiveren").fill("Jeg elsker å lage mat!")
    sara.get_by_role("button", name="Jeg er interessert").click()
    expect(sara.get_by_text("Du sa at du er interessert.")).to_be_visible()
    check_page(sara, "young-person-interest-sent")
    sara.goto(server.url + "/messages")
    sara.get_by_role("link", name="Lund Kafé – Kokk på Lund").click()
    expect(sara.get_by_text("Jeg elsker å lage mat!")).to_be_visible()
    check_page(sara, "young-person-conversation")

    # The employer answers in the conversation, then proposes two times from it.
    boss = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(boss, server, "kafe@example.no")
    boss.goto(server.url + "/messages")
    boss.get_by_role("link", name="Sara – Kokk på Lund").click()
    boss.get_by_label("Meldingen din").fill(
        "Hei Sara! Vi vil gjerne møte deg. Jeg sender to tider."
    )
    boss.get_by_role("button", name="Send").click()
    expect(boss.locator(".chat__message--mine").last).to_contain_text("to tider")
    check_page(boss, "employer-answered")
    boss.get_by_role("link", name="Foreslå tider å møtes").click()
    boss.locator("#day_1").fill(first.isoformat())
    boss.locator("#start_1").fill("10:00")
    boss.locator("#end_1").fill("11:00")
    boss.locator("#day_2").fill(second.isoformat())
    boss.locator("#start_2").fill("14:30")
    boss.locator("#end_2").fill("15:30")
    boss.get_by_label("Telefonnummeret deres").fill("912 34 567")
    check_page(boss, "employer-proposes")
    boss.get_by_role("button", name="Send tidene").click()
    # Back in the conversation, with the times in it.
    expect(boss.get_by_text("Tidene er sendt.")).to_be_visible()
    expect(boss.get_by_text("Venter på at ungdommen velger en tid")).to_be_visible()
    expect(boss.get_by_label("Meldingen din")).to_be_visible()
    check_page(boss, "employer-conversation-times-sent")

    # Sara's open conversation shows the answer without a reload, and tells a screen reader
    # the new words only, not the whole list again.
    answer = sara.locator(".chat__body", has_text="Vi vil gjerne møte deg.")
    expect(answer).to_be_visible(timeout=POLLED)
    expect(sara.locator("#conversation-news")).to_contain_text("Vi vil gjerne møte deg.")
    expect(sara.locator("#conversation-news")).not_to_contain_text("Jeg elsker å lage mat!")
    check_page(sara, "young-person-hears-the-answer")

    # The times came into the conversation with it; she picks one there, in place.
    times = sara.locator(".meeting")
    expect(times.get_by_text("Hvilken tid passer deg?")).to_be_visible()
    expect(times.get_by_text("Lundsvingen 4")).to_be_visible()
    check_page(sara, "young-person-times-in-the-conversation")
    address = sara.url
    sara.get_by_label("14:30", exact=False).check()
    sara.get_by_role("button", name="Velg denne tiden").click()
    expect(sara.get_by_text("Du har valgt en tid.")).to_be_visible()
    expect(sara.locator(".meeting-chosen")).to_contain_text("14:30–15:30")
    assert sara.url == address  # still in the conversation: nothing reloaded
    check_page(sara, "young-person-picked-in-place")

    with sara.expect_download() as download_info:
        sara.get_by_role("link", name="Legg i kalenderen (.ics)").click()
    path = tmp_path / "meeting.ics"
    download_info.value.save_as(path)
    (event,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (second, 14, 30)
    assert "912 34 567" in str(event["DESCRIPTION"])

    # Both see the time: on her interests and her front page, in his pipeline and conversation.
    sara.goto(server.url + "/me/interests")
    expect(sara.locator(".meeting-chosen")).to_contain_text("14:30–15:30")
    check_page(sara, "young-person-interests")
    sara.goto(server.url + "/me")
    upcoming = sara.locator(".upcoming-meetings")
    expect(upcoming).to_contain_text("14:30–15:30")
    expect(upcoming).to_contain_text("Lundsvingen 4")
    check_page(sara, "young-person-front-page")

    boss.reload()
    expect(boss.locator(".meeting-chosen")).to_contain_text("14:30–15:30")
    expect(boss.get_by_text("Tid avtalt")).to_be_visible()
    check_page(boss, "employer-conversation-time-agreed")
    boss.goto(server.url + f"/employer/listings/{listing_id}/interests")
    expect(boss.get_by_text("Tid avtalt").first).to_be_visible()
    expect(boss.locator(".meeting-chosen").first).to_contain_text("14:30–15:30")
    check_page(boss, "employer-pipeline-time-agreed")
