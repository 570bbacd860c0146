"""The moderators' menu on a phone: one row that scrolls sideways, not half the screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from jobbes.models import Role
from tests import factories


def test_the_moderation_menu_is_one_compact_row_on_a_phone(page: Page, server, check_page, engine):
    with Session(engine) as session:
        factories.staff(session, role=Role.MODERATOR, email="mona@varodd.no")
        session.commit()
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill("mona@varodd.no")
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(server.url + "/moderation/reports")
    menu = page.get_by_role("navigation", name="Moderering")
    box = menu.bounding_box()
    assert box is not None
    assert box["height"] < 80, f"the menu is {box['height']} px tall"
    current = menu.get_by_role("link", name="Rapporter")
    expect(current).to_have_attribute("aria-current", "page")
    check_page(page, "reports")
    # Every area is still there, and a keyboard reaches the last one.
    last = menu.get_by_role("link", name="Revisjonslogg")
    last.focus()
    expect(last).to_be_in_viewport()
    check_page(page, "last-area-focused")
    last.click()
    expect(page).to_have_url(server.url + "/moderation/audit")
