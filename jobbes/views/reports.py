"""Reporting a listing or a profile to the moderators, for anyone logged in."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, url_for
from flask_login import current_user

from jobbes.db import db
from jobbes.forms.moderation import ReportForm
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Profile
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import reports, visibility
from jobbes.views.access import guard

bp = Blueprint("reports", __name__, url_prefix="/report")
guard(bp, Permission.REPORT_CREATE)


def _reportable(subject_type: str, subject_id: int) -> tuple[str, str]:
    """The item's title and where to go back to, if the person may see it at all (else 404)."""
    if subject_type == "listing":
        listing = visibility.published_listing(db, subject_id, local_today())
        if listing is None or listing.published_version is None:
            abort(404)
        return listing.published_version.title, url_for(
            "listings.listing_page", listing_id=listing.id
        )
    profile = db.get(Profile, subject_id)
    if profile is None or not can(current_user, Permission.PROFILE_VIEW, profile):
        abort(404)
    return _("a profile"), url_for("employer.index")


def _page(subject_type: str, subject_id: int, form: ReportForm, status: int = 200) -> Any:
    title, back = _reportable(subject_type, subject_id)
    return render(
        "reports/new.html",
        status=status,
        form=form,
        subject_type=subject_type,
        subject_id=subject_id,
        title=title,
        back=back,
    )


@bp.get("/<any(listing, profile):subject_type>/<int:subject_id>")
def report_page(subject_type: str, subject_id: int) -> Any:
    return _page(subject_type, subject_id, ReportForm())


@bp.post("/<any(listing, profile):subject_type>/<int:subject_id>")
def send_report(subject_type: str, subject_id: int) -> Any:
    _title, back = _reportable(subject_type, subject_id)
    form = ReportForm()
    if not form.validate():
        return _page(subject_type, subject_id, form, status=422)
    reports.create_report(
        db,
        reporter=current_user,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=form.chosen_reason(),
        text=form.text.data,
        now=utcnow(),
    )
    db.commit()
    flash(
        _("Thank you. The staff at Varodd will look at it, usually within a working day."),
        "success",
    )
    return redirect_client(back)
