"""The employer's area: their organisation and, later, its listings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_login import current_user

from jobbes.htmx import render
from jobbes.permissions import Permission
from jobbes.views.access import guard

bp = Blueprint("employer", __name__, url_prefix="/employer")
guard(bp, Permission.ORGANISATION_MANAGE)


@bp.get("")
def index() -> Any:
    return render("employer/index.html", organisation=current_user.organisation)
