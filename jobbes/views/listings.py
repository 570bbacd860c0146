"""Published listings, for everyone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort

from jobbes.db import db
from jobbes.htmx import render
from jobbes.models import Listing
from jobbes.models.base import local_today
from jobbes.services import listings
from jobbes.views.access import public

bp = Blueprint("listings", __name__, url_prefix="/listings")


@bp.get("/<int:listing_id>")
@public
def listing_page(listing_id: int) -> Any:
    today = local_today()
    listing = db.scalar(listings.published_listings(today).where(Listing.id == listing_id))
    if listing is None:
        abort(404)
    return render("listings/listing.html", listing=listing, version=listing.published_version)
