"""The security baseline: CSRF everywhere, headers, cookies and rate limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobbes.models import Role
from jobbes.security import is_safe_redirect
from tests import factories
from tests.conftest import CSRF_INPUT, bound_to, make_test_app
from tests.test_access import routes
from tests.text import t

# RFC 8058: mail clients post the one-click unsubscribe with no cookies and no token; the signed
# token in its URL is the proof (tests/views/test_unsubscribe.py).
CSRF_EXEMPT = {"unsubscribe.unsubscribe"}


def test_every_post_route_refuses_a_request_without_a_csrf_token(app, client, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client.login(user.email)
    post_routes = [
        url
        for rule, method, url in routes(app)
        if method == "POST" and rule.endpoint not in CSRF_EXEMPT
    ]
    assert post_routes, "the sweep found no forms to test"
    for url in post_routes:
        response = client.post(url, data={"email": "x"}, csrf=False)
        assert response.status_code == 400, url
        assert t("The form had expired") in response.get_data(as_text=True)


def test_htmx_requests_may_carry_the_csrf_token_in_a_header(client):
    token = client.csrf_token()
    response = client.post(
        "/auth/login",
        data={"email": "nobody@example.no", "password": "x"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
        csrf=False,
    )
    assert response.status_code == 422


def test_every_page_carries_the_csrf_header_for_htmx(client):
    page = client.get("/").get_data(as_text=True)
    token = CSRF_INPUT.search(page).group(1)
    assert f"""<body hx-headers:inherited='{{"X-CSRFToken": "{token}"}}'>""" in page


def test_pages_carry_the_security_headers(client):
    headers = client.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_no_page_has_inline_script(client):
    page = client.get("/").get_data(as_text=True)
    assert "<script>" not in page
    assert " on" + "click=" not in page


def test_session_cookies_are_httponly_and_lax(client, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    response = client.post(
        "/auth/login", data={"email": user.email, "password": factories.PASSWORD, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    for name in ("jobbes_session", "jobbes_remember"):
        [cookie] = [c for c in cookies if c.startswith(name + "=")]
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_production_cookies_are_secure(monkeypatch):
    from jobbes import config

    monkeypatch.setenv("JOBBES_ENV", "production")
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.no")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    settings = config.load(Path("/nonexistent"))
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    from jobbes import config

    monkeypatch.setenv("JOBBES_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "")
    with pytest.raises(config.ConfigError, match="SECRET_KEY"):
        config.load(tmp_path)


def test_development_keeps_a_generated_secret_key_under_instance(monkeypatch, tmp_path):
    from jobbes import config

    monkeypatch.setenv("JOBBES_ENV", "development")
    monkeypatch.delenv("SECRET_KEY")
    first = config.load(tmp_path)["SECRET_KEY"]
    assert len(first) >= 64
    assert config.load(tmp_path)["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/me", True),
        ("/listings?type=job&page=2", True),
        ("//evil.com", False),
        ("/\\evil.com", False),
        ("https://evil.com", False),
        ("evil.com", False),
        ("/\tevil", False),
        ("", False),
        (None, False),
    ],
)
def test_only_same_site_paths_are_safe_redirects(target, safe):
    assert is_safe_redirect(target) is safe


@pytest.fixture
def limited_client(database_url, smtp_sink, connection):
    app = make_test_app(database_url, smtp_sink[1], RATELIMIT_ENABLED=True)
    with bound_to(app, connection):
        yield app.test_client()


def test_login_attempts_are_rate_limited(limited_client):
    for _ in range(10):
        response = limited_client.post(
            "/auth/login", data={"email": "x@example.no", "password": "wrong"}
        )
        assert response.status_code == 422
    response = limited_client.post("/auth/login", data={"email": "x@example.no", "password": "no"})
    assert response.status_code == 429
    assert t("Too many attempts") in response.get_data(as_text=True)
    assert "<html" in response.get_data(as_text=True)


def test_password_reset_requests_are_rate_limited(limited_client, mail):
    for _ in range(5):
        assert limited_client.post("/auth/reset", data={"email": "x@example.no"}).status_code == 200
    assert limited_client.post("/auth/reset", data={"email": "x@example.no"}).status_code == 429


def test_rate_limits_can_be_counted_in_redis_as_the_readme_says():
    # Constructing the storage needs the client library, not a running server.
    from limits.storage import RedisStorage, storage_from_string

    assert isinstance(storage_from_string("redis://127.0.0.1:6379"), RedisStorage)


@pytest.mark.parametrize("role", list(Role))
def test_every_page_a_signed_in_person_gets_is_private_and_not_stored(app, db_session, role):
    user = factories.user_with_role(db_session, role)
    db_session.commit()
    client = app.test_client()
    client.login(user.email)
    seen = []
    for rule, method, url in routes(app):
        if method == "GET" and rule.endpoint != "static":
            seen.append((url, client.get(url).headers.get("Cache-Control")))
    assert seen
    assert [s for s in seen if s[1] != "private, no-store"] == []


def test_public_pages_for_visitors_are_not_marked_private(client):
    assert "no-store" not in client.get("/listings").headers.get("Cache-Control", "")


def test_static_files_are_not_sniffed(client):
    response = client.get("/static/css/jobbes.css")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
