"""Rate limits on registration, password re-checks and invitations, and where they are counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from jobbes import config
from jobbes.db import EXTENSION_KEY
from tests import factories
from tests.conftest import make_test_app


@pytest.fixture
def limited_app(database_url, smtp_sink, connection):
    """The test app with rate limiting on, as in production (tests turn it off elsewhere)."""
    app = make_test_app(database_url, smtp_sink[1], RATELIMIT_ENABLED=True)
    app.extensions[EXTENSION_KEY] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return app


@pytest.mark.parametrize("kind", ["young-person", "employer"])
def test_registration_is_rate_limited(limited_app, kind):
    client = limited_app.test_client()
    url = f"/auth/register/{kind}"
    for _ in range(20):
        assert client.post(url, data={"email": "not-an-email"}).status_code == 422
    response = client.post(url, data={"email": "not-an-email"})
    assert response.status_code == 429
    assert "For mange forsøk" in response.get_data(as_text=True)


WRONG_PASSWORD = {
    "/auth/password": {"current_password": "wrong", "password": "a-new-password"},
    "/me/data/email": {"email": "new@example.no", "password": "wrong"},
    "/me/data/delete": {"confirm": "y", "password": "wrong"},
}


@pytest.mark.parametrize("url", list(WRONG_PASSWORD))
def test_password_guesses_while_signed_in_are_rate_limited(limited_app, db_session, url):
    user = factories.young_person(db_session)
    db_session.commit()
    client = limited_app.test_client()
    client.login(user.email)
    for _ in range(5):
        assert client.post(url, data=WRONG_PASSWORD[url]).status_code == 422
    assert client.post(url, data=WRONG_PASSWORD[url]).status_code == 429


def test_password_guesses_count_together_across_the_pages_that_ask(limited_app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client = limited_app.test_client()
    client.login(user.email)
    for url in ["/auth/password", "/me/data/email", "/auth/password", "/me/data/email"]:
        assert client.post(url, data=WRONG_PASSWORD[url]).status_code == 422
    assert client.post("/me/data/delete", data=WRONG_PASSWORD["/me/data/delete"]).status_code == 422
    response = client.post("/me/data/delete", data=WRONG_PASSWORD["/me/data/delete"])
    assert response.status_code == 429


def test_password_guesses_are_counted_per_account_not_per_address(limited_app, db_session):
    first, second = factories.young_person(db_session), factories.young_person(db_session)
    db_session.commit()
    for user in (first, second):
        client = limited_app.test_client()
        client.login(user.email)
        for _ in range(5):
            response = client.post("/auth/password", data=WRONG_PASSWORD["/auth/password"])
            assert response.status_code == 422


def test_colleague_invitations_are_rate_limited(limited_app, db_session, mail):
    user = factories.employer(db_session)
    db_session.commit()
    client = limited_app.test_client()
    client.login(user.email)
    for number in range(10):
        response = client.post(
            "/employer/organisation/colleagues", data={"email": f"colleague{number}@example.no"}
        )
        assert response.status_code == 303
    response = client.post(
        "/employer/organisation/colleagues", data={"email": "one-more@example.no"}
    )
    assert response.status_code == 429


def _production(monkeypatch, **env):
    monkeypatch.setenv("JOBBES_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.no")
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def test_production_refuses_to_count_rate_limits_in_one_workers_memory(monkeypatch):
    _production(monkeypatch, RATELIMIT_STORAGE_URI="memory://")
    with pytest.raises(config.ConfigError, match=r"RATELIMIT_STORAGE_URI.*redis://"):
        config.load(Path("/nonexistent"))


def test_production_refuses_the_default_rate_limit_store_too(monkeypatch):
    _production(monkeypatch)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    with pytest.raises(config.ConfigError, match="RATELIMIT_STORAGE_URI"):
        config.load(Path("/nonexistent"))


def test_production_starts_with_a_shared_rate_limit_store(monkeypatch):
    _production(monkeypatch, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379")
    assert config.load(Path("/nonexistent"))["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379"


def test_production_without_rate_limits_needs_no_store(monkeypatch):
    _production(monkeypatch, RATELIMIT_ENABLED="false")
    assert config.load(Path("/nonexistent"))["RATELIMIT_ENABLED"] is False
