"""An organisation's public page: what it says about itself, how quickly it answers young people,
and its open listings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort

from jobbes.db import db
from jobbes.htmx import render
from jobbes.models.base import local_today, utcnow
from jobbes.services import organisations, response_rates
from jobbes.views.access import public

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.get("/<int:organisation_id>")
@public
def organisation_page(organisation_id: int) -> Any:
    organisation = organisations.public_organisation(db, organisation_id)
    if organisation is None:
        abort(404)
    return render(
        "organisations/organisation.html",
        organisation=organisation,
        open_listings=db.scalars(
            organisations.open_listings(organisation, today=local_today())
        ).all(),
        response_rate=response_rates.of_organisation(db, organisation.id, now=utcnow()),
    )
