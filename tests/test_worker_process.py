"""The real worker: `huey_consumer` in its own process, a SQLite database and queue in a temporary
folder, and the aiosmtpd sink. The mail server is down while events happen; once it is back,
every email arrives, each exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from jobbes import create_app
from jobbes.config import PROJECT_ROOT
from jobbes.db import db, make_engine
from jobbes.models import Delivery, DeliveryStatus, NotificationKind
from jobbes.models.base import utcnow
from jobbes.services import notifications
from tests import factories
from tests.conftest import SentMail, free_port, migrate

S = DeliveryStatus


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


@pytest.fixture
def settings(tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'jobbes.db'}"
    engine = make_engine(url)
    migrate(engine, url)
    engine.dispose()
    return {
        "JOBBES_ENV": "test",
        "SECRET_KEY": "worker-test-secret",
        "DATABASE_URL": url,
        "HUEY_IMMEDIATE": "0",
        "HUEY_FILENAME": str(tmp_path / "huey.db"),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(free_port()),
        "MAIL_USE_TLS": "0",
        # Half a second, then one, two ...: the test need not wait minutes for a retry.
        "DELIVERY_FIRST_RETRY": "0.5",
    }


@pytest.fixture
def worker(settings: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "jobbes.worker.huey", "-w", "2"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **settings},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    process.wait(timeout=10)
    log.close()
    print((tmp_path / "worker.log").read_text())


def test_mail_server_down_then_back_everything_arrives_exactly_once(settings, worker):
    app = create_app(
        {
            "DATABASE_URL": settings["DATABASE_URL"],
            "HUEY_IMMEDIATE": False,
            "HUEY_FILENAME": settings["HUEY_FILENAME"],
        }
    )
    sink = SentMail()
    smtp = Controller(sink, hostname="127.0.0.1", port=int(settings["MAIL_PORT"]))
    with app.app_context():
        people = [factories.young_person(db) for _ in range(3)]
        db.commit()
        emails = sorted(person.email for person in people)
        # The mail server is down while three things happen.
        for person in people:
            notifications.notify(
                db,
                person,
                NotificationKind.INTEREST_OFFERED,
                link="/me/interests",
                params={"listing": "Kjøkkenhjelp"},
                now=utcnow(),
            )
            db.commit()

        def statuses() -> list[DeliveryStatus]:
            db.rollback()
            return list(db.scalars(select(Delivery.status)))

        wait_for(lambda: statuses() == [S.FAILED] * 3, 30, "three failed attempts")
        assert sink.messages == []

        smtp.start()
        try:
            wait_for(lambda: statuses() == [S.SENT] * 3, 60, "three sent deliveries")
            time.sleep(3)  # any duplicate would arrive now
        finally:
            smtp.stop()

        assert sorted(message["To"] for message in sink.messages) == emails
        ids = {message["Message-ID"] for message in sink.messages}
        keys = {
            f"<delivery.{key.replace(':', '.')}@jobbes.no>"
            for key in db.scalars(select(Delivery.key))
        }
        assert ids == keys
        db.rollback()
        assert all(attempts >= 2 for attempts in db.scalars(select(Delivery.attempts)))
    assert worker.poll() is None, "the worker is still running"
