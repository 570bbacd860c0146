"""Pages for everyone: the landing page, privacy, language choice and the health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, request
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from jobbes.db import db
from jobbes.htmx import render
from jobbes.i18n import LANGUAGE_COOKIE, LANGUAGES
from jobbes.models.base import local_today, utcnow
from jobbes.security import is_safe_redirect
from jobbes.services import accounts, delivery, search
from jobbes.views.access import public

bp = Blueprint("public", __name__)

ONE_YEAR = 365 * 24 * 3600


FEATURED_ON_FRONT_PAGE = 4


@bp.get("/")
@public
def index() -> Any:
    featured = search.find_listings(db, search.Criteria(), today=local_today()).listings
    return render("public/index.html", featured=featured[:FEATURED_ON_FRONT_PAGE])


@bp.get("/privacy")
@public
def privacy() -> Any:
    return render("public/privacy.html")


@bp.get("/accessibility")
@public
def accessibility() -> Any:
    return render("public/accessibility.html")


@bp.post("/language")
@public
def choose_language() -> Any:
    """Remember the chosen language in a cookie, then go back to the page the choice was made on."""
    language = request.form.get("language", "")
    next_url = request.form.get("next", "")
    response = redirect(next_url if is_safe_redirect(next_url) else "/", 303)
    if language in LANGUAGES:
        if current_user.is_authenticated:
            # Emails and texts are written in it, long after this cookie is gone.
            accounts.set_language(current_user, language)
            db.commit()
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=ONE_YEAR,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
    return response


@bp.get("/healthz")
@public
def healthz() -> Any:
    try:
        db.execute(text("SELECT 1"))
        queue_age = delivery.oldest_undelivered_age(db, now=utcnow())
    except SQLAlchemyError:
        response = jsonify(status="error", app="ok", database="unreachable")
        response.status_code = 503
    else:
        # A worker that is behind does not stop the site from serving pages: the answer stays
        # 200 (a load balancer must not take the web server out for it), and says "degraded"
        # for monitoring to alert on.
        behind = queue_age is not None and queue_age > current_app.config["QUEUE_DEGRADED_AFTER"]
        response = jsonify(
            status="degraded" if behind else "ok",
            app="ok",
            database="ok",
            queue={
                "status": "behind" if behind else "ok",
                "oldest_undelivered_seconds": None if queue_age is None else round(queue_age),
            },
        )
    response.headers["Cache-Control"] = "no-store"
    return response
