"""The moderation pages axe found wanting on a phone: the audit log's sideways-scrolling table
is reachable by keyboard, and the live listings page does not skip a heading level."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from tests import factories
from tests.e2e.conftest import PHONE, _axe


def log_in(page: Page, server, email: str) -> None:
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


# `heading-order` is a best practice, outside the WCAG tags check_page() runs: asked for by name.
RULES = {"runOnly": {"type": "rule", "values": ["scrollable-region-focusable", "heading-order"]}}


def test_audit_log_and_live_listings_pass_axe_on_a_phone(
    browser: Browser, server, check_page, engine
):
    with Session(engine) as session:
        moderator = factories.staff(session, role=Role.ADMIN, email="mona@varodd.no")
        employer = factories.employer(session, organisation_name="Lund Kafé")
        factories.published_listing(session, employer, moderator, title="Kokk på Lund")
        session.commit()

    page = browser.new_context(**PHONE, locale="nb-NO").new_page()
    log_in(page, server, "mona@varodd.no")
    for path, name in (("/moderation/audit", "audit"), ("/moderation/listings/live", "live")):
        page.goto(server.url + path)
        check_page(page, name)
        results = _axe.run(page, options=RULES)
        assert results.violations_count == 0, results.generate_report()

    page.goto(server.url + "/moderation/audit")
    table = page.get_by_role("region", name="Revisjonslogg")
    # It does scroll sideways at 390 px, so the check above had something to find.
    assert table.evaluate("box => box.scrollWidth > box.clientWidth")
    table.focus()
    expect(table).to_be_focused()
