"""What a phone downloads: every public page's first load, a repeat visit, and an htmx fragment,
counted in the browser (Chrome DevTools Protocol: bytes on the wire, requests, cache hits).

The table goes to test-results/page-weight.md (the README's speed section shows it). Goals
(issue 16): a first load ≤ 40 KiB in ≤ 6 requests, a repeat visit fetches only the HTML, an
htmx fragment ≤ 8 KiB.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session

from tests import factories
from tests.e2e.conftest import PHONE, RESULTS

FIRST_LOAD_BYTES = 40 * 1024
FIRST_LOAD_REQUESTS = 6
FRAGMENT_BYTES = 8 * 1024


class Network:
    """Requests a page makes, as Chromium's network layer sees them."""

    def __init__(self, page: Page) -> None:
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.cached: set[str] = set()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event: dict[str, Any]) -> None:
        if not event["request"]["url"].startswith("data:"):
            self.urls[event["requestId"]] = event["request"]["url"]

    def _received(self, event: dict[str, Any]) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        self.bytes[event["requestId"]] = int(event["encodedDataLength"])

    def fetched(self) -> list[str]:
        """The requests that went to the server (not answered from the browser's cache)."""
        return [rid for rid in self.urls if rid not in self.cached]

    def total(self) -> int:
        return sum(self.bytes.get(rid, 0) for rid in self.fetched())

    def clear(self) -> None:
        self.urls.clear()
        self.bytes.clear()
        self.cached.clear()


def test_public_pages_are_light_on_a_phone(browser: Browser, server, engine, check_page):
    with Session(engine) as session:
        employer = factories.employer(session, organisation_name="Kvadraturen Kafé")
        made = [
            factories.published_listing(
                session,
                employer,
                title=f"Kjøkkenhjelp nummer {n}",
                description="Oppvask, matlaging og rydding. " * 8,
            )
            for n in range(45)
        ]
        listing_id = made[0].id
        session.commit()
    pages = {
        "front page": "/",
        "search": "/listings",
        "a listing": f"/listings/{listing_id}",
        "log in": "/auth/login",
        "sign up": "/auth/register",
    }
    rows = []
    for name, path in pages.items():
        context = browser.new_context(**PHONE, locale="nb-NO")
        page = context.new_page()
        network = Network(page)
        page.goto(server.url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        first = (network.total(), len(network.fetched()))
        network.clear()
        page.goto(server.url + path, wait_until="load")  # a repeat visit, not a reload
        page.wait_for_load_state("networkidle")
        repeat = [network.urls[rid] for rid in network.fetched()]
        check_page(page, name.replace(" ", "-"))  # one stylesheet, still styled and accessible
        rows.append((name, path, *first, repeat))
        if name == "search":
            network.clear()
            page.get_by_role("link", name="Neste").click()
            # A locator, not a script: the site's CSP forbids evaluating strings.
            expect(page.locator("#results-count")).to_contain_text("side 2")
            page.wait_for_load_state("networkidle")
            fragment = network.total()
        context.close()

    lines = [
        "| page | first load, on the wire | requests | repeat visit fetches |",
        "|---|---:|---:|---|",
    ]
    for name, path, size, count, repeat in rows:
        fetched = ", ".join(url.removeprefix(server.url) for url in repeat)
        lines.append(f"| {name} (`{path}`) | {size / 1024:.1f} KiB | {count} | {fetched} |")
    lines.append(f"| search, next page (htmx fragment) | {fragment / 1024:.1f} KiB | 1 | |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "page-weight.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))

    for name, path, size, count, repeat in rows:
        assert size <= FIRST_LOAD_BYTES, (name, size)
        assert count <= FIRST_LOAD_REQUESTS, (name, count)
        assert [url.removeprefix(server.url) for url in repeat] == [path], (name, repeat)
    assert fragment <= FRAGMENT_BYTES
