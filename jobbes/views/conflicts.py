"""The answer to someone whose step lost to another person's on the same thing.

Services raise `StaleState` when the item is no longer in the state the person saw. The view then
undoes everything the request wrote, so nothing of the losing step stays (not its audit entry, not
its timeline event), says plainly what happened, and shows the item as it is now with 409: as a
full page without JavaScript, as the swapped part for htmx.
"""

from __future__ import annotations

from flask import Response, flash

from jobbes.db import db


def lost(message: object) -> None:
    """Roll back the request's writes and tell the person who was quicker and what happened."""
    db.rollback()
    flash(str(message), "warning")


def shown_at(response: Response, url: str) -> Response:
    """Give the 409 page its own address in htmx's history, not the address the form posted to."""
    response.headers["HX-Push-Url"] = url
    return response
