"""Following the links Jobbes emails, as a person does from their inbox."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import Page, expect


def link_to(mail: Any, address: str, path: str, timeout: float = 5.0) -> str:
    """The newest link to `path` in the emails to `address`, waiting a moment for delivery."""
    deadline = time.monotonic() + timeout
    while True:
        for message in reversed(mail.to(address)):
            match = re.search(rf"http://\S+{re.escape(path)}/\S+", mail.body(message))
            if match:
                return match.group(0)
        if time.monotonic() > deadline:
            raise AssertionError(f"no email with a {path} link reached {address}")
        time.sleep(0.05)


def confirm_email(page: Page, server: Any, mail: Any, address: str, check_page: Any) -> None:
    """Land on "check your email", open the confirmation link and press the one button."""
    page.wait_for_url(server.url + "/auth/register/check-email")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    check_page(page, "check-email")
    page.goto(link_to(mail, address, "/auth/confirm"))
    check_page(page, "confirm")
    page.get_by_role("button", name="Bekreft og fortsett").click()
