"""A moderator opens the programme's numbers on a phone, looks at the year instead of the month,
and downloads a table as CSV: the same rows the page shows."""

from __future__ import annotations

import csv

from playwright.sync_api import Browser, expect
from sqlalchemy.orm import Session

from jobbes.models.base import local_today, utcnow
from jobbes.seed import demo
from tests.e2e.conftest import PHONE, log_in


def test_a_moderator_reads_the_year_and_downloads_the_funnel(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        demo.seed(session, today=local_today(), now=utcnow())
        session.commit()

    page = browser.new_context(**PHONE, locale="nb-NO", accept_downloads=True).new_page()
    log_in(page, server, demo.MODERATOR_EMAIL, demo.DEMO_PASSWORD)
    page.get_by_role("link", name="Programmets tall", exact=True).click()
    expect(page.get_by_role("heading", name="Programmets tall", level=1)).to_be_visible()
    check_page(page, "indicators-month")

    year = str(local_today().year)
    page.get_by_label("Periode").select_option(year)
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state("load")
    assert f"period={year}" in page.url
    check_page(page, "indicators-year")
    # A year of the demo programme: enough people for real numbers in the funnel.
    funnel = page.locator("table[data-table=funnel]")
    expect(funnel.locator("tbody tr").first.locator("td").first).not_to_have_text("<5")
    chart = page.get_by_role("img", name="Unge på hvert steg", exact=False)
    expect(chart).to_be_visible()

    shown = [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in funnel.locator("tr").all()
    ]
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Last ned tabellen som CSV (Fra registrering til arbeid", exact=False
        ).click()
    assert download.value.suggested_filename == f"jobbes-funnel-{year}.csv"
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert list(csv.reader(text.splitlines())) == shown
