"""Response headers every page carries, and the one check for where `next` may send someone."""

from __future__ import annotations

from typing import Any, TypeGuard
from urllib.parse import urlsplit

from flask import Flask, Response, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the serializer that signs them made once per set of
    keys instead of on every request (making one serializes a sample value to learn its kind)."""

    def __init__(self) -> None:
        self._serializers: dict[tuple[object, ...], URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


def is_safe_redirect(target: str | None) -> TypeGuard[str]:
    """True only for a path on this site: not `//evil.com`, `/\\evil.com` or `https://...`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ch in target for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def add_static_headers(headers: Any, _path: str, _url: str) -> None:
    """Whitenoise's hook: static files answer outside Flask, so they get the header here."""
    headers["X-Content-Type-Options"] = "nosniff"


def is_signed_in() -> bool:
    # Read from the session cookie, not the database: this also runs on the page that says
    # the database cannot be reached. Flask-Login keeps the signed-in person's id under this key.
    return "_user_id" in session


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    defaults = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    if app.config["JOBBES_ENV"] == "production":
        defaults.append(("Strict-Transport-Security", "max-age=63072000; includeSubDomains"))

    @app.after_request
    def _set_security_headers(response: Response) -> Response:
        headers = response.headers
        # Each one unless the response set its own; one look at the headers, not one per header.
        present = {name.lower() for name in headers.keys()}  # noqa: SIM118 - Headers, not a dict
        headers.extend([(name, value) for name, value in defaults if name.lower() not in present])
        if is_signed_in():
            # A personal page must not stay in a shared computer's cache or a proxy's.
            headers["Cache-Control"] = "private, no-store"
        return response
