"""Browser tests: Debian's Chromium driven by Playwright against a live server, on a phone.

Every page a test visits goes through `check_page()`: a screenshot into test-results/ and an
axe-core scan for WCAG 2.1 A and AA that must find nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import Engine
from werkzeug.serving import make_server

from jobbes.models import Base, CatalogueVersion
from tests import factories
from tests.conftest import make_test_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RESULTS = Path(__file__).parent.parent.parent / "test-results"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

_axe = Axe()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    return {**PHONE, "locale": "nb-NO"}


def log_in(page: Any, server: LiveServer, email: str, password: str = factories.PASSWORD) -> None:
    """Log in through the form, as a person would, and wait for the page it leads to."""
    page.goto(server.url + "/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state("load")


# A <details> has finished opening when its box holds all of its body: Designsystemet's details
# (and the search's filters) open in a height transition that `getAnimations()` does not list,
# and a click or a screenshot before then lands on a moving, half-shown body.
_OPENED = """(details) => {
    const body = details && details.open && details.lastElementChild;
    return Boolean(body) && details.getBoundingClientRect().bottom
        >= body.getBoundingClientRect().bottom;
}"""


def wait_for_open_filters(page: Any) -> None:
    """The search's filters, open and at rest."""
    page.wait_for_function(f"() => ({_OPENED})(document.querySelector('details.filters[open]'))")


def open_details(summary: Any) -> None:
    """Click a <details>' summary, and wait until the details are open and at rest, so that
    what is inside is filled in and clicked where it will stay."""
    summary.click()
    summary.page.wait_for_function(
        f"(summary) => ({_OPENED})(summary.closest('details'))", arg=summary.element_handle()
    )


def wipe(engine: Engine) -> None:
    """Empty every table; browser tests commit for real, so they clean up after themselves.

    The catalogue's version stays: it only ever goes up, or the live server's kept search
    results from one test could be shown in the next.
    """
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table is not CatalogueVersion.__table__:
                connection.execute(table.delete())


class LiveServer:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def live_server(engine: Engine, database_url: str, smtp_sink: Any) -> Iterator[LiveServer]:
    app = make_test_app(database_url, smtp_sink[1], SERVER_NAME=None)
    wipe(engine)
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def server(live_server: LiveServer, engine: Engine, mail: Any) -> Iterator[LiveServer]:
    """The live server, with an empty database for this test."""
    yield live_server
    wipe(engine)


@pytest.fixture
def check_page(request: pytest.FixtureRequest) -> Any:
    """Screenshot the page into test-results/<test>/ and fail on any axe-core violation."""
    folder = RESULTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def check(page: Any, name: str) -> None:
        page.wait_for_load_state("load")
        page.screenshot(path=folder / f"{next(counter):02d}-{name}.png", full_page=True)
        results = _axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{name} ({page.url}):\n{results.generate_report()}"

    return check
