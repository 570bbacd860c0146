"""A young person's saved searches: saving the one on screen, the list, and changing each one."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from flask_login import current_user

from jobbes.db import db
from jobbes.forms.saved_searches import (
    FREQUENCY_LABELS,
    EditSavedSearchForm,
    SaveSearchForm,
    describe,
    query_args,
    query_pairs,
    search_form_for,
)
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import AlertFrequency, SavedSearch
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission
from jobbes.services import saved_searches
from jobbes.views.access import guard
from jobbes.views.listings import search_page

bp = Blueprint("saved_searches", __name__, url_prefix="/listings/saved")
guard(bp, Permission.SEARCH_SAVE)


def _listings_url(saved: SavedSearch) -> str:
    return url_for("listings.index") + (f"?{saved.query}" if saved.query else "")


def _list_page(invalid: tuple[int, EditSavedSearchForm] | None = None, status: int = 200) -> Any:
    now, today = utcnow(), local_today()
    profile = current_user.profile
    age = profile.age(today) if profile is not None else None
    rows = []
    for saved in saved_searches.saved_searches_of(db, current_user):
        form = EditSavedSearchForm(
            formdata=None, prefix=f"s{saved.id}", name=saved.name, frequency=saved.frequency.value
        )
        if invalid is not None and invalid[0] == saved.id:
            form = invalid[1]
        rows.append(
            {
                "saved": saved,
                "form": form,
                "describes": describe(search_form_for(saved.query)),
                "listings_url": _listings_url(saved),
                "new": saved_searches.new_since_last_look(db, saved, today=today, age=age),
                "active": saved_searches.is_active(saved, now),
                "stopped": saved.alerts_until <= now,
            }
        )
    return render(
        "saved_searches/index.html",
        status=status,
        rows=rows,
        frequency_labels=FREQUENCY_LABELS,
        most=saved_searches.MAX_PER_PERSON,
    )


def _own(saved_search_id: int) -> SavedSearch:
    saved = saved_searches.saved_search_of(db, current_user, saved_search_id)
    if saved is None:
        abort(404)
    return saved


@bp.get("")
def index() -> Any:
    return _list_page()


@bp.post("")
def save() -> Any:
    form = SaveSearchForm()
    search_form = search_form_for(form.query.data or "")
    if not search_form.validate():
        abort(400)  # the page wrote this query itself: anything else was made up
    query = saved_searches.canonical_query(query_pairs(search_form))
    if not form.validate():
        return search_page(query_args(query), form, status=422)
    try:
        saved_searches.save_search(
            db,
            current_user,
            name=form.name.data,
            query=query,
            frequency=AlertFrequency(form.frequency.data),
            now=utcnow(),
        )
    except saved_searches.TooManySavedSearches:
        flash(
            _(
                "You already keep %(most)d searches. Delete one you no longer need first.",
                most=saved_searches.MAX_PER_PERSON,
            ),
            "info",
        )
        return redirect_client(url_for(".index"))
    db.commit()
    flash(_("Saved. You find it under “Saved searches”."), "success")
    return redirect_client(url_for("listings.index") + (f"?{query}" if query else ""))


@bp.get("/<int:saved_search_id>")
def open_search(saved_search_id: int) -> Any:
    """Opening a saved search marks what it found as seen, then shows the listings."""
    saved = _own(saved_search_id)
    saved_searches.mark_seen(saved, now=utcnow())
    db.commit()
    return redirect(_listings_url(saved), 303)


@bp.post("/<int:saved_search_id>")
def change(saved_search_id: int) -> Any:
    saved = _own(saved_search_id)
    form = EditSavedSearchForm(prefix=f"s{saved.id}")
    if not form.validate():
        return _list_page(invalid=(saved.id, form), status=422)
    saved_searches.rename(saved, form.name.data)
    saved_searches.set_frequency(saved, AlertFrequency(form.frequency.data), now=utcnow())
    db.commit()
    flash(_("Your changes to “%(name)s” are saved.", name=saved.name), "success")
    return redirect_client(url_for(".index"))


@bp.post("/<int:saved_search_id>/renew")
def renew(saved_search_id: int) -> Any:
    saved = _own(saved_search_id)
    saved_searches.renew(saved, now=utcnow())
    db.commit()
    flash(_("Alerts for “%(name)s” go on for six more months.", name=saved.name), "success")
    return redirect_client(url_for(".index"))


@bp.post("/<int:saved_search_id>/delete")
def delete(saved_search_id: int) -> Any:
    saved = _own(saved_search_id)
    name = saved.name
    saved_searches.remove(db, saved)
    db.commit()
    flash(_("“%(name)s” is deleted.", name=name), "success")
    return redirect_client(url_for(".index"))
