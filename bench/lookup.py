"""Print, as JSON, what bench/run.py needs from the database it is about to load-test."""

from __future__ import annotations

import json

from sqlalchemy import text

from jobbes.db import db
from wsgi import app

with app.app_context():
    listings = db.scalar(text("SELECT count(*) FROM listings"))
    young = db.scalar(text("SELECT min(user_id) FROM profiles WHERE discoverable"))
    listing = db.execute(
        text(
            "SELECT l.id, u.email FROM listings l JOIN users u "
            "ON u.organisation_id = l.organisation_id WHERE l.status = 'published' "
            "AND l.deadline > CURRENT_DATE AND l.minimum_age = 15 ORDER BY l.id LIMIT 1"
        )
    ).first()
    print(
        json.dumps(
            {
                "listings": listings,
                "young": young,
                "listing": listing[0] if listing else None,
                "employer": listing[1] if listing else None,
            }
        )
    )
