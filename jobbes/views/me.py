"""The young person's own area."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_login import current_user

from jobbes.htmx import render
from jobbes.models.base import local_today
from jobbes.permissions import Permission
from jobbes.views.access import guard

bp = Blueprint("me", __name__, url_prefix="/me")
guard(bp, Permission.PROFILE_MANAGE)


@bp.get("")
def index() -> Any:
    return render("me/index.html", profile=current_user.profile, today=local_today())
