"""Pages for everyone: the landing page, privacy, language choice and the health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, request
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from jobbes.db import db
from jobbes.htmx import render
from jobbes.i18n import LANGUAGE_COOKIE, LANGUAGES
from jobbes.models.base import local_today
from jobbes.security import is_safe_redirect
from jobbes.services import accounts, search
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
    except SQLAlchemyError:
        response = jsonify(status="error", app="ok", database="unreachable")
        response.status_code = 503
    else:
        response = jsonify(status="ok", app="ok", database="ok")
    response.headers["Cache-Control"] = "no-store"
    return response
