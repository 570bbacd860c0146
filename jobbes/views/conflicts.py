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
    """Give a refused or lost decision's page its own address, not the address the form posted to.

    The address replaces the current history entry instead of adding one: the form was on that
    page already, and a second entry for it would make Back seem to do nothing.
    """
    response.headers["HX-Push-Url"] = "false"
    response.headers["HX-Replace-Url"] = url
    return response
