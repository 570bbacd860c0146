"""Response headers every page carries, and the one check for where `next` may send someone."""

from __future__ import annotations

from typing import Any, TypeGuard
from urllib.parse import urlsplit

from flask import Flask, Response, session

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
    production = app.config["JOBBES_ENV"] == "production"

    @app.after_request
    def _set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if is_signed_in():
            # A personal page must not stay in a shared computer's cache or a proxy's.
            headers["Cache-Control"] = "private, no-store"
        return response
