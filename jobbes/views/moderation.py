"""The moderators' area for Varodd/GameOn staff."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from jobbes.htmx import render
from jobbes.permissions import Permission
from jobbes.views.access import guard

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
guard(bp, Permission.MODERATION_VIEW)


@bp.get("")
def index() -> Any:
    return render("moderation/index.html")
