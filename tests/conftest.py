"""Fixtures shared by every test: a migrated database, one app for the session, an SMTP sink.

The suite runs on SQLite by default and on PostgreSQL when JOBBES_TEST_DATABASE_URL is set. Each
test runs inside a transaction that is rolled back afterwards; the app's own commits only release
savepoints inside it. Building an app costs about 0.2 s, so one app serves every test: each test
binds it to its own transaction and puts back whatever it changed (see `bound_to`). A module that
needs other settings overrides `app_config` and gets an app of its own; a test that adds routes
asks for `fresh_app`.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from alembic import command
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("JOBBES_ENV", "test")
os.environ.setdefault("SECRET_KEY", "test-secret-key")

from jobbes import create_app
from jobbes.config import normalise_database_url
from jobbes.db import EXTENSION_KEY, make_engine
from jobbes.extensions import limiter
from jobbes.page_cache import cache_of
from jobbes.services import passwords

# Argon2 at production strength costs ~50 ms a hash; tests only need it to be Argon2.
passwords.hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def pytest_sessionstart(session: pytest.Session) -> None:
    # Whitenoise serves the gzip copies; make sure none is older than the file it copies.
    from jobbes.static_files import compress

    compress()


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL' if os.environ.get('JOBBES_TEST_DATABASE_URL') else 'SQLite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("JOBBES_TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'jobbes-test.db'}"


def migrate(engine: Engine, url: str) -> None:
    """Build the schema the way production does: by running every migration from empty."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    from jobbes.cli import alembic_config

    app = create_app({"DATABASE_URL": url})
    with app.app_context(), engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine, database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        if engine.dialect.name == "postgresql":
            # Deferred triggers (the catalogue's version) fire at commit, which a test that is
            # rolled back never reaches: have them fire at the end of each statement instead.
            connection.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        yield connection
        transaction.rollback()


@pytest.fixture
def db_session(connection: Connection) -> Iterator[Session]:
    """A session for arranging and checking data, inside the test's transaction."""
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    yield session
    session.close()


class SentMail:
    """What the SMTP sink received, newest last."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def body(message: Message) -> str:
        payload = message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        return payload.decode(message.get_content_charset() or "utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[tuple[SentMail, int]]:
    handler = SentMail()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def mail(smtp_sink: tuple[SentMail, int]) -> SentMail:
    handler, _port = smtp_sink
    handler.clear()
    return handler


class Client(FlaskClient):
    """A test client that sends a valid CSRF token with every form, as a browser would."""

    def csrf_token(self) -> str:
        page = self.get("/privacy").get_data(as_text=True)
        match = CSRF_INPUT.search(page)
        assert match, "every page carries a CSRF token"
        return match.group(1)

    def post(self, *args: Any, csrf: bool = True, **kwargs: Any) -> Any:
        data = kwargs.get("data")
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)

    def htmx(self, method: str, url: str, target: str, **kwargs: Any) -> Any:
        """Request as htmx does when swapping the element with id `target`."""
        headers = {"HX-Request": "true", "HX-Target": f"div#{target}", **kwargs.pop("headers", {})}
        if method == "GET":
            return self.get(url, headers=headers, **kwargs)
        return self.post(url, headers=headers, **kwargs)

    def login(self, email: str, password: str = "password123") -> Any:
        response = self.post("/auth/login", data={"email": email, "password": password})
        assert response.status_code in (200, 303), response.status_code
        return response


def make_test_app(database_url: str, smtp_port: int, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "JOBBES_STRICT_SESSIONS": True,
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_USE_TLS": False,
        **overrides,
    }
    app = create_app(config)
    app.test_client_class = Client
    return app


def _reset_shared_state(app: Flask, *, rate_limits: bool) -> None:
    """Forget what one test left behind in the app and in the extensions all apps share."""
    # Rolled-back tests reuse catalogue versions, so a kept page could belong to another test.
    cache_of(app).clear()
    # The limiter is one object for every app (the live server's too): whether it counts is
    # whatever the last app built said, so each test says it again.
    limiter.enabled = rate_limits
    if getattr(limiter, "_storage", None) is not None:
        limiter.reset()


@contextmanager
def bound_to(app: Flask, connection: Connection) -> Iterator[Flask]:
    """Let `app` work inside the test's transaction, and undo the test's changes to it."""
    factory = app.extensions[EXTENSION_KEY]
    config = dict(app.config)
    app.extensions[EXTENSION_KEY] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    _reset_shared_state(app, rate_limits=app.config["RATELIMIT_ENABLED"])
    try:
        yield app
    finally:
        app.extensions[EXTENSION_KEY] = factory
        app.config.clear()
        app.config.update(config)
        # Back to the tests' default (make_test_app's), for the apps built and not bound here.
        _reset_shared_state(app, rate_limits=False)


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Settings a test module may override; a test that does gets an app of its own."""
    return {}


@pytest.fixture(scope="session")
def shared_app(database_url: str, smtp_sink: tuple[SentMail, int]) -> Flask:
    return make_test_app(database_url, smtp_sink[1])


@pytest.fixture
def app(
    shared_app: Flask,
    database_url: str,
    connection: Connection,
    smtp_sink: tuple[SentMail, int],
    app_config: dict[str, Any],
) -> Iterator[Flask]:
    app = make_test_app(database_url, smtp_sink[1], **app_config) if app_config else shared_app
    with bound_to(app, connection):
        yield app


@pytest.fixture
def fresh_app(
    database_url: str, connection: Connection, smtp_sink: tuple[SentMail, int]
) -> Iterator[Flask]:
    """An app of the test's own, for a test that adds routes or templates (Flask refuses new
    routes once an app has served a request)."""
    with bound_to(make_test_app(database_url, smtp_sink[1]), connection) as app:
        yield app


@pytest.fixture
def client(app: Flask) -> Client:
    return app.test_client()  # type: ignore[return-value]
