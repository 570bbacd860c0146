"""A baseline for the benchmark: one indexed query, twenty rows, a small template.

Registered only when JOBBES_BENCH_ROUTES is set (bench/run.py sets it), never in production.
Every page's speed is reported as a ratio to this route, measured in the same run.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from sqlalchemy import select

from jobbes.db import db
from jobbes.models import Listing, ListingStatus
from jobbes.views.access import public

bp = Blueprint("bench", __name__, url_prefix="/bench")


@bp.get("/bare")
@public
def bare() -> Any:
    rows = db.execute(
        select(Listing.id, Listing.area, Listing.deadline)
        .where(Listing.status == ListingStatus.PUBLISHED)
        .order_by(Listing.id.desc())
        .limit(20)
    ).all()
    return render_template("bench/bare.html", rows=rows)
