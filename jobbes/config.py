"""Settings read from the environment, with defaults that are safe for a developer's machine."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from jobbes import brreg

# The checkout: templates/, static/, migrations/ and instance/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The environment does not describe a runnable Jobbes."""


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling of the URL a host hands us."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret(instance_path: Path) -> str:
    """One random key per checkout, kept under instance/ so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load(instance_path: Path) -> dict[str, object]:
    """Build the Flask config mapping from environment variables."""
    env = os.environ.get("JOBBES_ENV", "development").strip().lower()
    if env not in {"development", "production", "test"}:
        raise ConfigError(f"JOBBES_ENV must be development, production or test, not {env!r}")
    production = env == "production"

    secret_key = os.environ.get("SECRET_KEY", "")
    if not secret_key:
        if production:
            raise ConfigError("SECRET_KEY must be set when JOBBES_ENV=production")
        secret_key = _development_secret(instance_path)

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'jobbes.db'}"

    mail_server = os.environ.get("MAIL_SERVER", "")
    if production and not mail_server:
        raise ConfigError("MAIL_SERVER must be set when JOBBES_ENV=production")

    ratelimit_storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    ratelimit_enabled = _flag("RATELIMIT_ENABLED", True)
    if production and ratelimit_enabled and ratelimit_storage.startswith("memory://"):
        # Each worker would count on its own, so a limit of 10 lets 10 per worker through.
        raise ConfigError(
            "RATELIMIT_STORAGE_URI must name a store the workers share, such as "
            "redis://host:6379, when JOBBES_ENV=production: memory:// counts in each worker "
            "separately, so the rate limits on login and registration would not hold "
            "(or set RATELIMIT_ENABLED=false if something in front of Jobbes limits instead)"
        )
    sms_backend = os.environ.get("SMS_BACKEND", "log").strip().lower()
    if sms_backend not in {"log", "sveve"}:
        raise ConfigError(f"SMS_BACKEND must be log or sveve, not {sms_backend!r}")
    if sms_backend == "sveve" and not (
        os.environ.get("SMS_SVEVE_USER") and os.environ.get("SMS_SVEVE_PASSWORD")
    ):
        raise ConfigError("SMS_BACKEND=sveve needs SMS_SVEVE_USER and SMS_SVEVE_PASSWORD")

    return {
        "JOBBES_ENV": env,
        "SECRET_KEY": secret_key,
        "DATABASE_URL": normalise_database_url(database_url),
        # Mail: with no MAIL_SERVER (development only) messages are written to the log instead.
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Jobbes <ikke-svar@jobbes.no>"),
        "MAIL_TIMEOUT": 10,
        # Brønnøysundregistrene, asked about an organisation number at sign-up. Empty: not asked
        # (the default for tests, which run a local server that answers like it).
        "BRREG_URL": os.environ.get("BRREG_URL", "" if env == "test" else brreg.DEFAULT_URL),
        "BRREG_TIMEOUT": float(os.environ.get("BRREG_TIMEOUT", str(brreg.DEFAULT_TIMEOUT))),
        # Text messages (jobbes/sms/): "log" writes them to the log, "sveve" sends them.
        "SMS_BACKEND": sms_backend,
        "SMS_SVEVE_URL": os.environ.get("SMS_SVEVE_URL", "https://sveve.no/SMS/SendMessage"),
        "SMS_SVEVE_USER": os.environ.get("SMS_SVEVE_USER", ""),
        "SMS_SVEVE_PASSWORD": os.environ.get("SMS_SVEVE_PASSWORD", ""),
        "SMS_SENDER": os.environ.get("SMS_SENDER", "Jobbes"),
        "SMS_TIMEOUT": float(os.environ.get("SMS_TIMEOUT", "10")),
        # The host the short links in texts point at ("jobbes.no/v/Ab3xK9pQ").
        "SMS_LINK_HOST": os.environ.get("SMS_LINK_HOST", "jobbes.no"),
        # Sessions and cookies.
        "SESSION_COOKIE_NAME": "jobbes_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_NAME": "jobbes_remember",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", "3600")),
        "EMAIL_CONFIRMATION_MAX_AGE": int(
            os.environ.get("EMAIL_CONFIRMATION_MAX_AGE", str(7 * 24 * 3600))
        ),
        # Forms.
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # Languages: Norwegian Bokmål first.
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        # Rate limits, shared between workers when a Redis URL is given.
        "RATELIMIT_STORAGE_URI": ratelimit_storage,
        "RATELIMIT_ENABLED": ratelimit_enabled,
        "RATELIMIT_HEADERS_ENABLED": True,
        # Number of reverse proxies in front of the app whose X-Forwarded-* headers we trust.
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", "0")),
        "STATIC_MAX_AGE": 365 * 24 * 3600,
        # Rendered search results each worker keeps (jobbes/page_cache.py); 0 turns it off.
        "PAGE_CACHE_SIZE": int(os.environ.get("PAGE_CACHE_SIZE", "500")),
        # Rendered result cards each worker remembers, keyed by all they show (page_cache.py,
        # `memo`): about 1 KB each with its key; 0 turns it off.
        "CARD_CACHE_SIZE": int(os.environ.get("CARD_CACHE_SIZE", "10000")),
        # The benchmark's baseline route (bench/run.py); never set in production.
        "BENCH_ROUTES": _flag("JOBBES_BENCH_ROUTES", False),
        # The task queue (jobbes/tasks.py): Redis in production, a SQLite file beside the app
        # otherwise. Tests run tasks at once, in the process that enqueues them.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "HUEY_FILENAME": os.environ.get("HUEY_FILENAME", str(instance_path / "huey.db")),
        "HUEY_IMMEDIATE": _flag("HUEY_IMMEDIATE", env == "test"),
        # Seconds before the first retry of a failed email or text; each retry waits twice as long.
        "DELIVERY_FIRST_RETRY": float(os.environ.get("DELIVERY_FIRST_RETRY", "60")),
        # Where links in emails lead; the worker has no request to read it from.
        "SITE_URL": os.environ.get("SITE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # /healthz says "degraded" when a delivery has waited this long (seconds).
        "QUEUE_DEGRADED_AFTER": int(os.environ.get("QUEUE_DEGRADED_AFTER", "900")),
        # Fail a request that ends with changes nobody committed (a forgotten commit) instead of
        # losing them silently; the tests turn it on.
        "JOBBES_STRICT_SESSIONS": _flag("JOBBES_STRICT_SESSIONS", False),
    }
