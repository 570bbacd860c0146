"""Both on phones: the employer proposes two times to meet, the young person picks one and
downloads it for their calendar, and both see the agreed time, place and contact."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today
from tests import factories
from tests.e2e.conftest import PHONE, log_in


def test_two_times_proposed_one_picked_and_both_see_it(
    browser: Browser, server, check_page, engine, tmp_path
):
    with Session(engine) as session:
        employer = factories.employer(
            session, organisation_name="Lund Kafé", email="kafe@example.no"
        )
        listing = factories.published_listing(
            session, employer, title="Kokk på Lund", address="Lundsvingen 4"
        )
        young = factories.findable_young_person(session, name="Sara")
        young.email = "sara@example.no"
        factories.interest(session, young, listing, message="Jeg lager god mat.")
        session.commit()
        listing_id = listing.id
    first, second = local_today() + timedelta(days=7), local_today() + timedelta(days=8)

    boss = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(boss, server, "kafe@example.no")
    boss.goto(server.url + f"/employer/listings/{listing_id}/interests")
    boss.get_by_role("link", name="Foreslå tider å møtes").click()
    expect(boss.get_by_role("heading", name="Tider å møtes", level=1)).to_be_visible()
    expect(boss.get_by_label("Sted")).to_have_value("Lundsvingen 4")
    check_page(boss, "employer-proposal-form")

    boss.locator("#day_1").fill(first.isoformat())
    boss.locator("#start_1").fill("10:00")
    boss.locator("#end_1").fill("11:00")
    boss.locator("#day_2").fill(second.isoformat())
    boss.locator("#start_2").fill("14:30")
    boss.locator("#end_2").fill("15:30")
    boss.get_by_label("Sted").fill("Lundsvingen 4, bakdøra")
    boss.get_by_label("Telefonnummeret deres").fill("912 34 567")
    # A mistake first: the second time ends before it starts.
    boss.locator("#end_2").fill("13:00")
    boss.get_by_role("button", name="Send tidene").click()
    expect(boss.get_by_text("Slutten må være etter starten.").first).to_be_visible()
    check_page(boss, "employer-proposal-mistake")
    boss.locator("#end_2").fill("15:30")
    boss.get_by_role("button", name="Send tidene").click()
    expect(boss.get_by_text("Tidene er sendt.")).to_be_visible()
    expect(boss.get_by_text("Venter på at ungdommen velger en tid")).to_be_visible()
    check_page(boss, "employer-times-sent")

    sara = browser.new_context(**PHONE, locale="nb-NO", accept_downloads=True).new_page()
    log_in(sara, server, "sara@example.no")
    sara.goto(server.url + "/me/interests")
    expect(sara.get_by_text("Hvilken tid passer deg?")).to_be_visible()
    expect(sara.get_by_text("Lundsvingen 4, bakdøra")).to_be_visible()
    check_page(sara, "young-person-picks")
    sara.get_by_label("14:30", exact=False).check()
    sara.get_by_role("button", name="Velg denne tiden").click()
    expect(sara.get_by_text("Du har valgt en tid.")).to_be_visible()
    chosen = sara.locator(".meeting-chosen")
    expect(chosen).to_contain_text("14:30–15:30")
    expect(sara.get_by_text("912 34 567")).to_be_visible()
    check_page(sara, "young-person-time-chosen")

    with sara.expect_download() as download_info:
        sara.get_by_role("link", name="Legg i kalenderen (.ics)").click()
    path = tmp_path / "meeting.ics"
    download_info.value.save_as(path)
    (event,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (second, 14, 30)
    assert str(event["LOCATION"]) == "Lundsvingen 4, bakdøra"

    boss.reload()
    expect(boss.get_by_text("Tid avtalt")).to_be_visible()
    expect(boss.locator(".meeting-chosen")).to_contain_text("14:30–15:30")
    expect(boss.get_by_role("link", name="Legg i kalenderen (.ics)")).to_be_visible()
    check_page(boss, "employer-sees-the-time")

    # Both pages of their own show the agreed time too, and pass the same checks.
    sara.get_by_role("link", name="Kan du ikke? Be om en annen tid").click()
    expect(sara.get_by_role("heading", name="Kan du ikke likevel?")).to_be_visible()
    expect(sara.locator(".meeting-chosen")).to_contain_text("14:30–15:30")
    check_page(sara, "young-person-meeting-page")
    boss.get_by_role("link", name="Foreslå nye tider").click()
    expect(boss.get_by_text("Dere har allerede avtalt en tid.")).to_be_visible()
    check_page(boss, "employer-meeting-page-after-the-pick")
